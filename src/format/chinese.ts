/**
 * The Chinese locales' engine: Simplified (zh), Traditional as Taiwan writes it (zh-Hant)
 * and as Hong Kong writes it (zh-HK) differ only in their tables (locales/zh-*.ts): scale
 * words (万/萬), unit and currency names, where 约/約 goes, period words, built-in words.
 */
import { minus, percentChange, percentOf, pointsBetween, round, toPlain, type Decimal } from './decimal.js';
import type {
  ChangeOptions,
  DiffOptions,
  FormatContext,
  FormatOptions,
  FormatSpec,
  Locale,
  Qualifier,
  TargetKind,
} from './locale.js';
import { percentNumber, placesOf, plainNumber, scaledNumber, type NumberStyle } from './number.js';
import type { Period, PeriodPoint } from './period.js';
import { parseUnit, type PerUnit, type UnitInfo } from './unit.js';
import { fill, type Words } from './words.js';

export interface ChineseTable {
  tag: string;
  /** a percent per unit of time: 年均0.8% */
  perAverage: Readonly<Partial<Record<PerUnit, string>>>;
  script: 'Hans' | 'Hant' | 'HK';
  number: NumberStyle;
  /** noun of `person` and default noun of `count` */
  person: string;
  counter: string;
  per: Readonly<Record<PerUnit, string>>;
  measures: Readonly<Record<string, string>>;
  /** currency words: [before the number, after it]; CNY is ['', '元'] */
  currencies: Readonly<Record<string, readonly [string, string]>>;
  /** Intl display-name locale for currencies the table lacks */
  intl: string;
  pp: string;
  permille: string;
  per1000: string;
  per100000: string;
  rank: string;
  rankAmong: string;
  rankOf: string;
  rankScope: string;
  streak: string;
  /** words before or after the figure */
  qualifiers: Readonly<Record<Qualifier, { pre?: string; post?: string }>>;
  halves: readonly [string, string];
  quarters: readonly [string, string, string, string];
  yearSuffix: string;
  monthRange: string;
  /** between the two ends of a range across years: 2022年12月–2023年2月 / 2022年12月至2023年2月 */
  rangeSep: string;
  asOf: string;
  monthEnd: string;
  yearEnd: string;
  quarterEnd: string;
  halfEnd: string;
  change: { up: string; down: string; flat: string; upPoints: string; downPoints: string };
  diff: { up: string; down: string; flat: string };
  target: Readonly<Record<TargetKind, string>>;
  vsTarget: { beat: string; met: string; short: string; under: string; over: string };
  ofTarget: string;
  list: { sep: string; last: string };
  words: Words;
}

const MINUS = '−';

