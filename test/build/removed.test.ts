/** Outputs a data edit no longer produces (a highlight removed) leave the disk with their manifest entry. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ID, seedCopy, tempDir } from './helpers.js';

describe('a highlight removed from the data', () => {
  it('removes its files and manifest entries on the next build', () => {
    const { file } = seedCopy();
    const out = tempDir('removed');
    const args = ['build', file, '-o', out, '--only', 'charts', '--no-gallery', '--concurrency', '1', '-q'];
    expect(cli(args).code).toBe(0);
    const chart = join(out, ID, 'charts', 'eldercare-zh.svg');
    expect(existsSync(chart)).toBe(true);

    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('  - id: eldercare');
    writeFileSync(file, text.slice(0, start) + text.slice(text.indexOf('\noutlook:') + 1));
    const r = cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(chart)).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.some((f) => f.path.includes('eldercare'))).toBe(false);
    expect(manifest.files.some((f) => f.path === 'charts/pension-zh.svg')).toBe(true);
  }, 180_000);
});
