/**
 * The report planner: two jobs, report.pdf (screen: A4, RGB, tagged PDF/UA) and
 * report-print.pdf (print: trim + bleed, DeviceCMYK, crop marks). Planning loads nothing
 * heavy; render() imports the typesetter (pdfkit, sharp, Vega) on demand.
 */
import { describeCharts } from '../../charts/seed/alt.js';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { DEFAULT_BLEED_MM, DEFAULT_PRESET, getPreset, MM, PAGE_PRESETS } from './pages.js';

export const REPORT_FILES = ['templates/report/report.hbs'];
/** bump when the renderer's output changes for the same inputs */
export const PDF_RENDERER_VERSION = 1;

/** The report's languages: the requested ones in dataset order; a second language becomes a summary. */
export function reportLangs(model: Model, langs: string[]): string[] {
  const wanted = langs.length ? langs : model.langs;
  const ordered = model.langs.filter((l) => wanted.includes(l));
  return (ordered.length ? ordered : wanted).slice(0, 2);
}

function chartFiles(model: Model): string[] {
  const names = new Set([
    ...model.highlights.flatMap((h) => (h.chart?.template ? [h.chart.template] : [])),
    ...(model.outlook?.targets ? [model.outlook.targets.chart] : []),
  ]);
  return [...names].sort().map((n) => `templates/charts/${n}.vl.json`);
}

function alt(model: Model, variant: 'screen' | 'print'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of model.langs) {
    const title = model.meta.title[l] ?? '';
    const n = model.highlights.length;
    const year = model.outlook?.targets?.year ?? '';
    out[l] =
      l === 'zh'
        ? `《${title}》${variant === 'print' ? '印刷版' : '屏幕版'}PDF报告：导语、${n}个要点（关键数字与图表）、${year}年目标、展望与署名。`
        : `${variant === 'print' ? 'Print' : 'Screen'} PDF report "${title}": introduction, ${n} highlights with key figures and charts, ${year} targets, outlook and credits.`;
  }
  return out;
}

export interface PdfPlanExtras {
  presetName?: string;
  bleedMm?: number;
}

/** A report as plain data (`OutputJob.spec`): screen or print, its languages and page preset. */
export interface PdfSpec extends JobSpec {
  kind: 'pdf';
  variant: 'screen' | 'print';
  langs: string[];
  /** page preset of the print variant (the screen report is always the default) */
  presetName: string;
}

/** The report job `spec` describes. */
export function pdfJob(model: Model, theme: Theme, spec: PdfSpec): OutputJob {
  describeCharts(model);
  const { variant, langs } = spec;
  const bleedMm = DEFAULT_BLEED_MM;
  const print = variant === 'print';
  const pagePreset = print ? spec.presetName : DEFAULT_PRESET;
  const p = getPreset(pagePreset);
  return {
    path: print ? 'report-print.pdf' : 'report.pdf',
    kind: 'pdf',
    langs,
    preset: pagePreset,
    layout: 'report',
    width: Math.round((p.widthMm + (print ? 2 * bleedMm : 0)) * MM),
    height: Math.round((p.heightMm + (print ? 2 * bleedMm : 0)) * MM),
    alt: alt(model, variant),
    inputs: {
      renderer: `pdf/${PDF_RENDERER_VERSION}`,
      variant,
      langs,
      preset: pagePreset,
      bleedMm: print ? bleedMm : 0,
      model: model.hash,
      theme,
      sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null,
    },
    files: [...REPORT_FILES, ...chartFiles(model), `templates/themes/${theme.name}.yaml`],
    spec,
    async render(ctx: RenderContext) {
      const { renderReport } = await import('./render.js');
      const bytes = await renderReport(ctx.model, ctx.theme, {
        langs,
        variant,
        preset: pagePreset,
        bleedMm,
        root: ctx.root,
      });
      return { bytes };
    },
  };
}

export const pdfPlanner: Planner = {
  kind: 'pdf',
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
    describeCharts(model);
    // interim, until the report draws any article: it needs every highlight's figure and chart and the outlook
    if (!model.outlook?.targets || model.highlights.some((h) => !h.key || !h.chart)) return [];
    const langs = reportLangs(model, options.langs);
    const presetName = options.presets?.find((p) => p.toLowerCase() in PAGE_PRESETS)?.toLowerCase() ?? DEFAULT_PRESET;
    getPreset(presetName); // an unknown preset fails here, at planning
    return (['screen', 'print'] as const).map((variant) =>
      pdfJob(model, theme, { kind: 'pdf', variant, langs, presetName }),
    );
  },
  job: (model, theme, spec) => pdfJob(model, theme, spec as PdfSpec),
};
