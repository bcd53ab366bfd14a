import { beforeAll, describe, expect, it } from 'vitest';
import { chartAlt } from '../../../src/charts/seed/alt.js';
import { seedChartSpec, TEMPLATE_NAMES, loadTemplate, type SeedChart } from '../../../src/charts/seed/bind.js';
import { chartPlanner } from '../../../src/charts/seed/planner.js';
import { renderSeedChart, seedChartSvg } from '../../../src/charts/seed/render.js';
import type { Model } from '../../../src/model/types.js';
import { loadTheme, ROOT, seedModel } from './fixture.js';

let model: Model;
beforeAll(async () => {
  model = await seedModel();
});

const charts = (m: Model): [string, SeedChart][] => [
  ...m.highlights.map((h) => [h.id, h.chart] as [string, SeedChart]),
  ['targets', 'targets'],
];

/** Figures each chart must print, per language: the same strings as the prose. */
const FIGURES: Record<string, Record<string, string[]>> = {
  pension: {
    zh: ['1570.6万人', '1228万人', '2715元/月', '133元/月', '+27.9%'],
    en: ['15.71 million', '12.28 million', 'CNY 2,715 a month', '+141.8%'],
  },
  medical: { zh: ['1450亿元', '1223亿元'], en: ['CNY 145 billion', 'CNY 122.3 billion'] },
  'injury-unemployment': {
    zh: ['336万人', '276.5万人', '248.9万人'],
    en: ['3.36 million', '2.77 million', '2.49 million'],
  },
  assistance: {
    zh: ['772元/月', '6731元/年', '第7位', '第9位'],
    en: ['CNY 772 a month', 'CNY 6,731 a year', '7th', '9th'],
  },
  'children-disability': { zh: ['31.44万人', '第12位'], en: ['314,400', '12th'] },
  eldercare: { zh: ['14.06万张', '0.42万张', '58.1%'], en: ['140,600 beds', '4,200 beds', '58.1%'] },
  targets: { zh: ['1570.6万人', '1630万人', '96.4%'], en: ['15.71 million', '16.3 million', '96.4%'] },
};

/** SVG text content with entities decoded (Vega escapes & < > and quotes). */
const textOf = (svg: string) =>
  svg
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"');

describe('seed chart templates', () => {
  it('are plain Vega-Lite with sample inline data named "table"', () => {
    for (const name of TEMPLATE_NAMES) {
      const t = loadTemplate(name);
      expect(t.$schema).toMatch(/vega-lite/);
      expect(t.data?.name).toBe('table');
      expect(t.data?.values.length).toBeGreaterThan(0);
    }
  });

  it('every highlight names a template that exists', () => {
    for (const [, chart] of charts(model)) {
      const name = chart === 'targets' ? model.outlook!.targets!.chart : chart.template;
      expect(TEMPLATE_NAMES).toContain(name);
    }
  });
});

