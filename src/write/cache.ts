import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashOf, sha256 } from '../model/hash.js';
import { packageRoot } from '../version.js';
import type { OutputJob } from './job.js';
import type { Manifest, ManifestEntry } from './manifest.js';

const fileHashes = new Map<string, string>();

/** Content hash of a project file (template, theme), cached per process. */
export function fileHash(root: string, rel: string): string {
  const abs = join(root, rel);
  let h = fileHashes.get(abs);
  if (h === undefined) {
    h = existsSync(abs) ? sha256(readFileSync(abs)) : 'missing';
    fileHashes.set(abs, h);
  }
  return h;
}

/**
 * Packages whose versions change output bytes: the fonts (their identity is their package
 * version) and the engines that rasterize, typeset and lay out.
 */
export const TOOLCHAIN_PACKAGES = [
  '@expo-google-fonts/noto-sans-sc',
  '@expo-google-fonts/noto-serif-sc',
  'dejavu-fonts-ttf',
  'fontkit',
  'pdfkit',
  'sharp',
  'vega',
  'vega-lite',
  'handlebars',
  'linebreak',
  'svg-to-pdfkit',
  // posters' and cards' layout engine (flexbox) and the parser of their markup
  'yoga-layout',
  'saxes',
] as const;

const toolchainCache = new Map<string, Record<string, string>>();

/** name → installed version of every TOOLCHAIN_PACKAGES entry ('missing' when not found). */
export function toolchain(root = packageRoot()): Record<string, string> {
  const hit = toolchainCache.get(root);
  if (hit) return hit;
  const out: Record<string, string> = {};
  for (const name of TOOLCHAIN_PACKAGES) {
    let version = 'missing';
    for (let dir = root; ; dir = dirname(dir)) {
      const pkg = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(pkg)) {
        version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? 'unknown';
        break;
      }
      if (dirname(dir) === dir) break;
    }
    out[name] = version;
  }
  toolchainCache.set(root, out);
  return out;
}

/** Everything an output depends on: its model slice, its templates' content, fonts and engines, the datapress version. */
export function inputHash(job: OutputJob, root: string, version: string): string {
  const files = [...new Set(job.files ?? [])].sort().map((f) => [f, fileHash(root, f)]);
  return hashOf({ v: version, tools: toolchain(), kind: job.kind, path: job.path, inputs: job.inputs, files });
}

/** The previous build's entry for this job, if its inputs are unchanged and its file is intact on disk. */
export function upToDate(
  prev: Manifest | undefined,
  job: OutputJob,
  hash: string,
  dir: string,
  leftAsIs?: Map<string, [number, number]>,
): ManifestEntry | undefined {
  const entry = prev?.files.find((f) => f.path === job.path);
  if (!entry || entry.inputHash !== hash) return undefined;
  const file = join(dir, job.path);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return undefined;
  // untouched since the last successful build recorded it (size and mtime): its hash stands
  const known = leftAsIs?.get(job.path);
  if (known && known[0] === st.size && known[1] === st.mtimeMs && st.size === entry.bytes) return entry;
  return sha256(readFileSync(file)) === entry.sha256 ? entry : undefined;
}
