/**
 * The one door for reading files a user names: the data file, the photos a dataset references
 * (and any file a future field references), and the files `join` and `--zip` take from an
 * output folder. Nothing else in datapress opens such a file.
 *
 * - The path is `stat`ed first: a folder, a device (`/dev/zero`), a FIFO or a socket is refused
 *   without being opened (opening a FIFO blocks until a writer comes; some devices act on open).
 * - It is then opened with O_NONBLOCK and O_NOCTTY, so a file swapped for a FIFO after the stat
 *   cannot block the open, and the open descriptor is `fstat`ed: it must still be a regular file
 *   within its size cap. At most cap + 1 bytes are ever read, so a file that grows past its cap
 *   while being read is refused too, and reading stops at a deadline.
 * - Every refusal is a `{ expected, found }` pair, so the caller names the field (or the path)
 *   it came from: `photos[0].image: expected a regular file, found a FIFO (named pipe)`.
 *
 * Which files a dataset references is known only from its validated model (`referencedFiles`),
 * never from a scan of the raw text.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface FileProblem {
  expected: string;
  found: string;
}

export interface ReadOptions {
  /** the size cap in bytes: a larger file is refused before any byte is read */
  maxBytes: number;
  /** what the file should be, for messages: "an image file", "a YAML or JSON file" */
  what?: string;
  /** where the cap is documented, appended to the expectation: 'see README "Limits"' */
  capNote?: string;
  /** read only the first `head` bytes (a header); the whole file is still held to the cap */
  head?: number;
  /** refuse a symbolic link instead of following it (files inside an output folder) */
  noFollow?: boolean;
  /** give up reading after this long (default 10 s) */
  timeoutMs?: number;
}

export type ReadResult =
  | { bytes: Buffer; size: number; mtimeMs: number; problem?: undefined }
  | { problem: FileProblem };

