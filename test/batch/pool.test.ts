import { describe, expect, it } from 'vitest';
import { startWorker, workerExecArgv, type PoolMode } from '../../src/batch/pool.js';

describe('render workers', () => {
  it("inherit the host's Node flags but not the ones a worker refuses", () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'await import("x")'])).toEqual([]);
    expect(workerExecArgv(['--max-old-space-size=4096', '--eval', 'code', '--enable-source-maps'])).toEqual([
      '--max-old-space-size=4096',
      '--enable-source-maps',
    ]);
    expect(workerExecArgv(['-p', '1+1', '--import', 'hook.js'])).toEqual(['--import', 'hook.js']);
  });

  it('start when the host runs with V8 flags (node --max-old-space-size=… datapress build)', async () => {
    // a worker refuses V8 flags in its execArgv; they apply to the whole process anyway
    const w = startWorker('require("node:worker_threads").parentPort.postMessage(process.execArgv)', { eval: true }, [
      '--max-old-space-size=4096',
      '--stack-size=2000',
      '--enable-source-maps',
    ]);
    const argv = await new Promise((resolve, reject) => w.once('message', resolve).once('error', reject));
    await w.terminate();
    expect(argv).toEqual(['--enable-source-maps']);
  });
});

describe('render pool', () => {
  // paint: this thread lays out, the worker paints (2 slots); full: the worker renders whole jobs
  it.each<[PoolMode, 'paintedWorkers' | 'workers']>([
    ['paint', 'paintedWorkers'],
    ['full', 'workers'],
  ])(
    '%s mode: work on this thread and on a worker, with the same bytes as a plain in-process build',
    async (mode, workerStat) => {
      const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { build } = await import('../../src/build.js');
      const { RenderPool } = await import('../../src/batch/pool.js');
      const root = process.cwd();
      const data = join(root, 'data', 'nmg-social-security-2021.yaml');
      const opts = { only: ['card' as const], presets: ['wechat-square', 'wechat-cover'] };
      const dirA = mkdtempSync(join(tmpdir(), 'dp-pool-a-')),
        dirB = mkdtempSync(join(tmpdir(), 'dp-pool-b-'));
      const renderPool = RenderPool.create(2, opts.only, mode);
      expect(renderPool.mode).toBe(mode);
      try {
        const a = await build({ inputs: [data], out: dirA, ...opts, root, cwd: root }, { renderPool });
        expect(a.exitCode).toBe(0);
        expect(renderPool.stats.local).toBeGreaterThan(0);
        expect(renderPool.stats[workerStat]).toBeGreaterThan(0);
        const b = await build({ inputs: [data], out: dirB, ...opts, root, cwd: root, concurrency: 1 });
        expect(b.exitCode).toBe(0);
        const written = a.datasets[0]!.written;
        expect(written.length).toBe(36);
        for (const p of written) {
          expect(
            readFileSync(join(dirA, 'nmg-social-security-2021', p)).equals(
              readFileSync(join(dirB, 'nmg-social-security-2021', p)),
            ),
            p,
          ).toBe(true);
        }
      } finally {
        await renderPool.close();
        rmSync(dirA, { recursive: true, force: true });
        rmSync(dirB, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('defaults to paint mode on 2 slots when the build paints, and whole jobs otherwise', async () => {
    const { RenderPool } = await import('../../src/batch/pool.js');
    const two = RenderPool.create(2),
      four = RenderPool.create(4);
    const pdfs = RenderPool.create(2, ['pdf', 'chart']);
    const cards = RenderPool.create(2, ['card']);
    const one = RenderPool.create(1);
    expect([two.mode, four.mode, pdfs.mode, cards.mode, one.mode]).toEqual(['paint', 'full', 'full', 'paint', 'full']);
    await Promise.all([two.close(), four.close(), pdfs.close(), cards.close(), one.close()]);
  });
});
