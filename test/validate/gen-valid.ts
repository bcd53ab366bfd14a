/**
 * fast-check: random VALID datasets across the whole format (issue #15), written imperatively
 * through `fc.gen()` so every choice shrinks (towards fewer parts, simpler units, shorter texts).
 *
 * What it covers: every optional part present or absent; 1–12 highlights (text only, figure
 * only, both); every unit kind (counts with counters, people, plain numbers, CNY and other
 * currencies with `per` and the dataset's symbols, legacy yuan/month, percent with decimals,
 * permille, pp, rates per 1,000 and 100,000, measures with per day, ranks with of/among/scope,
 * streaks, stated changes); every time kind (year, half, quarter, month, day, ranges of years
 * and of months, the legacy year + [a, b], as-of a day, a month and a year, timeless); targets
 * of every kind (true, goal, plan, expected, with status) sharing a time with their result,
 * later, or covering it (a half against the year's goal); qualifiers; one or two languages of
 * zh, en, zh-Hant, zh-HK in any order; texts up to the limits; prose using every helper and
 * option with references that resolve; charts of every kind and datapress/1 template that the
 * data can honestly draw; quotes, groups, publisher (with a logo), items, photos with credits.
 *
 * A dataset this makes that `validate` refuses is a bug of this generator; one `validate`
 * accepts that does not model or build is a bug of datapress.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { QUALIFIERS } from '../../src/format/index.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
type Text = Record<string, string>;

/** The files a generated dataset refers to, relative to the data file. */
export const IMAGES = { photo: 'photo.png', logo: 'logo.png' };

const LANGS = ['zh', 'en', 'zh-Hant', 'zh-HK'] as const;
type Family = 'hans' | 'hant' | 'en';
const familyOf = (l: string): Family => (l === 'en' ? 'en' : l === 'zh' ? 'hans' : 'hant');

const WORDS: Record<Family, readonly string[]> = {
  hans: [
    '社会',
    '保障',
    '养老',
    '保险',
    '参保',
    '人数',
    '增长',
    '全区',
    '城乡',
    '居民',
    '基本',
    '待遇',
    '水平',
    '稳步',
    '提高',
    '医疗',
    '救助',
    '图书馆',
    '读者',
    '经济',
    '发展',
    '就业',
    '收入',
    '项目',
    '完成',
    '目标',
    '计划',
    '城市',
    '农村',
    '学校',
    '道路',
    '建设',
    '服务',
  ],
  hant: [
    '社會',
    '保障',
    '養老',
    '保險',
    '參保',
    '人數',
    '增長',
    '勞工',
    '就業',
    '失業率',
    '收入',
    '經濟',
    '發展',
    '統計',
    '數據',
    '城市',
    '居民',
    '醫療',
    '教育',
    '學校',
    '服務',
    '計劃',
    '完成',
    '目標',
    '記錄',
    '錄得',
    '按年',
    '季度',
    '香港',
    '臺灣',
  ],
  en: [
    'social',
    'security',
    'pension',
    'insurance',
    'people',
    'growth',
    'region',
    'income',
    'jobs',
    'rate',
    'target',
    'plan',
    'city',
    'schools',
    'roads',
    'the',
    'of',
    'and',
    'in',
    'rose',
    'fell',
    'data',
    'quarter',
    'report',
    'homes',
    'minimum',
    'wage',
  ],
};
const STOP: Record<Family, string> = { hans: '。', hant: '。', en: '.' };
const COMMA: Record<Family, string> = { hans: '，', hant: '，', en: ', ' };

const COUNTERS: Record<Family, readonly string[]> = {
  hans: ['个', '张', '座', '项', '户', '册', '所'],
  hant: ['個', '張', '座', '項', '戶', '冊', '所'],
  en: ['bed|beds', 'school|schools', 'project|projects', 'home|homes', 'station|stations', 'unit'],
};
const AMONG: Record<Family, readonly string[]> = {
  hans: ['个省份', '个城市'],
  hant: ['個地區', '個城市'],
  en: ['provinces', 'cities', 'regions'],
};
const SCOPE: Record<Family, readonly string[]> = {
  hans: ['全国', '全区'],
  hant: ['全港', '全臺'],
  en: ['in China', 'in the region', 'nationally'],
};
const SCALES: Record<Family, readonly string[]> = {
  hans: ['万', '亿', 'none'],
  hant: ['萬', '億', 'none'],
  en: ['thousand', 'million', 'billion', 'none'],
};
const SYMBOLS: Record<string, Record<Family, string>> = {
  CAD: { en: 'C$', hans: '加元', hant: '加元' },
  USD: { en: 'US$', hans: '美元', hant: '美元' },
  HKD: { en: 'HK$', hans: '港元', hant: '港元' },
  EUR: { en: '€', hans: '欧元', hant: '歐元' },
};

