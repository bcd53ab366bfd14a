/**
 * Deterministic and shardable: the same inputs give byte-identical files whether rendered in
 * worker threads or in-process, and the union of n shards (joined) is a full build byte for byte.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, hashTree, ID, SEED, tempDir } from './helpers.js';

const ARGS = ['--only', 'charts,cards,pdf', '--lang', 'en', '--preset', 'square', '--no-gallery', '--quiet'];
let a: string;
let full: Record<string, string>;

beforeAll(() => {
  a = tempDir('det-a');
  const r = cli(['build', SEED, '-o', a, ...ARGS]); // default: a worker pool across the cores
  expect(r.code, r.stderr).toBe(0);
  full = hashTree(a);
}, 300_000);

describe('determinism', () => {
  it('builds every kind asked for', () => {
    const paths = Object.keys(full);
    expect(paths).toContain(`${ID}/manifest.json`);
    expect(paths).toContain(`${ID}/report.pdf`);
    for (const ext of ['.svg', '.png', '.pdf'])
      expect(
        paths.some((p) => p.startsWith(`${ID}/charts/`) && p.endsWith(ext)),
        ext,
      ).toBe(true);
    expect(paths.some((p) => p.startsWith(`${ID}/cards/`))).toBe(true);
  });

  it('a second build into another folder, in one thread, is byte-identical', () => {
    const b = tempDir('det-b');
    const r = cli(['build', SEED, '-o', b, ...ARGS, '--concurrency', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(hashTree(b)).toEqual(full);
  }, 300_000);
});

describe('shards', () => {
  it('the union of 3 shards, joined, equals the full build byte for byte', () => {
    const shards = [1, 2, 3].map((k) => {
      const dir = tempDir(`shard-${k}`);
      const r = cli(['build', SEED, '-o', dir, ...ARGS, '--shard', `${k}/3`]);
      expect(r.code, r.stderr).toBe(0);
      return dir;
    });
    const parts = shards.map((d) => Object.keys(hashTree(d)).filter((p) => !p.endsWith('manifest.json')));
    for (const p of parts) expect(p.length).toBeGreaterThan(0);
    expect(new Set(parts.flat()).size).toBe(parts.flat().length); // disjoint

    const joined = tempDir('joined');
    const r = cli(['join', ...shards, '-o', joined, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).datasets).toEqual([{ dataset: ID, files: expect.any(Number), shards: 3 }]);
    expect(hashTree(joined)).toEqual(full);
    // joined into the first shard's own folder too
    expect(cli(['join', ...shards, '-o', shards[0]]).code).toBe(0);
    expect(hashTree(shards[0])).toEqual(full);
    expect(hashTree(join(shards[0]))).toEqual(full);
  }, 300_000);

  it('rejects a malformed --shard', () => {
    const r = cli(['build', SEED, '-o', tempDir('bad-shard'), '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard expects k\/n/);
  });
});
