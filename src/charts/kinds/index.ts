/**
 * The registry of chart kinds. A kind is a small descriptor (one file beside this one) and a
 * line here; its template is templates/charts/<kind>.vl.json. Old template names are aliases
 * (checks.ts `KIND_ALIASES`).
 */
import { bars } from './bars.js';
import { beforeAfter } from './before-after.js';
import { kindOf } from './checks.js';
import { partToWhole } from './part-to-whole.js';
import { progress } from './progress.js';
import { rank } from './rank.js';
import { series } from './series.js';
import type { ChartKind, KindName } from './types.js';

export const KINDS: Readonly<Record<KindName, ChartKind>> = {
  bars,
  'before-after': beforeAfter,
  series,
  progress,
  rank,
  'part-to-whole': partToWhole,
};

/** The descriptor a kind name or alias means (`none` and unknown names: undefined). */
export function chartKind(name: string, total?: string): ChartKind | undefined {
  const k = kindOf(name, total);
  return k && k !== 'none' ? KINDS[k] : undefined;
}

export * from './checks.js';
export * from './types.js';
