import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatapressError } from '../errors.js';

const TMP = /^\..+\.tmp-\d+-[0-9a-f]+$/;

/** Resolve `rel` under `root`, refusing anything that would land outside it. */
export function safeJoin(root: string, rel: string): string {
  const abs = resolve(root, rel);
  const r = relative(resolve(root), abs);
  if (rel.includes('\0') || r === '' || r.startsWith('..') || r.split(sep).includes('..') || resolve(r) === r) {
    throw new DatapressError(`Refusing to write outside the output folder: ${JSON.stringify(rel)}`, 2);
  }
  return abs;
}

/** Write via a temp file in the same folder and rename: readers see the old file or the new one, never half. */
export function writeAtomic(file: string, bytes: Buffer | string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Remove temp files a killed build left behind (any depth under dir). */
export function sweepTemps(dir: string): number {
  let n = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (TMP.test(e)) {
      rmSync(p, { force: true });
      n++;
    } else if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) {
      n += sweepTemps(p);
    }
  }
  return n;
}
