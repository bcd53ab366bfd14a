/**
 * An article that is not the sample: a province's year in figures, with a chart of every kind.
 * Written as a dataset and built through validation and the model, so the kinds are tested on
 * data shapes the sample does not have: a series in Canadian dollars, a plan with its result, a
 * rank among 10 provinces, parts of a declared whole, a highlight with a single figure and `auto`.
 */
import path from 'node:path';
import { parseSource } from '../../../src/load/index.js';
import { buildModel } from '../../../src/model/build.js';
import type { Model } from '../../../src/model/types.js';
import { validate } from '../../../src/validate/index.js';
import type { Theme } from '../../../src/theme/types.js';
import { loadTheme as load } from '../../../src/theme/load.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export function loadTheme(name = 'newspaper'): Theme {
  return load(ROOT, name);
}

type Json = Record<string, unknown>;
const ind = (id: string, zh: string, en: string, unit: string, extra: Json = {}, short?: [string, string]) => ({
  id,
  label: { zh, en },
  ...(short ? { short: { zh: short[0], en: short[1] } } : {}),
  unit,
  ...extra,
});

const INDICATORS = [
  ind('exports.value', '出口额', 'Value of exports', 'CAD', { scale: { zh: '亿', en: 'billion' } }, [
    '出口',
    'Exports',
  ]),
  ind('imports.value', '进口额', 'Value of imports', 'CAD', { scale: { zh: '亿', en: 'billion' } }, [
    '进口',
    'Imports',
  ]),
  ind('visitors', '游客人数', 'Visitors', 'person'),
  ind('hotel.beds', '酒店床位', 'Hotel beds', 'count', { counter: { zh: '张', en: 'bed|beds' } }),
  ind(
    'projects.built',
    '建成民生项目',
    'Public projects completed',
    'count',
    { counter: { zh: '个', en: 'project|projects' } },
    ['民生项目', 'Projects'],
  ),
  ind('schools.built', '新建学校', 'New schools', 'count', { counter: { zh: '所', en: 'school|schools' } }, [
    '学校',
    'Schools',
  ]),
  ind(
    'growth.rank',
    '经济增速排名',
    'Rank in economic growth',
    'rank',
    {
      of: 10,
      among: { zh: '个省份', en: 'provinces' },
    },
    ['经济增速', 'Economic growth'],
  ),
  ind(
    'income.rank',
    '居民收入排名',
    'Rank in household income',
    'rank',
    {
      of: 10,
      among: { zh: '个省份', en: 'provinces' },
    },
    ['居民收入', 'Household income'],
  ),
  ind('energy.total', '发电量', 'Electricity generated', 'kWh', { scale: { zh: '亿', en: 'billion' } }, [
    '发电量',
    'All sources',
  ]),
  ind('energy.wind', '风电发电量', 'Electricity from wind', 'kWh', { scale: { zh: '亿', en: 'billion' } }, [
    '风电',
    'Wind',
  ]),
  ind('energy.solar', '光伏发电量', 'Electricity from solar', 'kWh', { scale: { zh: '亿', en: 'billion' } }, [
    '光伏',
    'Solar',
  ]),
  ind('energy.hydro', '水电发电量', 'Electricity from hydropower', 'kWh', { scale: { zh: '亿', en: 'billion' } }, [
    '水电',
    'Hydro',
  ]),
  ind('jobless.rate', '城镇调查失业率', 'Urban unemployment rate', 'percent', { decimals: 1 }, [
    '失业率',
    'Unemployment',
  ]),
];

const obs = (id: string, year: number, value: number, extra: Json = {}) => ({ id, year, value, ...extra });

const OBSERVATIONS = [
  ...[2019, 2020, 2021, 2022, 2023].map((y, i) =>
    obs('exports.value', y, [41.2e9, 37.9e9, 45.6e9, 52.3e9, 50.1e9][i]!),
  ),
  ...[2019, 2020, 2021, 2022, 2023].map((y, i) =>
    obs('imports.value', y, [39.8e9, 36.1e9, 40.2e9, 47.5e9, 48.9e9][i]!),
  ),
  obs('visitors', 2019, 8_120_000),
  obs('visitors', 2023, 10_450_000),
  obs('hotel.beds', 2019, 42_000),
  obs('hotel.beds', 2023, 39_500),
  obs('projects.built', 2023, 92),
  obs('projects.built', 2023, 100, { target: 'goal' }),
  obs('schools.built', 2023, 14),
  obs('schools.built', 2025, 30, { target: 'goal' }),
  obs('growth.rank', 2023, 1),
  obs('income.rank', 2023, 4),
  obs('energy.total', 2023, 61.5e9),
  obs('energy.wind', 2023, 18.2e9),
  obs('energy.solar', 2023, 9.6e9),
  obs('energy.hydro', 2023, 21.4e9),
  obs('jobless.rate', 2023, 0.048),
];

const title = (zh: string, en: string) => ({ zh, en });

/** Every kind, an alias, `auto` that fits and `auto` that does not. */
export const CHARTS = {
  series: {
    kind: 'series',
    metrics: ['exports.value', 'imports.value'],
    title: title('进出口额', 'Exports and imports'),
  },
  'before-after': {
    kind: 'before-after',
    metrics: ['visitors', 'hotel.beds'],
    title: title('旅游 2019年与2023年', 'Tourism, 2019 and 2023'),
  },
  progress: {
    kind: 'progress',
    metrics: ['projects.built', 'schools.built'],
    title: title('计划完成情况', 'Plans and results'),
  },
  rank: {
    kind: 'rank',
    metrics: ['growth.rank', 'income.rank'],
    title: title('在10个省份中的排名', 'Rank among 10 provinces'),
  },
  'part-to-whole': {
    kind: 'part-to-whole',
    metrics: ['energy.wind', 'energy.solar', 'energy.hydro'],
    total: 'energy.total',
    title: title('发电量构成', 'Electricity by source'),
  },
  bars: {
    kind: 'bars',
    metrics: ['energy.wind', 'energy.solar', 'energy.hydro'],
    title: title('可再生能源发电量', 'Renewable electricity'),
  },
  'auto-series': { kind: 'auto', metrics: ['exports.value'], title: title('出口额', 'Exports') },
  'auto-none': { kind: 'auto', metrics: ['jobless.rate'], title: title('失业率', 'Unemployment') },
} as const;

export type FixtureChart = keyof typeof CHARTS;

/** The article as a model: one highlight per chart of CHARTS, every figure stated in the first. */
export function fixtureModel(): Model {
  const data = {
    format: 'datapress/1',
    id: 'province-year',
    langs: ['zh', 'en'],
    theme: 'newspaper',
    meta: { title: { zh: '一省一年', en: 'A province in figures' }, date: 2024 },
    indicators: Object.fromEntries(INDICATORS.map(({ id, ...i }) => [id, i])),
    highlights: Object.entries(CHARTS).map(([id, chart], i) => ({
      id,
      title: chart.title,
      chart,
      facts: [
        {
          id: 'figures',
          text: { zh: '数据。', en: 'Figures.' },
          ...(i === 0 ? { metrics: OBSERVATIONS } : {}),
        },
      ],
    })),
  };
  const src = parseSource(JSON.stringify(data), path.join(ROOT, 'fixture.yaml'));
  return buildModel(validate(src, { root: ROOT }), 'fixture.yaml');
}
