/**
 * A language with no locale table of its own (say `fr` or `mn`): numbers, percentages,
 * currencies, months and lists through the runtime's Intl, exact decimal strings in; ranks,
 * qualifiers, halves and quarters, change words and built-in words fall back to English. The
 * build warns once per dataset, naming those idioms (`missing`).
 */
import { percentChange, percentOf, pointsBetween, round, shift, toDecimal, toPlain } from './decimal.js';
import { englishLocale } from './english.js';
import type { ChangeOptions, FormatContext, FormatOptions, FormatSpec, Locale } from './locale.js';
import { EN } from './locales/en.js';
import type { Period, PeriodPoint } from './period.js';
import { parseUnit } from './unit.js';

const MINUS = '−';

export function intlLocale(lang: string): Locale {
  const en = englishLocale(EN, 'en');
  let tag = lang;
  try {
    tag = Intl.getCanonicalLocales(lang)[0] ?? lang;
  } catch {
    tag = 'en';
  }
  const decimals = (spec: FormatSpec, opts: FormatOptions) =>
    opts.exact
      ? { maximumFractionDigits: 20 }
      : spec.decimals !== undefined
        ? { minimumFractionDigits: spec.decimals, maximumFractionDigits: spec.decimals }
        : { minimumFractionDigits: 0, maximumFractionDigits: spec.digits ?? 2 };
  // Intl formats exact decimal strings (ES2023), so no float noise reaches a digit
  const num = (s: string, o: Intl.NumberFormatOptions) => new Intl.NumberFormat(tag, o).format(s as unknown as number);

  // qualifiers are among the idioms written in English (`missing`): "about 85 %", never dropped
  const value = (v: number, spec: FormatSpec, opts: FormatOptions = {}, ctx?: FormatContext): string => {
    const body = figure(v, spec, { ...opts, qualifier: undefined }, ctx);
    return opts.qualifier && !opts.bare ? `${EN.qualifiers[opts.qualifier]} ${body}` : body;
  };
  const figure = (v: number, spec: FormatSpec, opts: FormatOptions = {}, ctx?: FormatContext): string => {
    const u = parseUnit(spec.unit, spec.per);
    if (typeof u === 'string') throw new RangeError(`unknown unit "${spec.unit}"`);
    const exact = toPlain(toDecimal(v));
    switch (u.kind) {
      case 'ratio': {
        if (u.base === 'permille') return en.value(v, spec, opts, ctx);
        const p = toPlain(shift(toDecimal(v), 2));
        return opts.bare ? num(p, decimals(spec, opts)) : `${num(p, decimals(spec, opts))} %`;
      }
      case 'rank':
      case 'streak':
      case 'points':
      case 'rate':
        return en.value(v, spec, opts, ctx);
      default: {
        const compact = !opts.exact && u.per.every((p) => p === 'person' || p === 'household');
        const o: Intl.NumberFormatOptions = {
          ...decimals(spec, opts),
          ...(compact ? { notation: 'compact', compactDisplay: 'long' } : {}),
        };
        if (u.kind === 'money' && !opts.bare) {
          const own = ctx?.currencies?.[u.currency!]?.[lang];
          const body = own
            ? `${num(exact, o)} ${own}`
            : num(exact, { ...o, style: 'currency', currency: u.currency!, currencyDisplay: 'symbol' });
          // a rate keeps its "per": a monthly wage is "… a month" (in English, named in `missing`)
          return [body, ...u.per.map((p) => EN.per[p])].join(' ');
        }
        const n = num(exact, o);
        if (opts.bare) return n;
        // measures and rates keep their English symbols and words (km², tonnes a day): named in `missing`
        const c = spec.counter?.[lang]?.split('|');
        const noun = c ? c[c.length - 1] : u.kind === 'measure' ? (EN.measures[u.base] ?? u.base).split('|').pop() : '';
        return [n, noun, ...u.per.map((p) => EN.per[p])].filter(Boolean).join(' ');
      }
    }
  };

  const point = (p: PeriodPoint): string => {
    if (p.precision === 'year') return String(p.year);
    if (p.precision === 'half' || p.precision === 'quarter') return en.date(p);
    const date = new Date(Date.UTC(p.year, p.part! - 1, p.day ?? 1));
    return new Intl.DateTimeFormat(tag, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      ...(p.precision === 'day' ? { day: 'numeric' } : {}),
    }).format(date);
  };

  return {
    ...en,
    tag: lang,
    script: 'other',
    missing: [
      'ranks',
      'streaks',
      'qualifiers',
      'halves and quarters',
      'units of measure and rates (in English)',
      'change and target wording',
      'built-in words (page footers, chart words, alt text)',
    ],
    value,
    change(from: number, to: number, opts: ChangeOptions = {}) {
      if (opts.words) return en.change(from, to, opts);
      const u = opts.spec ? parseUnit(opts.spec.unit, opts.spec.per) : undefined;
      const points = typeof u === 'object' && !opts.relative && (u.kind === 'ratio' || u.kind === 'points');
      const d = points
        ? round(pointsBetween(from, to, u.kind === 'ratio' ? 2 : 0), opts.places ?? 1)
        : percentChange(from, to, opts.places ?? 1);
      const body = num(toPlain({ ...d, neg: false }), { maximumFractionDigits: 20 });
      return `${d.neg ? MINUS : '+'}${body}${points ? ' pp' : ' %'}`;
    },
    ofTarget(result, target, kind) {
      return en
        .ofTarget(result, target, kind)
        .replace(/^[\d.]+%/, `${num(toPlain(percentOf(result, target, 1)), {})} %`);
    },
    period(p: Period) {
      if (p.kind === 'none') return '';
      if (p.kind === 'range' && p.from) return `${point(p.from)}–${point(p.at!)}`;
      if (p.kind === 'asof') return en.period(p);
      return point(p.at!);
    },
    date: point,
    list(items) {
      return new Intl.ListFormat(tag, { type: 'conjunction' }).format(items);
    },
  };
}
