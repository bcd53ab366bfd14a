import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf, sha256 } from '../model/hash.js';
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

/** Everything an output depends on: its model slice, its templates' content, the datapress version. */
export function inputHash(job: OutputJob, root: string, version: string): string {
  const files = [...new Set(job.files ?? [])].sort().map((f) => [f, fileHash(root, f)]);
  return hashOf({ v: version, kind: job.kind, path: job.path, inputs: job.inputs, files });
}

/** The previous build's entry for this job, if its inputs are unchanged and its file is intact on disk. */
export function upToDate(prev: Manifest | undefined, job: OutputJob, hash: string, dir: string): ManifestEntry | undefined {
  const entry = prev?.files.find((f) => f.path === job.path);
  if (!entry || entry.inputHash !== hash) return undefined;
  const file = join(dir, job.path);
  if (!existsSync(file)) return undefined;
  return sha256(readFileSync(file)) === entry.sha256 ? entry : undefined;
}
