import { describe, expect, it } from 'vitest';
import { CARD_PRESETS } from '../../../src/render/card/planner.js';
import { layoutCard } from '../../../src/render/card/render.js';
import { model as seed, root, theme } from './helpers.js';

const long =
  'Work-injury and unemployment insurance now reach far more people across every city, county, banner and pastoral area';
const model = {
  ...seed,
  highlights: seed.highlights.map((h, i) => (i === 2 ? { ...h, title: { ...h.title, en: long } } : h)),
};

describe('text that cannot fit', () => {
  const req = { model, theme, root, highlight: 2, preset: CARD_PRESETS['wechat-square']!, langs: ['en'] };
  it('is cut with an ellipsis and a warning naming the field, layout and preset (default)', async () => {
    const r = await layoutCard({ ...req, strict: false });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/highlights\[2\]\.title\.en/);
    expect(r.warnings[0]).toMatch(/preset wechat-square/);
    const title = r.boxes.find((b) => b.field === 'highlights[2].title.en')!;
    expect(title.lines!.at(-1)).toMatch(/…$/);
    expect(title.lines!.at(-1)).not.toMatch(/peopl…$/); // Latin words are cut whole
  });
  it('is an error under --strict', async () => {
    await expect(layoutCard({ ...req, strict: true })).rejects.toThrow(
      /highlights\[2\]\.title\.en.*preset wechat-square/,
    );
  });
});
