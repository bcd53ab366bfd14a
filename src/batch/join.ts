/**
 * `datapress join`: merge the output folders of `build --shard k/n` runs into one, as if a
 * single machine had built everything. Each dataset's manifests are merged (entries by path;
 * the shards must agree on dataset, version and data hash), the files they list are copied with
 * their sidecars (a card's alt text), and the result is byte for byte what a full build writes.
 *
 * A shard folder is not trusted: every manifest path must stay inside its dataset folder, no
 * symbolic link is followed (in a path, a dataset folder or a file), every file is read through
 * src/load/files.ts (a regular file, within its manifest's size) and its sha256 must match its
 * manifest entry before it is copied. Writes go under --out only, which is locked like a build's.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatapressError, UsageError } from '../errors.js';
import { pathProblem, readUserFile } from '../load/files.js';
import { sha256 } from '../model/hash.js';
import { safeJoin, writeAtomic } from '../write/atomic.js';
import { serializeManifest, type Manifest, type ManifestEntry } from '../write/manifest.js';
import { checkOutFolder, heldMessage, tryLockOutput } from './lock.js';

export interface JoinResult {
  datasets: { dataset: string; files: number; shards: number }[];
}

/** A manifest is small (218 outputs are ~150 kB); anything near this is not one. */
const MANIFEST_CAP = 64 * 1024 * 1024;
/** A sidecar is a few lines of alt text. */
const SIDECAR_CAP = 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

/** Dataset folders (holding manifest.json) directly under an output folder; a symlinked one is refused. */
function datasetDirs(out: string): string[] {
  let names: string[];
  try {
    if (!statSync(out).isDirectory()) throw new Error('not a folder'); // the folder named on the command line may be a link
    names = readdirSync(out);
  } catch {
    throw new UsageError(`No such folder: ${out}`);
  }
  return names
    .filter((d) => !d.startsWith('.'))
    .filter((d) => {
      const st = lstatSync(join(out, d), { throwIfNoEntry: false });
      if (st?.isSymbolicLink())
        throw new DatapressError(`Refusing to join ${join(out, d)}: a symbolic link, not a dataset folder`);
      return Boolean(st?.isDirectory() && lstatSync(join(out, d, 'manifest.json'), { throwIfNoEntry: false }));
    })
    .sort();
}

/** Read a file inside `dir` (shown as `shown`) by its manifest path: confined, no symlink, a regular file within `cap`. */
function readInside(dir: string, rel: string, cap: number, shown: string): Buffer {
  const where = pathProblem(dir, rel);
  if (where) throw new DatapressError(`Refusing to join ${shown}: it lists ${JSON.stringify(rel)}, ${where}`);
  const r = readUserFile(join(dir, rel), { maxBytes: cap, what: 'a file', noFollow: true });
  if (r.problem)
    throw new DatapressError(
      `Refusing to join ${shown}/${rel}: expected ${r.problem.expected}, found ${r.problem.found}`,
    );
  return r.bytes;
}

/** The manifest of a shard's dataset folder, checked entry by entry (paths, hashes, sizes). */
function shardManifest(dir: string, id: string, shown: string): Manifest {
  const bytes = readInside(dir, 'manifest.json', MANIFEST_CAP, shown);
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new DatapressError(`${shown}/manifest.json is not a datapress manifest`);
  }
  if (!m || typeof m !== 'object' || !Array.isArray(m.files) || typeof m.dataHash !== 'string')
    throw new DatapressError(`${shown}/manifest.json is not a datapress manifest`);
  if (m.dataset !== id)
    throw new DatapressError(`${shown}/manifest.json is the manifest of ${JSON.stringify(m.dataset)}, not of ${id}`);
  for (const f of m.files) {
    const bad =
      !f || typeof f.path !== 'string'
        ? 'an entry without a path'
        : typeof f.sha256 !== 'string' || !HEX64.test(f.sha256)
          ? `${JSON.stringify(f.path)} without a sha256`
          : !Number.isSafeInteger(f.bytes) || f.bytes < 0
            ? `${JSON.stringify(f.path)} without a size`
            : f.path === 'manifest.json'
              ? 'an entry for manifest.json itself'
              : undefined;
    if (bad) throw new DatapressError(`${shown}/manifest.json is not a datapress manifest: ${bad}`);
  }
  return m;
}

