import { lstatSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatapressError } from '../errors.js';
import { pathProblem, readUserFile } from '../load/files.js';
import { sha256 } from '../model/hash.js';
import { safeJoin, writeAtomic } from './atomic.js';
import type { Manifest } from './manifest.js';

const MANIFEST_CAP = 64 * 1024 * 1024;
const SIDECAR_CAP = 1024 * 1024;

/** A file inside the dataset folder by its manifest path: confined, no symlink, a regular file within `cap`. */
function readInside(outDir: string, rel: string, cap: number): Buffer {
  const where = pathProblem(outDir, rel);
  if (where) throw new DatapressError(`Refusing to zip ${JSON.stringify(rel)}: ${where}`);
  const r = readUserFile(join(outDir, rel), { maxBytes: cap, what: 'a file', noFollow: true });
  if (r.problem)
    throw new DatapressError(`Refusing to zip ${rel}: expected ${r.problem.expected}, found ${r.problem.found}`);
  return r.bytes;
}

/**
 * `--zip`: one zip per dataset beside its folder (`output/<id>.zip`) with every file of the
 * manifest, the cards' alt-text sidecars and the manifest itself. Deterministic (sorted entries,
 * fixed times), so an unchanged build gives an identical zip. Every manifest path must stay
 * inside the folder without a symbolic link on the way, and every file must match its manifest
 * entry (sha256), so the zip holds exactly what the manifest says.
 */
export async function zipDataset(outDir: string): Promise<string | undefined> {
  if (!lstatSync(join(outDir, 'manifest.json'), { throwIfNoEntry: false })) return undefined;
  const text = readInside(outDir, 'manifest.json', MANIFEST_CAP).toString('utf8');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    return undefined;
  }
  if (!manifest || !Array.isArray(manifest.files)) return undefined;
  const { writeZip } = await import('../render/card/zip.js');
  const entries = [];
  for (const f of manifest.files) {
    const bytes = readInside(outDir, f.path, f.bytes);
    if (sha256(bytes) !== f.sha256)
      throw new DatapressError(`Refusing to zip ${f.path}: it does not match the manifest (changed since the build?)`);
    entries.push({ path: f.path, bytes });
    const sidecar = f.path.replace(/\.\w+$/, '.txt');
    if (f.kind === 'card' && sidecar !== f.path && lstatSync(join(outDir, sidecar), { throwIfNoEntry: false }))
      entries.push({ path: sidecar, bytes: readInside(outDir, sidecar, SIDECAR_CAP) });
  }
  const zip = await writeZip(entries, text);
  const file = safeJoin(dirname(outDir), `${basename(outDir)}.zip`);
  writeAtomic(file, zip);
  return file;
}
