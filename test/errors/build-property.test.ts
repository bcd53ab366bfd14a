/**
 * Property: random datasets (the seed with random titles, figures, ids and languages, some
 * with a random mistake) either build or fail with a validation error — never another
 * exception — and nothing is written outside --out.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/build.js';
import { InvalidInputError } from '../../src/errors.js';
import { mutation, nastyText, seedData, serialize, set, type Json } from '../validate/gen.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-bprop-'));

const tally = { built: 0, invalid: 0, overflow: 0 };
afterAll(() =>
  console.log(
    `[build-property] generated builds: ${tally.built + tally.invalid + tally.overflow} ${JSON.stringify(tally)}`,
  ),
);

const CJK = [...'社会保障养老医疗救助参保人数增长全区城乡居民基本待遇水平稳步提高'];
const drawable = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CJK),
      fc.constantFrom(...'AaBbZz0189 .,;:!?()-–—%/'),
      fc.constantFrom(
        '<script>',
        '</text><image href="file:///etc/passwd"/>',
        '{{constructor}}',
        '&amp;',
        '"',
        "'",
        '’',
        '“',
        '”',
        '、',
        '。',
        '（',
        '）',
        'é',
        'ü',
        'ß',
      ),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((a) => a.join('').trim() || '社保');
const slug = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/);

const TITLES: (string | number)[][] = [
  ['meta', 'title', 'en'],
  ['meta', 'title', 'zh'],
  ['highlights', 0, 'title', 'en'],
  ['highlights', 0, 'title', 'zh'],
  ['highlights', 1, 'title', 'en'],
  ['meta', 'source', 'en'],
  ['highlights', 0, 'chart', 'title', 'en'],
  ['highlights', 2, 'chart', 'title', 'zh'],
];
const VALUES: (string | number)[][] = [
  ['highlights', 0, 'facts', 0, 'metrics', 0, 'value'],
  ['highlights', 0, 'facts', 0, 'metrics', 1, 'value'],
  ['highlights', 5, 'facts', 0, 'metrics', 1, 'value'],
];

const dataset = fc.record({
  id: slug,
  titles: fc.array(
    fc.tuple(
      fc.constantFrom(...TITLES),
      fc.oneof({ weight: 4, arbitrary: drawable }, { weight: 1, arbitrary: nastyText }),
    ),
    { maxLength: 4 },
  ),
  values: fc.array(
    fc.tuple(
      fc.constantFrom(...VALUES),
      fc.oneof(fc.integer({ min: 0, max: 99_999_999 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
    ),
    { maxLength: 2 },
  ),
  mistake: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: mutation }),
  lang: fc.constantFrom(['zh'], ['en'], ['en', 'zh']),
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('property: random datasets build or fail with a validation error', () => {
  for (const [kind, runs, seed] of [
    ['card', 14, 31],
    ['chart', 4, 32],
  ] as const) {
    it(`${runs} random builds of ${kind}s`, async () => {
      await fc.assert(
        fc.asyncProperty(dataset, async (g) => {
          const d = structuredClone(seedData()) as Json;
          set(d, ['id'], g.id);
          for (const [p, t] of g.titles) set(d, p, t);
          for (const [p, v] of g.values) set(d, p, v);
          g.mistake?.apply(d);
          const dir = mkdtempSync(path.join(tmp, 'run-'));
          const file = path.join(dir, 'data.yaml');
          writeFileSync(file, serialize(d, false));
          const out = path.join(dir, 'out');
          const r = await buildDataset(
            file,
            { out, only: [kind], presets: ['wechat-square'], langs: g.lang && [...g.lang], root: ROOT, concurrency: 2 },
            dir,
          );
          if (r.error instanceof InvalidInputError) {
            tally.invalid++;
            if (process.env.DEBUG_PROPERTY) console.log(r.error.message);
            expect(r.written).toEqual([]);
            return;
          }
          // a build failure must be a named, located problem of the layout (text too long for its box), not a crash
          const crash = r.error && !/does not fit|output.* failed/.test(r.error.message);
          expect(crash ? `${r.error!.name}: ${r.error!.message}\n${r.error!.stack}` : '').toBe('');
          for (const f of r.failed) expect(f.error, f.path).toMatch(/does not fit/);
          if (r.error) tally.overflow++;
          else tally.built++;
          // everything written is under out/<id>/, images decode
          for (const f of files(dir))
            if (f !== file) expect(f.startsWith(path.join(out, g.id) + path.sep), f).toBe(true);
          for (const p of r.written.filter((w) => w.endsWith('.png')).slice(0, 3))
            await sharp(path.join(out, g.id, p))
              .raw()
              .toBuffer();
        }),
        { numRuns: runs, seed },
      );
    }, 150_000);
  }
});
