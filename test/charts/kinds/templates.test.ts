/**
 * The kinds' templates are plain Vega-Lite a designer can open in the Vega editor: sample rows
 * named "table" of the shape the kind gives, a `textSize` param, and they render as they are.
 * UPDATE_TEMPLATES=1 rewrites their sample rows from the fixture article (English, 480 × 300).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindChart } from '../../../src/charts/article/bind.js';
import { articleChart } from '../../../src/charts/article/source.js';
import { KINDS } from '../../../src/charts/kinds/index.js';
import { renderChart } from '../../../src/charts/render.js';
import { fixtureModel, loadTheme, ROOT } from './fixture.js';

const model = fixtureModel();
const theme = loadTheme();

describe('kind templates', () => {
  for (const kind of Object.values(KINDS)) {
    it(`${kind.template}: plain Vega-Lite with sample rows of the kind's shape`, async () => {
      const file = path.join(ROOT, 'templates/charts', kind.template);
      const spec = JSON.parse(readFileSync(file, 'utf8'));
      const bound = bindChart(
        model,
        articleChart(model, kind.name)!,
        ['en'],
        theme,
        { width: 480, height: 300 },
        ROOT,
      )!;
      const rows = bound.spec.data!.values as Record<string, unknown>[];
      if (process.env.UPDATE_TEMPLATES) {
        spec.data = { name: 'table', values: rows };
        writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
      }
      expect(spec.$schema).toMatch(/vega-lite/);
      expect(spec.usermeta.datapress.kind).toBe(kind.name);
      expect(spec.data.name).toBe('table');
      expect(spec.data.values.length).toBeGreaterThan(2);
      expect(spec.params).toContainEqual({ name: 'textSize', value: expect.any(Number) });
      // the sample rows are rows the kind gives (no field the binding would not fill)
      const fields = new Set(rows.flatMap((r) => Object.keys(r)));
      for (const r of spec.data.values)
        for (const k of Object.keys(r)) expect(fields, `${kind.name}: ${k}`).toContain(k);
      // and the template renders as it is, sample and all
      const r = await renderChart(spec, { format: 'svg', base: ROOT, font: 'Noto Sans SC' });
      expect(r.width).toBeGreaterThan(100);
    });
  }
});
