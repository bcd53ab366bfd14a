/**
 * One build per output folder. Two builds writing into one `--out` at once used to interleave
 * their files and manifests silently (both exited 0 with a third of the files no longer
 * matching the manifest); now the first takes `<out>/.datapress/lock` and any other build,
 * `watch` or `join` into that folder either waits for it (`build --wait`) or stops at once with
 * exit 1 and a message naming the holder.
 *
 * The lock file is created atomically with its content (written to a temp file, then hard
 * linked to its name, which fails if the name exists) and holds the holder's pid, host, start
 * time and command, its process start time as the kernel counts it (Linux), and a random
 * token. It is stale, and broken by the next build, when its process is gone (killed with
 * SIGKILL, the machine restarted) or its pid now belongs to a process that started after the
 * lock was taken. Breaking a stale lock happens under a second, short-lived lock
 * (`lock.break`), after reading the lock again, so a live lock is never removed.
 *
 * `watch` holds the lock for as long as it runs and hands it to the builds it starts
 * (`DATAPRESS_LOCK` in their environment holds its token). `--check` takes no lock (it writes
 * nothing) but does not compare a folder while a build is writing it: it waits or stops too.
 *
 * Before any of this, `--out` itself is checked: a file, the filesystem root or the home folder
 * is a usage error (exit 2) before any work.
 */
import type { OutputLock } from '../core/types.js';
import { randomBytes } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { DatapressError, UsageError } from '../errors.js';
import { readUserFile } from '../load/files.js';
import { safeJoin } from '../write/atomic.js';

export const LOCK_PATH = '.datapress/lock';
/** The environment variable through which `watch` hands its lock to the builds it runs. */
export const LOCK_ENV = 'DATAPRESS_LOCK';

export interface Holder {
  pid: number;
  host: string;
  /** ISO time the lock was taken */
  started: string;
  /** the command holding it: build, watch, join */
  command: string;
  token: string;
  /** the holder's process start time in clock ticks since boot (/proc/<pid>/stat), on Linux */
  ticks?: string;
}

export type { OutputLock } from '../core/types.js';

export interface LockOptions {
  /** wait for the holder to finish instead of stopping (build --wait) */
  wait?: boolean;
  /** what takes the lock, for the message a second build prints */
  command?: string;
  /** compare only (--check): create nothing, but do not read a folder a build is writing */
  check?: boolean;
  /** called when a wait begins, and again when the holder changes */
  onWait?: (holder: Holder, file: string) => void;
  /** how often to look again while waiting (ms) */
  poll?: number;
}

/** Locks this process holds: file → its token and the first folder taking it made (released on exit, whatever the exit). */
const held = new Map<string, { token: string; made?: string }>();
let exitHook = false;

/**
 * Refuse an output folder that cannot be one: a file (or a path through a file), the root of a
 * filesystem, or the home folder (a build writes index.html and one folder per dataset there).
 * UsageError, exit 2, before any work.
 */
export function checkOutFolder(out: string, flag = '--out'): void {
  const abs = resolve(out);
  // the nearest part of the path that exists must be a folder
  let p = abs;
  for (;;) {
    let st: Stats | undefined;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch (e) {
      // ENOTDIR: a file further up; ELOOP, EACCES: say so
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR')
        throw new UsageError(`${flag} ${out} cannot be used: ${(e as Error).message}`);
    }
    if (st) {
      if (!st.isDirectory())
        throw new UsageError(
          p === abs
            ? `${flag} ${out} is a file, not a folder; give a folder to write the outputs into`
            : `${flag} ${out} cannot be a folder: ${p} is a file`,
        );
      break;
    }
    if (dirname(p) === p) break;
    p = dirname(p);
  }
  if (p !== abs) return; // a folder still to be made below an existing one: neither a root nor home
  const real = safeRealpath(abs);
  if (parse(real).root === real)
    throw new UsageError(`${flag} ${out} is the root of the filesystem; give a folder for the outputs, e.g. output`);
  const home = safeRealpath(homedir());
  if (real === home)
    throw new UsageError(`${flag} ${out} is your home folder; give a folder for the outputs, e.g. ~/output`);
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** "pid 1234 on host x (datapress build, started 2024-05-01T10:00:00.000Z)" */
export function describeHolder(h: Holder): string {
  const host = h.host === hostname() ? '' : ` on ${h.host}`;
  return `pid ${h.pid}${host} (datapress ${h.command}, started ${h.started})`;
}

/**
 * Take the lock of output folder `out` (after checking `out`), waiting for its holder with
 * `wait`; otherwise a held lock throws DatapressError (exit 1) naming the holder.
 */
export async function lockOutput(out: string, o: LockOptions = {}): Promise<OutputLock> {
  checkOutFolder(out);
  let told: string | undefined;
  for (;;) {
    const r = o.check ? observe(out) : tryLockOutput(out, o.command ?? 'build');
    if (!('pid' in r)) return r;
    if (!o.wait) throw new DatapressError(heldMessage(out, r, o.check));
    if (told !== r.token) {
      told = r.token;
      o.onWait?.(r, join(resolve(out), LOCK_PATH));
    }
    await new Promise((done) => setTimeout(done, o.poll ?? 200));
  }
}

export function heldMessage(out: string, h: Holder, check?: boolean): string {
  return (
    `Another datapress ${h.command} is ${check ? 'writing to' : 'using'} ${resolve(out)}: ${describeHolder(h)}. ` +
    `One build per output folder: wait for it to finish, or run with --wait. ` +
    `If no such build is running, delete ${join(resolve(out), LOCK_PATH)}`
  );
}

/** --check: no lock is made; a live holder is returned (to wait for, or to name). */
function observe(out: string): OutputLock | Holder {
  const file = join(resolve(out), LOCK_PATH);
  const h = readHolder(file);
  if (h && h !== 'corrupt' && live(h) && !handedDown(h)) return h;
  return { release() {} };
}

/**
 * One attempt to take the lock: the lock, or the live holder that has it. A stale lock is
 * broken and taken. Synchronous (watch and join take the lock this way).
 */
export function tryLockOutput(out: string, command: string): OutputLock | Holder {
  const root = resolve(out);
  const file = safeJoin(root, LOCK_PATH); // .datapress may not be a symbolic link
  // the folders made for the lock are removed again on release if nothing else was written there:
  // input refused before any work leaves no output folder behind
  const made = mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    if (attempt > 100) throw new DatapressError(`Cannot take the lock ${file}: it keeps changing`);
    mkdirSync(dirname(file), { recursive: true }); // again: a release may have just removed it
    const token = randomBytes(16).toString('hex');
    const me: Holder = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      command,
      token,
      ticks: startTicks(process.pid),
    };
    if (create(file, `${JSON.stringify(me)}\n`)) {
      held.set(file, { token, made });
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => {
          for (const [f, h] of held) releaseFile(f, h.token);
        });
      }
      return { file, token, release: () => releaseFile(file, token) };
    }
    const raw = readRaw(file);
    if (raw === undefined) continue; // released in between: try again
    const h = parseHolder(raw);
    if (h && handedDown(h)) return { release() {} }; // watch, our parent, holds it for us
    if (h && live(h)) return h;
    if (!h && !oldEnough(file)) {
      // a lock being written right now by a build without hard links: give it a moment
      if (attempt > 50) return corruptHolder(file);
      sleep(20);
      continue;
    }
    breakStale(file, raw);
  }
}

