/**
 * Text from data lands literally: markup, entities, quotes and Handlebars syntax in titles
 * appear as text in the PDF and on the images, and never break or extend the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { unescapeXml } from '../../src/charts/svgtext.js';
import { loadModel } from '../../src/model/index.js';
import type { Model } from '../../src/model/types.js';
import { loadTheme, type Theme } from '../../src/theme/load.js';
import { problemsAfter, seedText } from '../validate/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-escape-'));

/** Field → hostile text (ASCII, so the fonts draw all of it). */
const HOSTILE = {
  meta: `<script>alert("x")</script> & 'q'`,
  h0: `<script>alert(1)</script> &amp; "q"`,
  h1: `</text><image href="file:///etc/passwd"/>`,
  h2: `{{constructor}} {{{x}}} ]]> \`=\``,
  source: `Source: A&B <b>bold</b> ) ( \\ %PDF`,
  chart: `<tspan>"Pensions" & 'x' {{constructor}}`,
};

let model: Model;
let theme: Theme;
beforeAll(() => {
  const doc = parseDocument(seedText());
  doc.setIn(['meta', 'title', 'en'], HOSTILE.meta);
  doc.setIn(['highlights', 0, 'title', 'en'], HOSTILE.h0);
  doc.setIn(['highlights', 1, 'title', 'en'], HOSTILE.h1);
  doc.setIn(['highlights', 2, 'title', 'en'], HOSTILE.h2);
  doc.setIn(['meta', 'source', 'en'], HOSTILE.source);
  doc.setIn(['highlights', 0, 'chart', 'title', 'en'], HOSTILE.chart);
  const file = path.join(tmp, 'hostile.yaml');
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  model = loadModel(file, { root: ROOT });
  theme = loadTheme(ROOT, model.theme);
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('escaping: data text appears literally', () => {
  it('titles are not templates: {{constructor}} in a title is kept as text by the model', () => {
    expect(model.highlights[2]!.title.en).toBe(HOSTILE.h2);
    expect(model.meta.title.en).toBe(HOSTILE.meta);
  });

  it('layouts: {{x}} escapes every markup character; prototype access is off', async () => {
    const { renderTemplate } = await import('../../src/layout/handlebars.js');
    expect(renderTemplate('<t a="{{a}}">{{a}}</t>', { a: `<&>"'\`=` })).toBe(
      '<t a="&lt;&amp;&gt;&quot;&#x27;&#x60;&#x3D;">&lt;&amp;&gt;&quot;&#x27;&#x60;&#x3D;</t>',
    );
    expect(renderTemplate('{{a}}', { a: '{{constructor}}' })).toBe('{{constructor}}');
    expect(renderTemplate('[{{constructor.name}}][{{__proto__}}][{{a.constructor.constructor}}]', { a: {} })).toBe(
      '[][][]',
    );
    expect(renderTemplate('{{#with a}}{{constructor}}{{/with}}', { a: 'x' })).toBe('');
  });

  it('prose may not use {{constructor}} or blocks (refused by validation, exit 2)', () => {
    const ps = problemsAfter((d) => d.setIn(['meta', 'intro', 'en'], 'x {{#each this}}{{@key}}{{/each}}'));
    expect(ps[0]!.found).toMatch(/not blocks/);
    const qs = problemsAfter((d) => d.setIn(['meta', 'intro', 'en'], '{{lookup this "constructor"}}'));
    expect(qs[0]!.found).toMatch(/unknown template expression \{\{lookup\}\}/);
  });

  it('cards: the layout keeps every hostile title as literal text, the SVG gains no element, the PNG decodes', async () => {
    const { layoutCard } = await import('../../src/render/card/render.js');
    const { CARD_PRESETS } = await import('../../src/render/card/presets.js');
    const { rasterize } = await import('../../src/render/raster/index.js');
    const { typographic } = await import('../../src/text/quotes.js');
    const sharp = (await import('sharp')).default;
    const preset = CARD_PRESETS.x!;
    for (const [hi, want] of [
      [0, HOSTILE.h0],
      [1, HOSTILE.h1],
      [2, HOSTILE.h2],
    ] as const) {
      const { svg, boxes } = await layoutCard({ model, theme, root: ROOT, highlight: hi, preset, langs: ['en'] });
      const title = boxes.find((b) => b.field === `highlights[${hi}].title.en`);
      expect(title, `title box of highlight ${hi}`).toBeDefined();
      // literally, with typographic quotes (English text gets ’ “ ”, never markup)
      expect(squash(title!.lines!.join(''))).toBe(squash(typographic(want, 'en')));
      // outlined text: no <text>, and nothing from the data became markup
      expect(svg).not.toMatch(/<script|<image|file:|<text[\s>]|<\/text>|<b>/);
      const png = await rasterize(svg, { format: 'png', background: theme.colors.paper });
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', preset.width, preset.height]);
    }
  });

  it('posters: the hostile report title is literal text in the overview layout', async () => {
    const { layoutPoster } = await import('../../src/render/poster/render.js');
    const { POSTER_PRESETS } = await import('../../src/render/poster/presets.js');
    const { svg, boxes } = await layoutPoster({
      model,
      theme,
      root: ROOT,
      layout: 'overview',
      preset: POSTER_PRESETS.story!,
      langs: ['en'],
    });
    const { typographic } = await import('../../src/text/quotes.js');
    // literally, with typographic quotes (English text gets ’ “ ”, never markup)
    const title = boxes.find((b) => b.field === 'meta.title.en');
    expect(squash(title!.lines!.join(''))).toBe(squash(typographic(HOSTILE.meta, 'en')));
    const h1 = boxes.find((b) => b.field === 'highlights[1].title.en');
    if (h1) expect(squash(h1.lines!.join(''))).toBe(squash(typographic(HOSTILE.h1, 'en')));
    expect(svg).not.toMatch(/<script|<image|file:|<text[\s>]|<\/text>|<b>/);
  });

  it('charts: the hostile chart title is one escaped <text> in the SVG', async () => {
    const { buildDataset } = await import('../../src/build.js');
    const out = path.join(tmp, 'out');
    const r = await buildDataset(
      path.join(tmp, 'hostile.yaml'),
      { out, only: ['chart'], langs: ['en'], root: ROOT },
      tmp,
    );
    expect(r.error?.message ?? '').toBe('');
    const svg = readFileSync(path.join(out, model.id, 'charts', `${model.highlights[0]!.id}-en.svg`), 'utf8');
    expect(svg).not.toMatch(/<script|<image|file:|<tspan>"/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]!));
    expect(texts).toContain(HOSTILE.chart);
  });

  it('PDF: every hostile text is in the extracted text, the file parses', async () => {
    const { renderReport } = await import('../../src/render/pdf/render.js');
    const { typographic } = await import('../../src/text/quotes.js');
    const bytes = await renderReport(model, theme, { langs: ['en'], variant: 'screen', preset: 'a4', root: ROOT });
    const file = path.join(tmp, 'hostile.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    // literally, with typographic quotes as the report sets English
    for (const want of Object.values(HOSTILE).filter((t) => t !== HOSTILE.chart))
      expect(squash(text), want).toContain(squash(typographic(want, 'en')));
    // pdfjs parses it completely
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
    expect(pdf.numPages).toBeGreaterThan(1);
    // the PDF gained no JavaScript or launch action from the data
    expect(bytes.toString('latin1')).not.toMatch(/\/JavaScript|\/JS\s|\/Launch/);
  });
});
