/**
 * English (en, en-GB, en-US…): 15.71 million, CNY 145 billion, C$1.2 billion, 1st among 10
 * provinces, H1 2023, up 1.9 percentage points. Words come from locales/en.ts.
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
import type { Words } from './words.js';

export interface EnglishTable {
  number: NumberStyle;
  months: readonly string[];
  per: Readonly<Record<PerUnit, string>>;
  /** 'singular|plural' (or one form) */
  measures: Readonly<Record<string, string>>;
  qualifiers: Readonly<Record<Qualifier, string>>;
  target: Readonly<Record<TargetKind, string>>;
  words: Words;
}

const MINUS = '−';

export function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** 'bed|beds' → beds unless exactly one. */
function plural(forms: string, d: Decimal | undefined, scaled: boolean): string {
  const [one = '', many = one] = forms.split('|');
  return d && !scaled && !d.neg && d.digits === '1' && d.scale === 0 ? one : many;
}

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

export function englishLocale(t: EnglishTable, lang: string): Locale {
  const us = /^en-US$/i.test(lang);
  const unitOf = (spec: FormatSpec): UnitInfo => {
    const u = parseUnit(spec.unit, spec.per);
    if (typeof u === 'string') throw new RangeError(`unknown unit "${spec.unit}"`);
    return u;
  };
  const counter = (spec: FormatSpec) => spec.counter?.[lang] ?? spec.counter?.en;
  const symbol = (code: string, ctx?: FormatContext): { text: string; prefix: boolean } => {
    const own = ctx?.currencies?.[code]?.[lang] ?? ctx?.currencies?.[code]?.en;
    if (own) return { text: own, prefix: !/^[A-Za-z]+$/.test(own) };
    if (code === 'CNY') return { text: 'CNY', prefix: false };
    const sym =
      new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'symbol' })
        .formatToParts(1)
        .find((p) => p.type === 'currency')?.value ?? code;
    return { text: sym, prefix: !/^[A-Za-z]+$/.test(sym) };
  };
  const rate = (per: readonly PerUnit[]) => per.map((p) => t.per[p]).join(' ');
  const qualify = (text: string, q: Qualifier | undefined) => (q ? `${t.qualifiers[q]} ${text}` : text);

  const value = (v: number, spec: FormatSpec, opts: FormatOptions = {}, ctx?: FormatContext): string => {
    const u = unitOf(spec);
    if (spec.change && v !== 0) {
      // a change as the source states it: +43,000 / −36,000, or up 43,000 / down 0.1 percentage points
      const abs = value(Math.abs(v), { ...spec, change: false }, { ...opts, qualifier: undefined, words: false }, ctx);
      if (opts.bare || !opts.words)
        return qualify(`${v < 0 ? MINUS : '+'}${abs}`, opts.bare ? undefined : opts.qualifier);
      return `${v < 0 ? 'down' : 'up'} ${u.kind === 'count' || u.kind === 'money' || u.kind === 'measure' ? 'by ' : ''}${qualify(abs, opts.qualifier)}`;
    }
    switch (u.kind) {
      case 'ratio': {
        const n = percentNumber(v, spec, opts, u.base === 'permille' ? 3 : 2);
        // datapress/1: a bare percent keeps its sign (95%); a bare per-mille is the number
        if (opts.bare) return u.base === 'permille' ? n : `${n}%`;
        return qualify(join(u.base === 'permille' ? `${n} per 1,000` : `${n}%`, rate(u.per)), opts.qualifier);
      }
      case 'points': {
        const n = plainNumber(v, spec, opts, t.number.group);
        return opts.bare ? n : qualify(`${n} ${n === '1' ? 'percentage point' : 'percentage points'}`, opts.qualifier);
      }
      case 'rate': {
        const n = plainNumber(v, spec, opts, t.number.group);
        return opts.bare ? n : qualify(`${n} per ${u.base === 'per1000' ? '1,000' : '100,000'}`, opts.qualifier);
      }
      case 'rank': {
        if (opts.bare) return String(v);
        const of = opts.of ?? spec.of;
        const among = spec.among?.[lang] ?? spec.among?.en;
        const scope = spec.scope?.[lang] ?? spec.scope?.en;
        if (opts.full && among && of !== undefined) return `${ordinal(v)} among ${of.toLocaleString('en')} ${among}`;
        if (opts.full && scope) return `${ordinal(v)} ${scope}`;
        if (opts.full && of !== undefined) return `${ordinal(v)} of ${of.toLocaleString('en')}`;
        return ordinal(v);
      }
      case 'streak':
        return opts.bare
          ? String(v)
          : qualify(`${v} consecutive ${v === 1 ? 'increase' : 'increases'}`, opts.qualifier);
      default: {
        const full = u.per.some((p) => p !== 'person' && p !== 'household');
        const s = scaledNumber(v, spec, opts, lang, t.number, !full);
        const n = join(s.n, s.word);
        if (opts.bare) return n;
        const per = rate(u.per);
        if (u.kind === 'money') {
          const sym = symbol(u.currency!, ctx);
          const neg = n.startsWith(MINUS);
          const abs = neg ? n.slice(1) : n;
          const money = sym.prefix ? `${neg ? MINUS : ''}${sym.text}${abs}` : `${sym.text} ${neg ? MINUS : ''}${abs}`;
          return qualify(join(money, per), opts.qualifier);
        }
        const c = counter(spec);
        const noun =
          u.kind === 'measure'
            ? plural(c ?? t.measures[u.base] ?? u.base, s.d, Boolean(s.word))
            : c
              ? plural(c, s.d, Boolean(s.word))
              : '';
        return qualify(join(n, noun, per), opts.qualifier);
      }
    }
  };

  const signed = (d: Decimal, unit: string) => `${d.neg ? MINUS : '+'}${toPlain({ ...d, neg: false })}${unit}`;
  const isZero = (d: Decimal) => d.digits === '0';
  const points = (d: Decimal) => (toPlain({ ...d, neg: false }) === '1' ? ' percentage point' : ' percentage points');
  const point = (p: PeriodPoint): string => {
    switch (p.precision) {
      case 'year':
        return String(p.year);
      case 'half':
        return `H${p.part} ${p.year}`;
      case 'quarter':
        return `Q${p.part} ${p.year}`;
      case 'month':
        return `${t.months[p.part! - 1]} ${p.year}`;
      case 'day':
        return us ? `${t.months[p.part! - 1]} ${p.day}, ${p.year}` : `${p.day} ${t.months[p.part! - 1]} ${p.year}`;
    }
  };

  const locale: Locale = {
    tag: lang,
    script: 'Latn',
    missing: [],
    value,
    change(from, to, opts: ChangeOptions = {}) {
      const u = opts.spec ? unitOf(opts.spec) : undefined;
      const inPoints = !opts.relative && (u?.kind === 'ratio' || u?.kind === 'points');
      const factor = u?.kind === 'ratio' ? (u.base === 'permille' ? 3 : 2) : 0;
      const places = opts.places ?? (inPoints ? Math.max(1, placesOf(from, factor), placesOf(to, factor)) : 1);
      // growth from zero has no percentage: the change is the difference itself (up by 5 / 增加5人)
      if (!inPoints && from === 0) {
        if (!opts.spec) return '';
        const diff = locale.diff(from, to, opts.spec, { words: opts.words });
        return opts.words || to === 0 ? diff : `${to < 0 ? MINUS : '+'}${diff}`;
      }
      const d = inPoints ? round(pointsBetween(from, to, factor), places) : percentChange(from, to, places);
      const unit = inPoints ? points(d) : '%';
      if (!opts.words) return signed(d, unit);
      if (isZero(d)) return 'unchanged';
      return `${d.neg ? 'down' : 'up'} ${toPlain({ ...d, neg: false })}${unit}`;
    },
    diff(from, to, spec, opts: DiffOptions = {}, ctx) {
      const d = minus(to, from);
      const abs = Math.abs(Number(toPlain(d)));
      const body = value(abs, spec, { ...opts, qualifier: undefined }, ctx);
      if (!opts.words) return qualify(body, opts.qualifier);
      if (isZero(d)) return 'unchanged';
      return `${d.neg ? 'down' : 'up'} by ${qualify(body, opts.qualifier)}`;
    },
    vsTarget(result, target, spec, kind) {
      const u = unitOf(spec);
      const inPoints = u.kind === 'ratio' || u.kind === 'points';
      const gap = inPoints
        ? round(pointsBetween(target, result, u.kind === 'ratio' ? 2 : 0), 1)
        : percentChange(target, result, 1);
      const n = `${toPlain({ ...gap, neg: false })}${inPoints ? points(gap) : '%'}`;
      const what = t.target[kind];
      if (isZero(gap)) return `met the ${what}`;
      if (spec.better === 'lower') return gap.neg ? `came in ${n} below the ${what}` : `was ${n} above the ${what}`;
      return gap.neg ? `fell ${n} short of the ${what}` : `beat the ${what} by ${n}`;
    },
    ofTarget(result, target, kind) {
      return `${toPlain(percentOf(result, target, 1))}% of the ${t.target[kind]}`;
    },
    period(p: Period) {
      switch (p.kind) {
        case 'none':
          return '';
        case 'asof': {
          const at = p.at!;
          if (at.precision === 'day') return `as of ${point(at)}`;
          return `as of the end of ${point(at)}`;
        }
        case 'range': {
          const a = p.from!;
          const b = p.at!;
          if (a.precision === 'year') return `${a.year}–${b.year}`;
          if (a.precision === 'month' && a.year === b.year) return `${t.months[a.part! - 1]}–${point(b)}`;
          return `${point(a)}–${point(b)}`;
        }
        default:
          return point(p.at!);
      }
    },
    date: point,
    year: (y) => String(y),
    list(items) {
      if (items.length <= 2) return items.join(' and ');
      return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
    },
    capitalize: (s) => s.replace(/^(\P{L}*)(\p{Ll})/u, (_m, pre: string, c: string) => pre + c.toUpperCase()),
    words: t.words,
  };
  return locale;
}