describe('seed charts bind and render in zh and en', () => {
  const theme = () => loadTheme('newspaper');

  for (const lang of ['zh', 'en']) {
    it(`${lang}: every chart's SVG prints the prose's figures in the theme's fonts and palette`, async () => {
      const t = theme();
      for (const [id, chart] of charts(model)) {
        const spec = seedChartSpec(model, chart, [lang], t, { width: 640, height: 360 });
        expect(spec.config?.font).toBe(t.fonts.sans.family);
        const svg = textOf(await seedChartSvg(model, chart, [lang], t, { width: 640, height: 360, base: ROOT }));
        for (const fig of FIGURES[id]![lang]!) expect(svg, `${id}-${lang}: ${fig}`).toContain(fig);
        expect(svg).toContain(t.fonts.sans.family);
        expect(svg.toLowerCase()).toContain(t.palette[0]!.toLowerCase());
        const title = chart === 'targets' ? undefined : chart.title?.[lang];
        if (title) expect(svg).toContain(title);
        // no text of the other language's number format
        if (lang === 'en') expect(svg).not.toMatch(/[万亿]/);
        if (lang === 'zh') expect(svg).not.toMatch(/million|billion|CNY/);
      }
    });
  }

  it('bilingual form: Chinese title and figures, English subtitle', async () => {
    const t = theme();
    const h = model.highlights.find((x) => x.id === 'pension')!;
    const chart = h.chart!;
    const spec = seedChartSpec(model, chart, ['zh', 'en'], t, { width: 640, height: 420 });
    expect(spec.title?.text).toBe(chart.title!.zh);
    expect(spec.title?.subtitle).toContain(chart.title!.en);
    const svg = textOf(await seedChartSvg(model, chart, ['zh', 'en'], t, { width: 640, height: 420, base: ROOT }));
    expect(svg).toContain('1570.6万人');
    expect(svg).toContain('Pension insurance');
  });

  it('another theme restyles the same chart (neutral: its palette, no newspaper red)', async () => {
    const t = loadTheme('neutral');
    const h = model.highlights.find((x) => x.id === 'assistance')!;
    const svg = (await seedChartSvg(model, h.chart!, ['en'], t, { width: 640, height: 360, base: ROOT })).toLowerCase();
    expect(svg).toContain(t.palette[0]!.toLowerCase());
    expect(svg).not.toContain('#b3191f');
    expect(svg).not.toContain('#c8a04a');
  });

  it('compact form has no title and still prints the figures', async () => {
    const t = theme();
    const h = model.highlights.find((x) => x.id === 'eldercare')!;
    const spec = seedChartSpec(model, h.chart!, ['zh'], t, { width: 480, height: 240, compact: true });
    expect(spec.title).toBeUndefined();
    const svg = textOf(
      await seedChartSvg(model, h.chart!, ['zh'], t, { width: 480, height: 240, compact: true, base: ROOT }),
    );
    expect(svg).toContain('14.06万张');
    expect(svg).not.toContain(h.chart!.title!.zh);
  });

  it('PNG at 2x and vector PDF with embedded fonts', async () => {
    const t = theme();
    const h = model.highlights.find((x) => x.id === 'medical')!;
    const png = await renderSeedChart(model, h.chart!, ['zh'], t, {
      width: 640,
      height: 360,
      format: 'png',
      scale: 2,
      base: ROOT,
    });
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(png.width * 2));
    const pdf = await renderSeedChart(model, h.chart!, ['en'], t, {
      width: 640,
      height: 360,
      format: 'pdf',
      base: ROOT,
    });
    const s = pdf.bytes.toString('latin1');
    expect(s.startsWith('%PDF')).toBe(true);
    expect(s).toMatch(/\/FontFile2/);
    expect(s).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

describe('alt text', () => {
  it('states the exact figures in each language', () => {
    const pension = model.highlights.find((x) => x.id === 'pension')!.chart!;
    expect(chartAlt(model, pension, 'en')).toContain(
      'people with basic pension insurance rose from 12.28 million in 2012 to 15.706 million in 2020 (+27.9%)',
    );
    expect(chartAlt(model, pension, 'zh')).toContain(
      '基本养老保险参保人数从2012年的1228万人增加到2020年的1570.6万人（+27.9%）',
    );
    expect(chartAlt(model, 'targets', 'en')).toContain('96.4% reached');
  });
});

describe('chart planner', () => {
  it('plans svg, pdf and png per chart and language, with only the chart in its inputs', () => {
    const t = loadTheme('newspaper');
    const jobs = chartPlanner.plan(model, t, { langs: ['zh', 'en'], strict: false });
    const paths = jobs.map((j) => j.path);
    for (const [id] of charts(model)) {
      for (const lang of ['zh', 'en'])
        for (const ext of ['svg', 'pdf', 'png']) expect(paths).toContain(`charts/${id}-${lang}.${ext}`);
    }
    expect(jobs).toHaveLength(charts(model).length * 2 * 3);
    expect(jobs.every((j) => j.kind === 'chart' && j.width > 0 && j.height > 0)).toBe(true);
    const pension = jobs.find((j) => j.path === 'charts/pension-zh.svg')!;
    expect(pension.alt.zh).toMatch(/^柱状图/);
    const text = JSON.stringify(pension.inputs);
    expect(text).toContain('pension.average');
    expect(text).not.toContain('medical.income');
    expect(text).not.toContain('Pensions, 2012'); // the English title is not in the zh chart
    // editing another highlight leaves this chart's inputs unchanged
    const edited = structuredClone(model);
    edited.highlights.find((h) => h.id === 'medical')!.chart!.title!.zh = '改';
    const again = chartPlanner
      .plan(edited, t, { langs: ['zh'], strict: false })
      .find((j) => j.path === 'charts/pension-zh.svg')!;
    expect(JSON.stringify(again.inputs)).toBe(text);
  });

  it('render() produces the bytes', async () => {
    const t = loadTheme('newspaper');
    const job = chartPlanner
      .plan(model, t, { langs: ['en'], strict: false })
      .find((j) => j.path === 'charts/targets-en.svg')!;
    const r = await job.render({ model, theme: t, root: ROOT, strict: false, warn: () => undefined });
    expect(r.bytes.toString()).toContain('16.3 million');
  });
});
