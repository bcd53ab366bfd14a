/**
 * Property: every dataset the whole-format generator makes (gen-valid.ts) is valid, models
 * without an error, and the editors' JSON Schema accepts it too. A refusal is a bug of the
 * generator (it printed the problems); a model error after `validate` said valid is a bug of
 * src/validate or src/model. The build half is test/errors/build-property.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, InvalidInputError } from '../../src/errors.js';
import { parseSource } from '../../src/load/index.js';
import { buildModel } from '../../src/model/build.js';
import { datasetJsonSchema } from '../../src/schema/dataset.js';
import { validate } from '../../src/validate/index.js';
import { IMAGES, toYaml, validDataset } from './gen-valid.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const dir = mkdtempSync(path.join(tmpdir(), 'dp-fprop-'));
const features = new Map<string, number>();
afterAll(() => {
  const list = [...features.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(`[format-property] ${RUNS} datasets; features: ${list.map(([k, n]) => `${k}=${n}`).join(' ')}`);
});

beforeAll(async () => {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  writeFileSync(path.join(dir, IMAGES.photo), png);
  writeFileSync(path.join(dir, IMAGES.logo), png);
});

const jsonSchema = datasetJsonSchema();
const editorCheck = (() => {
  // lazily: z.fromJSONSchema is costly to build once, cheap to run
  let check: { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } } | undefined;
  return async (v: unknown) => {
    if (!check) {
      const { z } = await import('zod');
      check = z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    }
    return check.safeParse(v);
  };
})();

describe('property: the whole format, generated valid, validates and models', () => {
  it(`${RUNS} generated datasets: valid, modelled, accepted by the JSON Schema`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { data, features: f } = validDataset(g);
        for (const k of f) features.set(k, (features.get(k) ?? 0) + 1);
        const text = toYaml(data);
        const file = path.join(dir, 'gen.yaml');
        let d: ReturnType<typeof validate>;
        try {
          d = validate(parseSource(text, file), { root: '.' });
        } catch (e) {
          if (e instanceof InvalidInputError)
            throw new Error(`generator bug: validate refused\n${e.problems.map(formatProblem).join('\n')}\n${text}`);
          throw e;
        }
        const model = buildModel(d, file); // a throw here: validate accepted what the model cannot build
        expect(model.highlights).toHaveLength((data.highlights as unknown[]).length);
        for (const h of model.highlights)
          for (const l of model.langs) for (const fact of h.facts) expect(fact.text[l]).not.toMatch(/\{\{|\u0001/);
        const r = await editorCheck(JSON.parse(JSON.stringify(parseSource(text, file).data)));
        expect(r.success ? [] : r.error?.issues.slice(0, 3)).toEqual([]);
      }),
      { numRuns: RUNS, seed: 1501 },
    );
  }, 600_000);
});
