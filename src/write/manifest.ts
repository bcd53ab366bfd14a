import { readUserFile } from '../load/files.js';
import type { OutputJob } from './job.js';

/** A file as written: the job's description (true pixel size for images) plus what was written. */
export interface ManifestEntry
  extends Pick<OutputJob, 'path' | 'kind' | 'langs' | 'preset' | 'layout' | 'highlight' | 'width' | 'height' | 'alt'> {
  sha256: string;
  bytes: number;
  /** hash of everything the file depends on: unchanged → not re-rendered */
  inputHash: string;
}

export interface Manifest {
  dataset: string;
  datapress: string;
  /** dataset content hash */
  dataHash: string;
  files: ManifestEntry[];
}

export function readManifest(file: string): Manifest | undefined {
  // a regular file, not a link, of a sane size: a FIFO or device planted in the output folder cannot hang a build
  const r = readUserFile(file, { maxBytes: 64 * 1024 * 1024, noFollow: true });
  if (r.problem) return undefined;
  try {
    const m = JSON.parse(r.bytes.toString('utf8')) as Manifest;
    return Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Stable JSON: entries sorted by path, keys in a fixed order. */
export function serializeManifest(m: Manifest): string {
  const files = [...m.files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({
      path: f.path,
      kind: f.kind,
      langs: f.langs,
      ...(f.preset !== undefined && { preset: f.preset }),
      ...(f.layout !== undefined && { layout: f.layout }),
      ...(f.highlight !== undefined && { highlight: f.highlight }),
      width: f.width,
      height: f.height,
      sha256: f.sha256,
      bytes: f.bytes,
      alt: f.alt,
      inputHash: f.inputHash,
    }));
  return `${JSON.stringify({ dataset: m.dataset, datapress: m.datapress, dataHash: m.dataHash, files }, null, 2)}\n`;
}
