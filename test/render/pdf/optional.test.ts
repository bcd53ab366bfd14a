/**
 * The report's structure reads the model through ReportSource: every optional part may be
 * absent, and an absent part goes with its heading and its space. Tested by deleting parts
 * from the loaded sample.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../src/model/types.js';
import { layoutReport, renderReport } from '../../../src/render/pdf/render.js';
import { type Block, buildStructure, REPORT_TEMPLATE } from '../../../src/render/pdf/structure.js';
import { ROOT, seed } from './helpers.js';
import { pdfItems, squash } from './pdfjs.js';

const template = readFileSync(path.join(ROOT, REPORT_TEMPLATE), 'utf8');

/** a deep copy of the sample where any part may be deleted */
type Loose = {
  meta: Record<string, unknown>;
  highlights: Record<string, unknown>[];
  outlook?: unknown;
  photos?: unknown;
  photoCredit?: unknown;
};

/** the sample with `drop` applied to a deep copy */
function without(drop: (m: Loose) => void): Model {
  const m = structuredClone(seed().model) as unknown as Loose;
  drop(m);
  return m as unknown as Model;
}

const flat = (blocks: Block[]): Block[] => blocks.flatMap((b) => ('children' in b ? [b, ...flat(b.children)] : [b]));
const sections = (blocks: Block[]) => blocks.filter((b) => b.type === 'section').map((b) => (b as { id: string }).id);

describe('optional parts', () => {
  it('the whole sample has every part', () => {
    const doc = buildStructure(template, seed().model, ['zh', 'en']);
    expect(sections(doc.blocks)).toEqual([
      'intro',
      ...seed().model.highlights.map((h) => `highlight-${h.id}`),
      'targets',
      'outlook',
      'credits',
    ]);
  });

  it('no outlook, photos, credits, source, kicker, tagline, region or intro: those parts and their headings are gone', async () => {
    const m = without((m) => {
      delete m.outlook;
      delete m.photos;
      delete m.photoCredit;
      delete m.meta.credits;
      delete m.meta.source;
      delete m.meta.kicker;
      delete m.meta.tagline;
      delete m.meta.region;
      delete m.meta.intro;
      delete m.meta.keywords;
    });
    const doc = buildStructure(template, m, ['zh', 'en']);
    expect(sections(doc.blocks)).toEqual(seed().model.highlights.map((h) => `highlight-${h.id}`));
    const mast = doc.blocks[0] as Extract<Block, { type: 'masthead' }>;
    expect(mast.kicker).toEqual([]);
    expect(mast.tagline).toEqual([]);
    expect(mast.dateline.map((d) => d.text)).toEqual(['2021年', '2021']); // the sample gives only the year
    const texts = flat(doc.blocks).map((b) => ('text' in b ? b.text : ''));
    expect(texts).not.toContain('本版制作');
    const bytes = await renderReport(m, seed().theme, { langs: ['zh', 'en'], variant: 'print', root: ROOT });
    const { pages } = await pdfItems(bytes);
    const all = squash(
      pages
        .flat()
        .map((i) => i.str)
        .join(''),
    );
    expect(all).not.toContain('十四五');
    expect(all).not.toContain('本版制作');
    expect(all).toContain(squash(seed().model.highlights[5]!.title.en!));
  });

  it('a highlight without a key figure, one without a chart, one without facts', async () => {
    const m = without((m) => {
      delete m.highlights[0]!.key;
      delete m.highlights[1]!.chart;
      m.highlights[2]!.facts = [];
    });
    const doc = buildStructure(template, m, ['zh', 'en']);
    const sect = (i: number) =>
      flat(
        (
          doc.blocks.find((b) => b.type === 'section' && b.id === `highlight-${m.highlights[i]!.id}`) as {
            children: Block[];
          }
        ).children,
      );
    expect(sect(0).some((b) => b.type === 'figures')).toBe(false);
    expect(sect(0).some((b) => b.type === 'chart')).toBe(true);
    expect(sect(1).some((b) => b.type === 'chart')).toBe(false);
    expect(sect(1).some((b) => b.type === 'figures')).toBe(true);
    expect(sect(2).some((b) => b.type === 'list')).toBe(false);
    const L = await layoutReport(m, seed().theme, { langs: ['zh', 'en'], variant: 'screen', root: ROOT });
    expect(L.pagination.pages).toBeGreaterThan(1);
  });

  it('group headings, quotes and a subtitle, when the model has them, in each language', () => {
    const m = without((m) => {
      m.meta.subtitle = { zh: '2020年成绩单', en: 'The 2020 results' };
      m.highlights[0]!.group = { zh: '社会保险', en: 'Social insurance' };
      m.highlights[1]!.group = { zh: '社会保险', en: 'Social insurance' };
      m.highlights[2]!.quote = {
        text: { zh: '我们建成的比计划的更多。', en: 'We built more than we planned.' },
        speaker: { zh: '李华', en: 'Li Hua' },
        role: { zh: '市统计局局长', en: "director of the city's statistics bureau" },
      };
    });
    const doc = buildStructure(template, m, ['zh', 'en']);
    const all = flat(doc.blocks);
    const groups = all.filter((b) => b.type === 'heading' && b.cls === 'group');
    expect(groups).toHaveLength(1); // consecutive highlights share one group heading
    expect(all.some((b) => b.type === 'heading' && b.lang === 'en' && b.text === 'Social insurance')).toBe(true);
    const quotes = all.filter(
      (b) => b.type === 'paragraph' && (b.cls === 'pullquote' || b.cls === 'attribution' || b.cls === 'summary'),
    );
    expect(quotes.map((b) => ('text' in b ? b.text : ''))).toEqual(
      expect.arrayContaining([
        // the first language's quote as a pull quote with its attribution; the others' in the summaries
        '“我们建成的比计划的更多。”',
        '——市统计局局长李华',
        // typographic apostrophes in English (it’s), never the straight one
        'Li Hua, director of the city’s statistics bureau, said: “We built more than we planned.”',
      ]),
    );
    const mast = doc.blocks[0] as Extract<Block, { type: 'masthead' }>;
    expect(mast.subtitles).toEqual([
      { lang: 'zh', text: '2020年成绩单' },
      { lang: 'en', text: 'The 2020 results' },
      { lang: 'en', text: 'Social security adds to people’s well-being' },
    ]);
  });

  it('English first: English in full, Chinese as the summaries, English built-in words', async () => {
    const doc = buildStructure(template, seed().model, ['en', 'zh']);
    expect(doc.lang).toBe('en');
    const all = flat(doc.blocks);
    expect(all.find((b) => b.type === 'heading' && b.level === 1)).toMatchObject({ lang: 'en' });
    expect(all.some((b) => b.type === 'list' && b.cls === 'summary' && b.lang === 'zh')).toBe(true);
    const intro = doc.blocks.find((b) => b.type === 'section' && b.id === 'intro') as { bookmark: string };
    expect(intro.bookmark).toBe('Introduction');
    const targets = doc.blocks.find((b) => b.type === 'section' && b.id === 'targets') as { bookmark: string };
    expect(targets.bookmark).toBe('Targets for the end of the 14th Five-Year Plan (2025)');
  });
});
