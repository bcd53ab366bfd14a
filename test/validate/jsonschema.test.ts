/**
 * The JSON Schema for editors (schema/dataset.schema.json): generated from the zod schema
 * `validate` uses, committed and current, every field described, and never stricter than
 * `validate` on real datasets (checked here by reading the JSON Schema back into a validator).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { datasetJsonSchema, SCHEMA_FILE, undescribed } from '../../src/schema/dataset.js';

const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const generated = datasetJsonSchema();
const check = z.fromJSONSchema(generated as Parameters<typeof z.fromJSONSchema>[0]);
// biome-ignore lint/suspicious/noExplicitAny: a dataset edited by hand in the tests below
type Loose = Record<string, any>;
const read = (f: string) => parse(readFileSync(f, 'utf8'), { version: '1.2' }) as Loose;

const DATASETS = [
  'data/nmg-social-security-2021.yaml',
  'templates/init/dataset.yaml',
  ...readdirSync('data/examples')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `data/examples/${f}`),
];

describe('JSON Schema', () => {
  it('the committed schema/dataset.schema.json is the one generated (run `npm run schema`)', () => {
    expect(committed).toEqual(generated);
  });

  it('is draft 2020-12, strict about field names, and describes every field (editors show it)', () => {
    expect(generated.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(generated.additionalProperties).toBe(false);
    expect(generated.required).toEqual(['format', 'id', 'langs', 'meta', 'highlights']);
    expect(undescribed(generated)).toEqual([]);
  });

  it('README "Dataset format" documents every field of the schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Dataset format'), readme.indexOf('## Adding a new article'));
    const names = new Set<string>();
    const walk = (n: unknown) => {
      if (!n || typeof n !== 'object') return;
      const props = (n as { properties?: Record<string, unknown> }).properties;
      for (const [k, v] of Object.entries(props ?? {})) {
        names.add(k);
        walk(v);
      }
      for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
    };
    walk(generated);
    const undocumented = [...names].filter((k) => !new RegExp(`\`[^\`\n]*\\b${k}\\b[^\`\n]*\`|\\b${k}:`).test(section));
    expect(undocumented).toEqual([]);
  });

  it('accepts the sample, the scaffold and every example', () => {
    for (const f of DATASETS) {
      const r = check.safeParse(read(f));
      expect(r.success ? [] : r.error.issues.slice(0, 3), f).toEqual([]);
    }
  });

  it('rejects what an editor should flag: unknown fields, units, periods, dates', () => {
    const seed = read('data/nmg-social-security-2021.yaml');
    const issues = (edit: (d: Loose) => void) => {
      const d = structuredClone(seed);
      edit(d);
      const r = check.safeParse(d);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues((d) => (d.meta.titel = d.meta.title))).toEqual(['meta']);
    expect(issues((d) => (d.indicators['pension.insured'].unit = 'persons'))).toEqual([
      'indicators.pension.insured.unit',
    ]);
    expect(issues((d) => (d.highlights[0].facts[0].metrics[0].period = '2023H1'))).not.toEqual([]);
    expect(issues((d) => (d.meta.date = '21.06.2021'))).not.toEqual([]);
    expect(issues((d) => delete d.meta.title)).not.toEqual([]);
    // and accepts what validate accepts
    expect(issues((d) => (d.indicators['pension.insured'].unit = 'CAD/month'))).toEqual([]);
    expect(issues((d) => (d.indicators['pension.insured'].unit = 'yuan/person/month'))).toEqual([]);
    expect(issues((d) => (d.highlights[0].facts[0].metrics[0].period = '2023-07/2023-09'))).toEqual([]);
    expect(issues((d) => (d.highlights[0].facts[0].metrics[0].period = [2016, 2020]))).toEqual([]);
    expect(issues((d) => delete d.outlook)).toEqual([]);
  });
});
