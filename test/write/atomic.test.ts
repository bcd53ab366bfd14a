import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomicAsync } from '../../src/write/atomic.js';

describe('writeAtomicAsync', () => {
  it('makes the folder once, and again when it has gone since', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-atomic-'));
    const file = path.join(dir, 'cards', 'a', 'card.png');
    await writeAtomicAsync(file, 'one');
    await writeAtomicAsync(path.join(dir, 'cards', 'a', 'other.png'), 'two');
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['card.png', 'other.png']);
    // a watch build's output folder cleared between two builds of one process
    rmSync(path.join(dir, 'cards'), { recursive: true });
    await writeAtomicAsync(file, 'three');
    expect(readFileSync(file, 'utf8')).toBe('three');
    expect(readdirSync(path.dirname(file))).toEqual(['card.png']);
    rmSync(dir, { recursive: true, force: true });
  });
});
