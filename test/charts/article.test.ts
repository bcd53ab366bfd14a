/**
 * The sample article's charts through the kinds: its datapress/1 template names are aliases
 * (before-after, income-spending → bars, allowance-rank → rank, composition → bars without a
 * declared total, progress-target → progress), its figures print as the prose prints them, and
 * nothing says a word the data does not (no "balance", no "total" of unrelated figures).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chartAlt } from '../../src/charts/article/alt.js';
import { bindChart, chartLinesAt, templateRelPath } from '../../src/charts/article/bind.js';
import { chartPlanner } from '../../src/charts/article/planner.js';
import { articleChartSvg, renderArticleChart } from '../../src/charts/article/render.js';
import { articleChart, articleCharts } from '../../src/charts/article/source.js';
import { svgTextLines } from '../../src/charts/svgtext.js';
import type { Model } from '../../src/model/types.js';
import { loadTheme, ROOT, seedModel } from './sample.js';

let model: Model;
beforeAll(async () => {
  model = await seedModel();
});

const BOX = { width: 640, height: 360 };

/** Figures each chart must print, per language: the same strings as the prose. */
const FIGURES: Record<string, Record<string, string[]>> = {
  pension: {
    zh: ['1570.6万人', '1228万人', '2715元/月', '133元/月', '+27.9%'],
    en: ['15.71 million', '12.28 million', 'CNY 2,715 a month', '+141.8%'],
  },
  medical: { zh: ['1450亿元', '1223亿元', '2016–2020年'], en: ['CNY 145 billion', 'CNY 122.3 billion', '2016–2020'] },
  'injury-unemployment': {
    zh: ['336万人', '276.5万人', '248.9万人'],
    en: ['3.36 million', '2.77 million', '2.49 million'],
  },
  assistance: {
    zh: ['772元/月', '6731元/年', '城镇低保标准全国排名：第7位', '第9位'],
    en: ['CNY 772 a month', 'CNY 6,731 a year', 'National rank of the urban allowance: 7th', '9th'],
  },
  // the ranks are the allowances', said under the people they reach in their own words
  'children-disability': {
    zh: ['31.44万人', '困难残疾人生活补贴全国排名：第9位', '第12位'],
    en: ['314,400', 'National rank of the hardship allowance: 9th', '12th'],
  },
  eldercare: { zh: ['14.06万张', '0.42万张'], en: ['140,600 beds', '4,200 beds'] },
  targets: {
    zh: ['1570.6万人', '1630万人', '完成目标的96.4%'],
    en: ['15.71 million', '16.3 million', '96.4% of the target'],
  },
};

const KINDS: Record<string, string> = {
  pension: 'before-after',
  medical: 'bars',
  'injury-unemployment': 'before-after',
  assistance: 'rank',
  'children-disability': 'rank',
  eldercare: 'bars',
  targets: 'progress',
};

const text = (svg: string) => svgTextLines(svg).join('').replace(/\s+/g, '');

