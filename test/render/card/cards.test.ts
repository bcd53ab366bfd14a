import { describe, expect, it } from 'vitest';
import { CARD_PRESETS, cardPlanner, checkNamePattern, createCardPlanner } from '../../../src/render/card/planner.js';
import { layoutCard } from '../../../src/render/card/render.js';
import { writeZip } from '../../../src/render/card/zip.js';
import { loadSharp } from '../../../src/render/raster/rasterize.js';
import { contrast, model, overlaps, root, textBoxes, theme, themes } from '../raster/helpers.js';

const variants = [['zh'], ['en'], ['zh', 'en']];

describe('card planner', () => {
  const jobs = cardPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: true });
  it('plans every highlight × preset × language variant with the default names', () => {
    expect(jobs).toHaveLength(6 * 7 * 3);
    expect(jobs.map((j) => j.path)).toContain('cards/pension-og-zh-en.png');
    expect(jobs.map((j) => j.path)).toContain('cards/eldercare-wechat-square-en.png');
    expect(new Set(jobs.map((j) => j.path)).size).toBe(jobs.length);
    const j = jobs.find((x) => x.path === 'cards/pension-og-en.png')!;
    expect(j).toMatchObject({
      kind: 'card',
      preset: 'og',
      highlight: 'pension',
      langs: ['en'],
      width: 1200,
      height: 630,
      layout: 'landscape',
    });
  });
  it('alt text is written from the data, in the card language(s)', () => {
    const en = jobs.find((x) => x.path === 'cards/pension-og-en.png')!.alt.en!;
    expect(en).toContain('15.71 million');
    expect(en).toContain('+27.9%');
    expect(en).toMatch(
      /Bar chart: people with basic pension insurance rose from 12\.28 million in 2012 to 15\.706 million in 2020 \(\+27\.9%\)/,
    );
    const bi = jobs.find((x) => x.path === 'cards/pension-og-zh-en.png')!.alt;
    expect(bi.zh).toContain('1570.6万人');
    expect(bi.en).toContain('15.71 million');
    const thumb = jobs.find((x) => x.path === 'cards/pension-wechat-square-en.png')!.alt.en!;
    expect(thumb).not.toContain('Bar chart'); // no chart on the thumbnail
  });
  it('inputs of a card change only with what it shows: its own highlight, in its own languages', () => {
    const edited = structuredClone(model);
    edited.highlights[1]!.title.zh = '改过的标题';
    edited.highlights[1]!.hash = 'changed';
    const again = cardPlanner.plan(edited, theme, { langs: ['zh', 'en'], strict: true });
    const same = (i: number) => JSON.stringify(jobs[i]!.inputs) === JSON.stringify(again[i]!.inputs);
    jobs.forEach((j, i) => {
      expect(same(i), j.path).toBe(!(j.highlight === 'medical' && j.langs.includes('zh')));
    });
  });
  it('name patterns and formats', () => {
    const p = createCardPlanner({ name: '{id}-{n}-{preset}-{lang}', format: 'webp' });
    expect(p.plan(model, theme, { langs: ['zh', 'en'], strict: true, presets: ['og'] })[0]!.path).toBe(
      'cards/nmg-social-security-2021-1-og-zh.webp',
    );
    expect(() => checkNamePattern('{highlight}-{lang}')).toThrow(/preset/);
    expect(() => checkNamePattern('{highlight}-{preset}-{lang}-{bogus}')).toThrow(/bogus/);
  });
  it('zip is deterministic and sorted', async () => {
    const a = await writeZip(
      [
        { path: 'b.png', bytes: Buffer.from('x') },
        { path: 'a.txt', bytes: Buffer.from('y') },
      ],
      { n: 1 },
    );
    const b = await writeZip(
      [
        { path: 'a.txt', bytes: Buffer.from('y') },
        { path: 'b.png', bytes: Buffer.from('x') },
      ],
      { n: 1 },
    );
    expect(a.equals(b)).toBe(true);
    expect(a.indexOf('a.txt')).toBeLessThan(a.indexOf('b.png'));
  });
});

describe('card layouts', () => {
  for (const preset of Object.values(CARD_PRESETS)) {
    it(`${preset.name}: text inside the edges and safe zone, no overlaps, headline largest, contrast`, async () => {
      for (const t of themes) {
        for (let h = 0; h < model.highlights.length; h++) {
          for (const langs of variants) {
            const r = await layoutCard({ model, theme: t, root, highlight: h, preset, langs });
            const where = `${preset.name} ${model.highlights[h]!.id} ${langs.join('-')} ${t.name}`;
            const s = preset.safe ?? { top: 0, right: 0, bottom: 0, left: 0 };
            const texts = textBoxes(r.boxes);
            for (const b of texts) {
              const msg = `${where} ${b.field} ${JSON.stringify(b.lines)}`;
              expect(b.x, msg).toBeGreaterThanOrEqual(s.left);
              expect(b.y, msg).toBeGreaterThanOrEqual(s.top);
              expect(b.x + b.w, msg).toBeLessThanOrEqual(preset.width - s.right + 0.5);
              expect(b.y + b.h, msg).toBeLessThanOrEqual(preset.height - s.bottom + 0.5);
              expect(contrast(b.fill!, b.bg!), msg).toBeGreaterThanOrEqual(4.5);
            }
            const head = texts.find((b) => b.role === 'headline')!;
            expect(head, where).toBeDefined();
            for (const b of texts) if (b !== head) expect(head.size!, `${where} ${b.field}`).toBeGreaterThan(b.size!);
            const solid = [...texts, ...r.boxes.filter((b) => b.kind === 'chart' && b.w > 0)];
            for (let i = 0; i < solid.length; i++)
              for (let j = i + 1; j < solid.length; j++) {
                expect(
                  overlaps(solid[i]!, solid[j]!),
                  `${where}: ${solid[i]!.field ?? solid[i]!.id} overlaps ${solid[j]!.field ?? solid[j]!.id}`,
                ).toBe(false);
              }
          }
        }
      }
    });
  }

  it('every card PNG has its stated size and the sidecar alt text', async () => {
    const sharp = await loadSharp();
    const jobs = cardPlanner
      .plan(model, theme, { langs: ['zh', 'en'], strict: true })
      .filter((j) => j.highlight === 'assistance' && j.langs.length === 2);
    for (const j of jobs) {
      const r = await j.render({ model, theme, root, strict: true, warn: () => {} });
      const meta = await sharp(r.bytes).metadata();
      expect([meta.format, meta.width, meta.height], j.path).toEqual(['png', j.width, j.height]);
      expect(r.sidecars![0]!.path).toBe(j.path.replace(/\.png$/, '.txt'));
      expect(r.sidecars![0]!.bytes.toString()).toContain('772');
    }
  });
});
