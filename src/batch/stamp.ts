/**
 * The no-op fast path. After a successful build of one data file, a stamp records a hash of
 * what that build read (the data file, every template and theme, the fonts' and engines'
 * versions, the datapress version, the options), the size and mtime of each file the
 * validated dataset references (photos), and the size and mtime of every file it left in the
 * output folder. When the next build computes the same key and finds every referenced file
 * and every output as it was left, it is done: no YAML parse, no validation, no planning, no
 * renderer loaded. Anything else falls through to the full incremental build, which decides
 * per output from input hashes. The stamp is a shortcut, never the source of truth.
 *
 * Referenced files come from the validated model only (src/load/files.ts `referencedFiles`),
 * never from a scan of the raw text, and the fast path only `stat`s them: a path in a comment
 * is never opened, and a photo swapped for a FIFO or a huge file sends the build through
 * validation, which refuses it by name.
 *
 * Stamps live in `<out>/.datapress/`, one per data file; they are not part of any output.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileState, readUserFile, readUserFileOrThrow, type ReferencedFile } from '../load/files.js';
import { hashOf, sha256 } from '../model/hash.js';
import { LIMITS } from '../validate/limits.js';
import { safeJoin, writeAtomic } from '../write/atomic.js';
import { toolchain } from '../write/cache.js';
import type { BuildOptions } from '../core/types.js';

export const STAMP_DIR = '.datapress';
/** A stamp or a manifest is small (218 outputs: ~150 kB); anything past this is not one. */
const OWN_FILE_CAP = 64 * 1024 * 1024;

export interface Stamp {
  key: string;
  dataset: string;
  /** the dataset's output folder, relative to --out */
  dir: string;
  /** relative to dir: [path, size, mtimeMs] of manifest.json and every file it lists */
  files: [string, number, number][];
  /** absolute: [path, size, mtimeMs] of every file the validated dataset references (photos) */
  refs: [string, number, number][];
}

/** Options that change what a build writes (not how it reports or how many threads). */
export function optionsKey(o: BuildOptions): unknown {
  return {
    only: o.only ? [...o.only].sort() : null,
    langs: o.langs ?? null,
    theme: o.theme ?? null,
    presets: o.presets ? [...o.presets].sort() : null,
    strict: Boolean(o.strict),
    name: o.name ?? null,
    format: o.format ?? null,
    page: o.page ?? null,
    bleedMm: o.bleedMm ?? null,
    shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null,
  };
}

const treeHashes = new Map<string, string>();

/** Content hash of every file under dir (names and bytes), once per process per folder. */
function treeHash(dir: string): string {
  let h = treeHashes.get(dir);
  if (h !== undefined) return h;
  const parts: [string, string][] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) parts.push([relative(dir, p).split(sep).join('/'), sha256(readFileSync(p))]);
    }
  };
  if (existsSync(dir)) walk(dir);
  parts.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  h = hashOf(parts);
  treeHashes.set(dir, h);
  return h;
}

/** The key of a build of `file` with these options, from content hashes alone. */
export function stampKey(file: string, options: BuildOptions, root: string, version: string): string {
  const text = readUserFileOrThrow(file, file, { maxBytes: LIMITS.dataBytes, what: 'a YAML or JSON file' });
  return hashOf({
    stamp: 2,
    v: version,
    tools: toolchain(root),
    data: sha256(text),
    templates: treeHash(join(root, 'templates')),
    options: optionsKey(options),
  });
}

export function stampFile(out: string, file: string): string {
  return join(out, STAMP_DIR, `${sha256(resolve(file)).slice(0, 16)}.json`);
}

function statOf(file: string): [number, number] | undefined {
  const s = statSync(file, { throwIfNoEntry: false });
  return s?.isFile() ? [s.size, s.mtimeMs] : undefined;
}

/** The last successful build's stamp for `file`, whatever its key. */
function readStamp(out: string, file: string): Stamp | undefined {
  try {
    // a regular file of a sane size: a FIFO or device planted in the output folder cannot hang the build
    const r = readUserFile(stampFile(out, file), { maxBytes: OWN_FILE_CAP, noFollow: true });
    if (r.problem) return undefined;
    const stamp = JSON.parse(r.bytes.toString('utf8')) as Stamp;
    return Array.isArray(stamp.files) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp, if its key matches and every file it lists (referenced or written) is as that build left it. */
export function freshStamp(out: string, file: string, key: string): Stamp | undefined {
  const stamp = readStamp(out, file);
  if (!stamp || stamp.key !== key || !Array.isArray(stamp.refs)) return undefined;
  for (const [path, size, mtime] of stamp.refs) {
    const s = fileState(path); // stat only: nothing is opened
    if (!s || s[0] !== size || s[1] !== mtime) return undefined;
  }
  const dir = join(out, stamp.dir);
  for (const [path, size, mtime] of stamp.files) {
    const s = statOf(join(dir, path));
    if (!s || s[0] !== size || s[1] !== mtime) return undefined;
  }
  return stamp;
}

/**
 * Size and mtime of each file the last successful build of `file` left in `outDir` (whatever
 * its key): an output whose file still matches was not touched since, so an incremental
 * build can trust its recorded hash instead of reading it again.
 */
export function leftAsIs(out: string, file: string, outDir: string): Map<string, [number, number]> | undefined {
  const stamp = readStamp(out, file);
  if (!stamp || resolve(out, stamp.dir) !== resolve(outDir)) return undefined;
  return new Map(stamp.files.map(([p, size, mtime]) => [p, [size, mtime]]));
}

/** Whether the last successful build of `file` into `out` read different inputs (its stamp has another key). */
export function inputsChanged(out: string, file: string, key: string): boolean {
  const stamp = readStamp(out, file);
  return stamp !== undefined && stamp.key !== key;
}

/**
 * Record a successful build: the key, the state of each file the validated dataset references
 * (as the build checked it), and the state of manifest.json and every file it lists.
 */
export function writeStamp(
  out: string,
  file: string,
  key: string,
  dataset: string,
  outDir: string,
  referenced: ReferencedFile[] = [],
): void {
  const manifestFile = join(outDir, 'manifest.json');
  let listed: string[];
  try {
    const r = readUserFile(manifestFile, { maxBytes: OWN_FILE_CAP, noFollow: true });
    if (r.problem) return;
    listed = (JSON.parse(r.bytes.toString('utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
  } catch {
    return;
  }
  const files: [string, number, number][] = [];
  for (const path of ['manifest.json', ...listed]) {
    const s = statOf(join(outDir, path));
    if (!s) return;
    files.push([path, s[0], s[1]]);
  }
  // a referenced file that could not be stat'ed when checked: no stamp, the next build validates again
  if (referenced.some((r) => r.size < 0)) return;
  const refs = referenced.map((r): [string, number, number] => [r.path, r.size, r.mtimeMs]);
  const stamp: Stamp = { key, dataset, dir: relative(out, outDir).split(sep).join('/'), files, refs };
  writeAtomic(safeJoin(out, relative(out, stampFile(out, file))), `${JSON.stringify(stamp)}\n`);
}
