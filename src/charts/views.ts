/**
 * Vega views kept for the next size of the same chart. A build draws each chart at many sizes
 * (every card and poster slot), and a Vega spec compiled from Vega-Lite carries its size only
 * in a few numbers: the top-level width/height and constant size signals (`width`,
 * `child_height`, `y_step`, …). Parsing the spec and building the dataflow was most of a
 * render, so a view is kept per spec-without-its-sizes; the next size sets those numbers,
 * resizes and runs again, which is how Vega itself updates a chart.
 *
 * Only where that is the whole difference: a spec that reads files or draws random numbers is
 * always parsed afresh. `test/charts/views.test.ts` holds reused views to the SVG of fresh ones
 * for every seed chart, size and language.
 */
import { sha256 } from '../model/hash.js';

const SIZE_SIGNAL = /^(?:child_)?(?:width|height)$|_step$|^textSize$/;
const LIMIT = 32;

/** A spec's sizes, pulled out, and the key of everything else. */
export interface Sized {
  key: string;
  width?: number;
  height?: number;
  padding?: number;
  signals: [string, number][];
}

/** The sizes of a compiled Vega spec and a key of the rest; undefined when a view of it must not be reused. */
export function splitSizes(spec: Record<string, unknown>, context: string): Sized | undefined {
  // usermeta is for the caller (ours records the requested size): Vega draws nothing from it
  const { width, height, padding, signals, usermeta: _usermeta, ...rest } = spec;
  if ((width !== undefined && typeof width !== 'number') || (height !== undefined && typeof height !== 'number'))
    return undefined;
  if (padding !== undefined && typeof padding !== 'number') return undefined;
  const sized: [string, number][] = [];
  const kept = (Array.isArray(signals) ? signals : []).map((s: Record<string, unknown>) => {
    const constant = s && typeof s.value === 'number' && Object.keys(s).every((k) => k === 'name' || k === 'value');
    if (!constant || !SIZE_SIGNAL.test(String(s.name))) return s;
    sized.push([s.name as string, s.value as number]);
    return { name: s.name };
  });
  // which sizes are set is part of the spec's shape (a view keeps the last size it was given)
  const json = JSON.stringify({
    ...rest,
    signals: kept,
    sized: [width !== undefined, height !== undefined, padding !== undefined],
  });
  if (/"url"\s*:|random/.test(json)) return undefined;
  return { key: sha256(`${context}\u0000${json}`), width, height, padding, signals: sized };
}

interface Kept<V> {
  view: V;
  /** messages the view's logger collected (cleared before each run) */
  errors: string[];
}

const kept = new Map<string, Kept<unknown>>();

/** The view kept for this key, if any (and marked most recently used). */
export function keptView<V>(key: string): Kept<V> | undefined {
  const k = kept.get(key) as Kept<V> | undefined;
  if (k) {
    kept.delete(key);
    kept.set(key, k);
  }
  return k;
}

/** Keep a view for the next size; the least recently used beyond the limit is finalized. */
export function keepView<V extends { finalize(): void }>(key: string, entry: Kept<V>): void {
  kept.set(key, entry);
  while (kept.size > LIMIT) {
    const [oldest, k] = kept.entries().next().value as [string, Kept<V>];
    kept.delete(oldest);
    k.view.finalize();
  }
}

/** Forget a view (after a failed run). */
export function dropView(key: string): void {
  const k = kept.get(key) as Kept<{ finalize(): void }> | undefined;
  kept.delete(key);
  k?.view.finalize();
}

export function clearViews(): void {
  for (const key of [...kept.keys()]) dropView(key);
}
