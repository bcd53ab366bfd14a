/**
 * Chart fonts: CSS font-family lists (as Vega writes them) → a stack of text-engine faces,
 * and Vega's text measurement replaced by fontkit metrics of those faces.
 *
 * Rule, shared by the metrics, the PNG outlines and the PDF fonts so all three agree:
 * the stack is [first known family of the list, or the default family] + Noto Sans SC,
 * at the requested weight; a text uses the first face of the stack covering all of it.
 */
import { checkGlyphs, findFamily, getFace, measure, parseWeight, type Face } from './textengine.js';

export const FALLBACK_FAMILY = 'Noto Sans SC';
const GENERIC = new Set(['sans-serif', 'serif', 'monospace', 'system-ui', 'cursive', 'fantasy', 'ui-sans-serif']);

/** Current default family (for generic and unknown names); set per render under the render lock. */
let defaultFamily = 'DejaVu Sans';

export function setDefaultFamily(family: string): void {
  const known = findFamily(family);
  if (!known) getFace(family); // throws the text engine's "unknown family" message
  defaultFamily = known!;
}

export function getDefaultFamily(): string {
  return defaultFamily;
}

const stacks = new Map<string, Face[]>();

/** Faces for a CSS family list and weight (numbers, 'bold', 'normal'…). */
export function faceStack(cssFamily: string | undefined, weight: number | string | undefined): Face[] {
  const w = parseWeight(weight ?? 400);
  const key = `${defaultFamily}|${cssFamily ?? ''}|${w}`;
  let stack = stacks.get(key);
  if (stack) return stack;
  let family: string | undefined;
  for (const raw of (cssFamily ?? '').split(',')) {
    const name = raw.trim().replace(/^["']|["']$/g, '');
    if (!name) continue;
    if (GENERIC.has(name.toLowerCase())) break;
    family = findFamily(name);
    if (family) break;
  }
  family ??= defaultFamily;
  stack = [getFace(family, w)];
  if (family !== FALLBACK_FAMILY) stack.push(getFace(FALLBACK_FAMILY, w));
  stacks.set(key, stack);
  return stack;
}

/** The face a text is set in: first of the stack covering it; the first face if none does. */
export function faceFor(text: string, stack: Face[]): Face {
  try {
    return checkGlyphs(text, stack, { field: 'chart text' });
  } catch {
    return stack[0]!;
  }
}

interface VegaTextItem {
  font?: string;
  fontSize?: number;
  fontWeight?: number | string;
  limit?: number;
}

function itemWidth(item: VegaTextItem, text: string): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  if (size <= 0 || !text) return 0;
  return measure(text, faceFor(text, faceStack(item.font, item.fontWeight)), size);
}

/** Vega's own truncation (same algorithm as vega-scenegraph's `truncate`), with our widths. */
export function truncateText(item: VegaTextItem & { ellipsis?: string; dir?: string }, text: string): string {
  const limit = +(item.limit ?? 0);
  if (!(limit > 0) || itemWidth(item, text) < limit) return text;
  const ellipsis = item.ellipsis || '\u2026';
  const room = limit - itemWidth(item, ellipsis);
  let lo = 0, hi = text.length, mid: number;
  if (item.dir === 'rtl') {
    while (lo < hi) { mid = (lo + hi) >>> 1; if (itemWidth(item, text.slice(mid)) > room) lo = mid + 1; else hi = mid; }
    return ellipsis + text.slice(lo);
  }
  while (lo < hi) { mid = 1 + ((lo + hi) >>> 1); if (itemWidth(item, text.slice(0, mid)) < room) lo = mid; else hi = mid - 1; }
  return text.slice(0, lo) + ellipsis;
}

/**
 * Vega calls `textMetrics.width(item, line)` from two places: the bounds of a text mark
 * (where a canvas measurement would include the truncation to `limit`) and its own
 * `truncate` (which needs raw widths). Only a line wider than its limit tells them apart,
 * so only then do we look at the caller.
 */
function vegaWidth(item: VegaTextItem, line: unknown): number {
  const text = line == null ? '' : String(line).trim();
  const w = itemWidth(item, text);
  const limit = +(item.limit ?? 0);
  if (!(limit > 0) || w < limit) return w;
  const stack = new Error().stack ?? '';
  if (/\bat truncate\b/.test(stack)) return w;
  return itemWidth(item, truncateText(item, text));
}

let installed = false;
/** Make Vega measure text with fontkit (idempotent). */
export function installVegaTextMetrics(vega: { textMetrics: { width: unknown } }): void {
  if (installed) return;
  vega.textMetrics.width = vegaWidth;
  installed = true;
}
