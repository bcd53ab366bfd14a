/**
 * Chinese line-breaking rules as data (kinsoku / 禁则, after W3C clreq and GB/T 15834),
 * plus the number-with-unit pattern. breaker.ts only interprets these tables.
 */

export const KINSOKU = {
  /** never at the start of a line: closing punctuation, pauses, percent signs, small kana */
  noStart:
    '，。、；：？！）》」』〕】〗〙〛〉｝］”’〞〟％‰′″℃…‥·・〜～ー々〻ゝゞヽヾ' +
    'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ' +
    ',.;:?!)]}%',
  /** never at the end of a line: opening punctuation and currency prefixes */
  noEnd: '（《「『“‘〔【〖〘〚〈｛［〝([{¥￥$£€',
  /** runs of these are one mark (—— 破折号, …… 省略号) and are never split */
  inseparable: '—…‥',
  /**
   * a break is allowed before these: UAX #14 treats curly quotes as ambiguous and,
   * after full-width punctuation, forbids breaks Chinese typesetting allows
   */
  breakBefore: '（《「『“‘〔【〖〘〚〈｛［',
  /** a break is allowed after these (full-width closing punctuation, also before Latin text) */
  breakAfter: '，。、；：？！）》」』〕】〗〙〛〉｝］”’',
} as const;

/** Whitespace that hangs at a line end and is not counted in its width. */
export const TRAILING_SPACE = /[ \t\u3000]+$/;

export const NUMBER_UNITS = {
  /** written before the number, may include a space ('CNY 2,715') */
  prefixes: [
    'CNY ',
    'USD ',
    'RMB ',
    'EUR ',
    'HK$',
    'US$',
    'CA$',
    'C$',
    'A$',
    'NT$',
    '¥',
    '￥',
    '$',
    '€',
    '£',
    '+',
    '-',
    '−',
    '±',
    '~',
    '约',
  ],
  /** written after the number, any number of them ('万人次', '亿元') */
  units: [
    '万亿',
    '亿',
    '万',
    '千',
    '百',
    '元',
    '角',
    '人次',
    '人',
    '%',
    '％',
    '‰',
    '个百分点',
    '百分点',
    '倍',
    '成',
    '岁',
    '周岁',
    '年',
    '月',
    '日',
    '天',
    '小时',
    '分钟',
    '秒',
    '户',
    '家',
    '个',
    '次',
    '名',
    '位',
    '所',
    '座',
    '辆',
    '台',
    '件',
    '项',
    '吨',
    '公斤',
    '千克',
    '克',
    '公里',
    '千米',
    '米',
    '厘米',
    '平方米',
    '平方公里',
    '公顷',
    '亩',
    '升',
    '度',
    '℃',
    '°C',
    '°',
    'kWh',
    'km²',
    'km',
    'kg',
    'm²',
    'pp',
    'bp',
  ],
  /** a per-unit after a slash ('/月', '元/人') */
  perUnits: ['月', '年', '日', '天', '人', '户', '小时', '周', 'h', 'km²', 'km', 'm²', 'kg', 't'],
  /** scale words after a space: '15.71 million' is one unit of sense */
  scaleWords: ['thousand', 'million', 'billion', 'trillion', 'percentage points', 'percentage point'],
  /** currency codes after a space ('2,715 CNY') */
  suffixCodes: ['CNY', 'USD', 'RMB', 'EUR'],
} as const;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alt = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');

/** Matches one number with its prefix and units; a match is never split across lines. */
export const NUMBER_WITH_UNIT = new RegExp(
  `(?:${alt(NUMBER_UNITS.prefixes)})*` +
    `[0-9０-９]+(?:[.,．][0-9０-９]+)*` +
    `(?:${alt(NUMBER_UNITS.units)})*` +
    `(?:[ \u00A0](?:${alt(NUMBER_UNITS.scaleWords)})\\b)?` +
    `(?:/(?:${alt(NUMBER_UNITS.perUnits)}))?` +
    // a trailing code ('100 CNY') binds to the number before it unless a number follows it ('0.0 CNY 0')
    `(?: (?:${alt(NUMBER_UNITS.suffixCodes)})\\b(?! ?[0-9０-９]))?`,
  'g',
);

const sets = {
  noStart: new Set(KINSOKU.noStart),
  noEnd: new Set(KINSOKU.noEnd),
  inseparable: new Set(KINSOKU.inseparable),
  breakBefore: new Set(KINSOKU.breakBefore),
  breakAfter: new Set(KINSOKU.breakAfter),
};

export const isNoStart = (ch: string | undefined) => ch !== undefined && sets.noStart.has(ch);
export const isNoEnd = (ch: string | undefined) => ch !== undefined && sets.noEnd.has(ch);

/**
 * May a line end at `pos` (between text[pos-1] and text[pos])? Kinsoku only; the
 * caller combines this with UAX #14 opportunities and number spans.
 */
export function kinsokuAllows(text: string, pos: number): boolean {
  const next = text[pos];
  if (isNoStart(next)) return false;
  let i = pos - 1;
  while (i > 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
  const prev = text[i];
  if (isNoEnd(prev)) return false;
  if (prev !== undefined && prev === next && sets.inseparable.has(prev)) return false;
  return true;
}

const LATIN_WORD = /[\p{Script=Latin}\p{Nd}]/u;

/** Extra opportunities UAX #14 misses in Chinese text (around curly quotes). */
export function extraOpportunity(text: string, pos: number): boolean {
  const prev = text[pos - 1],
    next = text[pos];
  if (prev === undefined || next === undefined || /\s/.test(prev)) return false;
  // ’ before a Latin letter or digit is an apostrophe (Zealand’s, ’90s), not a closing quote
  if ((prev === '’' || prev === '”') && LATIN_WORD.test(next)) return sets.breakBefore.has(next);
  return sets.breakBefore.has(next) || sets.breakAfter.has(prev);
}