const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOCTTY = constants.O_NOCTTY ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CHUNK = 1024 * 1024;
const DEFAULT_TIMEOUT = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** A size in words: 25 MB, 12.5 kB, 10 bytes. */
export function megabytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} kB`;
  return `${n} byte${n === 1 ? '' : 's'}`;
}

/** What a non-regular file is, in words. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** An error from the file system, in words. */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a symbolic link (or a loop of them)';
    case 'ENOTDIR':
      return 'a path through something that is not a folder';
    case 'EISDIR':
      return 'a folder';
    case 'EAGAIN':
    case 'EWOULDBLOCK':
    case 'EBUSY':
      return 'a file that cannot be read now (busy or locked)';
    default:
      return (e as Error).message;
  }
}

/**
 * Read a file a user named, refusing anything but a regular file within `maxBytes`. Never
 * blocks on a FIFO or device, never reads more than the cap, never throws for a file problem:
 * the result carries `{ expected, found }` for the caller to place.
 */
export function readUserFile(file: string, o: ReadOptions): ReadResult {
  const what = o.what ?? 'a regular file';
  const note = o.capNote ? ` (${o.capNote})` : '';
  const notRegular = (st: Stats): ReadResult => ({
    problem: { expected: `${what} (a regular file)`, found: kindOf(st) },
  });
  const tooBig = (size: number | string): ReadResult => ({
    problem: {
      expected: `${what} of at most ${megabytes(o.maxBytes)}${note}`,
      found: typeof size === 'number' ? megabytes(size) : size,
    },
  });
  const unreadable = (e: unknown): ReadResult => ({
    problem: { expected: `a readable ${what.replace(/^an? /, '')}`, found: errnoReason(e) },
  });
  if (file.includes('\0')) return { problem: { expected: `a path to ${what}`, found: 'a NUL character in the path' } };
  let st: Stats;
  try {
    st = o.noFollow ? lstatSync(file) : statSync(file);
  } catch (e) {
    return unreadable(e);
  }
  if (!st.isFile()) return notRegular(st);
  if (st.size > o.maxBytes) return tooBig(st.size);

  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NONBLOCK | NOCTTY | (o.noFollow ? NOFOLLOW : 0));
  } catch (e) {
    return unreadable(e);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) return notRegular(fst);
    if (fst.size > o.maxBytes) return tooBig(fst.size);
    const limit = o.head !== undefined ? Math.min(o.head, o.maxBytes + 1) : o.maxBytes + 1;
    const deadline = Date.now() + (o.timeoutMs ?? DEFAULT_TIMEOUT);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (Date.now() > deadline)
        return {
          problem: {
            expected: `${what} that can be read within ${Math.round((o.timeoutMs ?? DEFAULT_TIMEOUT) / 1000)} s`,
            found: `a file still unread after ${megabytes(total)}`,
          },
        };
      const want = Math.min(CHUNK, limit - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      let got: number;
      try {
        got = readSync(fd, buf, 0, want, total);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR') {
          Atomics.wait(pause, 0, 0, 10); // try again shortly, until the deadline
          continue;
        }
        return unreadable(e);
      }
      if (got === 0) break;
      chunks.push(got === want ? buf : buf.subarray(0, got));
      total += got;
    }
    if (o.head === undefined && total > o.maxBytes)
      return tooBig(`more than ${megabytes(o.maxBytes)} (it grew while read)`);
    return {
      bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total),
      size: fst.size,
      mtimeMs: fst.mtimeMs,
    };
  } finally {
    closeSync(fd);
  }
}

/** `readUserFile`, throwing an Error whose message is `<label>: expected …, found …` on a problem. */
export function readUserFileOrThrow(file: string, label: string, o: ReadOptions): Buffer {
  const r = readUserFile(file, o);
  if (r.problem) throw new Error(`${label}: expected ${r.problem.expected}, found ${r.problem.found}`);
  return r.bytes;
}

/** Size and mtime of a regular file, from `stat` alone (nothing is opened); undefined for anything else. */
export function fileState(file: string): [number, number] | undefined {
  try {
    const st = statSync(file);
    return st.isFile() ? [st.size, st.mtimeMs] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `rel` cannot be used under `root`, or undefined: it must be a relative path that stays
 * inside (no `..`, no absolute path, no NUL) and no part of it may be a symbolic link, so the
 * path resolves where its text says (a symlinked folder inside the output folder could
 * otherwise lead anywhere). Parts that do not exist yet are fine.
 */
export function pathProblem(root: string, rel: string): string | undefined {
  if (typeof rel !== 'string' || rel === '') return 'an empty path';
  if (rel.includes('\0')) return 'a NUL character in the path';
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return 'an absolute path';
  const base = resolve(root);
  const abs = resolve(base, rel);
  const r = relative(base, abs);
  if (
    r === '' ||
    r.startsWith('..') ||
    r.split(sep).includes('..') ||
    isAbsolute(r) ||
    rel.split(/[\\/]/).includes('..')
  )
    return 'a path outside the folder';
  let p = base;
  const parts = r.split(sep);
  for (const [i, part] of parts.entries()) {
    p = join(p, part);
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch {
      return undefined; // the rest does not exist yet
    }
    if (st.isSymbolicLink())
      return i === parts.length - 1
        ? 'a symbolic link'
        : `a symbolic link on the way (${relative(base, p).split(sep).join('/')})`;
  }
  return undefined;
}

export interface ReferencedFile {
  /** the data path that names it: photos[0].image */
  field: string;
  /** absolute path */
  path: string;
  /** size and mtime when the build checked it ([-1, -1] when it could not be stat'ed) */
  size: number;
  mtimeMs: number;
}

/**
 * The files a validated dataset references, resolved as validation resolves them (relative to
 * the data file's folder), with their size and mtime now. Photos today; any future field that
 * names a file belongs here, so the no-op stamp checks it.
 */
export function referencedFiles(model: { photos?: { image?: string }[] }, dataFile: string): ReferencedFile[] {
  const base = dirname(resolve(dataFile));
  const out: ReferencedFile[] = [];
  (model.photos ?? []).forEach((ph, i) => {
    if (!ph.image) return;
    const path = isAbsolute(ph.image) ? ph.image : join(base, ph.image);
    const [size, mtimeMs] = fileState(path) ?? [-1, -1];
    out.push({ field: `photos[${i}].image`, path, size, mtimeMs });
  });
  return out;
}
