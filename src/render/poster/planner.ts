import { describeCharts } from '../../charts/article/alt.js';
import { templateRelPath } from '../../charts/article/bind.js';
/**
 * Bilingual posters: layouts overview, targets and highlight (one per highlight) × presets ×
 * language orders. `output/<id>/posters/<layout>[-<highlight>]-<langs>-<preset>.png`.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import path from 'node:path';
import { say } from '../../format/index.js';
import { fontIdentity, themeFamilies } from '../../text/fonts.js';
import type { JobSpec, OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { figureAlt } from '../card/planner.js';
import { painter } from '../offload.js';
import { chartInputs, posterContext, themeCtx } from '../raster/context.js';
import { pictureHash } from '../raster/picture.js';
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
  const title = model.meta.title[lang] ?? '';
  const item = (i: number) => {
    const h = model.highlights[i]!;
    const head = say(lang, 'poster.item', { n: h.number, title: h.title[lang] ?? '' });
    return h.key
      ? head + say(lang, 'poster.itemFigure', { label: h.key.label[lang] ?? '', figure: h.key.value[lang]!.text })
      : head;
  };
  if (layout === 'overview') {
    const list = model.highlights.map((_, i) => item(i)).join(say(lang, 'sep.items'));
    return say(lang, 'poster.overview.alt', { title, n: model.highlights.length, list });
  }
  if (layout === 'targets') {
    const o = model.outlook;
    return say(lang, 'poster.targets.alt', { title: o?.title[lang] ?? title }) + (o?.targets?.alt[lang] ?? '');
  }
  const h = model.highlights[highlight ?? 0]!;
  return (
    say(lang, 'poster.highlight.alt', { title, n: h.number, heading: h.title[lang] ?? '' }) +
    (h.key ? figureAlt(h.key, lang) : '') +
    (h.alt[lang] ? say(lang, 'alt.then', { text: h.alt[lang]! }) : '')
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
  const template = `templates/posters/${layout}-${cls}.layout.hbs`;
  const stem = `posters/${layout}${h ? `-${h.id}` : ''}-${langs.join('-')}-${pname}`;
  const alt = Object.fromEntries(langs.map((l) => [l, posterAlt(model, layout, l, hi)]));
  // the charts the layout draws: its highlight's, every highlight's (overview) or the targets'
  const charts = h
    ? h.chart
      ? [h.id]
      : []
    : layout === 'overview'
      ? model.highlights.filter((x) => x.chart).map((x) => x.id)
      : ['targets'];
  // the exact context the template receives, plus what its charts draw, the theme and the fonts
  const inputs = {
    kind: 'poster',
    layout,
    preset,
    langs,
    context: posterContext({ model, theme, langs, layout, highlight: hi, preset }),
    theme: themeCtx(theme),
    fonts: fontIdentity(themeFamilies(theme.fonts, langs)),
    charts: chartInputs(model, charts),
    ...(layout === 'overview'
      ? {
          pictures: (model.photos ?? [])
            .filter((p) => p.image)
            .map((p) => pictureHash(path.dirname(path.resolve(model.file)), p.image!)),
        }
      : {}),
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
        add('overview');
        if (model.outlook?.targets) add('targets');
        for (const h of model.highlights) add('highlight', h.id);
      }
    }
    return jobs;
  },
  job: (model, theme, spec) => posterJob(model, theme, spec as PosterSpec),
};
