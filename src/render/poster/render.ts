/** Poster rendering: context, layout (boxes, for tests) and bytes. Imported lazily. */
import { localeFor } from '../../format/index.js';
import { formatObservation } from '../../model/figures.js';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import {
  highlightCtx,
  langCtx,
  layoutFile,
  metaCtx,
  rasterizeLayout,
  type LayoutResult,
  type Pair,
} from '../raster/index.js';
import type { Painter } from '../raster/paintjob.js';
import { posterClass, type PosterLayout, type PosterPreset } from './presets.js';

export interface PosterRequest {
  model: Model;
  theme: Theme;
  root: string;
  layout: PosterLayout;
  /** index into model.highlights (layout 'highlight') */
  highlight?: number;
  preset: PosterPreset;
  langs: string[];
  /** overflowing text is an error (default) rather than a warning with an ellipsis */
  strict?: boolean;
  /** where the scene is painted (default: this thread) */
  paint?: Painter;
}

export function posterTemplate(layout: PosterLayout, preset: PosterPreset): string {
  return `templates/posters/${layout}-${posterClass(preset)}.svg.hbs`;
}

const pairOf = (langs: string[], f: (l: string) => string): Pair => ({
  p: f(langs[0]!),
  ...(langs[1] ? { s: f(langs[1]) } : {}),
});

/** Each target against the latest figure before the target year, formatted in each language (qualifiers kept). */
export function targetsCtx(model: Model, langs: string[]) {
  const t = model.outlook!.targets!;
  return t.metrics.map((id, i) => {
    const ind = model.indicators[id]!;
    const now = model.observations
      .filter((o) => o.id === id && !o.target && o.year < t.year)
      .sort((a, b) => b.year - a.year)[0]!;
    const goal =
      model.observations.find((o) => o.id === id && o.year === t.year && o.target) ??
      model.observations.find((o) => o.id === id && o.year === t.year)!;
    return {
      idx: i,
      label: pairOf(langs, (l) => ind.short[l] ?? ind.label[l] ?? id),
      now: pairOf(langs, (l) => formatObservation(ind, now, l)),
      goal: pairOf(langs, (l) => formatObservation(ind, goal, l)),
      nowYear: now.year,
      goalYear: t.year,
      change: localeFor(langs[0]!).change(now.value, goal.value),
    };
  });
}

export function posterContext(r: PosterRequest): Record<string, unknown> {
  const m = r.model;
  const hs = m.highlights.map((h, i) => ({
    ...highlightCtx(h, i, r.langs),
    c2: i % 2,
    r2: Math.floor(i / 2),
    c3: i % 3,
    r3: Math.floor(i / 3),
  }));
  const hi = r.highlight ?? 0;
  const h = m.highlights[hi];
  return {
    meta: metaCtx(m, r.theme, r.langs),
    lang: langCtx(r.langs),
    highlights: hs,
    total: m.highlights.length,
    h:
      r.layout === 'highlight' && h
        ? { ...hs[hi], facts: pairOf(r.langs, (l) => h.facts.map((f) => f.text[l] ?? '').join(l === 'zh' ? '' : ' ')) }
        : undefined,
    outlook: {
      title: pairOf(r.langs, (l) => m.outlook!.title[l] ?? ''),
      lede: pairOf(r.langs, (l) => m.outlook!.lede?.[l] ?? ''),
      byline: pairOf(r.langs, (l) => m.outlook!.byline?.[l] ?? ''),
      period: pairOf(r.langs, (l) => m.outlook!.targets!.period[l] ?? ''),
      chartTitle: pairOf(r.langs, (l) => m.outlook!.targets!.title[l] ?? ''),
      targets: targetsCtx(m, r.langs),
    },
    preset: r.preset.name,
    print: !!r.preset.print,
    showChart: true,
  };
}

export async function layoutPoster(r: PosterRequest): Promise<LayoutResult> {
  const bleed = r.preset.bleed ?? 0;
  return layoutFile({
    model: r.model,
    theme: r.theme,
    root: r.root,
    template: posterTemplate(r.layout, r.preset),
    layout: `posters/${r.layout}-${posterClass(r.preset)}`,
    preset: r.preset.name,
    width: r.preset.width,
    height: r.preset.height,
    design: r.preset.design,
    safe: { top: bleed, right: bleed, bottom: bleed, left: bleed },
    strict: r.strict,
    context: posterContext(r),
  });
}

export async function renderPoster(r: PosterRequest): Promise<Buffer> {
  return (await renderPosterWithWarnings(r)).bytes;
}

/** The poster's bytes and the texts that had to be cut to fit (non-strict builds). */
export async function renderPosterWithWarnings(r: PosterRequest): Promise<{ bytes: Buffer; warnings: string[] }> {
  const layout = await layoutPoster(r);
  const warnings = layout.warnings;
  const bytes = await rasterizeLayout(
    layout,
    {
      format: 'png',
      background: r.theme.colors.paper,
      ...(r.preset.print ? { dpi: r.preset.dpi, icc: true } : {}),
    },
    r.paint,
  );
  return { bytes, warnings };
}
