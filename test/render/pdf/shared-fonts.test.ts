/**
 * The fonts are shared by every PDF a process writes: one report's bytes and text layer never
 * depend on which reports were written before it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/model/index.js';
import { reportLangs } from '../../../src/render/pdf/planner.js';
import { renderReport } from '../../../src/render/pdf/render.js';
import { loadTheme } from '../../../src/theme/load.js';
import { ROOT } from './helpers.js';
import { pdfItems } from './pdfjs.js';

const report = (name: string) => {
  const model = loadModel(path.join(ROOT, 'data/examples', name), { root: ROOT });
  const theme = loadTheme(ROOT, model.theme);
  return renderReport(model, theme, { langs: reportLangs(model, model.langs), variant: 'screen', root: ROOT });
};

describe('reports written one after another', () => {
  it("keep every character in the text layer (a subset's composite parts do not take the period's)", async () => {
    // the Hong Kong report's subset adds glyphs whose parts include the bold period
    await report('censtatd-labour-2023-01-03.yaml');
    const { pages } = await pdfItems(await report('census-income-poverty-2022.yaml'));
    const text = pages[0]!.map((i) => i.str).join(' ');
    expect(text).toContain('U.S. Census Bureau');
  }, 120_000);
});
