/**
 * Every chart kind, in Chinese and English, at three sizes (a card's slot, a poster tile, a PDF
 * column): it fills its box, its text is never under the layout's minimum and is set in the
 * language's fonts, it prints the figures src/format writes, and its alt text says them exactly.
 * CHART_PREVIEW=<dir> also writes every render as PNG for looking at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartAlt } from '../../../src/charts/article/alt.js';
import { bindChart } from '../../../src/charts/article/bind.js';
import { renderArticleChart } from '../../../src/charts/article/render.js';
import { articleChart } from '../../../src/charts/article/source.js';
import { parseSvg, walk } from '../../../src/charts/svgdom.js';
import { outlineSvgText, svgTextLines } from '../../../src/charts/svgtext.js';
import { signedBars } from '../../../src/charts/kinds/common.js';
import { chartKind } from '../../../src/charts/kinds/index.js';
import type { LineRow } from '../../../src/charts/kinds/types.js';
import type { ChartRow } from '../../../src/model/rows.js';
import { CHARTS, fixtureModel, loadTheme, ROOT, type FixtureChart } from './fixture.js';

const model = fixtureModel();
const theme = loadTheme();
const PREVIEW = process.env.CHART_PREVIEW;

/** A card's chart slot and a poster tile (screen: 14 per 1080), and a PDF column (print: 7 pt). */
const SIZES = [
  { name: 'card', width: 960, height: 380, compact: true, minFont: 14 },
  { name: 'tile', width: 420, height: 300, compact: true, minFont: 14 },
  { name: 'pdf', width: 480, height: 220, title: false as const, minFont: 7 },
];

/** Figures each chart prints, per language: exactly as src/format writes them. */
const FIGURES: Record<string, Record<string, string[]>> = {
  series: {
    zh: ['412亿', '501亿', '489亿'],
    en: ['41.2 billion', '50.1 billion', 'Exports', 'Imports', '2019', '2023'],
  },
  'before-after': {
    zh: ['812万人', '1045万人', '4.2万张', '3.95万张', '+28.7%', '−6%'],
    en: ['8.12 million', '10.45 million', '42,000 beds', '39,500 beds', '+28.7%'],
  },
  progress: {
    zh: ['92个', '完成目标的92%', '2025年目标30所', '完成目标的46.7%'],
    en: ['92 projects', '92% of the target', 'target for 2025: 30 schools', '46.7% of the target'],
  },
  rank: { zh: ['10个省份中第1', '10个省份中第4'], en: ['1st among 10 provinces', '4th among 10 provinces'] },
  'part-to-whole': {
    zh: ['发电量：615亿千瓦时', '182亿千瓦时（占29.6%）', '其余'],
    en: ['All sources: 61.5 billion kWh', '18.2 billion kWh (29.6%)', 'Rest'],
  },
  bars: {
    zh: ['182亿千瓦时', '96亿千瓦时', '214亿千瓦时', '2023年'],
    en: ['18.2 billion kWh', '21.4 billion kWh', '2023'],
  },
};

const KINDS = Object.keys(FIGURES) as FixtureChart[];

/** Font sizes and families of every text of an SVG. */
function texts(svg: string): { size: number; family: string; text: string }[] {
  const out: { size: number; family: string; text: string }[] = [];
  walk(parseSvg(svg), (el) => {
    if (el.name !== 'text') return;
    out.push({
      size: Number.parseFloat(el.attrs['font-size'] ?? '0'),
      family: el.attrs['font-family'] ?? '',
      text: svgTextLines({ ...el, name: 'g', children: [el] }).join(' '),
    });
    return false;
  });
  return out;
}

