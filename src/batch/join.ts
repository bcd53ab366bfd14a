/**
 * `datapress join`: merge the output folders of `build --shard k/n` runs into one, as if a
 * single machine had built everything. Files are copied, each dataset's manifests are merged
 * (entries by path; the shards must agree on dataset, version and data hash), and the result
 * is byte for byte what a full build writes.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DatapressError, UsageError } from '../errors.js';
import { safeJoin, writeAtomic } from '../write/atomic.js';
import { readManifest, serializeManifest, type Manifest, type ManifestEntry } from '../write/manifest.js';

export interface JoinResult {
  datasets: { dataset: string; files: number; shards: number }[];
}

/** Dataset folders (holding manifest.json) directly under an output folder. */
function datasetDirs(out: string): string[] {
  if (!existsSync(out)) throw new UsageError(`No such folder: ${out}`);
  return readdirSync(out)
    .filter((d) => !d.startsWith('.') && existsSync(join(out, d, 'manifest.json')))
    .sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (e.startsWith('.')) return [];
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function joinShards(shardOuts: string[], out: string, cwd = process.cwd()): JoinResult {
  if (!shardOuts.length) throw new UsageError('join needs at least one shard output folder');
  const target = resolve(cwd, out);
  const merged = new Map<string, { manifest: Manifest; files: Map<string, ManifestEntry>; shards: number }>();
  for (const s of shardOuts) {
    const src = resolve(cwd, s);
    for (const id of datasetDirs(src)) {
      const m = readManifest(join(src, id, 'manifest.json'));
      if (!m) throw new DatapressError(`${join(s, id, 'manifest.json')} is not a datapress manifest`);
      let acc = merged.get(id);
      if (!acc) {
        acc = { manifest: m, files: new Map(), shards: 0 };
        merged.set(id, acc);
      } else if (acc.manifest.datapress !== m.datapress || acc.manifest.dataHash !== m.dataHash) {
        throw new DatapressError(
          `Shards of ${id} were built from different data or datapress versions (${join(s, id)}); rebuild them from one commit`,
        );
      }
      acc.shards++;
      for (const f of m.files) {
        const prev = acc.files.get(f.path);
        if (prev && prev.sha256 !== f.sha256) throw new DatapressError(`Shards disagree on ${id}/${f.path}`);
        acc.files.set(f.path, f);
      }
      // every file of the shard's folder: outputs and their sidecars (e.g. a card's .txt)
      if (src !== target) {
        for (const file of filesUnder(join(src, id))) {
          const rel = relative(join(src, id), file).split(sep).join('/');
          if (rel === 'manifest.json') continue;
          const dest = safeJoin(join(target, id), rel);
          mkdirSync(dirname(dest), { recursive: true });
          copyFileSync(file, dest);
        }
      }
    }
  }
  const result: JoinResult = { datasets: [] };
  for (const [id, acc] of [...merged].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const manifest: Manifest = { ...acc.manifest, files: [...acc.files.values()] };
    writeAtomic(join(target, id, 'manifest.json'), serializeManifest(manifest));
    result.datasets.push({ dataset: id, files: manifest.files.length, shards: acc.shards });
  }
  return result;
}
