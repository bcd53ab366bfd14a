/**
 * Chart outputs: every chart of the article on its own, per language, as
 * `charts/<chart>-<lang>.svg` (real text), `.pdf` (vector, embedded subset fonts) and `.png`
 * (2x). Planning only reads the declarations (cheap, no vega, no fonts); render() binds and
 * renders lazily. A chart fills its box, so the job's size is the box.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, Planner, PlanOptions, RenderContext } from '../../write/job.js';
import { chartAlt, chosenKind, describeCharts } from './alt.js';
import { chartFiles } from './bind.js';
import { articleCharts, type ArticleChart } from './source.js';

/** Size of a chart on its own (CSS px; PNG at 2x). */
export const STANDALONE = { width: 640, height: 360 } as const;
export const FORMATS = [
  { ext: 'svg', format: 'svg', scale: 1 },
  { ext: 'pdf', format: 'pdf', scale: 1 },
  { ext: 'png', format: 'png', scale: 2 },
] as const;

/** Only what the chart shows, in one language: its metrics' indicators and observations, title, theme. */
export function chartInputs(model: Model, chart: ArticleChart, lang: string, theme: Theme): unknown {
  const d = chart.decl;
  const ids = [...new Set([...d.metrics, ...(d.ranks ?? []), ...(d.total && d.total !== 'sum' ? [d.total] : [])])];
  const ind = (id: string) => {
    const i = model.indicators[id];
    if (!i) return { id };
    const { label, short, counter, scale, among, scope, ...spec } = i as typeof i & {
      among?: Record<string, string>;
      scope?: Record<string, string>;
    };
    return {
      ...spec,
      label: label[lang],
      short: short?.[lang],
      counter: counter?.[lang],
      scale: scale?.[lang],
      among: among?.[lang],
      scope: scope?.[lang],
    };
  };
  return {
    chart: chart.id,
    decl: { ...d, title: d.title?.[lang] },
    lang,
    indicators: ids.map(ind),
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
  const chart = articleCharts(model).find((c) => c.id === name);
  const f = FORMATS.find((x) => x.ext === spec.ext);
  if (!chart || !f) throw new Error(`no chart output ${name} (${spec.ext}) in ${model.id}`);
  const inputs = chartInputs(model, chart, lang, theme);
  return {
    path: `charts/${chart.id}-${lang}.${f.ext}`,
    kind: 'chart',
    langs: [lang],
    ...(chart.highlight ? { highlight: chart.highlight } : {}),
    width: STANDALONE.width,
    height: STANDALONE.height,
    alt: { [lang]: chartAlt(model, chart, lang) },
    inputs: { ...(inputs as object), format: f.format, scale: f.scale, size: STANDALONE },
    files: [...chartFiles(chart.decl), `templates/themes/${theme.name}.yaml`],
    spec,
    async render(ctx: RenderContext) {
      const { renderArticleChart } = await import('./render.js');
      const current = articleCharts(ctx.model).find((c) => c.id === chart.id) ?? chart;
      const r = await renderArticleChart(ctx.model, current, [lang], ctx.theme, {
        ...STANDALONE,
        format: f.format,
        scale: f.scale,
        root: ctx.root,
      });
      if (!r) throw new Error(`chart "${chart.id}" draws nothing any more: rebuild to drop it`);
      return { bytes: r.bytes, width: r.width, height: r.height };
    },
  };
}

export const chartPlanner: Planner = {
  kind: 'chart',
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
    describeCharts(model);
    // `auto` with nothing that fits honestly draws no chart
    return articleCharts(model)
      .filter((chart) => chosenKind(model, chart) !== 'none')
      .flatMap((chart) =>
        options.langs.flatMap((lang) =>
          FORMATS.map((f) => chartJob(model, theme, { kind: 'chart', name: chart.id, lang, ext: f.ext })),
        ),
      );
  },
  job: (model, theme, spec) => chartJob(model, theme, spec as ChartSpec),
};
