/**
 * User-facing text of the text engine (merged into src/messages.ts later).
 */
import { basename } from 'node:path';

export interface FontRef {
  family: string;
  weight: number;
  file: string;
}

export function where(field: string, layout?: string): string {
  return layout ? `${field} (layout ${layout})` : field;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function missingGlyphMessage(cp: number, field: string, layout: string | undefined, fonts: FontRef[]): string {
  const list = fonts.map((f) => `${f.family} ${f.weight} (…/${basename(f.file)})`).join(', ');
  return `Missing glyph ${codePointLabel(cp)} "${String.fromCodePoint(cp)}" in ${where(field, layout)}: not in ${list}`;
}

export function textOverflowMessage(p: {
  field: string;
  layout?: string;
  maxLines: number;
  minSize: number;
  lines: number;
  width: number;
}): string {
  return (
    `Text does not fit in ${where(p.field, p.layout)}: ${p.lines} lines at the smallest size ${p.minSize} ` +
    `(max ${p.maxLines} lines, width ${round(p.width)}); shorten the text or enlarge the box`
  );
}

export function textOverflowWarning(p: Parameters<typeof textOverflowMessage>[0]): string {
  return `${textOverflowMessage(p)}; truncated with an ellipsis`;
}

export function unknownFamilyMessage(family: string, known: string[]): string {
  return `Unknown font family "${family}"; known families: ${known.map((k) => `"${k}"`).join(', ')}`;
}

export function fontFileMissingMessage(family: string, weight: number, spec: string): string {
  return `Font file for ${family} ${weight} not found: ${spec} (is its npm package installed?)`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