/** The bytes of a manifest's file, if they are what the manifest lists (size and sha256). */
function verified(dir: string, shown: string, rel: string, size: number, sha: string): Buffer {
  const st = lstatSync(join(dir, rel), { throwIfNoEntry: false });
  if (st?.isFile() && st.size !== size && !pathProblem(dir, rel))
    throw new DatapressError(
      `${shown}/${rel} does not match its manifest (${st.size} bytes, listed ${size}); rebuild that shard`,
    );
  const bytes = readInside(dir, rel, size, shown);
  const got = sha256(bytes);
  if (bytes.length !== size || got !== sha)
    throw new DatapressError(
      `${shown}/${rel} does not match its manifest (sha256 ${got.slice(0, 12)}…, listed ${sha.slice(0, 12)}…); rebuild that shard`,
    );
  return bytes;
}

export function joinShards(shardOuts: string[], out: string, cwd = process.cwd()): JoinResult {
  if (!shardOuts.length) throw new UsageError('join needs at least one shard output folder');
  const target = resolve(cwd, out);
  checkOutFolder(target);
  const lock = tryLockOutput(target, 'join');
  if ('pid' in lock) throw new DatapressError(heldMessage(target, lock));
  try {
    return joinLocked(shardOuts, target, cwd);
  } finally {
    lock.release();
  }
}

function joinLocked(shardOuts: string[], target: string, cwd: string): JoinResult {
  const merged = new Map<string, { manifest: Manifest; files: Map<string, ManifestEntry>; shards: number }>();
  // every file is checked before anything is written (a bad shard leaves --out as it was), then
  // read and checked again as it is copied (kept out of memory meanwhile: a dataset is ~40 MB)
  const copies: { id: string; dir: string; shown: string; rel: string; cap: number; sha?: string }[] = [];
  for (const s of shardOuts) {
    const src = resolve(cwd, s);
    for (const id of datasetDirs(src)) {
      const dir = join(src, id);
      const shown = join(s, id);
      const m = shardManifest(dir, id, shown);
      let acc = merged.get(id);
      if (!acc) {
        acc = { manifest: m, files: new Map(), shards: 0 };
        merged.set(id, acc);
      } else if (acc.manifest.datapress !== m.datapress || acc.manifest.dataHash !== m.dataHash) {
        throw new DatapressError(
          `Shards of ${id} were built from different data or datapress versions (${shown}); rebuild them from one commit`,
        );
      }
      acc.shards++;
      for (const f of m.files) {
        const prev = acc.files.get(f.path);
        if (prev && prev.sha256 !== f.sha256) throw new DatapressError(`Shards disagree on ${id}/${f.path}`);
        acc.files.set(f.path, f);
        // the file must be what its manifest says, byte for byte, before it is copied (or kept)
        verified(dir, shown, f.path, f.bytes, f.sha256);
        if (src === target) continue; // already in place
        copies.push({ id, dir, shown, rel: f.path, cap: f.bytes, sha: f.sha256 });
        // a card's alt text beside it (not in the manifest: a regular file, confined, small)
        if (f.kind === 'card') {
          const sidecar = f.path.replace(/\.\w+$/, '.txt');
          if (sidecar !== f.path && lstatSync(join(dir, sidecar), { throwIfNoEntry: false })) {
            readInside(dir, sidecar, SIDECAR_CAP, shown);
            copies.push({ id, dir, shown, rel: sidecar, cap: SIDECAR_CAP });
          }
        }
      }
    }
  }
  for (const c of copies) {
    const bytes = c.sha ? verified(c.dir, c.shown, c.rel, c.cap, c.sha) : readInside(c.dir, c.rel, c.cap, c.shown);
    writeAtomic(safeJoin(safeJoin(target, c.id), c.rel), bytes);
  }
  const result: JoinResult = { datasets: [] };
  for (const [id, acc] of [...merged].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const manifest: Manifest = { ...acc.manifest, files: [...acc.files.values()] };
    writeAtomic(safeJoin(safeJoin(target, id), 'manifest.json'), serializeManifest(manifest));
    result.datasets.push({ dataset: id, files: manifest.files.length, shards: acc.shards });
  }
  return result;
}
