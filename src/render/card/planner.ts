import { describeCharts } from '../../charts/article/alt.js';
import { templateRelPath } from '../../charts/article/bind.js';
import { UsageError } from '../../errors.js';
import { say } from '../../format/index.js';
/**
 * Social cards: one per highlight × preset × language variant (zh, en, zh-en).
 * Planning is cheap (no sharp, no vega); `render()` lays out the card and rasterizes it,
 * and writes the alt text as a sidecar `.txt` beside the image.
 */
import type { Highlight, Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { JobSpec, OutputJob, PlanOptions, Planner, RenderContext } from '../../write/job.js';
import { fontIdentity, themeFamilies } from '../../text/fonts.js';
import { painter } from '../offload.js';
import { cardContext, chartInputs, themeCtx } from '../raster/context.js';
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
/** The key figure in a sentence for alt text: 养老保险参保2020年1570.6万人（…）。 / Pension insurance: 15.71 million in 2020 (…). */
export function figureAlt(key: NonNullable<Highlight['key']>, lang: string): string {
  const time = key.timeText[lang] ?? '';
  const when = time ? say(lang, key.time.kind === 'asof' ? 'alt.whenAsOf' : 'alt.when', { time }) : '';
  const c = key.compare;
  const detail = c
    ? say(lang, 'alt.compare', { text: c.text[lang] ?? '', change: c.changeText[lang] ?? c.change })
    : key.rank?.[lang]
      ? say(lang, 'alt.figureRank', { rank: key.rank[lang]! })
      : '';
  return say(lang, 'alt.figure', { label: key.label[lang] ?? '', figure: key.value[lang]!.text, when, detail });
}

export function cardAlt(model: Model, h: Highlight, lang: string, preset: CardPreset): string {
  const head = say(lang, 'card.alt', { n: h.number, total: model.highlights.length, title: h.title[lang] ?? '' });
  const chart = preset.chart && h.alt[lang] ? say(lang, 'alt.then', { text: h.alt[lang]! }) : '';
  return head + (h.key ? figureAlt(h.key, lang) : '') + chart;
}

/** A card as plain data (`OutputJob.spec`): which highlight, preset, languages, name pattern and format. */
export interface CardSpec extends JobSpec {
  kind: 'card';
  highlight: string;
  preset: string;
  /** the preset itself: a planner with extra presets may have made it */
  def: CardPreset;
  langs: string[];
  pattern: string;
  format: ImageFormat;
}

/** The card job `spec` describes. */
export function cardJob(model: Model, theme: Theme, spec: CardSpec): OutputJob {
  describeCharts(model);
  const { preset: pname, def: preset, langs, pattern, format } = spec;
  const idx = model.highlights.findIndex((x) => x.id === spec.highlight);
  const h = model.highlights[idx];
  if (!h) throw new Error(`no highlight "${spec.highlight}" in ${model.id} for a card`);
  const ext = format === 'jpeg' ? 'jpg' : format;
  const layout = cardLayout(preset);
  const template = `templates/cards/${layout}.layout.hbs`;
  const lang = langs.join('-');
  const base = cardName(pattern, { id: model.id, highlight: h.id, n: h.number, preset: pname, lang });
  const alt = Object.fromEntries(langs.map((l) => [l, cardAlt(model, h, l, preset)]));
  // the exact context the template receives, plus what its chart draws, the theme and the fonts
  const inputs = {
    kind: 'card',
    format,
    preset,
    layout,
    langs,
    context: cardContext({ model, theme, langs, highlight: idx, preset }),
    theme: themeCtx(theme),
    fonts: fontIdentity(themeFamilies(theme.fonts, langs)),
    charts: preset.chart ? chartInputs(model, [h.id]) : null,
  };
  return {
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
    files: [template, ...(h.chart?.template ? [templateRelPath(h.chart.template)] : [])],
    spec,
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
        paint: painter(ctx.offload),
      });
      const txt = `${langs.map((l) => alt[l]).join('\n\n')}\n`;
      return { bytes, warnings, sidecars: [{ path: `cards/${base}.txt`, bytes: Buffer.from(txt, 'utf8') }] };
    },
  };
}

export function createCardPlanner(opts: CardOptions = {}): Planner {
  if (opts.name) checkNamePattern(opts.name);
  const registry: Record<string, CardPreset> = { ...CARD_PRESETS, ...(opts.presets ?? {}) };
  return {
    kind: 'card',
    plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[] {
      describeCharts(model);
      // --name / --format on the command line override the planner's own options
      const pattern = options.name ?? opts.name ?? DEFAULT_CARD_NAME;
      checkNamePattern(pattern);
      const format = options.format ?? opts.format ?? 'png';
      const names = options.presets?.length ? options.presets.filter((p) => p in registry) : Object.keys(registry);
      const jobs: OutputJob[] = [];
      for (const h of model.highlights)
        for (const preset of names)
          for (const langs of cardVariants(options.langs))
            jobs.push(
              cardJob(model, theme, {
                kind: 'card',
                highlight: h.id,
                preset,
                def: registry[preset]!,
                langs,
                pattern,
                format,
              }),
            );
      return jobs;
    },
    job: (model, theme, spec) => cardJob(model, theme, spec as CardSpec),
  };
}

export const cardPlanner: Planner = createCardPlanner();
