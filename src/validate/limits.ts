/**
 * Documented caps (README "Limits"), and the checks of a build's plan against them: every
 * output's size and path is checked before anything renders (no zod here: build.ts imports
 * this on every build).
 */
import { basename, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Documented caps (README "Limits"): checked before any rendering. */
export const LIMITS = {
  highlights: 12,
  factsPerHighlight: 12,
  metricsPerFact: 40,
  indicators: 400,
  textLength: 4000,
  titleLength: 120,
  langs: 6,
  idLength: 64,
  /** data file size in bytes */
  dataBytes: 5 * 1024 * 1024,
  /** photo file size in bytes */
  imageBytes: 25 * 1024 * 1024,
  /** pixels of one photo or one rendered poster/card (sharp's limitInputPixels in src/render/raster) */
  pixels: 100_000_000,
  /** pixels of one photo (the report decodes it whole) */
  photoPixels: 50_000_000,
  /** longest side in pixels of a photo or rendered image */
  side: 32_767,
} as const;

/** Windows device names: refused as file names everywhere, so outputs copy to any system. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f<>:"|?*\\]/;

/** Why `segment` is not a safe file or folder name, or undefined. */
export function unsafeName(segment: string): string | undefined {
  if (segment === '' || segment === '.' || segment === '..') return 'an empty, "." or ".." segment';
  if (UNSAFE_CHARS.test(segment)) return 'a control character or one of < > : " | ? * \\';
  if (RESERVED.test(segment)) return 'a reserved device name (CON, NUL, COM1, …)';
  if (/[. ]$/.test(segment)) return 'a name ending in a dot or space';
  if (Buffer.byteLength(segment, 'utf8') > 255) return 'a name over 255 bytes';
  return undefined;
}

interface PlannedOutput {
  path: string;
  kind: string;
  width?: number;
  height?: number;
}

/**
 * Refuse a plan up front: an output whose relative path is unsafe or leaves `outDir`, or an
 * image over sharp's pixel limit. Throws UsageError (exit 2) listing every offender.
 */
export function checkPlan(jobs: PlannedOutput[], outDir: string): void {
  const bad: string[] = [];
  for (const j of jobs) {
    const abs = resolve(outDir, j.path);
    const rel = relative(resolve(outDir), abs);
    if (j.path.includes('\0') || rel === '' || rel.startsWith('..') || resolve(rel) === rel || j.path.startsWith('/')) {
      bad.push(`${JSON.stringify(j.path)}: expected a path inside the output folder`);
      continue;
    }
    const why = j.path.split(/[\\/]/).map(unsafeName).find(Boolean);
    if (why) bad.push(`${JSON.stringify(j.path)}: expected safe file names, found ${why}`);
    if (Buffer.byteLength(abs, 'utf8') > 4000)
      bad.push(`${JSON.stringify(basename(j.path))}: expected a path under 4000 bytes`);
    if ((j.kind === 'poster' || j.kind === 'card') && j.width && j.height) {
      if (j.width * j.height > LIMITS.pixels || Math.max(j.width, j.height) > LIMITS.side) {
        bad.push(
          `${j.path}: expected at most ${LIMITS.pixels / 1e6} megapixels and ${LIMITS.side} px a side (see README "Limits"), found ${j.width}×${j.height}`,
        );
      }
    }
  }
  if (bad.length)
    throw new UsageError(
      `Refusing to build ${bad.length} output${bad.length === 1 ? '' : 's'}:\n  ${bad.join('\n  ')}`,
    );
}