export function chineseLocale(t: ChineseTable, lang: string): Locale {
  const unitOf = (spec: FormatSpec): UnitInfo => {
    const u = parseUnit(spec.unit, spec.per);
    if (typeof u === 'string') throw new RangeError(`unknown unit "${spec.unit}"`);
    return u;
  };
  const noun = (spec: FormatSpec, fallback: string) => spec.counter?.[lang]?.split('|')[0] ?? fallback;
  const currency = (code: string, ctx?: FormatContext): readonly [string, string] => {
    const own = ctx?.currencies?.[code]?.[lang];
    if (own) return ['', own];
    const known = t.currencies[code];
    if (known) return known;
    return ['', new Intl.DisplayNames([t.intl], { type: 'currency' }).of(code) ?? code];
  };
  const withPer = (body: string, per: readonly PerUnit[]): string => {
    if (!per.length) return body;
    const [first, ...rest] = per;
    // 每人每月133元: a rate per person reads as 每人…; other rates as 2715元/月
    if (first === 'person' || first === 'household')
      return `每${t.per[first]}${rest.map((p) => `每${t.per[p]}`).join('')}${body}`;
    return `${body}/${per.map((p) => t.per[p]).join('/')}`;
  };
  const qualify = (text: string, q: Qualifier | undefined): string => {
    if (!q) return text;
    const w = t.qualifiers[q];
    return `${w.pre ?? ''}${text}${w.post ?? ''}`;
  };

  const value = (v: number, spec: FormatSpec, opts: FormatOptions = {}, ctx?: FormatContext): string => {
    const u = unitOf(spec);
    if (spec.change && v !== 0) {
      // a change as the source states it: +4.3万人 / −3.6万人, or 增加4.3万人 / 下降0.1个百分点
      const abs = value(Math.abs(v), { ...spec, change: false }, { ...opts, qualifier: undefined, words: false }, ctx);
      if (opts.bare) return `${v < 0 ? MINUS : '+'}${abs}`;
      if (!opts.words) return qualify(`${v < 0 ? MINUS : '+'}${abs}`, opts.qualifier);
      const up = v > 0;
      const w =
        u.kind === 'points'
          ? up
            ? t.change.upPoints
            : t.change.downPoints
          : u.kind === 'ratio'
            ? up
              ? t.change.up
              : t.change.down
            : up
              ? t.diff.up
              : t.diff.down;
      return fill(w, { n: qualify(u.kind === 'points' ? abs.replace(t.pp, '') : abs, opts.qualifier) });
    }
    let body: string;
    switch (u.kind) {
      case 'ratio': {
        const n = percentNumber(v, spec, opts, u.base === 'permille' ? 3 : 2);
        if (opts.bare) return n;
        body = `${n}${u.base === 'permille' ? t.permille : '%'}`;
        // 年均0.8%: a percent per unit of time
        if (u.per.length) body = `${t.perAverage[u.per[0]!] ?? ''}${body}`;
        break;
      }
      case 'points': {
        const n = plainNumber(v, spec, opts, t.number.group);
        if (opts.bare) return n;
        body = `${n}${t.pp}`;
        break;
      }
      case 'rate': {
        const n = plainNumber(v, spec, opts, t.number.group);
        if (opts.bare) return n;
        body = fill(u.base === 'per1000' ? t.per1000 : t.per100000, { n });
        break;
      }
      case 'rank': {
        const n = String(v);
        if (opts.bare) return n;
        const of = opts.of ?? spec.of;
        const among = spec.among?.[lang];
        const scope = spec.scope?.[lang];
        if (opts.full && among && of !== undefined) return fill(t.rankAmong, { n, of, among });
        if (opts.full && scope) return fill(t.rankScope, { n, scope });
        if (opts.full && of !== undefined) return fill(t.rankOf, { n, of });
        return fill(t.rank, { n });
      }
      case 'streak':
        return opts.bare ? String(v) : qualify(fill(t.streak, { n: v }), opts.qualifier);
      default: {
        // counts, amounts, measures: 1570.6万人, 1450亿元, 600吨/日; rates per month/year in full digits
        const full = u.per.some((p) => p !== 'person' && p !== 'household');
        const s = scaledNumber(v, spec, opts, lang, t.number, !full);
        const n = `${s.n}${s.word}`;
        if (opts.bare) return n;
        if (u.kind === 'money') {
          const [pre, post] = currency(u.currency!, ctx);
          body = withPer(`${pre}${n}${post}`, u.per);
        } else if (u.kind === 'measure')
          body = withPer(`${n}${spec.counter?.[lang] ?? t.measures[u.base] ?? u.base}`, u.per);
        else if (u.base === 'person') body = withPer(`${n}${noun(spec, t.person)}`, u.per);
        else if (u.base === 'count') body = withPer(`${n}${noun(spec, t.counter)}`, u.per);
        else body = withPer(`${n}${spec.counter ? noun(spec, '') : ''}`, u.per);
      }
    }
    return qualify(body, opts.qualifier);
  };

  const signed = (d: Decimal, unit: string) => `${d.neg ? MINUS : '+'}${toPlain({ ...d, neg: false })}${unit}`;
  const isZero = (d: Decimal) => d.digits === '0';

  const locale: Locale = {
    tag: lang,
    script: t.script,
    missing: [],
    value,
    change(from, to, opts: ChangeOptions = {}) {
      const u = opts.spec ? unitOf(opts.spec) : undefined;
      const points = !opts.relative && (u?.kind === 'ratio' || u?.kind === 'points');
      const factor = u?.kind === 'ratio' ? (u.base === 'permille' ? 3 : 2) : 0;
      const places = opts.places ?? (points ? Math.max(1, placesOf(from, factor), placesOf(to, factor)) : 1);
      // growth from zero has no percentage: the change is the difference itself (up by 5 / 增加5人)
      if (!points && from === 0) {
        if (!opts.spec) return '';
        const diff = locale.diff(from, to, opts.spec, { words: opts.words });
        return opts.words || to === 0 ? diff : `${to < 0 ? MINUS : '+'}${diff}`;
      }
      let d: Decimal;
      let unit: string;
      if (points) {
        d = round(pointsBetween(from, to, factor), places);
        unit = t.pp;
      } else {
        d = percentChange(from, to, places);
        unit = '%';
      }
      if (!opts.words) return signed(d, unit);
      const abs = toPlain({ ...d, neg: false });
      if (isZero(d)) return t.change.flat;
      if (points) return fill(d.neg ? t.change.downPoints : t.change.upPoints, { n: abs });
      return fill(d.neg ? t.change.down : t.change.up, { n: `${abs}%` });
    },
    diff(from, to, spec, opts: DiffOptions = {}, ctx) {
      const d = minus(to, from);
      const abs = Math.abs(Number(toPlain(d)));
      const body = value(abs, spec, { ...opts, qualifier: undefined }, ctx);
      if (!opts.words) return qualify(body, opts.qualifier);
      if (isZero(d)) return t.diff.flat;
      return fill(d.neg ? t.diff.down : t.diff.up, { n: qualify(body, opts.qualifier) });
    },
    vsTarget(result, target, spec, kind) {
      const u = unitOf(spec);
      const lowerBetter = spec.better === 'lower';
      const pointsUnit = u.kind === 'ratio' || u.kind === 'points';
      const gap = pointsUnit
        ? round(pointsBetween(target, result, u.kind === 'ratio' ? 2 : 0), 1)
        : percentChange(target, result, 1);
      const n = `${toPlain({ ...gap, neg: false })}${pointsUnit ? t.pp : '%'}`;
      const what = t.target[kind];
      if (isZero(gap)) return fill(t.vsTarget.met, { what });
      const ahead = lowerBetter ? gap.neg : !gap.neg;
      if (lowerBetter) return fill(ahead ? t.vsTarget.under : t.vsTarget.over, { n, what });
      return fill(ahead ? t.vsTarget.beat : t.vsTarget.short, { n, what });
    },
    ofTarget(result, target, kind) {
      return fill(t.ofTarget, { n: `${toPlain(percentOf(result, target, 1))}%`, what: t.target[kind] });
    },
    period: (p) => period(t, p),
    date: (p) => point(t, p),
    year: (y) => `${y}${t.yearSuffix}`,
    list(items) {
      if (items.length <= 1) return items.join('');
      return `${items.slice(0, -1).join(t.list.sep)}${t.list.last}${items[items.length - 1]}`;
    },
    capitalize: (s) => s,
    words: t.words,
  };
  return locale;
}

