/**
 * Every idiom of the four locales (zh, zh-Hant, zh-HK, en), one table row each: units and
 * currencies, scales, qualifiers, periods and dates, changes, differences, targets, lists; the
 * capital at a sentence start in prose; and the Intl fallback for a language without a table,
 * with the warning that names what it lacks. Expected texts are the idioms as each place
 * writes them (docs/dataset-format.md, README "Dataset format").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/build.js';
import {
  type ChangeOptions,
  type FormatContext,
  type FormatOptions,
  type FormatSpec,
  localeFor,
  type Locale,
  parsePeriod,
  QUALIFIERS,
  say,
  WORD_KEYS,
} from '../../src/format/index.js';
import { indexObservations, toObservation } from '../../src/model/figures.js';
import { buildModel } from '../../src/model/build.js';
import { proseRenderer } from '../../src/model/prose.js';
import type { Indicator } from '../../src/model/types.js';
import { parseSource } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';

const LANGS = ['zh', 'zh-Hant', 'zh-HK', 'en'] as const;
type Row = [label: string, fn: (l: Locale) => string, expected: [zh: string, hant: string, hk: string, en: string]];

const words = (zh: string, hant: string, hk: string, en: string) => ({ zh, 'zh-Hant': hant, 'zh-HK': hk, en });
const value =
  (v: number, spec: FormatSpec, opts?: FormatOptions, ctx?: FormatContext) =>
  (l: Locale): string =>
    l.value(v, spec, opts, ctx);
const period = (key: string) => (l: Locale) => {
  const p = parsePeriod(key);
  if (typeof p === 'string') throw new Error(p);
  return l.period(p);
};
const change = (a: number, b: number, opts?: ChangeOptions) => (l: Locale) => l.change(a, b, opts);
const PCT: FormatSpec = { unit: 'percent' };
const BEDS = words('张', '張', '張', 'bed|beds');

function table(name: string, rows: Row[]) {
  describe(name, () => {
    for (const [label, fn, expected] of rows) {
      it(label, () => {
        expect(LANGS.map((l) => fn(localeFor(l)))).toEqual(expected);
      });
    }
  });
}

table('units', [
  ['people', value(15706000, { unit: 'person' }), ['1570.6万人', '1570.6萬人', '1570.6萬人', '15.71 million']],
  [
    'a count with its counter',
    value(4200, { unit: 'count', counter: BEDS }),
    ['4200张', '4,200張', '4,200張', '4,200 beds'],
  ],
  ['one of a count: the singular', value(1, { unit: 'count', counter: BEDS }), ['1张', '1張', '1張', '1 bed']],
  ['a plain number', value(102.3, { unit: 'number' }), ['102.3', '102.3', '102.3', '102.3']],
  ['yuan', value(145e9, { unit: 'yuan' }), ['1450亿元', '人民幣1450億元', '人民幣1450億元', 'CNY 145 billion']],
  ['another currency', value(1.2e9, { unit: 'CAD' }), ['12亿加元', '12億加幣', '12億加元', 'CA$1.2 billion']],
  [
    "the dataset's own symbol",
    value(1.2e9, { unit: 'CAD' }, {}, { currencies: { CAD: { en: 'C$' } } }),
    ['12亿加元', '12億加幣', '12億加元', 'C$1.2 billion'],
  ],
  [
    'a currency per month',
    value(2715, { unit: 'USD', per: 'month' }),
    ['2715美元/月', '2,715美元/月', '2,715美元/月', '$2,715 a month'],
  ],
  [
    'Hong Kong dollars',
    value(18000, { unit: 'HKD', per: 'month' }),
    ['18000港元/月', '18,000港幣/月', '18,000港元/月', 'HK$18,000 a month'],
  ],
  [
    'legacy yuan/month',
    value(2715, { unit: 'yuan/month' }),
    ['2715元/月', '人民幣2,715元/月', '人民幣2,715元/月', 'CNY 2,715 a month'],
  ],
  [
    'legacy yuan/person/month',
    value(2715, { unit: 'yuan/person/month' }),
    ['每人每月2715元', '每人每月人民幣2,715元', '每人每月人民幣2,715元', 'CNY 2,715 per person a month'],
  ],
  [
    'a loss: a true minus',
    value(-5e6, { unit: 'CNY' }),
    ['−500万元', '人民幣−500萬元', '人民幣−500萬元', 'CNY −5 million'],
  ],
  ['percent', value(0.95, PCT), ['95%', '95%', '95%', '95%']],
  ['percent with fixed decimals', value(0.05, { unit: 'percent', decimals: 1 }), ['5.0%', '5.0%', '5.0%', '5.0%']],
  [
    'percent a year',
    value(0.008, { unit: 'percent', per: 'year' }),
    ['年均0.8%', '年均0.8%', '年均0.8%', '0.8% a year'],
  ],
  [
    'percentage points',
    value(1.9, { unit: 'pp' }),
    ['1.9个百分点', '1.9個百分點', '1.9個百分點', '1.9 percentage points'],
  ],
  ['permille', value(0.00677, { unit: 'permille' }), ['6.77‰', '6.77‰', '6.77‰', '6.77 per 1,000']],
  ['a rate per 1,000', value(12.3, { unit: 'per1000' }), ['12.3‰', '12.3‰', '12.3‰', '12.3 per 1,000']],
  [
    'a rate per 100,000',
    value(12.3, { unit: 'per100000' }),
    ['每10万12.3', '每10萬12.3', '每10萬12.3', '12.3 per 100,000'],
  ],
  ['square kilometres', value(1200, { unit: 'km2' }), ['1200平方公里', '1,200平方公里', '1,200平方公里', '1,200 km²']],
  ['square metres', value(80, { unit: 'm2' }), ['80平方米', '80平方公尺', '80平方米', '80 m²']],
  ['hectares', value(12, { unit: 'ha' }), ['12公顷', '12公頃', '12公頃', '12 hectares']],
  ['mu', value(300, { unit: 'mu' }), ['300亩', '300畝', '300畝', '300 mu']],
  ['kilometres', value(35, { unit: 'km' }), ['35公里', '35公里', '35公里', '35 km']],
  ['metres', value(100, { unit: 'm' }), ['100米', '100公尺', '100米', '100 m']],
  ['tonnes a day', value(600, { unit: 't', per: 'day' }), ['600吨/日', '600公噸/日', '600噸/日', '600 tonnes a day']],
  ['kilograms', value(3, { unit: 'kg' }), ['3公斤', '3公斤', '3公斤', '3 kg']],
  ['kilowatt-hours', value(5e6, { unit: 'kWh' }), ['500万千瓦时', '500萬度', '500萬千瓦小時', '5 million kWh']],
  ['cubic metres', value(2500, { unit: 'm3' }), ['2500立方米', '2,500立方公尺', '2,500立方米', '2,500 m³']],
  ['a rank, bare in prose', value(7, { unit: 'rank' }), ['第7位', '第7位', '第7位', '7th']],
  [
    'a rank among its population',
    value(1, { unit: 'rank', of: 10, among: words('个省份', '個省份', '個省份', 'provinces') }, { full: true }),
    ['10个省份中第1', '10個省份中第1', '10個省份中第1', '1st among 10 provinces'],
  ],
  [
    'a rank in its scope',
    value(7, { unit: 'rank', scope: words('全国', '全國', '全港', 'in China') }, { full: true }),
    ['全国第7位', '全國第7位', '全港第7位', '7th in China'],
  ],
  [
    'a rank of N',
    value(7, { unit: 'rank', of: 31 }, { full: true }),
    ['31个中第7', '31個中第7', '31個中第7', '7th of 31'],
  ],
  ['a streak', value(17, { unit: 'streak' }), ['17连涨', '17連漲', '17連漲', '17 consecutive increases']],
  ['a stated change', value(43000, { unit: 'person', change: true }), ['+4.3万人', '+4.3萬人', '+4.3萬人', '+43,000']],
  [
    'a stated change in words, down',
    value(-36000, { unit: 'person', change: true }, { words: true }),
    ['减少3.6万人', '減少3.6萬人', '減少3.6萬人', 'down by 36,000'],
  ],
]);

table('scales and digits', [
  ['万 / 萬 / million', value(1e4, { unit: 'person' }), ['1万人', '1萬人', '1萬人', '10,000']],
  ['亿 / 億 / million', value(1e8, { unit: 'yuan' }), ['1亿元', '人民幣1億元', '人民幣1億元', 'CNY 100 million']],
  [
    '万亿 / 兆 / 萬億 / trillion',
    value(1.5e12, { unit: 'yuan' }),
    ['1.5万亿元', '人民幣1.5兆元', '人民幣1.5萬億元', 'CNY 1.5 trillion'],
  ],
  [
    'a pinned scale',
    value(4200, {
      unit: 'count',
      counter: words('个', '個', '個', 'bed|beds'),
      scale: words('万', '萬', '萬', 'thousand'),
    }),
    ['0.42万个', '0.42萬個', '0.42萬個', '4.2 thousand beds'],
  ],
  [
    'a pinned scale far below the figure groups its digits in English',
    value(1.5e9, { unit: 'person', scale: words('万', '萬', '萬', 'million') }),
    ['150000万人', '150000萬人', '150000萬人', '1,500 million'],
  ],
  [
    'a pinned scale far above the figure keeps its digits',
    value(1.5e6, { unit: 'person', scale: words('亿', '億', '億', 'billion') }),
    ['0.02亿人', '0.02億人', '0.02億人', '0.0015 billion'],
  ],
  [
    'exact',
    value(15706000, { unit: 'person' }, { exact: true }),
    ['1570.6万人', '1570.6萬人', '1570.6萬人', '15.706 million'],
  ],
  ['bare', value(15706000, { unit: 'person' }, { bare: true }), ['1570.6万', '1570.6萬', '1570.6萬', '15.71 million']],
  ['rounded to a hundred', value(3912, { unit: 'person' }, { round: 100 }), ['3900人', '3,900人', '3,900人', '3,900']],
  ['no float noise', value(0.049, PCT), ['4.9%', '4.9%', '4.9%', '4.9%']],
]);

const QUALIFIED: Record<string, [string, string, string, string]> = {
  over: ['85%以上', '85%以上', '85%以上', 'over 85%'],
  about: ['85%左右', '約85%', '約85%', 'about 85%'],
  around: ['85%左右', '約85%', '約85%', 'around 85%'],
  under: ['85%以下', '85%以下', '85%以下', 'under 85%'],
  almost: ['近85%', '近85%', '近85%', 'almost 85%'],
  nearly: ['接近85%', '接近85%', '接近85%', 'nearly 85%'],
  'just-over': ['略超85%', '略超過85%', '略超過85%', 'just over 85%'],
  'at-least': ['至少85%', '至少85%', '至少85%', 'at least 85%'],
  'more-than': ['超过85%', '超過85%', '超過85%', 'more than 85%'],
  'less-than': ['不足85%', '不足85%', '不足85%', 'less than 85%'],
  estimated: ['预计85%', '預計85%', '預計85%', 'an estimated 85%'],
  'up-to': ['最多85%', '最多85%', '最多85%', 'up to 85%'],
};
table(
  'qualifiers',
  QUALIFIERS.map((q): Row => [q, value(0.85, PCT, { qualifier: q }), QUALIFIED[q]!]),
);
describe('qualifiers', () => {
  it('every qualifier has a row here', () => expect(Object.keys(QUALIFIED).sort()).toEqual([...QUALIFIERS].sort()));
});

table('periods and dates', [
  ['a year', period('2023'), ['2023年', '2023年', '2023年', '2023']],
  ['a first half', period('2023-H1'), ['2023年上半年', '2023年上半年', '2023年上半年', 'H1 2023']],
  ['a second half', period('2023-H2'), ['2023年下半年', '2023年下半年', '2023年下半年', 'H2 2023']],
  ['a quarter', period('2023-Q3'), ['2023年第三季度', '2023年第3季', '2023年第三季', 'Q3 2023']],
  ['a month', period('2023-06'), ['2023年6月', '2023年6月', '2023年6月', 'June 2023']],
  ['a day', period('2023-06-30'), ['2023年6月30日', '2023年6月30日', '2023年6月30日', '30 June 2023']],
  ['a range of years', period('2016/2020'), ['2016–2020年', '2016–2020年', '2016–2020年', '2016–2020']],
  [
    'a range of months',
    period('2023-07/2023-09'),
    ['2023年7–9月', '2023年7月至9月', '2023年7月至9月', 'July–September 2023'],
  ],
  [
    'a range of months across years',
    period('2023-11/2024-01'),
    ['2023年11月–2024年1月', '2023年11月至2024年1月', '2023年11月至2024年1月', 'November 2023–January 2024'],
  ],
  [
    'as of a day',
    period('asof:2023-06-30'),
    ['截至2023年6月30日', '截至2023年6月30日', '截至2023年6月30日', 'as of 30 June 2023'],
  ],
  [
    'as of a month',
    period('asof:2023-06'),
    ['截至2023年6月底', '截至2023年6月底', '截至2023年6月底', 'as of the end of June 2023'],
  ],
  ['as of a year', period('asof:2023'), ['截至2023年底', '截至2023年底', '截至2023年底', 'as of the end of 2023']],
  ['timeless', period(''), ['', '', '', '']],
  [
    'a date to the day',
    (l) => l.date({ precision: 'day', year: 2021, part: 6, day: 30 }),
    ['2021年6月30日', '2021年6月30日', '2021年6月30日', '30 June 2021'],
  ],
  [
    'a date to the month',
    (l) => l.date({ precision: 'month', year: 2021, part: 6 }),
    ['2021年6月', '2021年6月', '2021年6月', 'June 2021'],
  ],
  ['a date to the year', (l) => l.date({ precision: 'year', year: 2021 }), ['2021年', '2021年', '2021年', '2021']],
  ['{{year}}', (l) => l.year(2012), ['2012年', '2012年', '2012年', '2012']],
]);

table('changes', [
  ['growth', change(12280000, 15706000), ['+27.9%', '+27.9%', '+27.9%', '+27.9%']],
  ['growth in words', change(12280000, 15706000, { words: true }), ['增长27.9%', '增加27.9%', '增加27.9%', 'up 27.9%']],
  ['a fall in words', change(100, 90, { words: true }), ['下降10%', '減少10%', '減少10%', 'down 10%']],
  ['no change in words', change(100, 100, { words: true }), ['持平', '持平', '持平', 'unchanged']],
  [
    'between two rates: percentage points',
    change(0.05, 0.031, { spec: PCT }),
    ['−1.9个百分点', '−1.9個百分點', '−1.9個百分點', '−1.9 percentage points'],
  ],
  [
    'between two rates, in words',
    change(0.05, 0.031, { spec: PCT, words: true }),
    ['下降1.9个百分点', '下跌1.9個百分點', '下跌1.9個百分點', 'down 1.9 percentage points'],
  ],
  [
    'between two rates, relative=true',
    change(0.05, 0.031, { spec: PCT, relative: true }),
    ['−38%', '−38%', '−38%', '−38%'],
  ],
  [
    'decimals from the figures (3.67% → 3.64%)',
    change(0.0367, 0.0364, { spec: PCT }),
    ['−0.03个百分点', '−0.03個百分點', '−0.03個百分點', '−0.03 percentage points'],
  ],
  ['places=2', change(100, 112.345, { places: 2 }), ['+12.35%', '+12.35%', '+12.35%', '+12.35%']],
]);

const JOBS = { unit: 'count', counter: words('个', '個', '個', 'job|jobs') };
table('differences', [
  [
    'the difference with its unit',
    (l) => l.diff(10000, 13912, { unit: 'person' }),
    ['3912人', '3,912人', '3,912人', '3,912'],
  ],
  [
    'in words, rounded, qualified',
    (l) => l.diff(10000, 13912, { unit: 'person' }, { words: true, round: 100, qualifier: 'around' }),
    ['增加3900人左右', '增加約3,900人', '增加約3,900人', 'up by around 3,900'],
  ],
  [
    'down, in words',
    (l) => l.diff(13912, 10000, JOBS, { words: true }),
    ['减少3912个', '減少3,912個', '減少3,912個', 'down by 3,912 jobs'],
  ],
  ['none', (l) => l.diff(5, 5, { unit: 'person' }, { words: true }), ['持平', '持平', '持平', 'unchanged']],
]);

const COUNT: FormatSpec = { unit: 'count' };
table('targets', [
  [
    'beat the target',
    (l) => l.vsTarget(112, 100, COUNT, 'goal'),
    ['超额完成目标12%', '超越目標12%', '超越目標12%', 'beat the target by 12%'],
  ],
  [
    'short of the plan',
    (l) => l.vsTarget(92, 100, COUNT, 'plan'),
    ['距计划差8%', '距計畫尚差8%', '距計劃尚差8%', 'fell 8% short of the plan'],
  ],
  [
    'met what was expected',
    (l) => l.vsTarget(100, 100, COUNT, 'expected'),
    ['完成预期', '達成預期', '達成預期', 'met the expected level'],
  ],
  [
    'lower is better, below',
    (l) => l.vsTarget(90, 100, { unit: 'count', better: 'lower' }, 'goal'),
    ['低于目标10%', '低於目標10%', '低於目標10%', 'came in 10% below the target'],
  ],
  [
    'lower is better, above',
    (l) => l.vsTarget(110, 100, { unit: 'count', better: 'lower' }, 'goal'),
    ['高于目标10%', '高於目標10%', '高於目標10%', 'was 10% above the target'],
  ],
  [
    'a rate against its target: points',
    (l) => l.vsTarget(0.96, 0.95, PCT, 'goal'),
    ['超额完成目标1个百分点', '超越目標1個百分點', '超越目標1個百分點', 'beat the target by 1 percentage point'],
  ],
  [
    'share of the plan',
    (l) => l.ofTarget(91.6, 100, 'plan'),
    ['完成计划的91.6%', '達成計畫的91.6%', '達成計劃的91.6%', '91.6% of the plan'],
  ],
  [
    'share of the target',
    (l) => l.ofTarget(50, 200, 'goal'),
    ['完成目标的25%', '達成目標的25%', '達成目標的25%', '25% of the target'],
  ],
  ['a list', (l) => l.list(['A', 'B', 'C']), ['A、B和C', 'A、B及C', 'A、B及C', 'A, B and C']],
]);

describe('built-in words', () => {
  it('every locale has every word; Traditional locales write them in Traditional characters', () => {
    // a separator may be empty (Chinese runs sentences together); every other word is written out
    for (const l of LANGS)
      for (const k of WORD_KEYS) {
        const w = localeFor(l).words[k];
        expect(typeof w, `${l} ${k}`).toBe('string');
        if (!k.startsWith('sep.')) expect(w, `${l} ${k}`).toBeTruthy();
      }
    const simplifiedOnly = /[页数据图计划标开发书实]/; // 頁數據圖計劃標開發書實 in Traditional
    for (const l of ['zh-Hant', 'zh-HK'])
      for (const k of WORD_KEYS) expect(localeFor(l).words[k], `${l} ${k}`).not.toMatch(simplifiedOnly);
    expect(say('zh-Hant', 'report.page', { n: 1, total: 5 })).not.toBe(say('zh', 'report.page', { n: 1, total: 5 }));
  });
});

describe('prose: a helper that starts a sentence is capitalised (English), nowhere else', () => {
  const ind = (id: string, spec: FormatSpec): Indicator => ({
    id,
    label: { en: id, zh: id },
    short: { en: id, zh: id },
    unitInfo: { base: spec.unit, kind: 'ratio', per: [] },
    ...spec,
  });
  const indicators = { share: ind('share', PCT) };
  const idx = indexObservations([toObservation({ id: 'share', year: 2023, value: 0.85, qualifier: 'about' }, 'x')]);
  const render = proseRenderer(indicators, idx);
  it.each([
    ['{{v "share" 2023}} of people agree.', 'About 85% of people agree.'],
    ['Of people, {{v "share" 2023}} agree.', 'Of people, about 85% agree.'],
    ['Most agree. {{v "share" 2023}} do.', 'Most agree. About 85% do.'],
    ['“{{v "share" 2023}} agree,” she said.', '“About 85% agree,” she said.'],
    ['({{v "share" 2023}} agree)', '(About 85% agree)'],
  ])('%s', (src, out) => expect(render(src, 'en')).toBe(out));
  it('Chinese is not touched', () => expect(render('{{v "share" 2023}}的人同意。', 'zh')).toBe('85%左右的人同意。'));
});

describe('a language without a table: Intl, and a warning naming what it lacks', () => {
  it('numbers, currencies and months through Intl; ranks, qualifiers and halves in English, never dropped', () => {
    const fr = localeFor('fr');
    expect(fr.value(15706000, { unit: 'person' })).toBe('15,71 millions');
    expect(fr.value(0.95, PCT)).toBe('95 %');
    expect(fr.value(0.85, PCT, { qualifier: 'about' })).toBe('about 85 %');
    expect(fr.value(7, { unit: 'rank' })).toBe('7th');
    expect(fr.period(parsePeriod('2023-06') as never)).toBe('juin 2023');
    expect(fr.period(parsePeriod('2023-H1') as never)).toBe('H1 2023');
    expect(fr.list(['a', 'b', 'c'])).toBe('a, b et c');
    expect(fr.missing).toEqual(expect.arrayContaining(['ranks', 'qualifiers', 'halves and quarters']));
    for (const l of LANGS) expect(localeFor(l).missing).toEqual([]);
  });
  it('the model carries the warning, and the build prints it, naming the language and the idioms', async () => {
    const text = `format: datapress/1
id: intl
langs: [en, fr]
meta: {title: {en: Wages, fr: Salaires}, date: 2024}
indicators:
  wage: {label: {en: Wage, fr: Salaire}, unit: EUR, per: month}
highlights:
  - id: wage
    title: {en: Wages, fr: Salaires}
    headline: {metric: wage, year: 2023}
    facts:
      - id: f
        text: {en: "It was {{v \\"wage\\" 2023}}.", fr: "Il était de {{v \\"wage\\" 2023}}."}
        metrics: [{id: wage, year: 2023, value: 1766.92}]
`;
    const model = buildModel(validate(parseSource(text, 'intl.yaml'), { root: '.' }), 'intl.yaml');
    expect(model.notes).toHaveLength(1);
    expect(model.notes[0]).toMatch(/^language "fr" has no locale table: ranks, .*qualifiers/);
    // the monthly wage keeps its "a month" (units and rates are among the idioms written in English)
    expect(model.highlights[0]!.facts[0]!.text.fr).toBe('Il était de 1\u202f766,92\u00a0€ a month.');
    expect(model.highlights[0]!.facts[0]!.text.en).toBe('It was €1,766.92 a month.');
    // and the build says so
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-intl-'));
    writeFileSync(path.join(dir, 'intl.yaml'), text);
    const warnings: string[] = [];
    const r = await buildDataset(
      path.join(dir, 'intl.yaml'),
      {
        out: path.join(dir, 'out'),
        only: ['pdf'],
        check: true,
        onEvent: (e) => e.type === 'warning' && warnings.push(e.message),
      },
      dir,
    );
    expect(r.warnings).toEqual(model.notes);
    expect(warnings).toEqual(model.notes);
  });
});
