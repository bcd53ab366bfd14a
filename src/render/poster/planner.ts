import { templateRelPath } from '../../charts/article/bind.js';
/**
 * Bilingual posters: layouts overview, targets and highlight (one per highlight) × presets ×
 * language orders. `output/<id>/posters/<layout>[-<highlight>]-<langs>-<preset>.png`.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
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
      ? `${h.number}. ${h.title.zh}：${h.key.label.zh}${h.key.value.zh!.text}`
      : `${h.number}. ${h.title[lang]}: ${h.key.label[lang]} ${h.key.value[lang]!.text}`;
  };
  if (layout === 'overview') {
    const list = model.highlights.map((_, i) => fig(i)).join(zh ? '；' : '; ');
    return zh
      ? `信息图海报《${title}》，${model.highlights.length}个要点：${list}。`
      : `Poster "${title}", ${model.highlights.length} highlights: ${list}.`;
  }
  if (layout === 'targets') {
    return (
      (zh ? `信息图海报《${model.outlook.title.zh}》：` : `Poster "${model.outlook.title[lang]}": `) +
      (model.outlook.targets.alt[lang] ?? '')
    );
  }
  const h = model.highlights[highlight ?? 0]!;
  const c = h.key.compare
    ? zh
      ? `（${h.key.compare.text.zh}，${h.key.compare.change}）`
      : ` (${h.key.compare.text[lang]}, ${h.key.compare.change})`
    : '';
  return (
    (zh ? `信息图海报《${title}》之${h.number}：` : `Poster "${title}", highlight ${h.number}: `) +
    fig(highlight ?? 0) +
    c +
    (zh ? '。' : '. ') +
    (h.alt[lang] ?? '')
  );
}

export const posterPlanner: Planner = {
  kind: 'poster',
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
    const names = options.presets?.length ? options.presets.filter((p) => p in POSTER_PRESETS) : DEFAULT_POSTER_PRESETS;
    const jobs: OutputJob[] = [];
    // the chart templates a layout draws: its highlight's, every highlight's (overview) or the targets'
    const chartTemplates = (layout: PosterLayout, h?: Model['highlights'][number]) =>
      [
        ...new Set(
          h
            ? [h.chart.template]
            : layout === 'overview'
              ? model.highlights.map((x) => x.chart.template)
              : [model.outlook.targets.chart],
        ),
      ].map(templateRelPath);
    // what metaCtx shows: title, kicker, intro, region, date, source, credits
    const meta = { id: model.id, ...model.meta };
    for (const langs of posterOrders(options as PosterPlanOptions)) {
      for (const pname of names) {
        const preset: PosterPreset = POSTER_PRESETS[pname]!;
        const cls = posterClass(preset);
        const add = (layout: PosterLayout, hi: number | undefined, slice: unknown) => {
          const h = hi === undefined ? undefined : model.highlights[hi]!;
          const template = `templates/posters/${layout}-${cls}.svg.hbs`;
          const stem = `posters/${layout}${h ? `-${h.id}` : ''}-${langs.join('-')}-${pname}`;
          const alt = Object.fromEntries(langs.map((l) => [l, posterAlt(model, layout, l, hi)]));
          const inputs = { kind: 'poster', layout, preset, langs, theme: themeCtx(theme), meta, ...(slice as object) };
          const request = (ctx: RenderContext) => ({
            model: ctx.model,
            theme: ctx.theme,
            root: ctx.root,
            layout,
            highlight: hi,
            preset,
            langs,
            strict: ctx.strict,
            paint: ctx.paint,
          });
          const common = {
            kind: 'poster' as const,
            langs,
            preset: pname,
            layout,
            ...(h ? { highlight: h.id } : {}),
            alt,
            files: [template, ...chartTemplates(layout, h)],
          };
          jobs.push({
            ...common,
            path: `${stem}.png`,
            width: preset.width,
            height: preset.height,
            inputs,
            async render(ctx: RenderContext) {
              const { renderPosterWithWarnings } = await import('./render.js');
              return renderPosterWithWarnings(request(ctx));
            },
          });
          // a print preset asked for by name (--preset a3) also gets the printer's file: vector, CMYK,
          // trim and bleed boxes (size in points). Not in the default build: at ~0.7 s each it would
          // be a third of a cold build for a file only the print run needs.
          if (preset.print && options.presets?.includes(pname)) {
            const pt = 72 / (preset.dpi ?? 72);
            jobs.push({
              ...common,
              path: `${stem}.pdf`,
              width: Math.round(preset.width * pt * 100) / 100,
              height: Math.round(preset.height * pt * 100) / 100,
              inputs: { ...inputs, format: 'pdf-cmyk' },
              async render(ctx: RenderContext) {
                const { renderPosterPdf } = await import('./pdf.js');
                return { bytes: await renderPosterPdf(request(ctx)) };
              },
            });
          }
        };
        add('overview', undefined, {
          highlights: model.highlights.map((h) => ({ id: h.id, hash: h.hash })),
          indicators: model.indicators,
        });
        add('targets', undefined, {
          outlook: {
            title: model.outlook.title,
            lede: model.outlook.lede,
            byline: model.outlook.byline,
            targets: model.outlook.targets,
          },
          observations: model.observations.filter((o) => model.outlook.targets.metrics.includes(o.id)),
          indicators: model.outlook.targets.metrics.map((id) => model.indicators[id]),
        });
        model.highlights.forEach((h, i) => {
          add('highlight', i, {
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
              (o) => h.chart.metrics.includes(o.id) || (h.chart.ranks ?? []).includes(o.id),
            ),
          });
        });
      }
    }
    return jobs;
  },
};