function point(t: ChineseTable, p: PeriodPoint): string {
  const y = `${p.year}${t.yearSuffix}`;
  switch (p.precision) {
    case 'year':
      return y;
    case 'half':
      return `${y}${t.halves[p.part! - 1]}`;
    case 'quarter':
      return `${y}${t.quarters[p.part! - 1]}`;
    case 'month':
      return `${y}${p.part}月`;
    case 'day':
      return `${y}${p.part}月${p.day}日`;
  }
}

function period(t: ChineseTable, p: Period): string {
  switch (p.kind) {
    case 'none':
      return '';
    case 'asof': {
      const at = p.at!;
      const when =
        at.precision === 'day'
          ? point(t, at)
          : at.precision === 'month'
            ? `${point(t, at)}${t.monthEnd}`
            : at.precision === 'year'
              ? `${point(t, at)}${t.yearEnd}`
              : `${point(t, at)}${at.precision === 'quarter' ? t.quarterEnd : t.halfEnd}`;
      return fill(t.asOf, { when });
    }
    case 'range': {
      const a = p.from!;
      const b = p.at!;
      if (a.precision === 'year') return `${a.year}–${b.year}${t.yearSuffix}`;
      if (a.precision === 'month' && a.year === b.year)
        return fill(t.monthRange, { y: a.year, a: a.part!, b: b.part! });
      return `${point(t, a)}${t.rangeSep}${point(t, b)}`;
    }
    default:
      return point(t, p.at!);
  }
}
