import { describeCharts } from '../../charts/seed/alt.js';
import { templateRelPath } from '../../charts/seed/bind.js';
/**
 * Bilingual posters: layouts overview, targets and highlight (one per highlight) × presets ×
 * language orders. `output/<id>/posters/<layout>[-<highlight>]-<langs>-<preset>.png`.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { painter } from '../offload.js';
import { themeCtx } from '../raster/context.js';
import {
  DEFAULT_POSTER_PRESETS,
  POSTER_PRESETS,
  posterClass,
  type PosterLayout,
  type PosterPreset,
} from './presets.js';

export {
  POSTER_PRESETS,
  DEFAULT_POSTER_PRESETS,
  POSTER_LAYOUTS,
  posterClass,
  type PosterPreset,
  type PosterLayout,
} from './presets.js';

export interface PosterPlanOptions extends PlanOptions {
  /**
   * Language orders to write. The CLI passes [langs] when --lang was given; without it
   * (undefined) both orders of the first two languages are written.
   */
  langOrders?: string[][];
}

export function posterOrders(options: PosterPlanOptions): string[][] {
  if (options.langOrders?.length) return options.langOrders;
  if (options.explicitLangs) return [options.langs];
  const [a, b] = options.langs;
  if (!a) return [];
  if (!b) return [[a]];
  return [
    [a, b],
    [b, a],
  ];
}

/** Alt text of a poster in one language, from the data. */
export function posterAlt(model: Model, layout: PosterLayout, lang: string, highlight?: number): string {
  const zh = lang === 'zh';
  const title = model.meta.title[lang] ?? '';
  const fig = (i: number) => {
    const h = model.highlights[i]!;
    return zh
      ? `${h.number}. ${h.title.zh}：${h.key!.label.zh}${h.key!.value.zh!.text}`
      : `${h.number}. ${h.title[lang]}: ${h.key!.label[lang]} ${h.key!.value[lang]!.text}`;
  };
  if (layout === 'overview') {
    const list = model.highlights.map((_, i) => fig(i)).join(zh ? '；' : '; ');
    return zh
      ? `信息图海报《${title}》，${model.highlights.length}个要点：${list}。`
      : `Poster "${title}", ${model.highlights.length} highlights: ${list}.`;
  }
  if (layout === 'targets') {
    return (
      (zh ? `信息图海报《${model.outlook!.title.zh}》：` : `Poster "${model.outlook!.title[lang]}": `) +
      (model.outlook!.targets!.alt[lang] ?? '')
    );
  }
  const h = model.highlights[highlight ?? 0]!;
  const c = h.key!.compare
    ? zh
      ? `（${h.key!.compare.text.zh}，${h.key!.compare.change}）`
      : ` (${h.key!.compare.text[lang]}, ${h.key!.compare.change})`
    : '';
  return (
    (zh ? `信息图海报《${title}》之${h.number}：` : `Poster "${title}", highlight ${h.number}: `) +
    fig(highlight ?? 0) +
    c +
    (zh ? '。' : '. ') +
    (h.alt[lang] ?? '')
  );
}

/** A poster as plain data (`OutputJob.spec`): layout, highlight, preset, language order, PNG or the printer's PDF. */
export interface PosterSpec extends JobSpec {
  kind: 'poster';
  layout: PosterLayout;
  /** the highlight's id, for the highlight layout */
  highlight?: string;
  preset: string;
  langs: string[];
  /** the printer's file (vector, CMYK) instead of the PNG */
  pdf: boolean;
}

