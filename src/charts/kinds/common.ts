/** What several kinds share: rows by metric, exact shares and sums, words from the locale. */
import { percentOf, say, shift, toDecimal, toPlain, type WordKey } from '../../format/index.js';
import type { ChartRow, KindContext, LineRow } from './types.js';

/** Rows grouped by metric, metrics in the order their first row comes, periods from earliest to latest. */
export function byMetric(rows: readonly ChartRow[]): ChartRow[][] {
  const groups = new Map<string, ChartRow[]>();
  for (const r of rows) {
    const g = groups.get(r.metric);
    if (g) g.push(r);
    else groups.set(r.metric, [r]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => a.periodOrder - b.periodOrder));
}

/** Each metric's latest row. */
export const latest = (rows: readonly ChartRow[]): ChartRow[] => byMetric(rows).map((g) => g.at(-1)!);

/** A built-in word of the chart's language. */
export const word = (ctx: KindContext, key: WordKey, vars?: Record<string, string | number>) =>
  say(ctx.lang, key, vars);

/** The words of a target kind: 目标 / target, 计划 / plan, 预期 / expected. */
export const targetWord = (ctx: KindContext, kind: ChartRow['targetKind']) => word(ctx, `target.${kind ?? 'goal'}`);

/**
 * A label inside a sentence: in a script with letter case (the locale capitalizes a sentence's
 * start), a label starts lower-case unless its first word is an acronym ("GDP", "CO2").
 */
export function midSentence(label: string, ctx: KindContext): string {
  if (ctx.locale.capitalize(label.toLowerCase()) === label.toLowerCase()) return label; // no letter case
  const first = label.split(/\s/)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** `part` as a share of `whole`, written as the locale writes a percent (58.1%). */
export function shareText(part: number, whole: number, ctx: KindContext): string {
  if (!(whole > 0)) return '';
  return ctx.locale.value(Number(toPlain(shift(percentOf(part, whole, 1), -2))), { unit: 'percent' });
}

/** The exact sum of data values (decimal arithmetic: no float drift). */
export function exactSum(values: readonly number[]): number {
  let digits = 0n,
    scale = 0;
  for (const v of values) {
    const d = toDecimal(v);
    const s = Math.max(scale, d.scale);
    digits = digits * 10n ** BigInt(s - scale) + BigInt(d.digits) * 10n ** BigInt(s - d.scale) * (d.neg ? -1n : 1n);
    scale = s;
  }
  const neg = digits < 0n;
  const abs = (neg ? -digits : digits).toString().padStart(scale + 1, '0');
  const plain = scale ? `${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}` : abs;
  return Number((neg ? '-' : '') + plain);
}

/** The figure alt text states: every significant digit. */
export const exact = (r: ChartRow) => r.valueExact ?? r.valueText;

/** Lines numbered from 0 in order. */
export function numbered(lines: Omit<LineRow, 'line'>[]): LineRow[] {
  return lines.map((l, line) => ({ ...l, line }));
}

/** The alt sentence: "Bar chart: a; b." with the kind's name, optionally a note in brackets. */
export function altSentence(ctx: KindContext, kindWord: WordKey, items: string[], note?: string): string {
  const kind = word(ctx, kindWord);
  const list = items.join(word(ctx, 'sep.items'));
  return note ? word(ctx, 'alt.chartNote', { kind, note, items: list }) : word(ctx, 'alt.chart', { kind, items: list });
}

/** The period all rows share (its words), or undefined when they differ or are timeless. */
export function sharedPeriod(rows: readonly ChartRow[]): string | undefined {
  const keys = new Set(rows.map((r) => r.period));
  return keys.size === 1 && rows[0]!.period !== '' ? rows[0]!.periodText : undefined;
}

/**
 * Bars of `values` on one scale from zero, as shares of the plot's width: each bar's length and
 * where it starts. The scale runs from the least value (or zero) to the greatest (or zero), so a
 * negative value is a bar left of the zero line, never a missing one.
 */
export function signedBars(values: readonly number[]): { share: number; start: number }[] {
  const hi = Math.max(0, ...values),
    lo = Math.min(0, ...values),
    span = hi - lo;
  const zero = span > 0 ? -lo / span : 0;
  return values.map((v) => {
    const share = span > 0 ? Math.abs(v) / span : 0;
    return { share, start: v < 0 ? zero - share : zero };
  });
}
