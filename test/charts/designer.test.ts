/**
 * A designer's own chart, with no TypeScript: the README's walkthrough spec, saved under a
 * project's templates/charts/, builds from `chart: {spec: …}` and from datapress/1's
 * `chart: {template: mine}`, receives the contract rows, fills its box in the theme's fonts. The
 * project root is where templates are found (a project may restyle a kind with its own file).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindChart } from '../../src/charts/article/bind.js';
import { renderArticleChart } from '../../src/charts/article/render.js';
import { modelChartRows, type ArticleChart } from '../../src/charts/article/source.js';
import { svgTextLines } from '../../src/charts/svgtext.js';
import { fixtureModel, loadTheme, ROOT } from './kinds/fixture.js';

const model = fixtureModel();
const theme = loadTheme();

/** The spec in the README's "Making a chart" walkthrough. */
function walkthroughSpec(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- chart-walkthrough -->');
  const end = readme.indexOf('<!-- /chart-walkthrough -->');
  expect(start, 'the README has the walkthrough').toBeGreaterThan(0);
  const block = readme.slice(start, end);
  return block.slice(block.indexOf('```json') + 7, block.lastIndexOf('```')).trim();
}

/** A project with the walkthrough's spec saved as templates/charts/mine.vl.json. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dp-designer-'));
  mkdirSync(path.join(root, 'templates/charts'), { recursive: true });
  writeFileSync(path.join(root, 'templates/charts/mine.vl.json'), walkthroughSpec());
  return root;
}

const chart = (decl: ArticleChart['decl']): ArticleChart => ({ id: 'trade', highlight: 'trade', decl });
const TITLE = { zh: '进出口额', en: 'Exports and imports' };
const METRICS = ['exports.value', 'imports.value'];

describe("a designer's own chart", () => {
  it('the README walkthrough builds: rows in, figures out, the box filled, in zh and en', async () => {
    const root = project();
    for (const decl of [
      { spec: 'templates/charts/mine.vl.json', metrics: METRICS, title: TITLE },
      { kind: 'mine', metrics: METRICS, title: TITLE }, // datapress/1: template: mine
    ]) {
      const c = chart(decl);
      const bound = bindChart(model, c, ['zh'], theme, { width: 640, height: 360 }, root)!;
      expect(bound.kind).toBe('spec');
      expect(bound.template).toBe('templates/charts/mine.vl.json');
      // the spec's `table` receives the contract rows as they are
      expect(bound.spec.data).toEqual({ name: 'table', values: modelChartRows(model, METRICS, 'zh') });
      expect(bound.spec.params).toEqual([{ name: 'textSize', value: expect.any(Number) }]);
      for (const [lang, figures] of [
        ['zh', ['412亿', '501亿', '398亿', '489亿', '出口', '进口', '2019年', '2023年', '进出口额']],
        ['en', ['41.2 billion', '50.1 billion', 'Exports', 'Imports', 'Exports and imports']],
      ] as const) {
        const r = (await renderArticleChart(model, c, [lang], theme, {
          width: 640,
          height: 360,
          root,
          format: 'svg',
        }))!;
        expect([r.width, r.height]).toEqual([640, 360]);
        const svg = r.bytes.toString();
        const text = svgTextLines(svg).join('|');
        for (const f of figures) expect(text, `${lang}: ${f}`).toContain(f);
        expect(svg).toContain('Noto Sans SC');
        expect(svg.toLowerCase()).toContain(theme.palette[0]!.toLowerCase());
        if (process.env.CHART_PREVIEW) {
          const png = await renderArticleChart(model, c, [lang], theme, {
            width: 640,
            height: 360,
            root,
            format: 'png',
          });
          mkdirSync(process.env.CHART_PREVIEW, { recursive: true });
          writeFileSync(path.join(process.env.CHART_PREVIEW, `designer-${lang}.png`), png!.bytes);
        }
      }
    }
  });

  it('finds templates under the project root first: a project restyles a kind with its own file', async () => {
    const root = project();
    const own = JSON.parse(readFileSync(path.join(ROOT, 'templates/charts/bars.vl.json'), 'utf8'));
    own.description = 'this project’s bars';
    const bar = own.layer.find((l: { mark: { type: string } }) => l.mark.type === 'bar');
    bar.encoding.color.scale.range[0] = '#123456'; // the colour of a plain bar (slot "main")
    writeFileSync(path.join(root, 'templates/charts/bars.vl.json'), JSON.stringify(own));
    const c = chart({ kind: 'bars', metrics: ['energy.wind', 'energy.solar'] });
    expect(bindChart(model, c, ['en'], theme, { width: 480, height: 300 }, root)!.spec.description).toBe(
      'this project’s bars',
    );
    const svg = (await renderArticleChart(model, c, ['en'], theme, { width: 480, height: 300, root, format: 'svg' }))!;
    expect(svg.bytes.toString()).toContain('#123456');
    // without one, datapress's own
    expect(bindChart(model, c, ['en'], theme, { width: 480, height: 300 }, ROOT)!.spec.description).toMatch(/^Bars:/);
  });

  it('refuses a spec outside the project and names an unknown chart', () => {
    const root = project();
    expect(() =>
      bindChart(
        model,
        chart({ spec: '../elsewhere.vl.json', metrics: METRICS }),
        ['en'],
        theme,
        { width: 480, height: 300 },
        root,
      ),
    ).toThrow(/outside the project/);
    expect(() =>
      bindChart(model, chart({ kind: 'pie', metrics: METRICS }), ['en'], theme, { width: 480, height: 300 }, root),
    ).toThrow(
      /Unknown chart "pie": not a kind \(bars, before-after, series, progress, rank, part-to-whole, auto, none\)/,
    );
  });
});
