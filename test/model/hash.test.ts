import { describe, expect, it } from 'vitest';
import { hashOf, stableStringify } from '../../src/model/hash.js';

/** The definition, written plainly: JSON with each object's keys sorted (undefined and functions left out). */
function reference(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Buffer.isBuffer(v)) return JSON.stringify(v.toString('base64'));
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
    .sort()
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
    .join(',')}}`;
}

let seed = 3;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

function value(depth: number): unknown {
  const r = rand();
  if (depth > 3 || r < 0.4)
    return pick<unknown>([0, -1.5, 1e21, 0.1 + 0.2, 'a', '"q"\n', '中文', '', true, false, null, undefined, () => 1]);
  if (r < 0.55) return Buffer.from(pick(['', 'bytes', '字']));
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--)
    o[pick(['b', 'a', 'z', '10', '2', 'é', 'key with space'])] = value(depth + 1);
  return o;
}

describe('stableStringify', () => {
  it('is JSON with sorted keys, for any nesting of values', () => {
    for (let i = 0; i < 500; i++) {
      const v = value(0);
      expect(stableStringify(v)).toBe(reference(v));
    }
  });

  it('does not depend on the order keys were added', () => {
    const a = { x: 1, y: [{ p: 1, q: 2 }], z: undefined };
    const b = { y: [{ q: 2, p: 1 }], x: 1 };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(hashOf(a)).toBe(hashOf(b));
    expect(stableStringify(a)).toBe('{"x":1,"y":[{"p":1,"q":2}]}');
    // a sparse array's holes, and functions in an array, give nothing (as JSON-by-join did)
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case
    const sparse = [1, , () => 2, undefined, 3];
    expect(stableStringify(sparse)).toBe(reference(sparse));
    expect(stableStringify(sparse)).toBe('[1,,,null,3]');
  });
});
