import { group, percentChange, round, shift, toDecimal, toPlain } from './decimal.js';
import type { FormatOptions, FormatSpec, LocaleFormat, Qualifier } from './types.js';

const SCALES: Record<string, number> = { 万: 4, 亿: 8, none: 0 };
const PER_PERIOD = new Set(['yuan/month', 'yuan/year', 'yuan/person/month']);
const QUALIFIER: Record<Qualifier, string> = { over: '以上', about: '左右', under: '以下' };

/** 15706000 → 1570.6万; 145000000000 → 1450亿; pinned '万': 4200 → 0.42万 */
function scaled(value: number, spec: FormatSpec, opts: FormatOptions): string {
  const pinned = spec.scale?.zh;
  let power = 0;
  let word = '';
  if (pinned !== undefined) {
    power = SCALES[pinned] ?? 0;
    word = pinned === 'none' ? '' : pinned;
  } else if (PER_PERIOD.has(spec.unit)) {
    // rates per month/year are written in full: 10533元/年, not 1.0533万元/年
  } else if (Math.abs(value) >= 1e8) {
    [power, word] = [8, '亿'];
  } else if (Math.abs(value) >= 1e4) {
    [power, word] = [4, '万'];
  }
  let d = shift(toDecimal(value), -power);
  if (!opts.exact && spec.digits !== undefined) d = round(d, spec.digits);
  const plain = toPlain(d);
  return (power === 0 ? group(plain, '') : plain) + word;
}

const PATTERNS: Record<string, (n: string, spec: FormatSpec) => string> = {
  person: (n) => `${n}人`,
  count: (n, spec) => `${n}${spec.counter?.zh ?? '个'}`,
  yuan: (n) => `${n}元`,
  'yuan/month': (n) => `${n}元/月`,
  'yuan/year': (n) => `${n}元/年`,
  'yuan/person/month': (n) => `每人每月${n}元`,
  percent: (n) => `${n}%`,
  rank: (n) => `第${n}位`,
  streak: (n) => `${n}连涨`,
};

export const zh: LocaleFormat = {
  lang: 'zh',
  value(value, spec, opts = {}) {
    let n: string;
    if (spec.unit === 'percent') n = toPlain(shift(toDecimal(value), 2));
    else if (spec.unit === 'rank' || spec.unit === 'streak') n = String(value);
    else n = scaled(value, spec, opts);
    if (opts.bare) return n;
    const text = PATTERNS[spec.unit](n, spec);
    return opts.qualifier ? text + QUALIFIER[opts.qualifier] : text;
  },
  change(from, to, places = 1) {
    const d = percentChange(from, to, places);
    return `${d.neg ? '−' : '+'}${toPlain({ ...d, neg: false })}%`;
  },
  year: (y) => `${y}年`,
  list(items) {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
  },
};
