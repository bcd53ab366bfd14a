/**
 * The numeric core every locale shares: pick a scale (万/亿, million/billion), shift the
 * decimal point exactly, round or pad, group the digits. No float arithmetic touches a
 * printed digit (decimal.ts).
 */
import { fixed, group, round, roundTo, shift, toDecimal, toPlain, type Decimal } from './decimal.js';
import type { FormatOptions, FormatSpec } from './locale.js';

/** A scale word: 10^power is written `word`. Largest first. */
export interface Scale {
  power: number;
  word: string;
  /** pin names that select it (`scale: {zh: 万}`; `million`) */
  names: readonly string[];
  /** only when an indicator pins it (English "thousand": 43,000 stays 43,000 unless asked) */
  pinOnly?: boolean;
}

export interface NumberStyle {
  scales: readonly Scale[];
  /** thousands separator ('' for none) */
  group: string;
  /** decimals of a scaled short form when the indicator says nothing (en: 2 for millions, zh: as given) */
  scaledDigits?: number;
  /** group the digits before a scale word too (en: 1,500 million; zh writes 1570.6万 ungrouped) */
  groupScaled?: boolean;
}

export interface Scaled {
  /** the digits as printed: '1570.6', '15.71', '4,200' */
  n: string;
  /** the scale word ('' when none) */
  word: string;
  /** the decimal printed (for plural choice: exactly one?) */
  d: Decimal;
}

/** Pinned scale for this language, if the indicator pins one; 'none' pins digits only. */
function pinned(spec: FormatSpec, lang: string, style: NumberStyle): Scale | 'none' | undefined {
  const pin = spec.scale?.[lang];
  if (pin === undefined) return undefined;
  if (pin === 'none') return 'none';
  return style.scales.find((s) => s.names.includes(pin)) ?? 'none';
}

/**
 * The number part of a figure: scaled when `scaled` is true (counts and amounts), exact or
 * rounded per the indicator and options.
 */
/** A true minus sign (U+2212) for negative numbers, in every language. */
export const signed = (n: string): string => (n.startsWith('-') ? `−${n.slice(1)}` : n);

/** Decimals a figure shows in its unit: 0.0367 as a percent has 2 (3.67). */
export function placesOf(value: number, factor: number): number {
  const d = toDecimal(value);
  return Math.max(0, d.scale - factor);
}

export function scaledNumber(
  value: number,
  spec: FormatSpec,
  opts: FormatOptions,
  lang: string,
  style: NumberStyle,
  scaled: boolean,
): Scaled {
  let d = toDecimal(value);
  if (opts.round && !opts.exact) d = roundTo(d, opts.round);
  const pin = pinned(spec, lang, style);
  const abs = Math.abs(value);
  const scale =
    pin === 'none'
      ? undefined
      : (pin ?? (scaled ? style.scales.find((s) => !s.pinOnly && abs >= 10 ** s.power) : undefined));
  if (scale) d = shift(d, -scale.power);
  let n: string;
  if (opts.exact) n = toPlain(d);
  else if (spec.decimals !== undefined) n = fixed(d, spec.decimals);
  else {
    const digits = spec.digits ?? (scale ? style.scaledDigits : undefined);
    if (digits !== undefined) {
      const r = round(d, digits);
      // a pinned scale far above the figure (1.5 million in billions): its digits, never a made-up 0
      d = r.digits === '0' && value !== 0 && spec.digits === undefined ? d : r;
    }
    n = toPlain(d);
  }
  return { n: signed(scale && !style.groupScaled ? n : group(n, style.group)), word: scale?.word ?? '', d };
}

/** A fraction as a percentage number (0.049 → '4.9'), per the indicator's decimals. */
export function percentNumber(value: number, spec: FormatSpec, opts: FormatOptions, factor = 2): string {
  const d = shift(toDecimal(value), factor);
  if (opts.exact) return signed(toPlain(d));
  if (spec.decimals !== undefined) return signed(fixed(d, spec.decimals));
  if (spec.digits !== undefined) return signed(toPlain(round(d, spec.digits)));
  return signed(toPlain(d));
}

/** A plain decimal per the indicator's decimals (pp, rates, measures without scale). */
export function plainNumber(value: number | Decimal, spec: FormatSpec, opts: FormatOptions, sep: string): string {
  let d = typeof value === 'number' ? toDecimal(value) : value;
  if (opts.round && !opts.exact) d = roundTo(d, opts.round);
  if (opts.exact) return signed(group(toPlain(d), sep));
  if (spec.decimals !== undefined) return signed(group(fixed(d, spec.decimals), sep));
  if (spec.digits !== undefined) d = round(d, spec.digits);
  return signed(group(toPlain(d), sep));
}
