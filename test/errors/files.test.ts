/**
 * Files a user names are read through one door (src/load/files.ts): only regular files within
 * their cap, never a FIFO or a device, and only files the validated dataset references. A path
 * in a comment is never opened. Waits are bounded by timeouts on the operation, never asserted.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathProblem, readUserFile } from '../../src/load/files.js';
import { checkImage } from '../../src/validate/image.js';
import { CLI, cli, HOOK, ROOT, SEED, tempDir } from '../build/helpers.js';

const ARGS = ['--only', 'cards', '--preset', 'wechat-square', '--lang', 'en', '--concurrency', '1', '--no-gallery'];
const tmp = tempDir('files');
const fifo = join(tmp, 'pipe.png');
const seed = readFileSync(SEED, 'utf8');
const FIRST_PHOTO = '  - caption: {zh: 安享晚年。, en: A contented old age.}';

/** The seed with its first photo pointing at `image`, and `comment` lines before `photos:`. */
function dataset(name: string, o: { image?: string; comment?: string[] }): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  let text = seed;
  expect(text).toContain(FIRST_PHOTO);
  if (o.image) text = text.replace(FIRST_PHOTO, `${FIRST_PHOTO}\n    image: ${o.image}`);
  if (o.comment) text = text.replace('\nphotos:\n', `\n${o.comment.map((c) => `# ${c}\n`).join('')}photos:\n`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The CLI with a hard limit: a build that blocks in open() or reads /dev/zero is killed, not waited for. */
function bounded(args: string[], opts: { node?: string[]; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

let png: Buffer;
beforeAll(async () => {
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#c00' } })
    .png()
    .toBuffer();
});

describe('readUserFile: a regular file within its cap, or a named refusal', () => {
  it('reads a regular file, or only its head', () => {
    const f = join(tmp, 'ok.png');
    writeFileSync(f, png);
    const r = readUserFile(f, { maxBytes: 1024 });
    expect(r.problem).toBeUndefined();
    expect(r.problem ? undefined : r.bytes.equals(png)).toBe(true);
    const head = readUserFile(f, { maxBytes: 1024, head: 8 });
    expect(head.problem ? undefined : head.bytes.length).toBe(8);
  });

  it('refuses a FIFO without opening it (no writer ever comes: a blocking open would hang this test)', () => {
    expect(readUserFile(fifo, { maxBytes: 1024 }).problem?.found).toBe('a FIFO (named pipe)');
  }, 10_000);

  it('refuses devices, folders, missing files and files over the cap before reading a byte', () => {
    expect(readUserFile('/dev/zero', { maxBytes: 1024 }).problem?.found).toBe('a character device');
    expect(readUserFile('/dev/null', { maxBytes: 1024 }).problem?.found).toBe('a character device');
    expect(readUserFile(tmp, { maxBytes: 1024 }).problem?.found).toBe('a folder');
    expect(readUserFile(join(tmp, 'nope'), { maxBytes: 1024 }).problem?.found).toBe('no such file');
    const big = join(tmp, 'big.png');
    writeFileSync(big, png);
    truncateSync(big, 26 * 1024 * 1024); // sparse: costs no disk
    const p = readUserFile(big, { maxBytes: 25 * 1024 * 1024, what: 'an image file', capNote: 'see README "Limits"' });
    expect(p.problem).toEqual({ expected: 'an image file of at most 25 MB (see README "Limits")', found: '26 MB' });
    expect(checkImage(big)?.found).toBe('26 MB');
  });

  it('with noFollow, refuses a symbolic link (even to a regular file)', () => {
    const link = join(tmp, 'link.png');
    symlinkSync(join(tmp, 'ok.png'), link);
    expect(readUserFile(link, { maxBytes: 1024 }).problem).toBeUndefined();
    expect(readUserFile(link, { maxBytes: 1024, noFollow: true }).problem?.found).toBe('a symbolic link');
  });

  it('pathProblem: a path must stay inside its folder, with no symbolic link on the way', () => {
    const root = join(tmp, 'root');
    mkdirSync(join(root, 'real'), { recursive: true });
    symlinkSync(tmp, join(root, 'linked'));
    expect(pathProblem(root, 'real/a.png')).toBeUndefined();
    expect(pathProblem(root, 'new/deeper/a.png')).toBeUndefined();
    expect(pathProblem(root, '../x')).toBe('a path outside the folder');
    expect(pathProblem(root, 'real/../../x')).toBe('a path outside the folder');
    expect(pathProblem(root, '/etc/passwd')).toBe('an absolute path');
    expect(pathProblem(root, 'a\0b')).toBe('a NUL character in the path');
    expect(pathProblem(root, 'linked/a.png')).toBe('a symbolic link on the way (linked)');
    expect(pathProblem(root, 'linked')).toBe('a symbolic link');
  });
});

describe("a dataset's referenced files: from the validated model only", () => {
  it('a FIFO or /dev/zero named as a photo is refused by name (validate and build), nothing rendered', () => {
    for (const [name, image, found] of [
      ['fifo', fifo, /found ".*pipe\.png": a FIFO \(named pipe\)/],
      ['zero', '/dev/zero', /found "\/dev\/zero": a character device/],
    ] as const) {
      const file = dataset(name, { image });
      const v = bounded(['validate', file]);
      expect(v.signal, 'validate was killed: it blocked or read without end').toBeNull();
      expect(v.code, v.stderr).toBe(2);
      expect(v.stdout).toMatch(/:\d+:\d+ photos\[0\]\.image: expected an image file \(a regular file\)/);
      expect(v.stdout).toMatch(found);
      const out = join(tmp, `${name}-out`);
      const b = bounded(['build', file, '-o', out, ...ARGS]);
      expect(b.signal, 'build was killed: it blocked or read without end').toBeNull();
      expect(b.code, b.stderr).toBe(2);
      expect(b.stderr).toMatch(/photos\[0\]\.image/);
      expect(existsSync(join(out, 'nmg-social-security-2021'))).toBe(false);
    }
  }, 240_000);

  it('the data file itself goes through the same door: a FIFO named data.yaml is refused, not waited on', () => {
    const dataFifo = join(tmp, 'data-fifo.yaml');
    expect(spawnSync('mkfifo', [dataFifo]).status).toBe(0);
    for (const args of [
      ['validate', dataFifo],
      ['build', dataFifo, '-o', join(tmp, 'data-fifo-out'), ...ARGS],
    ]) {
      const r = bounded(args);
      expect(r.signal, `${args[0]} was killed: it blocked on the FIFO`).toBeNull();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/expected a YAML or JSON file \(a regular file\), found a FIFO/);
    }
    expect(existsSync(join(tmp, 'data-fifo-out'))).toBe(false);
  }, 240_000);

  it('`image:` in a comment opens nothing: a FIFO, /dev/zero and a changed file named there do not matter', () => {
    const other = join(tmp, 'commented.png');
    writeFileSync(other, png);
    const file = dataset('comment', { comment: [`image: ${fifo}`, 'image: /dev/zero', `image: ${other}`] });
    const out = join(tmp, 'comment-out');
    const first = bounded(['build', file, '-o', out, ...ARGS]);
    expect(first.signal, 'the build was killed: it opened a path from a comment').toBeNull();
    expect(first.code, first.stderr).toBe(0);
    // the stamp records no referenced file: the seed's photos have none, comments do not count
    const stamps = readdirSync(join(out, '.datapress')).filter((f) => f.endsWith('.json'));
    expect(stamps).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(out, '.datapress', stamps[0]!), 'utf8')).refs).toEqual([]);

    // a file named only in a comment changes: the next build is still the no-op fast path
    // (no YAML parser loaded), so nothing read it
    writeFileSync(other, Buffer.concat([png, png]));
    const log = join(tmp, 'heavy.log');
    const again = bounded(['build', file, '-o', out, ...ARGS, '--json'], {
      node: ['--import', HOOK],
      env: { DATAPRESS_HEAVY_LOG: log },
    });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).datasets[0]).toMatchObject({ written: 0 });
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  }, 240_000);

  it('a referenced photo is checked by the no-op stamp: swapped for a FIFO, the next build refuses it by name', () => {
    const file = dataset('photo', { image: 'photo.png' });
    const photo = join(dirname(file), 'photo.png');
    writeFileSync(photo, png);
    const out = join(tmp, 'photo-out');
    const r = cli(['build', file, '-o', out, ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    const stamp = readdirSync(join(out, '.datapress')).find((f) => f.endsWith('.json'))!;
    const refs = JSON.parse(readFileSync(join(out, '.datapress', stamp), 'utf8')).refs as [string, number][];
    expect(refs.map(([p, size]) => [p, size])).toEqual([[photo, png.length]]);

    rmSync(photo);
    expect(spawnSync('mkfifo', [photo]).status).toBe(0);
    const b = bounded(['build', file, '-o', out, ...ARGS]);
    expect(b.signal, 'the build was killed: it opened the FIFO').toBeNull();
    expect(b.code, b.stderr).toBe(2);
    expect(b.stderr).toMatch(
      /photos\[0\]\.image: expected an image file \(a regular file\), found "photo\.png": a FIFO/,
    );
  }, 240_000);
});
