/**
 * The layout check (src/layout/check.ts) on every poster and card of the sample, and on
 * generated datasets: 1 and 12 highlights and the longest titles the format allows, in every
 * language order (zh-en, en-zh, each language alone). Every layout must also fit without a
 * warning: nothing abridged, nothing past its box.
 */
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../../../src/layout/check.js';
import type { Model } from '../../../src/model/types.js';
import { CARD_PRESETS } from '../../../src/render/card/presets.js';
import { layoutCard } from '../../../src/render/card/render.js';
import { POSTER_PRESETS } from '../../../src/render/poster/presets.js';
import { layoutPoster } from '../../../src/render/poster/render.js';
import type { LayoutResult } from '../../../src/render/raster/engine.js';
import { model as sample, root, theme } from './helpers.js';
import { longestTitles, withHighlights, withoutOptional } from './variants.js';

const ORDERS = [['zh', 'en'], ['en', 'zh'], ['zh'], ['en']];

function verdict(
  r: LayoutResult,
  langs: string[],
  safe?: { top: number; right: number; bottom: number; left: number },
) {
  return [
    ...r.warnings,
    ...checkLayout({ boxes: r.boxes, width: r.width, height: r.height, minTextPx: r.minTextPx, langs, safe }),
  ];
}

async function posters(model: Model, presets: string[], orders: string[][], highlights: number[]) {
  const bad: string[] = [];
  for (const name of presets) {
    const preset = POSTER_PRESETS[name]!;
    const bleed = preset.bleed ?? 0;
    for (const langs of orders)
      for (const [layout, highlight] of [
        ['overview', undefined],
        ['targets', undefined],
        ...highlights.map((i) => ['highlight', i] as const),
      ] as const) {
        const r = await layoutPoster({ model, theme, root, layout, highlight, preset, langs, strict: false });
        for (const p of verdict(r, langs, { top: bleed, right: bleed, bottom: bleed, left: bleed }))
          bad.push(`${model.id} ${layout}${highlight ?? ''} ${name} ${langs.join('-')}: ${p}`);
      }
  }
  return bad;
}

async function cards(model: Model, orders: string[][], highlights: number[]) {
  const bad: string[] = [];
  for (const preset of Object.values(CARD_PRESETS))
    for (const langs of orders)
      for (const highlight of highlights) {
        const r = await layoutCard({ model, theme, root, highlight, preset, langs, strict: false });
        for (const p of verdict(r, langs, preset.safe))
          bad.push(`${model.id} card ${highlight} ${preset.name} ${langs.join('-')}: ${p}`);
      }
  return bad;
}

describe('layout check', () => {
  const all = sample.highlights.map((_, i) => i);
  it('the sample: every poster and card, both orders and each language alone', { timeout: 600_000 }, async () => {
    const bad = [
      ...(await posters(sample, ['story', 'wide', 'a3'], ORDERS.slice(0, 2), all)),
      ...(await cards(sample, ORDERS, all)),
    ];
    expect(bad).toEqual([]);
  });

  it.each([1, 12])('%i highlights: posters and cards', { timeout: 600_000 }, async (n) => {
    const m = withHighlights(sample, n);
    const bad = [
      ...(await posters(m, ['story', 'wide', 'a3'], ORDERS, [0, n - 1])),
      ...(await cards(m, ORDERS, [n - 1])),
    ];
    expect(bad).toEqual([]);
  });

  it('the longest titles the format allows', { timeout: 600_000 }, async () => {
    const m = longestTitles(sample);
    const bad = [...(await posters(m, ['story', 'wide', 'a3'], ORDERS, [2])), ...(await cards(m, ORDERS, [2]))];
    expect(bad).toEqual([]);
  });

  it('absent optional parts (kicker, tagline, credits, source) leave no text, band or separator', {
    timeout: 600_000,
  }, async () => {
    const m = withoutOptional(sample);
    const bad = [
      ...(await posters(m, ['story', 'wide'], ORDERS.slice(0, 2), [0])),
      ...(await cards(m, ORDERS.slice(0, 1), [0])),
    ];
    expect(bad).toEqual([]);
    const r = await layoutPoster({
      model: m,
      theme,
      root,
      layout: 'overview',
      preset: POSTER_PRESETS.story!,
      langs: ['zh', 'en'],
    });
    const fields = r.boxes.map((b) => b.field ?? '');
    expect(fields.filter((f) => /^meta\.(tagline|credits|source)/.test(f))).toEqual([]);
    // the kicker line is the region and year alone: no leading separator
    const k = await layoutPoster({
      model: { ...m, meta: { ...m.meta, region: { zh: '', en: '' } } },
      theme,
      root,
      layout: 'overview',
      preset: POSTER_PRESETS.story!,
      langs: ['zh', 'en'],
    });
    const kicker = k.boxes.find((b) => b.field === 'meta.kicker.zh')!;
    expect(kicker.lines).toEqual(['2021年']);
    // no filled band is left for the absent tagline (the theme's accent)
    expect(r.boxes.some((b) => b.kind === 'box' && b.fill === theme.colors.accent.toLowerCase())).toBe(false);
  });

  it('finds what it is for: text past its box, under the medium, overlapping, one language missing', () => {
    const base = { width: 1000, height: 1000, minTextPx: 14, langs: ['zh', 'en'] };
    const page = { kind: 'box' as const, element: 'page', x: 0, y: 0, w: 1000, h: 1000, parent: -1, fill: '#fff' };
    const t = (field: string, x: number, y: number, size = 20) => ({
      kind: 'text' as const,
      field,
      x,
      y,
      w: 300,
      h: 40,
      size,
      parent: 0,
    });
    expect(checkLayout({ ...base, boxes: [page, t('a.zh', 900, 10), t('a.en', 0, 100)] }).join('\n')).toMatch(
      /a\.zh is outside the canvas/,
    );
    expect(checkLayout({ ...base, boxes: [page, t('a.zh', 0, 10, 10), t('a.en', 0, 100)] }).join('\n')).toMatch(
      /a\.zh is set at 10 px, under the medium's 14 px/,
    );
    expect(checkLayout({ ...base, boxes: [page, t('a.zh', 0, 10), t('a.en', 0, 30)] }).join('\n')).toMatch(
      /a\.zh overlaps a\.en/,
    );
    expect(checkLayout({ ...base, boxes: [page, t('a.zh', 0, 10)] }).join('\n')).toMatch(/not a\.en/);
    // a figure written alike in both languages is set once and stands for both fields
    const once = { ...t('a.zh', 0, 10), also: ['a.en'] };
    expect(checkLayout({ ...base, boxes: [page, once] }).join('\n')).not.toMatch(/not a\.en/);
    expect(checkLayout({ ...base, boxes: [page, t('a.zh', 0, 10), t('a.en', 0, 900)] }).join('\n')).toMatch(
      /blank band/,
    );
  });
});