/** Random choices through fc.gen: each shrinks towards its first or smallest option. */
class Rand {
  constructor(private readonly g: fc.GeneratorValue) {}
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  /** true with probability p; shrinks to false */
  chance(p: number): boolean {
    return this.int(0, 999) >= 1000 - Math.round(p * 1000);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
  /** 1..n items of xs, in a random order */
  some<T>(xs: readonly T[], min = 1, max = xs.length): T[] {
    const pool = [...xs];
    const n = this.int(Math.min(min, pool.length), Math.min(max, pool.length));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }
  /** small numbers mostly: 1..max with weight on the low end */
  small(max: number): number {
    return this.chance(0.15) ? this.int(1, max) : this.int(1, Math.min(3, max));
  }
}

// ---------- time ----------

type TimeKind =
  | 'year'
  | 'half'
  | 'quarter'
  | 'month'
  | 'day'
  | 'years'
  | 'months'
  | 'legacy'
  | 'asof-day'
  | 'asof-month'
  | 'asof-year'
  | 'none';
const TIME_KINDS: readonly TimeKind[] = [
  'year',
  'half',
  'quarter',
  'month',
  'day',
  'years',
  'months',
  'legacy',
  'asof-day',
  'asof-month',
  'asof-year',
  'none',
];

interface Time {
  kind: TimeKind;
  /** the observation's fields */
  fields: Obj;
  /** how prose and headlines name it: a year number, a period key, or nothing (timeless) */
  ref: number | string | undefined;
  /** the canonical key (src/format/period.ts) */
  key: string;
  /** the calendar year it ends in */
  year: number;
  /** months since 1900 at its end, for "covers" */
  end: number;
  start: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The i-th time (0-based, increasing) of a kind, from base year y0. */
function timeAt(r: Rand, kind: TimeKind, i: number, y0: number): Time {
  const m = (y: number, mo: number) => (y - 1900) * 12 + mo;
  switch (kind) {
    case 'year': {
      const y = y0 + i;
      return { kind, fields: { year: y }, ref: y, key: `${y}`, year: y, start: m(y, 1), end: m(y, 12) };
    }
    case 'half': {
      const y = y0 + Math.floor(i / 2);
      const h = (i % 2) + 1;
      const k = `${y}-H${h}`;
      return { kind, fields: { period: k }, ref: k, key: k, year: y, start: m(y, h * 6 - 5), end: m(y, h * 6) };
    }
    case 'quarter': {
      const y = y0 + Math.floor(i / 4);
      const q = (i % 4) + 1;
      const k = `${y}-Q${q}`;
      return { kind, fields: { period: k }, ref: k, key: k, year: y, start: m(y, q * 3 - 2), end: m(y, q * 3) };
    }
    case 'month': {
      const y = y0 + Math.floor(i / 12);
      const mo = (i % 12) + 1;
      const k = `${y}-${pad(mo)}`;
      return { kind, fields: { period: k }, ref: k, key: k, year: y, start: m(y, mo), end: m(y, mo) };
    }
    case 'day': {
      const y = y0 + i;
      const mo = r.int(1, 12);
      const d = r.int(1, 28);
      const k = `${y}-${pad(mo)}-${pad(d)}`;
      return { kind, fields: { period: k }, ref: k, key: k, year: y, start: m(y, mo), end: m(y, mo) };
    }
    case 'years': {
      const a = y0 + i * 5;
      const b = a + 4;
      const k = `${a}/${b}`;
      return {
        kind,
        fields: { period: r.chance(0.5) ? [a, b] : k },
        ref: k,
        key: k,
        year: b,
        start: m(a, 1),
        end: m(b, 12),
      };
    }
    case 'months': {
      // a rolling three months; some cross a year (2023-11/2024-01)
      const y = y0 + i;
      const from = r.chance(0.3) ? 11 : 7;
      const to = from === 11 ? 1 : 9;
      const k = `${y}-${pad(from)}/${from === 11 ? y + 1 : y}-${pad(to)}`;
      const endY = from === 11 ? y + 1 : y;
      return { kind, fields: { period: k }, ref: k, key: k, year: endY, start: m(y, from), end: m(endY, to) };
    }
    case 'legacy': {
      const a = y0 + i * 5;
      const b = a + 4;
      return {
        kind,
        fields: { year: b, period: [a, b] },
        ref: r.chance(0.5) ? b : `${a}/${b}`,
        key: `${a}/${b}`,
        year: b,
        start: m(a, 1),
        end: m(b, 12),
      };
    }
    case 'asof-day': {
      const y = y0 + i;
      const p = `${y}-06-30`;
      return {
        kind,
        fields: { asOf: p },
        ref: r.chance(0.5) ? `asof:${p}` : p,
        key: `asof:${p}`,
        year: y,
        start: m(y, 6),
        end: m(y, 6),
      };
    }
    case 'asof-month': {
      const y = y0 + i;
      const p = `${y}-09`;
      return { kind, fields: { asOf: p }, ref: `asof:${p}`, key: `asof:${p}`, year: y, start: m(y, 9), end: m(y, 9) };
    }
    case 'asof-year': {
      const y = y0 + i;
      return { kind, fields: { asOf: y }, ref: `asof:${y}`, key: `asof:${y}`, year: y, start: m(y, 12), end: m(y, 12) };
    }
    case 'none':
      return { kind, fields: {}, ref: undefined, key: '', year: 0, start: 0, end: 0 };
  }
}

/** A whole year as a target time (covers a half, a quarter, a month of that year). */
function yearTime(y: number): Time {
  const m = (mo: number) => (y - 1900) * 12 + mo;
  return { kind: 'year', fields: { year: y }, ref: y, key: `${y}`, year: y, start: m(1), end: m(12) };
}

// ---------- units ----------

type Kind = 'count' | 'number' | 'money' | 'ratio' | 'points' | 'rate' | 'measure' | 'rank' | 'streak';

interface Species {
  unit: string;
  kind: Kind;
  per?: string | string[];
  counter?: Text;
  /** the dataset's own symbol for this currency */
  currency?: string;
}

function species(r: Rand, langs: readonly string[]): Species {
  const words = (pool: Record<Family, readonly string[]>) => {
    const i = r.int(0, 99);
    return Object.fromEntries(
      langs.map((l) => {
        const f = familyOf(l);
        return [l, pool[f][i % pool[f].length]!];
      }),
    );
  };
  const perOf = (opts: readonly string[]) =>
    r.chance(0.3) ? (r.chance(0.2) ? ['person', 'month'] : r.pick(opts)) : undefined;
  switch (r.int(0, 13)) {
    case 0:
      return { unit: 'person', kind: 'count' };
    case 1:
      return { unit: 'count', kind: 'count', ...(r.chance(0.9) ? { counter: words(COUNTERS) } : {}) };
    case 2:
      return { unit: 'number', kind: 'number', ...(r.chance(0.3) ? { counter: words(COUNTERS) } : {}) };
    case 3: {
      const unit = r.pick(['CNY', 'yuan', 'rmb', 'yuan/month', 'yuan/year', 'yuan/person/month']);
      return { unit, kind: 'money', ...(unit.includes('/') ? {} : { per: perOf(['month', 'year']) }) };
    }
    case 4: {
      const unit = r.pick(['USD', 'CAD', 'HKD', 'EUR', 'GBP', 'JPY', 'SGD', 'BRL']);
      const per = perOf(['month', 'year', 'week', 'hour']);
      return {
        unit,
        kind: 'money',
        ...(per ? { per } : {}),
        ...(SYMBOLS[unit] && r.chance(0.5) ? { currency: unit } : {}),
      };
    }
    case 5: {
      const per = r.chance(0.15) ? r.pick(['year', 'month', 'quarter']) : undefined;
      return { unit: 'percent', kind: 'ratio', ...(per ? { per } : {}) };
    }
    case 6:
      return { unit: 'permille', kind: 'ratio' };
    case 7:
      return { unit: 'pp', kind: 'points' };
    case 8:
      return { unit: r.pick(['per1000', 'per100000']), kind: 'rate' };
    case 9: {
      const unit = r.pick(['km2', 'm2', 'ha', 'mu', 'km', 'm', 't', 'kg', 'kWh', 'm3']);
      const per = r.chance(0.3) ? r.pick(['day', 'year', 'hour']) : undefined;
      return { unit, kind: 'measure', ...(per ? { per } : {}) };
    }
    case 10:
    case 11:
      return { unit: 'rank', kind: 'rank' };
    case 12:
      return { unit: 'streak', kind: 'streak' };
    default:
      return { unit: 'count', kind: 'count', counter: words(COUNTERS) };
  }
}

/** A value the unit can say; `nonzero` avoids 0 (a change's start, a target to measure against). */
function valueFor(r: Rand, s: Species, change: boolean, of: number, nonzero: boolean): number {
  const sign = change && r.chance(0.4) ? -1 : 1;
  const zero = !nonzero && r.chance(0.04);
  switch (s.kind) {
    case 'rank':
      return r.int(1, of);
    case 'streak':
      return r.int(1, 40);
    case 'ratio': {
      if (zero) return 0;
      const places = r.int(0, 4);
      const v = r.int(1, s.unit === 'permille' ? 300 : 15000) / 10 ** (places + (s.unit === 'permille' ? 3 : 2));
      return sign * v;
    }
    case 'points':
      return zero ? 0 : (r.chance(0.4) ? -1 : 1) * (r.int(1, 200) / 10);
    default: {
      if (zero) return 0;
      const mag = r.pick([1, 10, 1e3, 1e4, 1e6, 1e8, 1e10, 1e12]);
      const places = r.int(0, 3);
      const v = Math.round(r.int(1, 99_999) * (mag / 1e4) * 10 ** places) / 10 ** places;
      const money = s.kind === 'money' && r.chance(0.05) ? -1 : 1;
      return (v === 0 ? 1 : v) * sign * money;
    }
  }
}

// ---------- the dataset ----------

interface Obs {
  id: string;
  time: Time;
  value: number;
  target?: true | 'goal' | 'plan' | 'expected';
  status?: 'met' | 'missed';
  qualifier?: string;
  of?: number;
}

interface Metric {
  id: string;
  species: Species;
  family: number;
  change: boolean;
  /** population: the indicator's or an observation's */
  population: boolean;
  results: Obs[];
  targets: Obs[];
}

export interface Generated {
  data: Obj;
  /** what this dataset has (for tallies and failure reports) */
  features: Set<string>;
}

export interface GenOptions {
  /**
   * 'interim': only the shapes the renderers drew before issue #15 (every highlight with a
   * figure and a datapress/1 template chart, an outlook with targets), to find what fails
   * beyond them. Default: the whole format.
   */
  shape?: 'whole' | 'interim';
}

/** A random valid dataset. */
export function validDataset(g: fc.GeneratorValue, opts: GenOptions = {}): Generated {
  const interim = opts.shape === 'interim';
  const r = new Rand(g);
  const features = new Set<string>();
  const has = (f: string) => features.add(f);

  // languages: one or two, any order
  const langs = r.some(LANGS, 1, 2);
  if (langs[0] !== 'zh') has(`primary:${langs[0]}`);
  for (const l of langs) has(`lang:${l}`);
  const long = r.chance(0.15);
  if (long) has('long-texts');

  /** words in one language, about n characters (exactly n when `exact`) */
  const wordsIn = (lang: string, n: number, exact = false): string => {
    const f = familyOf(lang);
    let s = '';
    while ([...s].length < n) s += (s && f === 'en' ? ' ' : '') + r.pick(WORDS[f]);
    if (exact || [...s].length > n) s = [...s].slice(0, n).join('').trimEnd();
    return s || WORDS[f][0]!;
  };
  const text = (max: number, short = 6): Text =>
    Object.fromEntries(
      langs.map((l) => {
        const atLimit = long && r.chance(0.5);
        const n = atLimit ? max : Math.min(max, r.int(1, short) * (familyOf(l) === 'en' ? 5 : 2));
        return [l, wordsIn(l, n, atLimit)];
      }),
    );

  // ---- indicators, in families sharing a unit (what one chart axis can hold)
  const y0 = r.int(1990, 2060);
  const target = r.int(y0 + 30, y0 + 40); // the outlook's target year
  const metrics: Metric[] = [];
  const indicators: Obj = {};
  // an article with no figures at all (text only) now and then; never in the interim shapes
  const families = !interim && r.chance(0.04) ? 0 : r.small(6);
  if (!families) has('no-figures');
  for (let fi = 0; fi < families; fi++) {
    const sp = species(r, langs);
    has(`unit:${sp.kind}${sp.per ? '/per' : ''}`);
    const timeKind = r.chance(0.4) ? 'year' : r.pick(TIME_KINDS);
    has(`time:${timeKind}`);
    const change = !['rank', 'streak'].includes(sp.kind) && r.chance(0.12);
    const n = r.small(3);
    const times = timeKind === 'none' ? 1 : r.small(5);
    const timeline = Array.from({ length: times }, (_, i) => timeAt(r, timeKind, i, y0));
    for (let k = 0; k < n; k++) {
      const id = r.chance(0.05) ? `m${fi}-${k}.${'long'.repeat(17)}` : `f${fi}.m${k}`;
      const ind: Obj = { label: text(120, 4), unit: sp.unit };
      if (r.chance(0.4)) ind.short = text(60, 2);
      if (sp.per) ind.per = sp.per;
      if (sp.counter) ind.counter = sp.counter;
      if (['count', 'number', 'money', 'measure'].includes(sp.kind) && r.chance(0.2)) {
        ind.scale = Object.fromEntries(r.some(langs).map((l) => [l, r.pick(SCALES[familyOf(l)])]));
        has('scale');
      }
      if (r.chance(0.2)) ind.digits = r.int(0, 3);
      if (sp.kind !== 'rank' && sp.kind !== 'streak' && r.chance(sp.kind === 'ratio' ? 0.5 : 0.15)) {
        ind.decimals = r.int(0, 3);
        has('decimals');
      }
      if (r.chance(0.2)) ind.better = r.pick(['higher', 'lower']);
      if (change) {
        ind.change = true;
        has('stated-change');
      }
      let of = 31;
      let population = false;
      if (sp.kind === 'rank') {
        of = r.int(2, 400);
        if (r.chance(0.7)) {
          ind.of = of;
          population = true;
        }
        if (r.chance(0.4)) ind.among = Object.fromEntries(langs.map((l) => [l, r.pick(AMONG[familyOf(l)])]));
        else if (r.chance(0.5)) ind.scope = Object.fromEntries(langs.map((l) => [l, r.pick(SCOPE[familyOf(l)])]));
      }
      indicators[id] = ind;
      const m: Metric = { id, species: sp, family: fi, change, population, results: [], targets: [] };
      for (const t of timeline) {
        const o: Obs = { id, time: t, value: valueFor(r, sp, change, of, r.chance(0.7)) };
        if (r.chance(0.15)) {
          o.qualifier = r.pick(QUALIFIERS);
          has('qualifier');
        }
        if (sp.kind === 'rank' && r.chance(0.2)) {
          o.of = r.int(Math.max(2, o.value), 500);
          population = true;
          m.population = true;
          has('rank:obs-of');
        }
        m.results.push(o);
      }
      // targets: in a result's time, later, or a year that covers sub-year results
      if (!['rank', 'streak'].includes(sp.kind) && r.chance(0.45)) {
        const kind = () => r.pick([true, 'goal', 'plan', 'expected'] as const);
        const tg = (time: Time): Obs => {
          const o: Obs = { id, time, value: valueFor(r, sp, change, of, r.chance(0.8)), target: kind() };
          if (r.chance(0.15)) o.status = r.pick(['met', 'missed']);
          has(`target:${o.target}`);
          return o;
        };
        for (const res of m.results) if (r.chance(0.5)) m.targets.push(tg(res.time));
        if (timeKind === 'year' && r.chance(0.6)) m.targets.push(tg(yearTime(target)));
        if (['half', 'quarter', 'month', 'day', 'asof-day', 'asof-month'].includes(timeKind) && r.chance(0.5)) {
          const y = m.results.at(-1)!.time.year;
          if (!m.targets.some((x) => x.time.key === `${y}`)) {
            m.targets.push(tg(yearTime(y)));
            has('target:covering');
          }
        }
      }
      metrics.push(m);
    }
  }
  const all = metrics.flatMap((m) => [...m.results, ...m.targets]);
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const resultTimes = (m: Metric) => new Set(m.results.map((o) => o.time.key)).size;
  /** The target a result is measured against (src/model/figures.ts targetFor, for this generator's shapes). */
  const targetOf = (o: Obs): Obs | undefined => {
    const m = byId.get(o.id)!;
    const same = m.targets.find((t) => t.time.key === o.time.key);
    if (same || o.time.kind === 'none') return same;
    return m.targets
      .filter((t) => t.time.kind !== 'none' && t.time.start <= o.time.end && o.time.end <= t.time.end)
      .sort((a, b) => a.time.end - a.time.start - (b.time.end - b.time.start))[0];
  };
  const pointsKind = (m: Metric) => m.species.kind === 'ratio' || m.species.kind === 'points';

  // ---- prose: every helper, with references that resolve
  const lit = (t: number | string) => (typeof t === 'number' ? String(t) : JSON.stringify(t));
  const timeArg = (o: Obs) => (o.time.ref === undefined ? '' : ` ${lit(o.time.ref)}`);
  const helpers: (() => string | undefined)[] = [
    // v: a result or a target, with any option
    () => {
      if (!all.length) return undefined;
      const o = r.pick(all);
      const m = byId.get(o.id)!;
      const opts: string[] = [];
      if (o.target) opts.push('target=true');
      if (r.chance(0.15)) opts.push('bare=true');
      if (r.chance(0.1)) opts.push('exact=true');
      if (m.species.kind === 'rank' && r.chance(0.5)) opts.push('full=true');
      if (r.chance(0.1)) opts.push(`round=${r.pick([1, 10, 100, 1000])}`);
      if (r.chance(0.1)) opts.push(`qualifier=${JSON.stringify(r.pick(QUALIFIERS))}`);
      if (m.change && r.chance(0.6)) opts.push('words=true');
      const omit = !o.target && resultTimes(m) <= 1 && r.chance(0.5);
      has('prose:v');
      return `{{v "${o.id}"${omit ? '' : timeArg(o)}${opts.map((x) => ` ${x}`).join('')}}}`;
    },
    () => {
      const ts = all.filter((o) => o.target);
      if (!ts.length) return undefined;
      const o = r.pick(ts);
      const opts = [
        ...(r.chance(0.2) ? ['bare=true'] : []),
        ...(r.chance(0.1) ? ['exact=true'] : []),
        ...(r.chance(0.1) ? [`round=${r.pick([10, 100])}`] : []),
        ...(r.chance(0.1) ? [`qualifier=${JSON.stringify(r.pick(QUALIFIERS))}`] : []),
      ];
      has('prose:target');
      return `{{target "${o.id}"${timeArg(o)}${opts.map((x) => ` ${x}`).join('')}}}`;
    },
    // change and diff: two results of one metric
    () => {
      const pairs = metrics.filter((m) => m.results.length >= 2 && m.results[0]!.time.ref !== undefined);
      if (!pairs.length) return undefined;
      const m = r.pick(pairs);
      const [a, b] = r.some(m.results, 2, 2) as [Obs, Obs];
      const relative = r.chance(0.2);
      if ((relative || !pointsKind(m)) && a.value === 0) return undefined;
      const opts = [
        ...(relative ? ['relative=true'] : []),
        ...(r.chance(0.4) ? ['words=true'] : []),
        ...(r.chance(0.2) ? [`places=${r.int(0, 3)}`] : []),
      ];
      has('prose:change');
      return `{{change "${m.id}" ${lit(a.time.ref!)} ${lit(b.time.ref!)}${opts.map((x) => ` ${x}`).join('')}}}`;
    },
    () => {
      const pairs = metrics.filter((m) => m.results.length >= 2 && m.results[0]!.time.ref !== undefined);
      if (!pairs.length) return undefined;
      const m = r.pick(pairs);
      const [a, b] = r.some(m.results, 2, 2) as [Obs, Obs];
      const opts = [
        ...(r.chance(0.4) ? ['words=true'] : []),
        ...(r.chance(0.3) ? [`round=${r.pick([10, 100, 1000])}`] : []),
        ...(r.chance(0.2) ? [`qualifier=${JSON.stringify(r.pick(QUALIFIERS))}`] : []),
        ...(r.chance(0.1) ? ['exact=true'] : []),
      ];
      has('prose:diff');
      return `{{diff "${m.id}" ${lit(a.time.ref!)} ${lit(b.time.ref!)}${opts.map((x) => ` ${x}`).join('')}}}`;
    },
    // vsTarget and ofTarget: a result with a target other than 0
    () => {
      const rs = all.filter((o) => !o.target && targetOf(o) && targetOf(o)!.value !== 0);
      if (!rs.length) return undefined;
      const o = r.pick(rs);
      const m = byId.get(o.id)!;
      const latest = m.results.at(-1) === o;
      const helper = r.pick(['vsTarget', 'ofTarget']);
      has(`prose:${helper}`);
      return `{{${helper} "${o.id}"${latest && r.chance(0.3) ? '' : timeArg(o)}}}`;
    },
    () => {
      has('prose:year');
      return `{{year ${r.int(1950, 2090)}}}`;
    },
    () => {
      const timed = all.filter((o) => o.time.ref !== undefined);
      if (!timed.length) return undefined;
      has('prose:period');
      return `{{period ${JSON.stringify(r.pick(timed).time.key)}}}`;
    },
  ];
  const prose = (max = 4000): Text => {
    const calls: string[] = [];
    const n = r.int(0, 4);
    for (let i = 0; i < n; i++) {
      const c = r.pick(helpers)();
      if (c) calls.push(c);
    }
    const startsWithHelper = calls.length > 0 && r.chance(0.3);
    return Object.fromEntries(
      langs.map((l) => {
        const f = familyOf(l);
        let s = startsWithHelper ? '' : wordsIn(l, r.int(2, 12));
        for (const c of calls)
          s += `${s ? (f === 'en' ? ' ' : '') : ''}${c}${f === 'en' ? ' ' : ''}${wordsIn(l, r.int(1, 8))}${r.chance(0.3) ? STOP[f] : COMMA[f]}`;
        s = s.trimEnd();
        if (!s.endsWith(STOP[f].trim())) s += STOP[f];
        if (long && r.chance(0.5)) {
          const room = max - [...s].length - 1;
          if (room > 0) s += (f === 'en' ? ' ' : '') + wordsIn(l, room, true);
          if ([...s].length > max) s = [...s].slice(0, max).join('').trimEnd();
        }
        return [l, s];
      }),
    );
  };

  // ---- observations go into facts (and outlook sections)
  const H = r.chance(0.15) ? r.int(4, 12) : r.int(1, 3);
  has(`highlights:${H}`);
  const hasOutlook = interim || r.chance(0.5);
  const sections = hasOutlook ? r.int(interim ? 1 : 0, 3) : 0;
  const holders = H + sections;
  const assigned: Obs[][] = Array.from({ length: holders }, () => []);
  for (const o of all) assigned[r.int(0, holders - 1)]!.push(o);
  const obsJson = (o: Obs): Obj => ({
    id: o.id,
    ...o.time.fields,
    value: o.value,
    ...(o.qualifier ? { qualifier: o.qualifier } : {}),
    ...(o.target !== undefined ? { target: o.target } : {}),
    ...(o.status ? { status: o.status } : {}),
    ...(o.of !== undefined ? { of: o.of } : {}),
  });
  /** split a holder's observations into facts of at most 40 */
  const factsFor = (obs: Obs[], min: number): Obj[] => {
    const n = Math.max(min, Math.ceil(obs.length / 40), r.int(0, 3));
    return Array.from({ length: n }, (_, i) => {
      const mine = obs.filter((_, k) => k % n === i);
      return {
        id: `fact-${i + 1}`,
        text: prose(),
        ...(mine.length || r.chance(0.5) ? { metrics: mine.map(obsJson) } : {}),
      };
    });
  };

  // ---- charts the data can honestly draw
  const withResults = metrics.filter((m) => m.results.length);
  const familyMembers = (fi: number) => withResults.filter((m) => m.family === fi);
  const chartFor = (): Json | undefined => {
    const options: (() => Json | undefined)[] = [
      () => 'auto',
      () => 'none',
      () => {
        // bars compare two or more figures of one unit (one figure is a number, not a chart)
        const fam = familyMembers(metrics.length ? r.pick(metrics).family : -1);
        return fam.length >= 2 ? { kind: 'bars', metrics: r.some(fam, 2, 3).map((m) => m.id) } : undefined;
      },
      () => {
        const two = withResults.filter((m) => resultTimes(m) >= 2);
        if (!two.length) return undefined;
        const kind: Obj = r.chance(0.5) ? { kind: 'before-after' } : { template: 'before-after' };
        return { ...kind, metrics: r.some(two, 1, 3).map((m) => m.id) };
      },
      () => {
        const fam = familyMembers(metrics.length ? r.pick(metrics).family : -1).filter((m) => resultTimes(m) >= 3);
        return fam.length ? { kind: 'series', metrics: r.some(fam, 1, 2).map((m) => m.id) } : undefined;
      },
      () => {
        const tg = metrics.filter((m) => m.targets.length);
        if (!tg.length) return undefined;
        const kind: Obj = r.chance(0.5) ? { kind: 'progress' } : { template: 'progress-target' };
        return { ...kind, metrics: r.some(tg, 1, 3).map((m) => m.id) };
      },
      () => {
        const ranks = withResults.filter((m) => m.species.kind === 'rank' && m.population);
        return ranks.length ? { kind: 'rank', metrics: r.some(ranks, 1, 3).map((m) => m.id) } : undefined;
      },
      () => {
        const fam = familyMembers(metrics.length ? r.pick(metrics).family : -1);
        if (!fam.length) return undefined;
        const total = r.chance(0.5) && fam.length >= 2 ? 'sum' : r.pick(withResults).id;
        const parts = r.some(fam, total === 'sum' ? 2 : 1, 4);
        // a whole of 0 has no shares (validate says so)
        const latest = (m: Metric) => m.results.at(-1)!.value;
        const whole = total === 'sum' ? parts.reduce((a, m) => a + latest(m), 0) : latest(byId.get(total)!);
        if (whole === 0) return undefined;
        const kind: Obj = r.chance(0.5) ? { kind: 'part-to-whole', total } : { template: 'composition', total };
        return { ...kind, metrics: parts.map((m) => m.id) };
      },
      () => {
        // datapress/1 templates that draw as bars: two or more figures of one unit
        const fam = familyMembers(metrics.length ? r.pick(metrics).family : -1);
        if (fam.length < 2) return undefined;
        const t = r.pick(['income-spending', 'composition']);
        return { template: t, metrics: r.some(fam, 2, 3).map((m) => m.id) };
      },
      () => {
        // a designer's own Vega-Lite file, relative to the project
        if (!withResults.length) return undefined;
        return { spec: 'templates/charts/before-after.vl.json', metrics: [r.pick(withResults).id] };
      },
      () => {
        const fam = familyMembers(metrics.length ? r.pick(metrics).family : -1);
        const ranks = withResults.filter((m) => m.species.kind === 'rank');
        if (fam.length < 2 || !ranks.length) return undefined;
        return {
          template: 'allowance-rank',
          metrics: r.some(fam, 2, 2).map((m) => m.id),
          ranks: r.some(ranks, 1, 2).map((m) => m.id),
        };
      },
    ];
    let c = r.pick(options)();
    if (interim) {
      // a datapress/1 template chart, else a before-after of any metric with two times, else bars of one
      for (let tries = 0; tries < 8 && !(c && typeof c === 'object' && 'template' in (c as Obj)); tries++)
        c = r.pick(options)();
      if (!(c && typeof c === 'object' && 'template' in (c as Obj))) c = undefined;
    }
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      has(`chart:${(c.kind ?? c.template ?? 'spec') as string}`);
      if (r.chance(0.5)) c.title = text(120, 4);
    } else if (c) has(`chart:${c}`);
    return c;
  };

