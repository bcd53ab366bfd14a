/**
 * Batch: many datasets in one command; one bad dataset does not stop the others (summary,
 * exit 1) unless --fail-fast.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ID, seedCopy, tempDir } from './helpers.js';

const ARGS = ['--only', 'charts', '--lang', 'en', '--no-gallery'];

function folder(): string {
  const { dir, file } = seedCopy();
  writeFileSync(join(dir, 'copy.yaml'), readFileSync(file, 'utf8').replace(`id: ${ID}`, 'id: nmg-copy'));
  writeFileSync(join(dir, 'bad.yaml'), 'format: datapress/1\nid: Not A Slug!\nlangs: [zh]\n');
  return dir;
}

describe('batch', () => {
  it('builds every good dataset of a folder, reports the bad one, exits 1', () => {
    const dir = folder();
    const out = tempDir('batch');
    const r = cli(['build', dir, '-o', out, ...ARGS, '--json']);
    expect(r.code).toBe(1);
    const ds = r.json!.datasets;
    expect(ds.map((d) => d.file.replace(/.*[/\\]/, ''))).toEqual([
      'bad.yaml',
      'copy.yaml',
      'nmg-social-security-2021.yaml',
    ]);
    expect(ds[0].error).toMatch(/bad\.yaml:\d+:\d+/);
    for (const d of ds.slice(1)) {
      expect(d.error).toBeUndefined();
      expect(d.written).toBeGreaterThan(0);
    }
    expect(existsSync(join(out, 'nmg-copy', 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, ID, 'manifest.json'))).toBe(true);
  }, 300_000);

  it('prints a summary line per dataset', () => {
    const dir = folder();
    const r = cli([
      'build',
      join(dir, '*.yaml'),
      '-o',
      tempDir('batch-sum'),
      ...ARGS,
      '--only',
      'charts',
      '--preset',
      'square',
      '--concurrency',
      '1',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ .*bad\.yaml: failed/);
    expect(r.stderr).toMatch(/✓ nmg-copy: \d+ written/);
    expect(r.stderr).toMatch(new RegExp(`✓ ${ID}: \\d+ written`));
  }, 300_000);

  it('--fail-fast stops at the first failing dataset', () => {
    const dir = folder();
    const out = tempDir('batch-ff');
    const r = cli(['build', dir, '-o', out, ...ARGS, '--fail-fast', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.json!.datasets).toHaveLength(1);
    expect(existsSync(join(out, 'nmg-copy'))).toBe(false);
  });
});
