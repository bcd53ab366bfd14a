/**
 * Property tests: random datasets (the seed with random mistakes, random Unicode in texts,
 * random bytes) either validate and model, or fail with located problems — never another
 * exception. Counts of generated cases are printed at the end (the issue asks for them).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { parseSource } from '../../src/load/index.js';
import { getFace, missingGlyphs } from '../../src/text/index.js';
import {
  assertWellFormed,
  get,
  mutations,
  nastyText,
  outcome,
  seedData,
  serialize,
  set,
  textPaths,
  type Json,
} from './gen.js';
import { toYaml, validDataset } from './gen-valid.js';

const counts: Record<string, number> = {};
const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`[property] generated cases: ${total} ${JSON.stringify(counts)}`);
});

const seed = seedData();
const faces = [getFace('Noto Sans SC', 400), getFace('Noto Serif SC', 400)];

describe('property: mutated datasets validate or fail with located problems', () => {
  it('300 random mistakes (YAML and JSON)', () => {
    let invalid = 0;
    fc.assert(
      fc.property(mutations, fc.boolean(), (ms, json) => {
        count('mutated');
        const d = structuredClone(seed) as Json;
        for (const m of ms) m.apply(d);
        const text = serialize(d, json);
        const r = outcome(text);
        if (r.kind === 'invalid') {
          invalid++;
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) assertWellFormed(p, text);
        }
      }),
      { numRuns: 300, seed: 9 },
    );
    expect(invalid).toBeGreaterThan(150); // most mistakes are caught
  });

  const WHOLE = Number(process.env.PROPERTY_RUNS ?? 200);
  it(`${WHOLE} random mistakes in generated datasets of the whole format (periods, targets, units, Traditional Chinese…)`, () => {
    let invalid = 0;
    fc.assert(
      fc.property(fc.gen(), mutations, fc.boolean(), (g, ms, json) => {
        count('mutated-whole');
        const d = validDataset(g).data as Json;
        for (const m of ms) m.apply(d);
        const text = json ? serialize(d, true) : toYaml(d);
        const r = outcome(text);
        if (r.kind === 'invalid') {
          invalid++;
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) assertWellFormed(p, text);
        }
      }),
      { numRuns: WHOLE, seed: 13 },
    );
    expect(invalid).toBeGreaterThan(WHOLE / 2);
  }, 1_800_000);

  it('150 random Unicode texts: drawn, or refused naming the code point', () => {
    fc.assert(
      fc.property(fc.nat(), nastyText, (i, t) => {
        count('unicode');
        const d = structuredClone(seed) as Json;
        const paths = textPaths(d);
        const path = paths[i % paths.length]!;
        set(d, path, t);
        const text = serialize(d, false);
        const r = outcome(text);
        if (r.kind === 'valid') {
          // accepted: every character is drawable and no control character slipped through
          expect(missingGlyphs(t.normalize('NFC'), faces)).toEqual([]); // the loader normalizes to NFC
          expect(t).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
        } else {
          for (const p of r.problems) assertWellFormed(p, text);
          // refused by name: a problem at that text names a code point, or the template/length/emptiness rule it breaks
          const at = r.problems.filter((p) => p.path.endsWith(String(path.at(-1))) || p.path === '');
          expect(at.length, JSON.stringify(r.problems)).toBeGreaterThan(0);
          expect(
            at.some((p) =>
              /U\+[0-9A-F]{4,6}|template|characters|non-empty|well-formed|\{\{/.test(p.found + p.expected),
            ),
            JSON.stringify(at),
          ).toBe(true);
        }
      }),
      { numRuns: 150, seed: 10 },
    );
  });

  it('100 random byte strings and truncations never crash the loader', () => {
    const seedStr = serialize(seed, false);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.nat({ max: seedStr.length }).map((n) => seedStr.slice(0, n)),
          fc
            .tuple(
              fc.nat({ max: seedStr.length }),
              fc.constantFrom(
                '"',
                "'",
                '[',
                '{',
                ':',
                '- ',
                '\t',
                '&a',
                '*a',
                '!!binary ',
                '? ',
                '|',
                '%YAML 1.1\n---\n',
              ),
            )
            .map(([n, s]) => seedStr.slice(0, n) + s + seedStr.slice(n)),
        ),
        (text) => {
          count('bytes');
          try {
            const r = outcome(text);
            if (r.kind === 'invalid') for (const p of r.problems) assertWellFormed(p, text);
          } catch (e) {
            throw new Error(`uncaught ${(e as Error).name}: ${(e as Error).message}`);
          }
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });

  it('60 numbers: any finite value in range passes or is refused for the unit, never NaN/Infinity', () => {
    const obsPaths = [
      ['highlights', 0, 'facts', 0, 'metrics', 1, 'value'],
      ['highlights', 5, 'facts', 0, 'metrics', 1, 'value'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...obsPaths),
        fc.oneof(fc.double(), fc.integer(), fc.constantFrom('1,570.6万', '95%', '15 706 000', '1e3')),
        (p, v) => {
          count('numbers');
          const d = structuredClone(seed) as Json;
          set(d, p, v as Json);
          const text = serialize(d, false);
          const r = outcome(text);
          if (typeof v === 'string' || !Number.isFinite(v)) {
            expect(r.kind).toBe('invalid');
            if (r.kind === 'invalid')
              expect(r.problems.some((q) => q.path.endsWith('.value') && /number/.test(q.expected))).toBe(true);
          }
          if (r.kind === 'invalid') for (const q of r.problems) assertWellFormed(q, text);
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });

  it('prototype keys are refused, not merged', () => {
    for (const k of ['__proto__', 'constructor', 'prototype']) {
      count('proto');
      const text = serialize(seed, false).replace(/^meta:\n/m, `meta:\n  ${k}: {polluted: true}\n`);
      const r = outcome(text);
      expect(r.kind).toBe('invalid');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('the loader keeps positions for every path of the seed', () => {
    const src = parseSource(serialize(seed, false), 'seed.yaml');
    expect(get(src.data as Json, ['highlights', 0, 'id'])).toBe('pension');
    expect(() => parseSource('a: *nope', 'x.yaml')).toThrow(InvalidInputError);
  });
});
