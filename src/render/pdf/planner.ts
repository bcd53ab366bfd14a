/**
 * The report planner: two jobs, report.pdf (screen: A4, RGB, tagged PDF/UA) and
 * report-print.pdf (print: trim + bleed, DeviceCMYK, crop marks). Planning loads nothing
 * heavy; render() imports the typesetter (pdfkit, sharp, Vega) on demand.
 */
import { describeCharts } from '../../charts/article/alt.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { say } from '../../format/index.js';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { PROFILES, profileName } from './icc.js';
import { DEFAULT_BLEED_MM, DEFAULT_PRESET, getPreset, MM, PAGE_PRESETS } from './pages.js';
import { reportSource } from './structure.js';

export const REPORT_FILES = ['templates/report/report.hbs'];
/** bump when the renderer's output changes for the same inputs */
export const PDF_RENDERER_VERSION = 3;

/** The report's languages: the requested ones in dataset order; the first is set in full, the second as summaries. */
export function reportLangs(model: Model, langs: string[]): string[] {
  const wanted = langs.length ? langs : model.langs;
  const ordered = model.langs.filter((l) => wanted.includes(l));
  return (ordered.length ? ordered : wanted).slice(0, 2);
}

function chartFiles(model: Model): string[] {
  const names = new Set<string>();
  for (const h of model.highlights) if (h.chart?.template) names.add(h.chart.template);
  const t = model.outlook?.targets;
  if (t?.chart) names.add(t.chart);
  return [...names].sort().map((n) => `templates/charts/${n}.vl.json`);
}

/** The report described in each language, from the parts it has. */
function alt(model: Model, variant: 'screen' | 'print'): Record<string, string> {
  const out: Record<string, string> = {};
  const src = reportSource(model);
  for (const l of model.langs) {
    const rest: string[] = [];
    const t = src.outlook?.targets;
    if (t?.period?.[l]) rest.push(say(l, 'report.targets', { period: t.period[l]! }));
    if (src.outlook?.title?.[l]) rest.push(src.outlook.title[l]!);
    if (src.meta.credits?.length) rest.push(say(l, 'report.credits'));
    out[l] = say(l, 'report.alt', {
      title: model.meta.title[l] ?? '',
      variant: say(l, variant === 'print' ? 'report.print' : 'report.screen'),
      n: model.highlights.length,
      rest: rest.map((r) => say(l, 'sep.list') + r).join(''),
    });
  }
  return out;
}

/** Photo files: their bytes are inputs of the report (a new photo renders it again). */
function photoHashes(model: Model): (string | null)[] {
  const base = path.dirname(path.resolve(model.file));
  return (model.photos ?? []).map((p) => {
    if (!p.image) return null;
    const file = path.isAbsolute(p.image) ? p.image : path.join(base, p.image);
    return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
  });
}

/** The publisher's logo file: its bytes are an input of the report. */
function fileHash(file: string | undefined): string | null {
  return file && existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

/** A report as plain data (`OutputJob.spec`): screen or print, its languages, page preset and bleed. */
export interface PdfSpec extends JobSpec {
  kind: 'pdf';
  variant: 'screen' | 'print';
  langs: string[];
  /** page preset: --page, else a page preset named in --preset, else A4 */
  presetName: string;
  /** print bleed in mm */
  bleedMm: number;
}

/** The report job `spec` describes. */
export function pdfJob(model: Model, theme: Theme, spec: PdfSpec): OutputJob {
  describeCharts(model);
  const { variant, langs, bleedMm } = spec;
  const print = variant === 'print';
  const pagePreset = spec.presetName;
  const p = getPreset(pagePreset);
  const profile = profileName(theme);
  const profileFile = PROFILES[profile]?.file;
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
      photos: photoHashes(model),
      logo: fileHash(model.meta.publisher?.logo),
      profile: print ? profile : null,
      theme,
      sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null,
    },
    files: [
      ...REPORT_FILES,
      ...chartFiles(model),
      `templates/themes/${theme.name}.yaml`,
      ...(print && profileFile ? [profileFile] : []),
    ],
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
    const langs = reportLangs(model, options.langs);
    // --page, else a page preset named in --preset (a3 also names a poster size), else A4
    const presetName = (
      options.page ??
      options.presets?.find((p) => p.toLowerCase() in PAGE_PRESETS) ??
      DEFAULT_PRESET
    ).toLowerCase();
    getPreset(presetName); // an unknown preset fails here, at planning
    const bleedMm = options.bleedMm ?? DEFAULT_BLEED_MM;
    return (['screen', 'print'] as const).map((variant) =>
      pdfJob(model, theme, { kind: 'pdf', variant, langs, presetName, bleedMm }),
    );
  },
  job: (model, theme, spec) => pdfJob(model, theme, spec as PdfSpec),
};
