import { type Dirent, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathProblem } from '../load/files.js';
import { randomBytes } from 'node:crypto';
import { DatapressError } from '../errors.js';

const TMP = /^\..+\.tmp-\d+-[0-9a-f]+$/;

/**
 * Resolve `rel` under `root`, refusing anything that would land outside it: a path that leaves
 * it by its text (`..`, absolute) or by where it resolves (a symbolic link on the way: a
 * symlinked folder inside --out could otherwise send writes and deletions anywhere). Every
 * write and delete under --out goes through here.
 */
export function safeJoin(root: string, rel: string): string {
  const problem = pathProblem(root, rel);
  if (problem) {
    const where = problem.startsWith('a symbolic link')
      ? `Refusing to write through a symbolic link inside the output folder: ${JSON.stringify(rel)} has ${problem}; remove the link`
      : `Refusing to write outside the output folder: ${JSON.stringify(rel)} (${problem})`;
    throw new DatapressError(where, 2);
  }
  return resolve(root, rel);
}

/** Write via a temp file in the same folder and rename: readers see the old file or the new one, never half. */
export function writeAtomic(file: string, bytes: Buffer | string): void {
  const tmp = tempName(file);
  mkdirSync(dirname(file), { recursive: true });
  pending.add(tmp);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * `writeAtomic` on libuv's threads: the build's outputs, so that opening and writing a few
 * hundred files does not hold up the thread that lays out the next ones.
 */
export async function writeAtomicAsync(file: string, bytes: Buffer | string): Promise<void> {
  // once a signal has come, nothing new starts: the process is about to exit
  if (signalled()) return new Promise<void>(() => {});
  const tmp = tempName(file);
  inFlight++;
  try {
    await folderFor(file);
    pending.add(tmp);
    try {
      await writeFile(tmp, bytes);
    } catch (e) {
      // the folder went since this process made it (a watch build's folder cleared): again, once
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      made.delete(dirname(file));
      await folderFor(file);
      await writeFile(tmp, bytes);
    }
    // a signal came while the bytes were written: the temp file goes, the output keeps its previous version
    if (signalled()) await rm(tmp, { force: true });
    else await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
    inFlight--;
    if (inFlight === 0) signalled()?.();
  }
}

/**
 * Folders this process has made (or found there) for its async writes: each is made once, not
 * once per file (a recursive mkdir per output was ~60 ms of a cold build's main thread).
 */
const made = new Set<string>();

async function folderFor(file: string): Promise<void> {
  const dir = dirname(file);
  if (made.has(dir)) return;
  await mkdir(dir, { recursive: true });
  made.add(dir);
}

const tempName = (file: string) =>
  join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Temp files this process is writing (a signal removes them: see below). */
const pending = new Set<string>();
/** Async writes under way, and what ends the process once they have settled after a signal. */
let inFlight = 0;
let stopping: (() => void) | undefined;
/** The exit a signal has set up (read through a call: it changes while a write awaits). */
const signalled = () => stopping;
/** How long a signal waits for the writes under way on libuv's threads. */
const SETTLE_MS = 2000;

const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

/**
 * Until the returned function is called, SIGINT/SIGTERM/SIGHUP end the process cleanly: this
 * process's temp files are removed and the exit code is 128 + the signal number. A file only
 * takes its new name by a rename after its temp file is complete, so every output is then its
 * previous version or a complete new one. Writes under way on libuv's threads are waited for (up
 * to SETTLE_MS) and remove their own temp files, and no new write starts; the manifest is rewritten by the next build
 * (which re-renders any file whose hash does not match it). SIGKILL cannot be handled: its temp
 * files are swept by the next build (sweepTemps).
 */
export function exitCleanlyOnSignals(say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): () => void {
  const handlers = SIGNALS.map(([sig, code]) => {
    const h = () => {
      // a write on libuv's threads may create its temp file after a removal here: wait for the
      // writes under way (each removes its own temp file once it sees the signal), then exit
      let done = false;
      const exit = () => {
        if (done) return;
        done = true;
        for (const t of pending) rmSync(t, { force: true });
        say(`interrupted (${sig}): files written so far are complete; the others keep their previous version`);
        process.exit(code);
      };
      stopping = exit;
      if (inFlight === 0) exit();
      else setTimeout(exit, SETTLE_MS).unref();
    };
    process.once(sig, h);
    return [sig, h] as const;
  });
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
    stopping = undefined;
  };
}

/**
 * Remove temp files a killed build left behind (any depth under dir). The walk never follows a
 * symbolic link, and a symbolic link inside a dataset's folder is refused (exit 2) before
 * anything renders: writes there would land wherever it points.
 */
export function sweepTemps(dir: string, root = dir): number {
  let n = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink())
      throw new DatapressError(
        `Refusing to build into ${root}: ${relative(root, p).split(sep).join('/')} is a symbolic link; datapress writes only inside the output folder, so remove the link`,
        2,
      );
    if (TMP.test(e.name) && e.isFile()) {
      rmSync(p, { force: true });
      n++;
    } else if (e.isDirectory()) {
      n += sweepTemps(p, root);
    }
  }
  return n;
}
