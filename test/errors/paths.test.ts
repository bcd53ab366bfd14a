/**
 * Paths are checked where they resolve: a symlinked folder inside --out cannot send writes or
 * deletions outside it; `join` and `--zip` refuse manifest paths outside the folder, symbolic
 * links, and files that do not match their manifest.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/model/hash.js';
import { safeJoin } from '../../src/write/atomic.js';
import { zipDataset } from '../../src/write/package.js';
import { CLI, cli, hashTree, ID, seedCopy, tempDir } from '../build/helpers.js';

const ARGS = ['--only', 'cards', '--preset', 'wechat-square', '--lang', 'en', '--concurrency', '1', '--no-gallery'];

let file: string;
let built: string;
beforeAll(() => {
  ({ file } = seedCopy());
  built = tempDir('paths-built');
  const r = cli(['build', file, '-o', built, ...ARGS]);
  expect(r.code, r.stderr).toBe(0);
}, 180_000);

/** A copy of the built folder to tamper with. */
function copyOfBuilt(): string {
  const out = tempDir('paths-out');
  cpSync(built, out, { recursive: true });
  return out;
}

describe('writes and deletions under --out stay inside its real path', () => {
  it('safeJoin refuses a symbolic link on the way, and paths outside by their text', () => {
    const root = tempDir('paths-unit');
    mkdirSync(join(root, 'ok'));
    symlinkSync(tempDir('paths-elsewhere'), join(root, 'cards'));
    expect(safeJoin(root, 'ok/a.png')).toBe(join(root, 'ok/a.png'));
    expect(() => safeJoin(root, 'cards/a.png')).toThrow(/symbolic link .*\(cards\)/);
    expect(() => safeJoin(root, '../a.png')).toThrow(/outside the output folder/);
    expect(() => safeJoin(root, '/etc/a.png')).toThrow(/outside the output folder/);
  });

  it('a symlinked folder inside a dataset folder: exit 2 before rendering, nothing written or deleted outside', () => {
    const out = copyOfBuilt();
    const elsewhere = tempDir('paths-elsewhere');
    // the dataset's cards moved outside and linked back: a build used to write and delete there
    renameSync(join(out, ID, 'cards'), join(elsewhere, 'cards'));
    symlinkSync(join(elsewhere, 'cards'), join(out, ID, 'cards'));
    writeFileSync(join(elsewhere, 'cards', '.stale.png.tmp-1-ab'), 'a temp-looking file that is not ours');
    const before = hashTree(elsewhere);
    const r = cli(['build', file, '-o', out, ...ARGS, '--force']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cards is a symbolic link/);
    expect(hashTree(elsewhere)).toEqual(before);
    expect(existsSync(join(elsewhere, 'cards', '.stale.png.tmp-1-ab'))).toBe(true);
  }, 120_000);

  it('a symlinked dataset folder or stamp folder: exit 2, nothing written outside', () => {
    for (const link of [ID, '.datapress']) {
      const out = copyOfBuilt();
      const elsewhere = tempDir('paths-elsewhere');
      rmSync(join(out, link), { recursive: true, force: true });
      symlinkSync(elsewhere, join(out, link));
      const r = cli(['build', file, '-o', out, ...ARGS, '--force']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/symbolic link/);
      expect(hashTree(elsewhere)).toEqual({});
    }
  }, 120_000);
});

describe("the output folder's own files", () => {
  it('a FIFO planted as the manifest or the stamp cannot hang a build: it rebuilds', () => {
    const out = copyOfBuilt();
    const stamp = readdirSync(join(out, '.datapress')).find((f) => f.endsWith('.json'))!;
    for (const f of [join(out, ID, 'manifest.json'), join(out, '.datapress', stamp)]) {
      rmSync(f);
      expect(spawnSync('mkfifo', [f]).status).toBe(0);
    }
    const r = spawnSync(process.execPath, [CLI, 'build', file, '-o', out, ...ARGS], {
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
    });
    expect(r.signal, `the build was killed: it opened a FIFO\n${r.stderr}`).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8')).files.length).toBeGreaterThan(5);
  }, 180_000);
});