  // ---- highlights
  const usedIds = new Set<string>();
  let group: Text | undefined;
  const highlights: Obj[] = [];
  for (let hi = 0; hi < H; hi++) {
    let id = r.chance(0.05) ? `h${hi}-${'x'.repeat(58)}` : `h${hi}`;
    while (usedIds.has(id)) id += 'a';
    usedIds.add(id);
    const h: Obj = { id, title: text(120) };
    if (r.chance(0.2)) h.number = r.int(1, 99);
    if (r.chance(0.25)) {
      if (!group || r.chance(0.5)) group = text(120, 3);
      h.group = group;
      has('group');
    }
    // a headline: a result, compared with another time or its target, with a rank beside
    if (withResults.length && (interim || r.chance(0.75))) {
      const o = r.pick(withResults.flatMap((m) => m.results));
      const m = byId.get(o.id)!;
      const hd: Obj = { metric: o.id, ...o.time.fields };
      if (o.time.fields.period !== undefined && o.time.fields.year !== undefined && r.chance(0.5)) delete hd.year;
      const others = m.results.filter(
        (x) => x.time.key !== o.time.key && x.time.ref !== undefined && (pointsKind(m) || x.value !== 0),
      );
      const tg = targetOf(o);
      const cmp = tg && r.chance(0.5) ? 2 : r.int(0, 2);
      if (cmp === 1 && others.length) {
        hd.compare = r.pick(others).time.ref!;
        has('headline:compare');
      } else if (cmp === 2 && tg && (pointsKind(m) || tg.value !== 0)) {
        hd.compare = 'target';
        has('headline:compare-target');
      }
      const ranks = withResults.filter((x) => x.species.kind === 'rank');
      if (ranks.length && r.chance(0.3)) hd.rank = r.pick(ranks).id;
      h.headline = hd;
      has('headline');
    }
    const c = chartFor();
    if (c !== undefined) h.chart = c;
    const facts = factsFor(assigned[hi]!, h.headline ? 0 : 1);
    if (facts.length) h.facts = facts;
    if (!h.headline && !facts.length) h.facts = factsFor([], 1);
    if (r.chance(0.15)) {
      h.quote = {
        text: prose(),
        speaker: text(120, 2),
        ...(r.chance(0.5) ? { role: text(120, 3) } : {}),
        ...(r.chance(0.5) ? { original: r.pick(langs) } : {}),
      };
      has('quote');
    }
    if (!h.headline) has('highlight:text-only');
    if (!h.chart || h.chart === 'none') has('highlight:no-chart');
    highlights.push(h);
  }