describe('the sample article', () => {
  it('declares a chart per highlight and the targets, its old template names mapped onto kinds', () => {
    expect(articleCharts(model).map((c) => c.id)).toEqual(Object.keys(KINDS));
    for (const c of articleCharts(model))
      expect(bindChart(model, c, ['en'], loadTheme('newspaper'), BOX, ROOT)!.kind).toBe(KINDS[c.id]);
    expect(templateRelPath('allowance-rank')).toBe('templates/charts/rank.vl.json');
    expect(templateRelPath('income-spending')).toBe('templates/charts/bars.vl.json');
  });

  for (const lang of ['zh', 'en']) {
    it(`${lang}: every chart prints the prose's figures, in the theme's fonts and palette`, async () => {
      const t = loadTheme('newspaper');
      for (const c of articleCharts(model)) {
        const svg = (await articleChartSvg(model, c, [lang], t, { ...BOX, root: ROOT }))!;
        const all = text(svg);
        for (const fig of FIGURES[c.id]![lang]!)
          expect(all, `${c.id}-${lang}: ${fig}`).toContain(fig.replace(/\s+/g, ''));
        expect(svg).toContain('Noto Sans SC');
        // (the sample's ranks give no population yet: words only, no track)
        if (KINDS[c.id] !== 'rank') expect(svg.toLowerCase()).toContain(t.palette[0]!.toLowerCase());
        const title = c.decl.title?.[lang];
        if (title) expect(all).toContain(title.replace(/\s+/g, ''));
        if (lang === 'en') expect(all).not.toMatch(/[万亿]/);
        if (lang === 'zh') expect(all).not.toMatch(/million|billion|CNY/);
        // words the data does not give
        expect(all).not.toMatch(/结余|Balance|合计|Total/);
      }
    });
  }

  it('bilingual form: the first language titles the chart, the second is its subtitle', async () => {
    const t = loadTheme('newspaper');
    const c = articleChart(model, 'pension')!;
    const bound = bindChart(model, c, ['zh', 'en'], t, { width: 640, height: 420 }, ROOT)!;
    expect(bound.spec.title).toMatchObject({ text: c.decl.title!.zh, subtitle: [c.decl.title!.en] });
    const svg = (await articleChartSvg(model, c, ['zh', 'en'], t, { width: 640, height: 420, root: ROOT }))!;
    expect(text(svg)).toContain('1570.6万人');
    expect(svg).toContain('Pensions, 2012 and 2020');
  });

  it('another theme restyles the same chart (neutral: its palette, no newspaper red)', async () => {
    const t = loadTheme('neutral');
    const svg = (await articleChartSvg(model, 'assistance', ['en'], t, { ...BOX, root: ROOT }))!.toLowerCase();
    expect(svg).not.toContain('#b3191f');
    expect(svg).not.toContain('#c8a04a');
    const pension = (await articleChartSvg(model, 'pension', ['en'], t, { ...BOX, root: ROOT }))!.toLowerCase();
    expect(pension).toContain(t.palette[0]!.toLowerCase());
  });

  it('compact form has no title and still prints the figures', async () => {
    const t = loadTheme('newspaper');
    const c = articleChart(model, 'eldercare')!;
    expect(
      bindChart(model, c, ['zh'], t, { width: 480, height: 240, compact: true }, ROOT)!.spec.title,
    ).toBeUndefined();
    const svg = (await articleChartSvg(model, c, ['zh'], t, { width: 480, height: 240, compact: true, root: ROOT }))!;
    expect(text(svg)).toContain('14.06万张');
    expect(text(svg)).not.toContain(c.decl.title!.zh);
  });

  it('PNG at 2x and vector PDF with embedded fonts', async () => {
    const t = loadTheme('newspaper');
    const png = (await renderArticleChart(model, 'medical', ['zh'], t, {
      ...BOX,
      format: 'png',
      scale: 2,
      root: ROOT,
    }))!;
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(1280);
    const pdf = (await renderArticleChart(model, 'medical', ['en'], t, { ...BOX, format: 'pdf', root: ROOT }))!;
    const s = pdf.bytes.toString('latin1');
    expect(s.startsWith('%PDF')).toBe(true);
    expect(s).toMatch(/\/FontFile2/);
    expect(s).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

describe('chart lines', () => {
  it("a listing chart's lines at a width: notes beside their bars where they fit, else on lines of their own", () => {
    const theme = loadTheme('newspaper');
    const c = articleChart(model, 'eldercare')!;
    // a caption, and a heading and a bar for each of five providers
    expect(chartLinesAt(model, c, 'zh', theme, 936, 14)).toBe(11);
    // too narrow for "14.06万张" beside its bar: each note takes a line
    expect(chartLinesAt(model, c, 'zh', theme, 150, 14)).toBe(16);
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
    expect(chartAlt(model, 'targets', 'en')).toContain('target for 2025: 16.3 million (96.4% of the target)');
    // the eldercare beds are bars: no total the data does not declare
    expect(chartAlt(model, 'eldercare', 'zh')).not.toMatch(/合计|占/);
  });
});

describe('chart planner', () => {
  it('plans svg, pdf and png per chart and language, with only the chart in its inputs', () => {
    const t = loadTheme('newspaper');
    const jobs = chartPlanner.plan(model, t, { langs: ['zh', 'en'], strict: false });
    const paths = jobs.map((j) => j.path);
    for (const id of Object.keys(KINDS))
      for (const lang of ['zh', 'en'])
        for (const ext of ['svg', 'pdf', 'png']) expect(paths).toContain(`charts/${id}-${lang}.${ext}`);
    expect(jobs).toHaveLength(Object.keys(KINDS).length * 2 * 3);
    expect(jobs.every((j) => j.kind === 'chart' && j.width === 640 && j.height === 360)).toBe(true);
    const pension = jobs.find((j) => j.path === 'charts/pension-zh.svg')!;
    expect(pension.alt.zh).toMatch(/^柱状图/);
    expect(pension.files).toContain('templates/charts/before-after.vl.json');
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

  it('render() produces the bytes, filling the planned size', async () => {
    const t = loadTheme('newspaper');
    const job = chartPlanner
      .plan(model, t, { langs: ['en'], strict: false })
      .find((j) => j.path === 'charts/targets-en.svg')!;
    const r = await job.render({ model, theme: t, root: ROOT, strict: false, warn: () => undefined });
    expect(r.bytes.toString()).toContain('16.3 million');
    expect([r.width, r.height]).toEqual([job.width, job.height]);
  });
});