describe('join trusts no shard', () => {
  let shards: string[];
  beforeAll(() => {
    shards = [1, 2].map((k) => {
      const out = tempDir(`paths-shard${k}`);
      const r = cli(['build', file, '-o', out, ...ARGS, '--shard', `${k}/2`]);
      expect(r.code, r.stderr).toBe(0);
      return out;
    });
  }, 180_000);

  /** Copies of the shards, the first one changed by `tamper`; join them into a fresh folder. */
  function joinTampered(tamper: (dir: string, manifest: { files: Record<string, unknown>[] }) => void) {
    const copies = shards.map((s) => {
      const c = tempDir('paths-shardcopy');
      cpSync(s, c, { recursive: true });
      return c;
    });
    const dir = join(copies[0]!, ID);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    tamper(dir, manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const target = join(tempDir('paths-joined'), 'out');
    const r = cli(['join', ...copies, '-o', target]);
    return { r, target, dir };
  }

  it('joins untampered shards', () => {
    const { r, target } = joinTampered(() => {});
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(hashTree(target)).length).toBeGreaterThan(10);
  }, 60_000);

  it('a manifest path outside the folder (../../x) is refused and nothing is copied', () => {
    const outside = tempDir('paths-outside');
    const secret = Buffer.from('not an output\n');
    writeFileSync(join(outside, 'x'), secret);
    const { r, target } = joinTampered((dir, m) => {
      const rel = join('..', '..', outside.split('/').at(-1)!, 'x');
      expect(readFileSync(join(dir, rel)).equals(secret)).toBe(true);
      m.files.push({ ...m.files[0], path: rel, sha256: sha256(secret), bytes: secret.length });
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to join .*: it lists ".*x", a path outside the folder/);
    expect(existsSync(target)).toBe(false); // refused before any write: not even the folder is left
  }, 60_000);

  it('a listed file that is a symbolic link (to /etc/passwd) is refused, not followed', () => {
    let victim = '';
    const { r, target } = joinTampered((dir, m) => {
      victim = m.files[0]!.path as string;
      rmSync(join(dir, victim));
      symlinkSync('/etc/passwd', join(dir, victim));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`it lists "${victim}", a symbolic link`);
    expect(existsSync(join(target, ID, victim))).toBe(false);
  }, 60_000);

  it('a file that does not match its manifest sha256 is refused before anything is copied', () => {
    let victim = '';
    const { r, target } = joinTampered((dir, m) => {
      victim = m.files[0]!.path as string;
      const bytes = readFileSync(join(dir, victim));
      bytes[bytes.length - 20] ^= 0xff;
      writeFileSync(join(dir, victim), bytes);
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${victim.replace(/[.]/g, '\\.')} does not match its manifest \\(sha256`));
    expect(existsSync(target)).toBe(false); // refused before any write: not even the folder is left
  }, 60_000);

  it('a symlinked dataset folder in a shard is refused', () => {
    const outside = tempDir('paths-outside');
    cpSync(join(shards[0]!, ID), join(outside, ID), { recursive: true });
    const shard = tempDir('paths-linkshard');
    symlinkSync(join(outside, ID), join(shard, ID));
    const r = cli(['join', shard, '-o', join(tempDir('paths-joined'), 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a symbolic link, not a dataset folder/);
  }, 60_000);
});

describe('--zip reads only what the manifest lists, inside the folder', () => {
  it('refuses a manifest path outside the folder, a symbolic link, and a file changed since the build', async () => {
    for (const tamper of [
      (_dir: string, m: { files: Record<string, unknown>[] }) => {
        m.files.push({ ...m.files[0], path: '../../etc/passwd' });
      },
      (dir: string, m: { files: Record<string, unknown>[] }) => {
        rmSync(join(dir, m.files[0]!.path as string));
        symlinkSync('/etc/passwd', join(dir, m.files[0]!.path as string));
      },
      (dir: string, m: { files: Record<string, unknown>[] }) => {
        const f = join(dir, m.files[0]!.path as string);
        const bytes = readFileSync(f);
        bytes[bytes.length - 20] ^= 0xff;
        writeFileSync(f, bytes);
      },
    ]) {
      const out = copyOfBuilt();
      const dir = join(out, ID);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      tamper(dir, m);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      await expect(zipDataset(dir)).rejects.toThrow(/Refusing to zip/);
      expect(existsSync(join(out, `${ID}.zip`))).toBe(false);
    }
    const out = copyOfBuilt();
    expect(await zipDataset(join(out, ID))).toBe(join(out, `${ID}.zip`));
  });
});
