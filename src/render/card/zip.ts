/**
 * One zip per dataset (`--zip`): the cards, their alt-text sidecars and the manifest.
 * Deterministic: entries sorted by name, fixed modification time, fixed attributes.
 */
import yazl from 'yazl';

export interface ZipEntry {
  /** path inside the zip, forward slashes */
  path: string;
  bytes: Buffer;
}

/** 1980-01-01, the DOS epoch, in local time as yazl expects. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function writeZip(entries: ZipEntry[], manifest: unknown, manifestName = 'manifest.json'): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const all: ZipEntry[] = [
    ...entries,
    {
      path: manifestName,
      bytes: Buffer.from(typeof manifest === 'string' ? manifest : `${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
    },
  ];
  const seen = new Set<string>();
  for (const e of all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (seen.has(e.path)) throw new Error(`zip: duplicate entry ${e.path}`);
    seen.add(e.path);
    // images are already compressed: store them; text is deflated
    const compress = !/\.(png|jpe?g|webp|avif)$/i.test(e.path);
    zip.addBuffer(e.bytes, e.path, { mtime: FIXED_MTIME, mode: 0o100644, compress, forceZip64Format: false });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
