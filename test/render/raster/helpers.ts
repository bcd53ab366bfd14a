import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../../src/model/index.js';
import { loadTheme, listThemes } from '../../../src/theme/load.js';
import type { Box } from '../../../src/render/raster/engine.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const model = loadModel(path.join(root, 'data/nmg-social-security-2021.yaml'), { root });
export const themes = listThemes(root).map((t) => loadTheme(root, t));
export const theme = loadTheme(root, 'newspaper');

export const textBoxes = (boxes: Box[]) =>
  boxes.filter((b) => (b.kind === 'text' || b.kind === 'figure') && b.w > 0 && b.h > 0);

/** WCAG relative luminance and contrast ratio. */
export function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4]
    .map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

export function overlaps(a: Box, b: Box, tol = 0.5): boolean {
  return a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;
}
