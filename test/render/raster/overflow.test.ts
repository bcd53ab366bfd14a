import { describe, expect, it } from 'vitest';
import { CARD_PRESETS } from '../../../src/render/card/planner.js';
import { layoutCard } from '../../../src/render/card/render.js';
import { model as seed, root, theme } from './helpers.js';

// a title far past anything a card can hold: the layout shrinks every type it can, then reports
const long = Array(12)
  .fill('Work-injury and unemployment insurance now reach far more people across every city, county and banner')
  .join(' ');
const model = {
  ...seed,
  highlights: seed.highlights.map((h, i) => (i === 2 ? { ...h, title: { ...h.title, en: long } } : h)),
};

describe('text that cannot fit', () => {
  const req = { model, theme, root, highlight: 2, preset: CARD_PRESETS['wechat-square']!, langs: ['en'] };
  it('is reported naming the field, layout and preset, never cut with an ellipsis (default)', async () => {
    const r = await layoutCard({ ...req, strict: false });
    expect(r.warnings.join('\n')).toMatch(/cards\/thumb \(preset wechat-square\).*highlights\[2\]\.title\.en/);
    const title = r.boxes.find((b) => b.field === 'highlights[2].title.en')!;
    expect(title.lines!.join(' ')).not.toContain('…');
    expect(title.lines!.join('').replace(/\s+/g, '')).toBe(long.replace(/\s+/g, '')); // every word drawn
  });
  it('is an error under --strict', async () => {
    await expect(layoutCard({ ...req, strict: true })).rejects.toThrow(
      /preset wechat-square.*highlights\[2\]\.title\.en/,
    );
  });
});
