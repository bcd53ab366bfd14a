/**
 * The dataset format's newer fields in the report, as a newspaper shows them: the subtitle, the
 * dateline's day, the source's address with the source line, the publisher's name and logo
 * (instead of the built-in words), grouped highlights, a quote as a pull quote, items without a
 * key figure or a chart laid out without a hole, "8 of 10 shown"; every text in each language.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../src/model/types.js';
import type { RBox } from '../../../src/render/pdf/measure.js';
import { layoutReport, renderReport } from '../../../src/render/pdf/render.js';
import { OUT, ROOT, seed } from './helpers.js';
import { bodyText, pdfItems, squash } from './pdfjs.js';
import { reportTexts } from './texts.js';

const LOGO = path.join(OUT, 'fields-logo.png');

async function variant(): Promise<Model> {
  const { default: sharp } = await import('sharp');
  mkdirSync(OUT, { recursive: true });
  await sharp({ create: { width: 240, height: 80, channels: 4, background: { r: 20, g: 60, b: 160, alpha: 1 } } })
    .png()
    .toFile(LOGO);
  const m = structuredClone(seed().model);
  m.meta.subtitle = { zh: '2020年成绩单', en: 'The 2020 results' };
  m.meta.date = '2021-06-30';
  m.meta.dateText = { zh: '2021年6月30日', en: '30 June 2021' };
  m.meta.sourceUrl = 'https://www.example.gov/release/2021';
  m.meta.publisher = { name: { zh: '内蒙古日报', en: 'Inner Mongolia Daily' }, logo: LOGO };
  m.meta.items = {
    total: 10,
    noun: { zh: '项民生实事', en: 'projects' },
    shown: { zh: '展示10项民生实事中的4项', en: '4 of 10 projects shown' },
  };
  const [a, b, c] = m.highlights as [
    Model['highlights'][number],
    Model['highlights'][number],
    Model['highlights'][number],
  ];
  a.group = { zh: '社会保险', en: 'Social insurance' };
  b.group = { zh: '社会保险', en: 'Social insurance' };
  delete b.key; // a chart without a key figure
  delete c.chart; // a key figure without a chart
  c.quote = {
    text: { zh: '我们建成的比计划的更多。', en: "We built more than we planned, and it's working." },
    speaker: { zh: '李华', en: 'Li Hua' },
    role: { zh: '市统计局局长', en: "director of the city's statistics bureau" },
  };
  return m;
}

describe('the newer model fields in the report', () => {
  const model = variant();

  for (const langs of [
    ['zh', 'en'],
    ['en', 'zh'],
  ]) {
    it(`shows every field in each language (${langs.join(', ')})`, async () => {
      const m = await model;
      const { theme } = seed();
      const { pages } = await pdfItems(await renderReport(m, theme, { langs, variant: 'screen', root: ROOT }));
      const { geo } = await layoutReport(m, theme, { langs, variant: 'screen', root: ROOT });
      const all = bodyText(pages, geo);
      const missing = langs.flatMap((l) =>
        reportTexts(m, l)
          .filter((t) => !all.includes(squash(t.text)))
          .map((t) => `${t.field}.${l}`),
      );
      expect(missing).toEqual([]);
      const fields = new Set(langs.flatMap((l) => reportTexts(m, l).map((t) => t.field)));
      for (const f of ['meta.subtitle', 'meta.dateText', 'meta.sourceUrl', 'meta.publisher.name', 'meta.items.shown'])
        expect(fields.has(f), f).toBe(true);
      // the publisher's name replaces the built-in words
      expect(all).not.toContain('本报数据');
      expect(all).not.toContain('Datadesk');
    });
  }

  it('sets the quote as a pull quote with its attribution, and places the publisher’s logo (CMYK in print)', async () => {
    const m = await model;
    const { theme } = seed();
    const { pagination, masthead } = await layoutReport(m, theme, {
      langs: ['en', 'zh'],
      variant: 'screen',
      root: ROOT,
    });
    const texts = pagination.placed.map((p) => (p.item as { meta: { text?: string } }).meta.text ?? '');
    expect(texts).toContain('“We built more than we planned, and it’s working.”');
    expect(texts).toContain('— Li Hua, director of the city’s statistics bureau');
    const images: string[] = [];
    (masthead as RBox | undefined)?.draw(
      new Proxy({ theme } as never, {
        get: (t, k) => (k === 'image' ? (file: string) => images.push(file) : k in t ? t[k as never] : () => {}),
      }),
      0,
      0,
      500,
    );
    expect(images).toEqual([LOGO]);
    const print = (await renderReport(m, theme, { langs: ['zh', 'en'], variant: 'print', root: ROOT })).toString(
      'latin1',
    );
    expect(print).toMatch(/\/Subtype \/Image/);
    expect(print).not.toMatch(/\/DeviceRGB/);
  });

  it('lays out a highlight without a key figure or without a chart with no hole', async () => {
    const m = await model;
    const { theme } = seed();
    const [, b, c] = m.highlights;
    for (const langs of [
      ['zh', 'en'],
      ['en', 'zh'],
    ]) {
      const { pagination } = await layoutReport(m, theme, { langs, variant: 'screen', root: ROOT });
      const width = pagination.placed[0]!.width;
      const boxes = (id: string) =>
        pagination.placed
          .filter(
            (p) => (p.item as { meta: { sect: string } }).meta.sect === `highlight-${id}` && p.item.kind === 'box',
          )
          .map((p) => p.item as unknown as { meta: { role: string }; parts?: unknown; height: number });
      // no key figure: the chart alone at the column's width, no half-empty row beside a missing figure
      const onlyChart = boxes(b!.id).filter((x) => x.meta.role === 'Figure');
      expect(onlyChart).toHaveLength(1);
      expect(onlyChart[0]!.parts).toBeUndefined();
      // no chart: the key figure alone, at the column's width
      const fig = pagination.placed.filter(
        (p) =>
          (p.item as unknown as { meta: { sect: string } }).meta.sect === `highlight-${c!.id}` && p.item.kind === 'box',
      );
      expect(fig.map((p) => (p.item as unknown as { meta: { role: string } }).meta.role)).toEqual(['H1', 'P']);
      expect(fig.every((p) => p.width === width)).toBe(true);
    }
    // the group heading, the highlight's heading and its key figure start the next page only when
    // they do not fit: the Chinese-first report's first page stays full
    const { pagination } = await layoutReport(m, theme, { langs: ['zh', 'en'], variant: 'screen', root: ROOT });
    expect(pagination.fill[0]).toBeGreaterThanOrEqual(0.6);
  });
});
