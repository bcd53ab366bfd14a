/**
 * A build killed midway (SIGINT, SIGTERM, SIGKILL) leaves every previous output intact:
 * each file is its old version or a complete new one; no temp file survives the next run.
 * Runs the compiled CLI (dist/, built by `pretest`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');
const SEED = path.join(ROOT, 'data/nmg-social-security-2021.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-kill-'));
const data = path.join(tmp, 'data.yaml');
const out = path.join(tmp, 'out');
const ARGS = [
  'build',
  data,
  '--out',
  out,
  '--only',
  'cards',
  '--preset',
  'wechat-square',
  '--concurrency',
  '1',
  '--no-gallery',
];
const TEMP = /^\..+\.tmp-\d+-[0-9a-f]+$/;

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}
const hashes = (): Record<string, string> =>
  Object.fromEntries(
    files(out)
      .filter((f) => !TEMP.test(path.basename(f)))
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(out, f)))
          .digest('hex'),
      ]),
  );
const temps = () => files(out).filter((f) => TEMP.test(path.basename(f)));

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Start a build and send `signal` once `after` outputs have been written; resolves when it exits. */
function killedBuild(
  signal: NodeJS.Signals,
  after: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; written: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...ARGS, '--force'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    let written = 0;
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      written = (stderr.match(/^\s*written /gm) ?? []).length;
      if (!sent && written >= after) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr, written }));
  });
}

let before: Record<string, string>;
beforeAll(() => {
  writeFileSync(data, readFileSync(SEED, 'utf8'));
  const r = cli(ARGS);
  expect(r.status, r.stderr).toBe(0);
  before = hashes();
  expect(Object.keys(before).length).toBeGreaterThan(30);
  // the next builds write different bytes: every English highlight title changes
  const doc = parseDocument(readFileSync(SEED, 'utf8'));
  const n = (doc.getIn(['highlights']) as { items: unknown[] }).items.length;
  for (let i = 0; i < n; i++)
    doc.setIn(['highlights', i, 'title', 'en'], `${doc.getIn(['highlights', i, 'title', 'en'])} (rev.)`);
  writeFileSync(data, doc.toString({ lineWidth: 0 }));
}, 180_000);

describe('atomic writes: a killed build leaves every output whole', () => {
  const snapshots: Record<string, Record<string, string>> = {};

  for (const [signal, exit] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGKILL', null],
  ] as const) {
    it(`${signal} after 3 outputs: every previous file is still there; the process exits ${exit ?? 'by the signal'}`, async () => {
      const r = await killedBuild(signal, 3);
      expect(r.written, r.stderr).toBeGreaterThanOrEqual(3);
      if (exit === null) expect(r.signal).toBe('SIGKILL');
      else {
        expect(r.code, r.stderr).toBe(exit);
        expect(r.stderr).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
        expect(temps()).toEqual([]); // handled signals leave no temp file at all
      }
      expect(r.stderr).not.toMatch(/^\s+at /m);
      const now = hashes();
      for (const f of Object.keys(before)) expect(now[f], `${f} after ${signal}`).toBeDefined();
      JSON.parse(readFileSync(path.join(out, 'nmg-social-security-2021/manifest.json'), 'utf8'));
      snapshots[signal] = now;
    }, 120_000);
  }

  it('each file is its old version or the complete new one; the next build leaves no temp file', async () => {
    // a temp file a SIGKILLed build could leave mid-write
    const stale = path.join(out, 'nmg-social-security-2021/cards/.pension-wechat-square-en.png.tmp-99999-deadbeef');
    writeFileSync(stale, Buffer.from([0x89, 0x50, 0x4e]));
    const r = cli(ARGS);
    expect(r.status, r.stderr).toBe(0);
    expect(temps()).toEqual([]);
    const after = hashes();
    let changed = 0;
    for (const [signal, snap] of Object.entries(snapshots)) {
      let fresh = 0;
      let old = 0;
      for (const f of Object.keys(before)) {
        expect([before[f], after[f]], `${f} after ${signal}`).toContain(snap[f]);
        if (before[f] !== after[f]) snap[f] === after[f] ? fresh++ : old++;
      }
      // killed midway: some files were already new, some still old
      if (signal !== 'SIGKILL' || fresh) expect(fresh, signal).toBeGreaterThan(0);
      changed += fresh + old;
    }
    expect(changed).toBeGreaterThan(0);
    // every new PNG decodes completely
    for (const f of Object.keys(after).filter((f) => f.endsWith('.png'))) {
      await sharp(readFileSync(path.join(out, f)))
        .raw()
        .toBuffer();
    }
  }, 180_000);
});
