/**
 * Chart outputs: every highlight's chart and the outlook's target chart on its own, per
 * language, as `charts/<chart>-<lang>.svg` (real text), `.pdf` (vector, embedded subset
 * fonts) and `.png` (2x). Planning binds the spec (cheap, no vega); render() imports the
 * renderer lazily.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, Planner, PlanOptions, RenderContext } from '../../write/job.js';
import { chartAlt, describeCharts } from './alt.js';
import {
  indicatorOf,
  rankSubject,
  resolveChart,
  seedChartSize,
  seedChartSpec,
  templateRelPath,
  type SeedChart,
  type SeedChartOptions,
} from './bind.js';

/** Size of a chart on its own (CSS px; PNG at 2x). */
export const STANDALONE: SeedChartOptions = { width: 640, height: 360 };
export const FORMATS = [
  { ext: 'svg', format: 'svg', scale: 1 },
  { ext: 'pdf', format: 'pdf', scale: 1 },
  { ext: 'png', format: 'png', scale: 2 },
] as const;

/** Every seed chart of the model: [output name, chart]. */
export function seedCharts(model: Model): [string, SeedChart, string | undefined][] {
  return [
    ...model.highlights.map((h) => [h.id, h.chart, h.id] as [string, SeedChart, string]),
    ['targets', 'targets', undefined],
  ];
}

/** Only what the chart shows, in one language: its metrics' indicators and observations, title, theme. */
export function chartInputs(model: Model, chart: SeedChart, lang: string, theme: Theme): unknown {
  const c = resolveChart(model, chart);
  const ids = [...c.metrics, ...c.ranks];
  const subjects = c.ranks.map((r) => rankSubject(model, r)?.id).filter((x): x is string => !!x);
  const ind = (id: string) => {
    const i = indicatorOf(model, id);
    return {
      id,
      unit: i.unit,
      counter: i.counter?.[lang],
      scale: i.scale?.[lang],
      digits: i.digits,
      label: i.label[lang],
      short: i.short?.[lang],
    };
  };
  return {
    template: c.template,
    chart: c.id,
    lang,
    title: c.title[lang],
    targetYear: c.targetYear,
    indicators: [...ids, ...subjects].map(ind),
    observations: model.observations.filter((o) => ids.includes(o.id)).map(({ path: _p, ...o }) => o),
    theme,
  };
}

/** A chart output as plain data (`OutputJob.spec`): which chart (a highlight's id or `targets`), language and format. */
export interface ChartSpec extends JobSpec {
  kind: 'chart';
  /** output name: the highlight's id, or `targets` */
  name: string;
  lang: string;
  ext: (typeof FORMATS)[number]['ext'];
}

/** The chart job `spec` describes. */
export function chartJob(model: Model, theme: Theme, spec: ChartSpec): OutputJob {
  describeCharts(model);
  const { name, lang } = spec;
  const found = seedCharts(model).find(([n]) => n === name);
  const f = FORMATS.find((x) => x.ext === spec.ext);
  if (!found || !f) throw new Error(`no chart output ${name} (${spec.ext}) in ${model.id}`);
  const [, chart, highlight] = found;
  const c = resolveChart(model, chart);
  const size = seedChartSize(seedChartSpec(model, chart, [lang], theme, STANDALONE));
  const inputs = chartInputs(model, chart, lang, theme);
  return {
    path: `charts/${name}-${lang}.${f.ext}`,
    kind: 'chart',
    langs: [lang],
    ...(highlight ? { highlight } : {}),
    width: size.width,
    height: size.height,
    alt: { [lang]: chartAlt(model, chart, lang) },
    inputs: { ...(inputs as object), format: f.format, scale: f.scale, size: STANDALONE },
    files: [templateRelPath(c.template), `templates/themes/${theme.name}.yaml`],
    spec,
    async render(ctx: RenderContext) {
      const { renderSeedChart } = await import('./render.js');
      const current = highlight ? (ctx.model.highlights.find((h) => h.id === highlight)?.chart ?? chart) : chart;
      const r = await renderSeedChart(ctx.model, current, [lang], ctx.theme, {
        ...STANDALONE,
        format: f.format,
        scale: f.scale,
        base: ctx.root,
      });
      return { bytes: r.bytes, width: r.width, height: r.height };
    },
  };
}

export const chartPlanner: Planner = {
  kind: 'chart',
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
    describeCharts(model);
    return seedCharts(model).flatMap(([name]) =>
      options.langs.flatMap((lang) =>
        FORMATS.map((f) => chartJob(model, theme, { kind: 'chart', name, lang, ext: f.ext })),
      ),
    );
  },
  job: (model, theme, spec) => chartJob(model, theme, spec as ChartSpec),
};
