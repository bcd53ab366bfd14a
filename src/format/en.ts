import { group, percentChange, round, shift, toDecimal, toPlain } from './decimal.js';
import type { FormatOptions, FormatSpec, LocaleFormat, Qualifier } from './types.js';

const SCALES: Record<string, [number, string]> = {
  thousand: [3, 'thousand'],
  million: [6, 'million'],
  billion: [9, 'billion'],
  none: [0, ''],
};
const QUALIFIER: Record<Qualifier, string> = { over: 'over', about: 'about', under: 'under' };

/** 15706000 → 15.71 million (exact: 15.706 million); 33500 → 33,500 */
function scaled(value: number, spec: FormatSpec, opts: FormatOptions): { n: string; word: string } {
  const abs = Math.abs(value);
  const pinned = spec.scale?.en;
  const [power, word] =
    pinned !== undefined
      ? (SCALES[pinned] ?? [0, ''])
      : abs >= 1e9
        ? SCALES.billion
        : abs >= 1e6
          ? SCALES.million
          : [0, ''];
  let d = shift(toDecimal(value), -power);
  if (!opts.exact) d = round(d, spec.digits ?? (power > 0 ? 2 : 0));
  return { n: group(toPlain(d)), word };
}

function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** 'bed|beds' → beds unless exactly one */
function noun(counter: string | undefined, n: string, word: string): string {
  if (!counter) return '';
  const [one, many = one] = counter.split('|');
  return n === '1' && !word ? one : many;
}

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

export const en: LocaleFormat = {
  lang: 'en',
  value(value, spec, opts = {}) {
    const q = opts.qualifier ? QUALIFIER[opts.qualifier] : '';
    if (spec.unit === 'percent') {
      const p = `${toPlain(shift(toDecimal(value), 2))}%`;
      return opts.bare ? p : join(q, p);
    }
    if (spec.unit === 'rank') return opts.bare ? String(value) : ordinal(value);
    if (spec.unit === 'streak') return opts.bare ? String(value) : join(q, `${value} consecutive increases`);
    const { n, word } = scaled(value, spec, opts);
    if (opts.bare) return join(n, word);
    switch (spec.unit) {
      case 'person':
        return join(q, n, word);
      case 'count':
        return join(q, n, word, noun(spec.counter?.en, n, word));
      case 'yuan':
        return join(q, 'CNY', n, word);
      case 'yuan/month':
        return join(q, 'CNY', n, word, 'a month');
      case 'yuan/year':
        return join(q, 'CNY', n, word, 'a year');
      case 'yuan/person/month':
        return join(q, 'CNY', n, word, 'per person a month');
    }
    return join(q, n, word);
  },
  change(from, to, places = 1) {
    const d = percentChange(from, to, places);
    return `${d.neg ? '−' : '+'}${toPlain({ ...d, neg: false })}%`;
  },
  year: (y) => String(y),
  list(items) {
    if (items.length <= 2) return items.join(' and ');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  },
};
