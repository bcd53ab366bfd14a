/**
 * Properties of builds:
 *
 * 1. The whole format (issue #15): random VALID datasets (test/validate/gen-valid.ts: every
 *    optional part present or absent, 1–12 highlights, every unit, time and target kind, one or
 *    two languages in any order, texts up to the limits, every prose helper) each build in one
 *    process with one poster preset, one card preset, every chart and both PDFs: no error, no
 *    failed output, and the outputs every highlight is owed (a poster and its cards) exist.
 *    `PROPERTY_RUNS=1000` runs it longer; `PROPERTY_SURVEY=1` lists the failure classes
 *    instead of stopping at the first (a report for whoever works on the renderers), and
 *    `PROPERTY_SHAPE=interim` keeps to the shapes the renderers drew before issue #15, to see
 *    what fails past those.
 * 2. Random datasets (the seed with random titles, figures, ids and languages, some with a
 *    random mistake) either build or fail with a validation error — never another exception —
 *    and nothing is written outside --out.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/build.js';
import { InvalidInputError } from '../../src/errors.js';
import { mutation, nastyText, seedData, serialize, set, type Json } from '../validate/gen.js';
import { IMAGES, toYaml, validDataset } from '../validate/gen-valid.js';
import { buildWhole } from '../model/whole.js';

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

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SURVEY = process.env.PROPERTY_SURVEY === '1';
/** PROPERTY_SHAPE=interim: only the shapes the renderers drew before issue #15 (gen-valid.ts) */
const SHAPE = process.env.PROPERTY_SHAPE === 'interim' ? 'interim' : 'whole';
/** A failure's class: its message without the particular highlights, languages, numbers and quoted texts. */
function failureClass(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\bh\d+(-x+)?\b/g, '<highlight>')
    .replace(/\b(zh-Hant|zh-HK|zh|en)(-(zh-Hant|zh-HK|zh|en))?\b/g, '<lang>')
    .replace(/\d+(\.\d+)?/g, 'N')
    .slice(0, 200);
}

describe('property: generated valid datasets build whole', () => {
  const survey = new Map<string, { n: number; example: string }>();
  afterAll(() => {
    if (!survey.size) return;
    const lines = [...survey.entries()].sort((a, b) => b[1].n - a[1].n);
    console.log(
      `[build-property] failure classes:\n${lines.map(([k, v]) => `  ${v.n}× ${k}\n     e.g. ${v.example}`).join('\n')}`,
    );
  });

  it(`${RUNS} datasets across the whole format: no error, no failed output, every highlight's poster and cards`, async () => {
    const dir = mkdtempSync(path.join(tmp, 'valid-'));
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#36c' } })
      .png()
      .toBuffer();
    writeFileSync(path.join(dir, IMAGES.photo), png);
    writeFileSync(path.join(dir, IMAGES.logo), png);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { data, features } = validDataset(g, { shape: SHAPE });
        const file = path.join(dir, `gen-${n}.yaml`);
        const out = path.join(dir, `out-${n++}`);
        writeFileSync(file, toYaml(data));
        const { problems } = await buildWhole(file, data as never, out);
        rmSync(out, { recursive: true, force: true });
        if (!problems.length) {
          rmSync(file, { force: true });
          return;
        }
        if (SURVEY) {
          for (const p of problems) {
            const k = failureClass(p);
            const e = survey.get(k) ?? { n: 0, example: `${path.basename(file)} [${[...features].join(' ')}]` };
            e.n++;
            survey.set(k, e);
          }
          return;
        }
        expect(problems, `${file}\n${toYaml(data)}`).toEqual([]);
      }),
      { numRuns: RUNS, seed: 1502, endOnFailure: process.env.PROPERTY_SHRINK !== '1' },
    );
  }, 3_600_000);
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
