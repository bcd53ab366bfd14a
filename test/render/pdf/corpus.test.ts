/**
 * Every dataset in data/examples/ (and the sample): the report as a newspaper makes it up.
 * No heading ends a page or column, every page's running head names the section at its top,
 * every text field is in the PDF in each of the report's languages, no page but the last is
 * under 60% full, and the last page never holds only the credits.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/model/index.js';
import { reportLangs } from '../../../src/render/pdf/planner.js';
import { layoutReport, renderReport } from '../../../src/render/pdf/render.js';
import { loadTheme } from '../../../src/theme/load.js';
import { typographic, wordBoundaries } from '../../../src/text/index.js';
import type { TLine } from '../../../src/render/pdf/measure.js';
import { DATA, ROOT } from './helpers.js';
import { bodyText, overlappingTexts, pdfItems, squash } from './pdfjs.js';
import { reportTexts } from './texts.js';

const EXAMPLES = path.join(ROOT, 'data/examples');
const datasets = [
  DATA,
  ...(existsSync(EXAMPLES)
    ? readdirSync(EXAMPLES)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
        .map((f) => path.join(EXAMPLES, f))
    : []),
];

const HEADINGS = new Set(['H1', 'H2', 'H3']);
const HAN = /\p{Script=Han}/u;

describe.each(datasets.map((d) => [path.relative(ROOT, d), d]))('report of %s', (_name, file) => {
  const model = loadModel(file, { root: ROOT });
  const theme = loadTheme(ROOT, model.theme);
  const langs = reportLangs(model, model.langs);
  const layout = layoutReport(model, theme, { langs, variant: 'screen', root: ROOT });
  const pdf = renderReport(model, theme, { langs, variant: 'screen', root: ROOT }).then(pdfItems);

  it('no heading is the last line of a page or column', async () => {
    const { pagination } = await layout;
    const frames = new Map<string, (typeof pagination.placed)[number][]>();
    for (const p of pagination.placed) {
      const key = `${p.page}/${p.frame}`;
      frames.set(key, [...(frames.get(key) ?? []), p]);
    }
    for (const [key, placed] of frames) {
      const last = placed[placed.length - 1]!;
      const role = (last.item as unknown as { meta: { role: string; text?: string } }).meta;
      const isLastFrame = key === [...frames.keys()].pop();
      if (!isLastFrame)
        expect(HEADINGS.has(role.role), `frame ${key} ends with ${role.role} "${role.text}"`).toBe(false);
    }
  });

  it('no title, heading, caption or source line breaks inside a Chinese word', async () => {
    const { pagination, masthead } = await layout;
    const sources = new Set(langs.map((l) => typographic(model.meta.source?.[l]?.trim() ?? '', l)).filter(Boolean));
    const items = [masthead, ...pagination.placed.map((p) => p.item)] as unknown as (
      | { kind: 'lines'; meta: { role: string; text?: string }; lines: TLine[] }
      | { kind: 'box'; titles?: TLine[][]; alternative?: { titles?: TLine[][] }[] }
      | undefined
    )[];
    const titles: TLine[][] = [];
    for (const it of items) {
      if (it?.kind === 'lines' && (HEADINGS.has(it.meta.role) || sources.has(it.meta.text ?? '')))
        titles.push(it.lines);
      if (it?.kind === 'box') for (const t of [it, ...(it.alternative ?? [])]) titles.push(...(t.titles ?? []));
    }
    const split: string[] = [];
    for (const lines of titles) {
      const texts = lines.map((l) => l.runs.map((r) => r.text).join(''));
      const bounds = wordBoundaries(texts.join(''));
      let at = 0;
      for (const [k, t] of texts.entries()) {
        at += t.length;
        const next = texts[k + 1];
        if (next && HAN.test(t.at(-1)!) && HAN.test(next[0]!) && !bounds.has(at)) split.push(`${t}|${next}`);
      }
    }
    expect(split).toEqual([]);
  });

  it('no text is set over another (a key figure, its label, a rank badge and the chart beside it)', async () => {
    const { pages } = await pdf;
    for (const [i, items] of pages.entries()) expect(overlappingTexts(items), `page ${i + 1}`).toEqual([]);
  });

  it("every page's running head names the section at its top", async () => {
    const { pagination, sections, geo } = await layout;
    const { pages } = await pdf;
    expect(pages.length).toBe(pagination.pages);
    for (let page = 1; page < pagination.pages; page++) {
      const top = pagination.placed.filter((p) => p.page === page).sort((a, b) => a.frame - b.frame || a.y - b.y)[0]!;
      const sect = (top.item as { meta: { sect: string } }).meta.sect;
      const expected = sections.find((s) => s.id === sect)!.bookmark;
      // the running head: the text right-aligned above the top margin
      // (pdf.js reports the gap between the left and right texts as a space item of its own)
      const head = pages[page]!.filter((it) => it.y < geo.margins.top && it.x > geo.width / 3 && it.str.trim())
        .map((it) => it.str)
        .join('')
        .trim();
      expect(head.length, `page ${page + 1} has a running head`).toBeGreaterThan(0);
      const shown = head.replace(/…$/, '');
      expect(expected.startsWith(shown), `page ${page + 1}: "${head}" for section "${expected}"`).toBe(true);
    }
  });

  it('every text field is in the PDF in each of its languages', async () => {
    const { geo } = await layout;
    const { pages } = await pdf;
    const body = bodyText(pages, geo);
    const missing: string[] = [];
    let count = 0;
    for (const lang of langs)
      for (const { field, text } of reportTexts(model, lang)) {
        count++;
        if (!body.includes(squash(text))) missing.push(`${field}.${lang}: ${text.slice(0, 60)}`);
      }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(langs.length * 5);
  });

  it('no page but the last is under 60% full; the last never holds only the credits', async () => {
    const { pagination, sections } = await layout;
    for (const [p, f] of pagination.fill.slice(0, -1).entries()) expect(f, `page ${p + 1}`).toBeGreaterThanOrEqual(0.6);
    const credits = new Set(sections.filter((s) => s.kind === 'credits').map((s) => s.id));
    const last = pagination.placed.filter((p) => p.page === pagination.pages - 1);
    if (pagination.pages > 1)
      expect(last.some((p) => !credits.has((p.item as { meta: { sect: string } }).meta.sect))).toBe(true);
  });
});