/** The painted area of an SVG (text outlined), in its units. */
function paintedBox(svg: string): { x: number; y: number; width: number; height: number } {
  const b = new Resvg(outlineSvgText(svg), { font: { loadSystemFonts: false } }).getBBox();
  if (!b) throw new Error('nothing painted');
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

describe('chart kinds fill their box in zh and en', () => {
  for (const kind of KINDS) {
    for (const lang of ['zh', 'en']) {
      it(`${kind} in ${lang} at three sizes`, async () => {
        const chart = articleChart(model, kind)!;
        for (const size of SIZES) {
          const bound = bindChart(model, chart, [lang], theme, size, ROOT)!;
          expect(bound.kind).toBe(kind);
          const r = await renderArticleChart(model, chart, [lang], theme, { ...size, root: ROOT, format: 'svg' });
          const svg = r!.bytes.toString();
          const where = `${kind} ${lang} ${size.name}`;
          // the box, exactly, and painted across it
          expect([r!.width, r!.height], where).toEqual([size.width, size.height]);
          const box = paintedBox(svg);
          expect(box.x, where).toBeGreaterThanOrEqual(-0.5);
          expect(box.y, where).toBeGreaterThanOrEqual(-0.5);
          expect(box.x + box.width, where).toBeLessThanOrEqual(size.width + 0.5);
          expect(box.y + box.height, where).toBeLessThanOrEqual(size.height + 0.5);
          expect(box.width / size.width, `${where}: width used`).toBeGreaterThan(0.85);
          expect(box.height / size.height, `${where}: height used`).toBeGreaterThan(0.75);
          // text: never under the minimum, in the language's fonts
          const ts = texts(svg).filter((t) => t.text.trim());
          expect(ts.length, where).toBeGreaterThan(2);
          for (const t of ts) {
            expect(t.size, `${where}: "${t.text}"`).toBeGreaterThanOrEqual(size.minFont);
            expect(t.family, where).toMatch(/Noto (Sans|Serif) SC/);
          }
          // the figures, as src/format writes them
          // (a heading wrapped to the width is read across its lines)
          const all = ts
            .map((t) => t.text)
            .join('')
            .replace(/\s+/g, '');
          for (const f of FIGURES[kind]![lang]!) expect(all, where).toContain(f.replace(/\s+/g, ''));
          if (lang === 'en') expect(all).not.toMatch(/[万亿年]/);
          if (PREVIEW) {
            mkdirSync(PREVIEW, { recursive: true });
            const png = await renderArticleChart(model, chart, [lang], theme, { ...size, root: ROOT, format: 'png' });
            writeFileSync(path.join(PREVIEW, `${kind}-${lang}-${size.name}.png`), png!.bytes);
          }
        }
      });
    }
  }

  it('sets Traditional Chinese in the Traditional fonts (zh-Hant: Noto Sans TC, zh-HK: Noto Sans HK)', async () => {
    const chart = articleChart(model, 'bars')!;
    for (const [lang, family] of [
      ['zh-Hant', 'Noto Sans TC'],
      ['zh-HK', 'Noto Sans HK'],
    ] as const) {
      const m = fixtureModel();
      for (const i of Object.values(m.indicators)) {
        i.label[lang] = i.label.zh!;
        i.short[lang] = i.short.zh!;
      }
      const r = await renderArticleChart(m, chart, [lang], theme, { ...SIZES[0]!, root: ROOT, format: 'svg' });
      const ts = texts(r!.bytes.toString());
      expect(
        ts.every((t) => t.family.includes(family)),
        lang,
      ).toBe(true);
      expect(ts.map((t) => t.text).join()).toMatch(/\d億/);
    }
  });

  it('renders every kind to PNG and to a PDF with its fonts embedded', async () => {
    for (const kind of KINDS) {
      const chart = articleChart(model, kind)!;
      const png = await renderArticleChart(model, chart, ['zh'], theme, {
        width: 640,
        height: 360,
        root: ROOT,
        format: 'png',
        scale: 2,
      });
      expect(png!.bytes.readUInt32BE(16)).toBe(1280);
      const pdf = await renderArticleChart(model, chart, ['en'], theme, {
        width: 640,
        height: 360,
        root: ROOT,
        format: 'pdf',
      });
      expect(pdf!.bytes.toString('latin1')).toMatch(/\/FontFile2/);
    }
  });
});

describe('chart: auto', () => {
  it('picks a series for one metric over five years', () => {
    const chart = articleChart(model, 'auto-series')!;
    expect(bindChart(model, chart, ['en'], theme, SIZES[0]!, ROOT)!.kind).toBe('series');
  });

  it('draws nothing for a single figure', async () => {
    const chart = articleChart(model, 'auto-none')!;
    expect(bindChart(model, chart, ['en'], theme, SIZES[0]!, ROOT)).toBeUndefined();
    expect(
      await renderArticleChart(model, chart, ['zh'], theme, { ...SIZES[0]!, root: ROOT, format: 'svg' }),
    ).toBeUndefined();
    expect(chartAlt(model, chart, 'en')).toBe('');
  });
});

describe('alt text', () => {
  const alt = (kind: string, lang: string) => chartAlt(model, articleChart(model, kind)!, lang);
  it('says every figure exactly, in the kind’s sentence', () => {
    expect(alt('before-after', 'en')).toBe(
      'Bar chart: visitors rose from 8.12 million in 2019 to 10.45 million in 2023 (+28.7%); hotel beds fell from 42,000 beds in 2019 to 39,500 beds in 2023 (−6%).',
    );
    expect(alt('before-after', 'zh')).toBe(
      '柱状图：游客人数从2019年的812万人增加到2023年的1045万人（+28.7%）；酒店床位从2019年的4.2万张减少到2023年的3.95万张（−6%）。',
    );
    expect(alt('progress', 'en')).toBe(
      'Progress chart: public projects completed: 92 projects in 2023, target: 100 projects (92% of the target); new schools: 14 schools in 2023, target for 2025: 30 schools (46.7% of the target).',
    );
    expect(alt('rank', 'zh')).toBe('排名图：经济增速排名10个省份中第1；居民收入排名10个省份中第4。');
    expect(alt('part-to-whole', 'en')).toMatch(
      /^Part-to-whole chart \(All sources: 61\.5 billion kWh\): electricity from wind: 18\.2 billion kWh \(29\.6%\); /,
    );
    expect(alt('series', 'en')).toMatch(
      /^Line chart: value of exports: CA\$41\.2 billion in 2019, CA\$37\.9 billion in 2020, /,
    );
    expect(alt('bars', 'zh')).toBe(
      '柱状图（2023年）：风电发电量182亿千瓦时；光伏发电量96亿千瓦时；水电发电量214亿千瓦时。',
    );
  });
});

void CHARTS;

describe('negative figures', () => {
  const row = (metric: string, value: number, period = '2022'): ChartRow => ({
    metric,
    label: metric,
    short: metric,
    period,
    periodText: period,
    periodOrder: Number(period),
    value,
    valueText: `${value}%`,
    valueShort: `${value}`,
    unit: 'percent',
    unitText: '%',
  });

  it('are bars left of the zero line, on the one scale, never missing', () => {
    const close = (got: { share: number; start: number }[], want: { share: number; start: number }[]) => {
      expect(got).toHaveLength(want.length);
      for (const [i, w] of want.entries()) {
        expect(got[i]!.share).toBeCloseTo(w.share, 12);
        expect(got[i]!.start).toBeCloseTo(w.start, 12);
      }
    };
    close(signedBars([-2.2, -1.3, 1.7, 3.4]), [
      { share: 2.2 / 5.6, start: 0 },
      { share: 1.3 / 5.6, start: (2.2 - 1.3) / 5.6 },
      { share: 1.7 / 5.6, start: 2.2 / 5.6 },
      { share: 3.4 / 5.6, start: 2.2 / 5.6 },
    ]);
    // all positive: every bar starts at the left edge, the longest fills the width
    close(signedBars([2, 4]), [
      { share: 0.5, start: 0 },
      { share: 1, start: 0 },
    ]);
    close(signedBars([0, 0]), [
      { share: 0, start: 0 },
      { share: 0, start: 0 },
    ]);
  });

  it('bars and before-after draw a bar for every figure, a negative one ending at zero', async () => {
    const rows = [row('a', -2.2), row('b', -1.3), row('c', 1.7), row('d', 3.4)];
    const drawn = (chartKind('bars')!.rows(rows, {} as never) as LineRow[]).filter((l) => l.role === 'bar');
    expect(drawn.map((l) => l.share! > 0)).toEqual([true, true, true, true]);
    const zero = 2.2 / 5.6;
    for (const l of drawn) expect(l.value! < 0 ? l.start! + l.share! : l.start!).toBeCloseTo(zero, 12);
    const change = (
      chartKind('before-after')!.rows([row('a', 1.5, '2021'), row('a', -0.5, '2022')], {
        lang: 'en',
        locale: { change: () => '−2 pp' },
      } as never) as LineRow[]
    ).filter((l) => l.role === 'bar');
    expect(change).toHaveLength(2);
    expect(change[1]!.share).toBeCloseTo(0.25, 12);
    expect(change[1]!.start! + change[1]!.share!).toBeCloseTo(0.25, 12);
  });
});