  // ---- meta
  const dates = [
    () => String(y0 + 31),
    () => `${y0 + 31}-${pad(r.int(1, 12))}`,
    () => `${y0 + 31}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
    () => y0 + 31,
  ];
  const meta: Obj = { title: text(120), date: r.pick(dates)() };
  if (r.chance(0.4)) meta.subtitle = text(240);
  if (r.chance(0.5)) meta.kicker = text(120, 2);
  if (r.chance(0.6)) meta.intro = prose();
  if (r.chance(0.5)) meta.region = text(120, 2);
  if (r.chance(0.4)) meta.tagline = Array.from({ length: r.int(1, 8) }, () => text(40, 2));
  if (r.chance(0.6)) meta.source = text(240, 5);
  if (r.chance(0.3)) meta.sourceUrl = 'https://example.org/release?id=2023-h1&lang=en';
  if (r.chance(0.3)) meta.keywords = Array.from({ length: r.int(1, 20) }, () => text(60, 2));
  if (r.chance(0.4))
    meta.credits = Array.from({ length: r.int(1, 5) }, () => ({
      role: text(60, 2),
      names: Array.from({ length: r.int(1, 3) }, () => text(60, 2)),
    }));
  if (r.chance(0.3)) {
    meta.publisher = {
      name: text(60, 3),
      ...(r.chance(0.5) ? { logo: IMAGES.logo } : {}),
      ...(r.chance(0.3) ? { url: 'https://example.org' } : {}),
    };
    has('publisher');
  }
  if (r.chance(0.2)) {
    meta.items = { total: r.int(H, H + 20), noun: text(40, 2) };
    has('items');
  }
  const currencies = [...new Set(metrics.map((m) => m.species.currency).filter((c): c is string => !!c))];
  if (currencies.length) {
    meta.currencies = Object.fromEntries(
      currencies.map((c) => [c, Object.fromEntries(r.some(langs).map((l) => [l, SYMBOLS[c]![familyOf(l)]]))]),
    );
    has('currencies');
  }

  const data: Obj = { format: 'datapress/1', id: `gen-${r.int(0, 9999)}`, langs: [...langs] };
  if (r.chance(0.3)) data.theme = r.pick(['newspaper', 'neutral']);
  data.meta = meta;
  data.indicators = indicators;
  data.highlights = highlights;

  // ---- outlook
  if (hasOutlook) {
    const o: Obj = { title: text(120) };
    if (r.chance(0.5)) o.byline = text(120, 3);
    if (r.chance(0.5)) o.lede = prose();
    let atTarget = metrics.filter((m) => m.targets.some((t) => t.time.key === `${target}`));
    if (interim && !atTarget.length) {
      // give the first metric a target in the outlook's year
      const m = metrics[0]!;
      const t: Obs = {
        id: m.id,
        time: yearTime(target),
        value: valueFor(r, m.species, m.change, 31, true),
        target: 'goal',
      };
      m.targets.push(t);
      all.push(t);
      assigned[H]!.push(t);
      atTarget = [m];
    }
    if (atTarget.length && (interim || r.chance(0.7))) {
      o.targets = {
        year: target,
        metrics: r.some(atTarget, 1, 12).map((m) => m.id),
        ...(r.chance(0.4) ? { period: text(120, 2) } : {}),
        ...(interim
          ? { chart: 'progress-target' }
          : r.chance(0.4)
            ? { chart: r.pick(['progress-target', 'progress']) }
            : {}),
        ...(r.chance(0.3) ? { title: text(120, 3) } : {}),
      };
      has('outlook:targets');
    }
    o.sections = Array.from({ length: sections }, (_, si) => ({
      id: `section-${si + 1}`,
      ...(r.chance(0.7) ? { heading: text(120, 3) } : {}),
      body: Array.from({ length: r.int(0, 3) }, () => prose()),
      ...(assigned[H + si]!.length ? { metrics: assigned[H + si]!.map(obsJson) } : {}),
    }));
    data.outlook = o;
    has('outlook');
  }

  // ---- photos
  if (r.chance(0.3)) {
    data.photos = Array.from({ length: r.int(1, 3) }, () => ({
      caption: text(120, 4),
      ...(r.chance(0.5) ? { image: IMAGES.photo } : {}),
      ...(r.chance(0.3) ? { credit: text(120, 2) } : {}),
    }));
    has('photos');
  }
  if (r.chance(0.2)) data.photoCredit = text(120, 3);
  for (const part of ['kicker', 'intro', 'source', 'credits', 'tagline']) if (!(part in meta)) has(`no:meta.${part}`);
  if (!hasOutlook) has('no:outlook');
  return { data, features };
}

export const validDatasets: fc.Arbitrary<Generated> = fc.gen().map((g) => validDataset(g));

export function toYaml(d: Json): string {
  return stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });
}
