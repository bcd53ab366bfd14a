/**
 * One build per output folder: a second build into the same --out stops with exit 1 naming the
 * holder (or waits with --wait); a lock left by a dead process, or by a pid since reused, is
 * broken; concurrent builds leave a manifest that matches every file (--check --verify). --out
 * that is a file, the root or the home folder is a usage error before any work. `watch` holds
 * the lock and exits 130 on Ctrl-C. Waits are bounded by timeouts, never asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LOCK_PATH, live, startTicks, tryLockOutput } from '../../src/batch/lock.js';
import { CLI, cli, ID, ROOT, seedCopy, tempDir } from '../build/helpers.js';

const ARGS = ['--only', 'cards', '--preset', 'wechat-square', '--lang', 'en', '--concurrency', '1', '--no-gallery'];

interface Done {
  code: number | null;
  stderr: string;
}

/** Start the CLI; resolves when it exits (killed after 3 minutes: a hang fails the test, not the run). */
function start(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env },
  });
  let stderr = '';
  const listeners: ((s: string) => void)[] = [];
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const l of listeners) l(stderr);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const done = new Promise<Done>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
  /** resolves once stderr matches */
  const saw = (re: RegExp) =>
    new Promise<void>((resolve) => {
      if (re.test(stderr)) return resolve();
      listeners.push((s) => {
        if (re.test(s)) resolve();
      });
    });
  return { child, done, saw };
}