/** The poster job `spec` describes. */
export function posterJob(model: Model, theme: Theme, spec: PosterSpec): OutputJob {
  describeCharts(model);
  const { layout, preset: pname, langs } = spec;
  const preset: PosterPreset | undefined = POSTER_PRESETS[pname];
  if (!preset) throw new Error(`no poster preset "${pname}"`);
  const hi = spec.highlight === undefined ? undefined : model.highlights.findIndex((x) => x.id === spec.highlight);
  if (hi === -1) throw new Error(`no highlight "${spec.highlight}" in ${model.id} for a poster`);
  const h = hi === undefined ? undefined : model.highlights[hi]!;
  const cls = posterClass(preset);
  // the chart templates a layout draws: its highlight's, every highlight's (overview) or the targets'
  const chartTemplates = [
    ...new Set(
      h
        ? [h.chart?.template]
        : layout === 'overview'
          ? model.highlights.map((x) => x.chart?.template)
          : [model.outlook?.targets?.chart],
    ),
  ]
    .filter((t): t is string => t !== undefined)
    .map(templateRelPath);
  // what metaCtx shows: title, kicker, intro, region, date, source, credits
  const meta = { id: model.id, ...model.meta };
  const template = `templates/posters/${layout}-${cls}.svg.hbs`;
  const stem = `posters/${layout}${h ? `-${h.id}` : ''}-${langs.join('-')}-${pname}`;
  const alt = Object.fromEntries(langs.map((l) => [l, posterAlt(model, layout, l, hi)]));
  const inputs = {
    kind: 'poster',
    layout,
    preset,
    langs,
    theme: themeCtx(theme),
    meta,
    ...posterSlice(model, layout, h),
  };
  const request = (ctx: RenderContext) => ({
    model: ctx.model,
    theme: ctx.theme,
    root: ctx.root,
    layout,
    highlight: hi,
    preset,
    langs,
    strict: ctx.strict,
    paint: painter(ctx.offload),
  });
  const common = {
    kind: 'poster' as const,
    langs,
    preset: pname,
    layout,
    ...(h ? { highlight: h.id } : {}),
    alt,
    files: [template, ...chartTemplates],
    spec,
  };
  if (!spec.pdf)
    return {
      ...common,
      path: `${stem}.png`,
      width: preset.width,
      height: preset.height,
      inputs,
      async render(ctx: RenderContext) {
        const { renderPosterWithWarnings } = await import('./render.js');
        return renderPosterWithWarnings(request(ctx));
      },
    };
  const pt = 72 / (preset.dpi ?? 72);
  return {
    ...common,
    path: `${stem}.pdf`,
    width: Math.round(preset.width * pt * 100) / 100,
    height: Math.round(preset.height * pt * 100) / 100,
    inputs: { ...inputs, format: 'pdf-cmyk' },
    async render(ctx: RenderContext) {
      const { renderPosterPdf } = await import('./pdf.js');
      return { bytes: await renderPosterPdf(request(ctx)) };
    },
  };
}

/** The part of the model a poster layout shows (hashed into its inputs). */
function posterSlice(model: Model, layout: PosterLayout, h: Model['highlights'][number] | undefined): object {
  if (layout === 'overview')
    return { highlights: model.highlights.map((x) => ({ id: x.id, hash: x.hash })), indicators: model.indicators };
  if (layout === 'targets')
    return {
      outlook: {
        title: model.outlook!.title,
        lede: model.outlook!.lede,
        byline: model.outlook!.byline,
        targets: model.outlook!.targets,
      },
      observations: model.observations.filter((o) => model.outlook!.targets!.metrics.includes(o.id)),
      indicators: model.outlook!.targets!.metrics.map((id) => model.indicators[id]),
    };
  if (h)
    return {
      highlight: {
        id: h.id,
        hash: h.hash,
        facts: h.facts,
        title: h.title,
        key: h.key,
        chart: h.chart,
        alt: h.alt,
      },
      observations: model.observations.filter(
        (o) => h.chart!.metrics.includes(o.id) || (h.chart!.ranks ?? []).includes(o.id),
      ),
    };
  return {};
}

export const posterPlanner: Planner = {
  kind: 'poster',
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
    describeCharts(model);
    const names = options.presets?.length ? options.presets.filter((p) => p in POSTER_PRESETS) : DEFAULT_POSTER_PRESETS;
    const jobs: OutputJob[] = [];
    for (const langs of posterOrders(options as PosterPlanOptions)) {
      for (const preset of names) {
        // a print preset asked for by name (--preset a3) also gets the printer's file: vector, CMYK,
        // trim and bleed boxes (size in points). Not in the default build: at ~0.7 s each it would
        // be a third of a cold build for a file only the print run needs.
        const pdf = Boolean(POSTER_PRESETS[preset]!.print && options.presets?.includes(preset));
        const add = (layout: PosterLayout, highlight?: string) => {
          const spec: PosterSpec = {
            kind: 'poster',
            layout,
            ...(highlight ? { highlight } : {}),
            preset,
            langs,
            pdf: false,
          };
          jobs.push(posterJob(model, theme, spec));
          if (pdf) jobs.push(posterJob(model, theme, { ...spec, pdf: true }));
        };
        // interim, until the layout engine draws any highlight: posters need a figure and a chart
        if (model.highlights.every((h) => h.key && h.chart)) add('overview');
        if (model.outlook?.targets) add('targets');
        for (const h of model.highlights) if (h.key && h.chart) add('highlight', h.id);
      }
    }
    return jobs;
  },
  job: (model, theme, spec) => posterJob(model, theme, spec as PosterSpec),
};
