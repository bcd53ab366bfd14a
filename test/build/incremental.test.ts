/**
 * Incremental builds and --check: a no-op writes nothing and loads no renderer (nor the YAML
 * parser or the schema); editing one highlight re-renders only that highlight's outputs.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, hashTree, HOOK, ID, mtimes, seedCopy, SUBSET, tempDir } from './helpers.js';

let file: string;
let out: string;
let total: number;

function heavyRun(args: string[]): { run: ReturnType<typeof cli>; heavy: string[] } {
  const log = join(tempDir('heavy'), 'log.txt');
  const run = cli(args, { node: ['--import', HOOK], env: { DATAPRESS_HEAVY_LOG: log } });
  const heavy = existsSync(log)
    ? [
        ...new Set(
          readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? u),
        ),
      ]
    : [];
  return { run, heavy };
}

beforeAll(() => {
  ({ file } = seedCopy());
  out = tempDir('inc');
  const r = cli(['build', file, '-o', out, ...SUBSET, '--json']);
  expect(r.code, r.stderr).toBe(0);
  total = r.json!.datasets[0].written;
  expect(total).toBeGreaterThan(20);
}, 300_000);

describe('incremental build', () => {
  it('a rebuild with nothing changed writes nothing and loads no renderer, parser or schema', () => {
    const before = mtimes(out);
    const { run, heavy } = heavyRun(['build', file, '-o', out, ...SUBSET, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json!.datasets[0]).toMatchObject({ written: 0, unchanged: total });
    expect(heavy).toEqual([]);
    expect(mtimes(out)).toEqual(before);
  });

  it('without the stamp, the per-output hashes still decide: nothing written, no renderer loaded', () => {
    rmSync(join(out, '.datapress'), { recursive: true });
    const before = hashTree(out);
    const { run, heavy } = heavyRun(['build', file, '-o', out, ...SUBSET, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json!.datasets[0]).toMatchObject({ written: 0, unchanged: total });
    expect(heavy.filter((m) => /^(pdfkit|sharp|@img|vega)/.test(m))).toEqual([]);
    expect(hashTree(out)).toEqual(before);
  });

  it('--check exits 0 when up to date', () => {
    const r = cli(['build', file, '-o', out, ...SUBSET, '--check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/up to date/);
  });

  it('--check exits 1 listing what is stale or missing, and writes nothing', () => {
    const victim = join(out, ID, 'cards', 'pension-square-en.png');
    rmSync(victim);
    const before = mtimes(out);
    const r = cli(['build', file, '-o', out, ...SUBSET, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stale or missing: cards/pension-square-en.png');
    expect(mtimes(out)).toEqual(before);
    expect(cli(['build', file, '-o', out, ...SUBSET, '--quiet']).code).toBe(0);
    expect(existsSync(victim)).toBe(true);
  }, 120_000);

  it('editing one highlight re-renders only its outputs', () => {
    const before = hashTree(out);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(
      '{id: eldercare.pastoral.beds, year: 2020, value: 4200}',
      '{id: eldercare.pastoral.beds, year: 2020, value: 4300}',
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);

    const check = cli(['build', file, '-o', out, ...SUBSET, '--check', '--json']);
    expect(check.code).toBe(1);
    const stale = check.json!.datasets[0].stale;
    expect(stale.length).toBeGreaterThan(0);
    for (const p of stale) expect(p, p).toMatch(/eldercare/);

    const r = cli(['build', file, '-o', out, ...SUBSET, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.datasets[0]).toMatchObject({ written: stale.length, unchanged: total - stale.length });
    const after = hashTree(out);
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed).toContain(`${ID}/manifest.json`);
    for (const p of changed) expect(p, p).toMatch(/eldercare|manifest\.json/);
    expect(changed.some((p) => p.includes('/charts/eldercare'))).toBe(true);
  }, 180_000);

  it("an output changed by hand (same size, new bytes) is rendered again, even with the stamp's record of it", () => {
    const victim = join(out, ID, 'cards', 'pension-square-en.png');
    const good = readFileSync(victim);
    const bad = Buffer.from(good);
    bad[bad.length - 20] ^= 0xff;
    writeFileSync(victim, bad);
    const r = cli(['build', file, '-o', out, ...SUBSET, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.datasets[0].written).toBe(1);
    expect(readFileSync(victim).equals(good)).toBe(true);
  }, 120_000);

  it('--force renders everything again (same bytes)', () => {
    const before = hashTree(out);
    const r = cli(['build', file, '-o', out, '--only', 'charts', '--lang', 'en', '--no-gallery', '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.datasets[0].unchanged).toBe(0);
    expect(r.json!.datasets[0].written).toBeGreaterThan(0);
    expect(hashTree(out)).toEqual(before);
  }, 180_000);
});