/** Create `file` with `text`, atomically: false when it exists. */
function create(file: string, text: string): boolean {
  const tmp = join(dirname(file), `.lock.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false; // the folder was just removed: again
    throw e;
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // a filesystem without hard links: exclusive create, then write (a reader may see it empty for a moment)
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV') {
      try {
        writeFileSync(file, text, { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function releaseFile(file: string, token: string): void {
  const mine = held.get(file);
  if (mine?.token !== token) return;
  held.delete(file);
  try {
    if (parseHolder(readRaw(file) ?? '')?.token === token) unlinkSync(file);
    // the folders this lock made, from .datapress up, if they are empty (rmdir never removes anything else)
    for (let d = dirname(file); mine.made && d.startsWith(mine.made); d = dirname(d)) rmdirSync(d);
  } catch {
    // already gone
  }
}

/** Remove a stale lock whose content is `raw`, under the break lock, only if it is still that lock. */
function breakStale(file: string, raw: string): void {
  const mutex = `${file}.break`;
  try {
    writeFileSync(mutex, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // another build is breaking it: wait a moment; a breaker that died leaves its mutex behind
    const pid = Number(readRaw(mutex));
    if ((Number.isInteger(pid) && pid > 0 && !pidAlive(pid)) || oldEnough(mutex, 10_000))
      rmSync(mutex, { force: true });
    else sleep(10);
    return;
  }
  try {
    if (readRaw(file) === raw) rmSync(file, { force: true });
  } finally {
    rmSync(mutex, { force: true });
  }
}

/** A lock file's text; undefined when there is none. Anything but a small regular file is refused, unopened. */
function readRaw(file: string): string | undefined {
  const r = readUserFile(file, { maxBytes: 64 * 1024, what: 'a lock file', noFollow: true });
  if (!r.problem) return r.bytes.toString('utf8');
  if (r.problem.found === 'no such file') return undefined;
  throw new DatapressError(
    `${file}: expected ${r.problem.expected}, found ${r.problem.found}; remove it if no datapress build is running`,
  );
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const h = JSON.parse(raw) as Holder;
    return h && Number.isInteger(h.pid) && typeof h.token === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function readHolder(file: string): Holder | 'corrupt' | undefined {
  const raw = readRaw(file);
  if (raw === undefined) return undefined;
  return parseHolder(raw) ?? (oldEnough(file) ? undefined : 'corrupt');
}

function corruptHolder(file: string): Holder {
  return { pid: 0, host: hostname(), started: 'just now', command: 'build (starting)', token: `corrupt:${file}` };
}

function oldEnough(file: string, ms = 5_000): boolean {
  try {
    return Date.now() - lstatSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** The lock was handed to this process by the `watch` that started it. */
function handedDown(h: Holder): boolean {
  return Boolean(process.env[LOCK_ENV]) && h.token === process.env[LOCK_ENV] && h.pid === process.ppid;
}

/** Whether the holder still runs: false when its pid is gone or now belongs to a younger process. */
export function live(h: Holder): boolean {
  if (h.host !== hostname()) return true; // another machine's process: cannot tell, so it holds
  // our own pid: another build in this process holds it, or it is an earlier process's that had our pid
  if (h.pid === process.pid) return [...held.values()].some((x) => x.token === h.token);
  if (!pidAlive(h.pid)) return false;
  if (h.ticks) {
    const now = startTicks(h.pid);
    if (now !== undefined && now !== h.ticks) return false; // the pid was reused
  }
  return true;
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, another user's
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined off Linux. */
export function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ")"
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}
