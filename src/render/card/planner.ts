import { templateRelPath } from '../../charts/article/bind.js';
import { UsageError } from '../../errors.js';
/**
 * Social cards: one per highlight × preset × language variant (zh, en, zh-en).
 * Planning is cheap (no sharp, no vega); `render()` lays out the card and rasterizes it,
 * and writes the alt text as a sidecar `.txt` beside the image.
 */
import type { Highlight, Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { themeCtx } from '../raster/context.js';
import type { ImageFormat } from '../raster/rasterize.js';
import { CARD_PRESETS, cardLayout, type CardPreset } from './presets.js';

export { CARD_PRESETS, DEFAULT_CARD_PRESETS, cardLayout, type CardPreset } from './presets.js';

export interface CardOptions {
  /** file name pattern without extension; fields {id} {highlight} {n} {preset} {lang} */
  name?: string;
  format?: ImageFormat;
  /** extra or overriding presets (from config) */
  presets?: Record<string, CardPreset>;
}

export const DEFAULT_CARD_NAME = '{highlight}-{preset}-{lang}';
const NAME_FIELDS = new Set(['id', 'highlight', 'n', 'preset', 'lang']);

export class CardNameError extends UsageError {}

/** Check a --name pattern: known fields only, and enough of them to keep names unique. */
export function checkNamePattern(pattern: string): void {
  const fields = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const unknown = fields.filter((f) => !NAME_FIELDS.has(f));
  if (unknown.length)
    throw new CardNameError(`--name: unknown field {${unknown[0]}}; use {id} {highlight} {n} {preset} {lang}`);
  const has = (f: string) => fields.includes(f);
  if (!(has('highlight') || has('n')) || !has('preset') || !has('lang')) {
    throw new CardNameError(
      `--name "${pattern}" must contain {highlight} or {n}, {preset} and {lang} so every card gets its own file`,
    );
  }
  if (/[\\]|\.\.|^\//.test(pattern)) throw new CardNameError(`--name "${pattern}" must be a plain file name`);
}

export function cardName(
  pattern: string,
  f: { id: string; highlight: string; n: number; preset: string; lang: string },
): string {
  return pattern.replace(/\{(id|highlight|n|preset|lang)\}/g, (_m, k: keyof typeof f) => String(f[k]));
}

/** Language variants of cards: each language alone, then all together in the build's order. */
export function cardVariants(langs: string[]): string[][] {
  const out = langs.map((l) => [l]);
  if (langs.length > 1) out.push([...langs]);
  return out;
}

/** Alt text of a card, in one language, from the data. */
export function cardAlt(model: Model, h: Highlight, lang: string, preset: CardPreset): string {
  const zh = lang === 'zh';
  const fig = h.key.value[lang]!.text;
  const label = h.key.label[lang] ?? '';
  const c = h.key.compare;
  const detail = c
    ? zh
      ? `（${c.text.zh}，${c.change}）`
      : ` (${c.text[lang]}, ${c.change})`
    : h.key.rank
      ? zh
        ? `，${h.key.rank.zh}`
        : `, ${h.key.rank[lang]}`
      : '';
  const head = zh
    ? `数据卡片${h.number}/${model.highlights.length}：${h.title.zh}。${label}${h.key.year}年${fig}${detail}。`
    : `Data card ${h.number} of ${model.highlights.length}: ${h.title[lang]}. ${label}: ${fig} in ${h.key.year}${detail}.`;
  const chart = preset.chart ? (zh ? h.alt.zh : ` ${h.alt[lang]}`) : '';
  return head + chart;
}

export function createCardPlanner(opts: CardOptions = {}): Planner {
  if (opts.name) checkNamePattern(opts.name);
  const registry: Record<string, CardPreset> = { ...CARD_PRESETS, ...(opts.presets ?? {}) };
  return {
    kind: 'card',
    plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
      // --name / --format on the command line override the planner's own options
      const pattern = options.name ?? opts.name ?? DEFAULT_CARD_NAME;
      checkNamePattern(pattern);
      const format = options.format ?? opts.format ?? 'png';
      const ext = format === 'jpeg' ? 'jpg' : format;
      const names = options.presets?.length ? options.presets.filter((p) => p in registry) : Object.keys(registry);
      const jobs: OutputJob[] = [];
      for (const h of model.highlights) {
        for (const pname of names) {
          const preset = registry[pname]!;
          const layout = cardLayout(preset);
          const template = `templates/cards/${layout}.svg.hbs`;
          for (const langs of cardVariants(options.langs)) {
            const lang = langs.join('-');
            const base = cardName(pattern, { id: model.id, highlight: h.id, n: h.number, preset: pname, lang });
            const alt = Object.fromEntries(langs.map((l) => [l, cardAlt(model, h, l, preset)]));
            const idx = model.highlights.indexOf(h);
            const inputs = {
              kind: 'card',
              format,
              preset,
              layout,
              langs,
              highlight: {
                id: h.id,
                number: h.number,
                title: h.title,
                key: h.key,
                chart: h.chart,
                alt: h.alt,
                hash: h.hash,
                total: model.highlights.length,
              },
              meta: { title: model.meta.title, source: model.meta.source },
              theme: themeCtx(theme),
              // chart data: the observations of the chart's metrics
              chart: preset.chart
                ? model.observations.filter(
                    (o) => h.chart.metrics.includes(o.id) || (h.chart.ranks ?? []).includes(o.id),
                  )
                : null,
            };
            jobs.push({
              path: `cards/${base}.${ext}`,
              kind: 'card',
              langs,
              preset: pname,
              layout,
              highlight: h.id,
              width: preset.width,
              height: preset.height,
              alt,
              inputs,
              files: [template, templateRelPath(h.chart.template)],
              async render(ctx: RenderContext) {
                const { renderCardWithWarnings } = await import('./render.js');
                const { bytes, warnings } = await renderCardWithWarnings({
                  model: ctx.model,
                  theme: ctx.theme,
                  root: ctx.root,
                  highlight: idx,
                  preset,
                  langs,
                  format,
                  strict: ctx.strict,
                  paint: ctx.paint,
                });
                const txt = `${langs.map((l) => alt[l]).join('\n\n')}\n`;
                return { bytes, warnings, sidecars: [{ path: `cards/${base}.txt`, bytes: Buffer.from(txt, 'utf8') }] };
              },
            });
          }
        }
      }
      return jobs;
    },
  };
}

export const cardPlanner: Planner = createCardPlanner();
