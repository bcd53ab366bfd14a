import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitCleanlyOnSignals, writeAtomicAsync } from '../../src/write/atomic.js';

describe('a signal during a write on libuv threads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dp-signal-'));
  afterEach(() => vi.restoreAllMocks());

  it('waits for the write under way, which leaves no temp file and no new output, then exits', async () => {
    const exited = new Promise<number>((resolve) => {
      vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
        resolve(code);
        return undefined as never;
      }) as typeof process.exit);
    });
    const dispose = exitCleanlyOnSignals(() => {});
    const file = path.join(dir, 'sub', 'poster.png');
    void writeAtomicAsync(file, Buffer.alloc(8 << 20, 7));
    process.emit('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(path.dirname(file)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(file)).toBe(false);
    // nothing new starts once the signal has come
    let settled = false;
    void writeAtomicAsync(path.join(dir, 'late.png'), 'x').then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    expect(existsSync(path.join(dir, 'late.png'))).toBe(false);
    dispose();
    rmSync(dir, { recursive: true, force: true });
  });
});
