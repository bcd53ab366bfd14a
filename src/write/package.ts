import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from './atomic.js';
import { readManifest } from './manifest.js';

/**
 * `--zip`: one zip per dataset beside its folder (`output/<id>.zip`) with every file of the
 * manifest, the cards' alt-text sidecars and the manifest itself. Deterministic (sorted entries,
 * fixed times), so an unchanged build gives an identical zip.
 */
export async function zipDataset(outDir: string): Promise<string | undefined> {
  const manifestFile = join(outDir, 'manifest.json');
  const manifest = readManifest(manifestFile);
  if (!manifest) return undefined;
  const { writeZip } = await import('../render/card/zip.js');
  const entries = [];
  for (const f of manifest.files) {
    entries.push({ path: f.path, bytes: readFileSync(join(outDir, f.path)) });
    const sidecar = f.path.replace(/\.\w+$/, '.txt');
    if (f.kind === 'card' && existsSync(join(outDir, sidecar)))
      entries.push({ path: sidecar, bytes: readFileSync(join(outDir, sidecar)) });
  }
  const zip = await writeZip(entries, readFileSync(manifestFile, 'utf8'));
  const file = join(dirname(outDir), `${basename(outDir)}.zip`);
  writeAtomic(file, zip);
  return file;
}
