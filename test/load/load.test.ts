/** The loader: encodings, line endings, JSON, positions for every data path, and its own refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, type Problem } from '../../src/errors.js';
import { decodeUtf8, loadSource, parseSource } from '../../src/load/index.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'dp-load-'));
const problemOf = (fn: () => unknown): Problem => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e.problems[0]!;
    throw e;
  }
  throw new Error('no problem');
};

describe('load', () => {
  it('positions: YAML with CRLF line endings, JSON on one line', () => {
    const y = parseSource('a: 1\r\nb:\r\n  c: [1, "x"]\r\n', 'a.yaml');
    expect(y.position(['b', 'c', 1])).toEqual({ line: 3, col: 10 });
    const j = parseSource('{"a": 1, "b": {"c": [1, "x"]}}', 'a.json');
    expect(j.position(['b', 'c', 1])).toEqual({ line: 1, col: 25 });
    expect(j.position(['b', 'missing', 3])).toEqual({ line: 1, col: 15 }); // nearest existing parent
  });

  it('a UTF-8 BOM is dropped; UTF-16 and invalid bytes are located problems', () => {
    expect(decodeUtf8(Buffer.from('\ufeffa: 1', 'utf8'), 'x')).toBe('a: 1');
    expect(problemOf(() => decodeUtf8(Buffer.from('\ufeffa: 1', 'utf16le').subarray(0), 'x')).found).toMatch(/UTF-16/);
    const p = problemOf(() =>
      decodeUtf8(Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), 'x'),
    );
    expect([p.line, p.col, p.found]).toEqual([2, 7, expect.stringMatching(/byte 0xE9/)]);
    const gbk = problemOf(() => decodeUtf8(Buffer.from([0x61, 0x3a, 0x20, 0xc9, 0xe7, 0xbb, 0xe1]), 'x')); // "a: 社会" in GBK
    expect(gbk.expected).toMatch(/UTF-8/);
  });

  it('missing files, folders and files over the size cap are problems, not exceptions', () => {
    expect(problemOf(() => loadSource(path.join(tmp, 'nope.yaml'), 'nope.yaml')).found).toBe('no such file');
    expect(problemOf(() => loadSource(tmp, 'dir')).found).toBe('a folder');
    const big = path.join(tmp, 'big.yaml');
    writeFileSync(big, `a: "${'x'.repeat(6 * 1024 * 1024)}"\n`);
    expect(problemOf(() => loadSource(big, 'big.yaml')).expected).toMatch(/at most 5 MB/);
  });

  it('duplicate keys, alias bombs and complex keys are located problems', () => {
    expect(problemOf(() => parseSource('a: 1\na: 2\n', 'x')).line).toBe(2);
    expect(
      problemOf(() =>
        parseSource(
          'a: &a [1,1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
          'x',
        ),
      ).expected,
    ).toMatch(/aliases/);
    expect(problemOf(() => parseSource('? [a, b]\n: c\n', 'x')).found).toMatch(/used as a key/);
  });

  it('strings are NFC; a __proto__ key stays a plain field', () => {
    const s = parseSource('t: "Cafe\u0301"\n__proto__: {polluted: 1}\n', 'x');
    expect((s.data as { t: string }).t).toBe('Café');
    expect(Object.keys(s.data as object)).toEqual(['t', '__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});
