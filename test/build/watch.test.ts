/**
 * `datapress watch`: an edit rebuilds what it touched; a bad edit is reported and the last good
 * outputs stay; the watcher keeps going. Waits are bounded by the test timeout, never asserted.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/model/hash.js';
import { watchBuild, type Watcher } from '../../src/watch.js';

const dir = mkdtempSync(join(tmpdir(), 'datapress-watch-'));
const data = join(dir, 'seed.yaml');
copyFileSync('data/nmg-social-security-2021.yaml', data);
const out = join(dir, 'out');
const charts = join(out, 'nmg-social-security-2021', 'charts');
const hash = (name: string) => sha256(readFileSync(join(charts, name)));

const builds: number[] = [];
let waiters: ((code: number) => void)[] = [];
const nextBuild = () => new Promise<number>((r) => waiters.push(r));
let watcher: Watcher | undefined;

afterAll(async () => {
  await watcher?.close();
});

describe('datapress watch', () => {
  it('builds, rebuilds an edit, survives a bad edit with the last good outputs kept', async () => {
    watcher = watchBuild({
      inputs: [data],
      buildArgs: ['--only', 'charts', '--lang', 'zh', '--out', out, '--no-gallery', '-q', '--concurrency', '1'],
      cwd: dir,
      debounce: 100,
      log: () => {},
      onBuild: (code) => {
        builds.push(code);
        const w = waiters;
        waiters = [];
        for (const f of w) f(code);
      },
    });
    expect(await watcher.ready).toBe(0);
    const pension = hash('pension-zh.svg');
    const medical = hash('medical-zh.svg');

    const edited = readFileSync(data, 'utf8').replace(
      '{id: pension.insured, year: 2020, value: 15706000}',
      '{id: pension.insured, year: 2020, value: 15806000}',
    );
    let done = nextBuild();
    writeFileSync(data, edited);
    expect(await done).toBe(0);
    expect(hash('pension-zh.svg')).not.toBe(pension);
    expect(readFileSync(join(charts, 'pension-zh.svg'), 'utf8')).toContain('1580.6万人');
    expect(hash('medical-zh.svg')).toBe(medical);

    const good = hash('pension-zh.svg');
    done = nextBuild();
    writeFileSync(data, edited.replace('value: 15806000', 'value: "1,580.6万"'));
    expect(await done).toBe(2);
    expect(hash('pension-zh.svg')).toBe(good);

    done = nextBuild();
    writeFileSync(data, edited);
    expect(await done).toBe(0);
    expect(builds).toEqual([0, 0, 2, 0]);
  }, 120_000);
});
