import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/batch/pool.js';

describe('render workers', () => {
  it('inherit the host\'s Node flags but not the ones a worker refuses', () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'await import("x")'])).toEqual([]);
    expect(workerExecArgv(['--max-old-space-size=4096', '--eval', 'code', '--enable-source-maps'])).toEqual(['--max-old-space-size=4096', '--enable-source-maps']);
    expect(workerExecArgv(['-p', '1+1', '--import', 'hook.js'])).toEqual(['--import', 'hook.js']);
  });
});

describe('render pool', () => {
  it('renders on this thread and on a worker, with the same bytes as a plain in-process build', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { build } = await import('../../src/build.js');
    const { RenderPool } = await import('../../src/batch/pool.js');
    const root = process.cwd();
    const data = join(root, 'data', 'nmg-social-security-2021.yaml');
    const opts = { only: ['card' as const], presets: ['wechat-square', 'wechat-cover'] };
    const dirA = mkdtempSync(join(tmpdir(), 'dp-pool-a-')), dirB = mkdtempSync(join(tmpdir(), 'dp-pool-b-'));
    const renderPool = RenderPool.create(2, { cwd: root, root, options: opts })!;
    try {
      const a = await build({ inputs: [data], out: dirA, ...opts, root, cwd: root, renderPool });
      expect(a.exitCode).toBe(0);
      expect(renderPool.stats.local).toBeGreaterThan(0);
      expect(renderPool.stats.workers).toBeGreaterThan(0);
      const b = await build({ inputs: [data], out: dirB, ...opts, root, cwd: root, concurrency: 1 });
      expect(b.exitCode).toBe(0);
      const written = a.datasets[0]!.written;
      expect(written.length).toBe(36);
      for (const p of written) {
        expect(readFileSync(join(dirA, 'nmg-social-security-2021', p)).equals(readFileSync(join(dirB, 'nmg-social-security-2021', p))), p).toBe(true);
      }
    } finally {
      await renderPool.close();
      rmSync(dirA, { recursive: true, force: true });
      rmSync(dirB, { recursive: true, force: true });
    }
  }, 120_000);
});