/** A pid that no longer runs: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid;
}

function writeLock(out: string, holder: Record<string, unknown>): void {
  mkdirSync(join(out, '.datapress'), { recursive: true });
  writeFileSync(join(out, LOCK_PATH), JSON.stringify(holder));
}

describe('the lock of an output folder', () => {
  it('is exclusive: a second attempt gets the holder, a release frees it', () => {
    const out = tempDir('lock-unit');
    const a = tryLockOutput(out, 'build');
    expect('pid' in a).toBe(false);
    const b = tryLockOutput(out, 'build');
    expect(b).toMatchObject({ pid: process.pid, host: hostname(), command: 'build' });
    if (!('pid' in a)) a.release();
    expect(existsSync(join(out, LOCK_PATH))).toBe(false);
    const c = tryLockOutput(out, 'build');
    expect('pid' in c).toBe(false);
    if (!('pid' in c)) c.release();
  });

  it('a lock whose process is gone, or whose pid was reused by a younger process, is stale and taken', () => {
    const out = tempDir('lock-stale');
    writeLock(out, { pid: deadPid(), host: hostname(), started: 'then', command: 'build', token: 'dead' });
    const a = tryLockOutput(out, 'build');
    expect('pid' in a).toBe(false);
    if (!('pid' in a)) a.release();

    // a live process (the test runner's parent) that started at another time than the lock records
    const ticks = startTicks(process.ppid);
    if (ticks !== undefined) {
      const reused = { pid: process.ppid, host: hostname(), started: 'then', command: 'build', token: 'reused' };
      expect(live({ ...reused, ticks })).toBe(true);
      expect(live({ ...reused, ticks: String(Number(ticks) + 1) })).toBe(false);
      writeLock(out, { ...reused, ticks: String(Number(ticks) + 1) });
      const b = tryLockOutput(out, 'build');
      expect('pid' in b).toBe(false);
      if (!('pid' in b)) b.release();
      writeLock(out, { ...reused, ticks });
      expect(tryLockOutput(out, 'build')).toMatchObject({ token: 'reused' });
    }
  });

  it('a second build stops at once with exit 1 naming the holder; with --wait it builds after it', async () => {
    const { file } = seedCopy();
    const out = tempDir('lock-held');
    // a holder that is alive: the test runner's parent process
    const holder = { pid: process.ppid, host: hostname(), started: '2024-01-01T00:00:00.000Z', command: 'watch' };
    writeLock(out, { ...holder, token: 'held', ticks: startTicks(process.ppid) });
    const r = cli(['build', file, '-o', out, ...ARGS]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`Another datapress watch is using ${out}: pid ${process.ppid} (datapress watch`);
    expect(r.stderr).toMatch(/--wait/);
    expect(existsSync(join(out, ID))).toBe(false);
    // --check reads nothing a build is writing either
    expect(cli(['build', file, '-o', out, ...ARGS, '--check']).code).toBe(1);

    const waiting = start(['build', file, '-o', out, ...ARGS, '--wait']);
    await waiting.saw(/waiting for pid \d+/);
    expect(existsSync(join(out, ID))).toBe(false);
    writeFileSync(join(out, LOCK_PATH), ''); // an empty lock file, now old: stale
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(out, LOCK_PATH), past, past);
    const done = await waiting.done;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(join(out, ID, 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, LOCK_PATH))).toBe(false);
  }, 240_000);

  it('two builds into one folder at once: one stops with exit 1 or both finish, and every file matches the manifest', async () => {
    const { file } = seedCopy();
    const out = tempDir('lock-race');
    // the same data with different text: interleaved writes would leave files from both
    const other = file.replace(/\.yaml$/, '-b.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const n = (doc.getIn(['highlights']) as { items: unknown[] }).items.length;
    for (let i = 0; i < n; i++)
      doc.setIn(['highlights', i, 'title', 'en'], `${doc.getIn(['highlights', i, 'title', 'en'])} (b)`);
    writeFileSync(other, doc.toString({ lineWidth: 0 }));
    const [a, b] = await Promise.all([
      start(['build', file, '-o', out, ...ARGS, '--force']).done,
      start(['build', other, '-o', out, ...ARGS, '--force']).done,
    ]);
    const codes = [a.code, b.code].sort();
    expect([
      [0, 0],
      [0, 1],
    ]).toContainEqual(codes);
    for (const r of [a, b]) if (r.code === 1) expect(r.stderr).toMatch(/Another datapress build is using .*: pid \d+/);
    const verify = cli(['build', file, '-o', out, ...ARGS, '--check', '--verify']);
    const verifyOther = cli(['build', other, '-o', out, ...ARGS, '--check', '--verify']);
    // the folder is exactly one of the two builds, whole: one of them finds it up to date, the other all stale
    expect([verify.code, verifyOther.code].sort(), verify.stderr + verifyOther.stderr).toEqual([0, 1]);
    expect(existsSync(join(out, LOCK_PATH))).toBe(false);
  }, 300_000);

  it('--check --verify rehashes every output: a file changed in place (same size and mtime) is stale', () => {
    const { file } = seedCopy();
    const out = tempDir('lock-verify');
    expect(cli(['build', file, '-o', out, ...ARGS]).code).toBe(0);
    const victim = join(out, ID, 'cards', readdirSync(join(out, ID, 'cards')).find((f) => f.endsWith('.png'))!);
    const ns = statSync(victim, { bigint: true }).mtimeNs;
    const bytes = readFileSync(victim);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(victim, bytes);
    // the old mtime to the nanosecond (utimes in JS rounds through a double)
    const at = `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
    expect(spawnSync('touch', ['-m', '-d', at, victim]).status).toBe(0);
    expect(statSync(victim, { bigint: true }).mtimeNs).toBe(ns);
    expect(cli(['build', file, '-o', out, ...ARGS, '--check']).code).toBe(0); // size and mtime say unchanged
    const r = cli(['build', file, '-o', out, ...ARGS, '--check', '--verify']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`stale or missing: cards/${victim.split('/').at(-1)}`);
    expect(cli(['build', file, '-o', out, ...ARGS, '--verify']).code).toBe(0); // repairs it
    expect(cli(['build', file, '-o', out, ...ARGS, '--check', '--verify']).code).toBe(0);
  }, 240_000);
});

describe('--out is checked before any work', () => {
  it('a file, a path through a file, the filesystem root or the home folder: exit 2, nothing written', () => {
    const { dir, file } = seedCopy();
    const home = tempDir('home');
    for (const [out, message] of [
      [file, /--out .* is a file, not a folder/],
      [join(file, 'sub'), /--out .* cannot be a folder: .* is a file/],
      ['/', /--out \/ is the root of the filesystem/],
      [home, /--out .* is your home folder/],
    ] as const) {
      const r = cli(['build', file, '-o', out, ...ARGS], { env: { HOME: home } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/ENOTDIR|\bat .*\.js:\d+/);
    }
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['nmg-social-security-2021.yaml']);
    expect(cli(['preview', '-o', '/']).code).toBe(2);
    expect(cli(['join', dir, '-o', file]).code).toBe(2);
  }, 120_000);
});

describe('watch', () => {
  it('holds the lock while it runs (a build into its folder stops with exit 1) and exits 130 on SIGINT', async () => {
    const { dir, file } = seedCopy();
    const out = join(dir, 'out');
    const w = start(['watch', file, '-o', out, '--only', 'charts', '--lang', 'en', '--concurrency', '1'], { cwd: dir });
    await w.saw(/watching for changes/);
    expect(existsSync(join(out, ID, 'manifest.json'))).toBe(true); // its own builds run under its lock
    const r = cli(['build', file, '-o', out, ...ARGS]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Another datapress watch is using .*: pid ${w.child.pid}`));
    w.child.kill('SIGINT');
    const done = await w.done;
    expect(done.code, done.stderr).toBe(130);
    expect(existsSync(join(out, LOCK_PATH))).toBe(false);
  }, 240_000);
});
