/**
 * Chart fonts: CSS font-family lists (as Vega writes them) → a stack of text-engine faces.
 * Vega measures with the text engine's installVegaTextMetrics, resolving each text's face here.
 *
 * Rule, shared by the metrics, the PNG outlines and the PDF fonts so all three agree:
 * the stack is [first known family of the list, or the default family] + Noto Sans SC,
 * at the requested weight; a text uses the first face of the stack covering all of it.
 */
import { checkGlyphs, findFamily, getFace, parseWeight, type Face } from './textengine.js';

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

/** The face Vega measures a text in (resolver for the text engine's installVegaTextMetrics). */
export function vegaFace(cssFamily: string | undefined, weight: number | string | undefined, text: string): Face {
  return faceFor(text, faceStack(cssFamily, weight));
}
