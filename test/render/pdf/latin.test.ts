/**
 * English in the report: Latin words in the Latin face (Noto Sans / Noto Serif), Chinese in
 * the CJK face, typographic quotes and apostrophes; the embedded fonts stay subsets.
 */
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../../src/render/pdf/render.js';
import type { TLine } from '../../../src/render/pdf/measure.js';
import { ROOT, report, seed } from './helpers.js';

const LATIN = /\p{Script=Latin}/u;
const HAN = /\p{Script=Han}/u;

describe('Latin text in the report', () => {
  it('sets every Latin word in a Latin face and every Chinese character in a CJK face, in both orders', async () => {
    const { model, theme } = seed();
    for (const langs of [
      ['en', 'zh'],
      ['zh', 'en'],
    ]) {
      const { pagination } = await layoutReport(model, theme, { langs, variant: 'screen', root: ROOT });
      let latin = 0;
      for (const p of pagination.placed) {
        const it = p.item as { kind: string; lines?: TLine[] };
        for (const l of it.kind === 'lines' ? (it.lines ?? []) : [])
          for (const r of l.runs) {
            if (LATIN.test(r.text)) {
              latin++;
              expect(r.face.family, `${langs[0]}: "${r.text}"`).toMatch(/^Noto (Sans|Serif)$/);
            }
            if (HAN.test(r.text)) expect(r.face.family, `${langs[0]}: "${r.text}"`).toMatch(/ (SC|TC|HK)$/);
          }
      }
      expect(latin).toBeGreaterThan(20);
    }
  });

  it('English has typographic apostrophes and quotes, never straight ones', async () => {
    const { model, theme } = seed();
    const { pagination } = await layoutReport(model, theme, { langs: ['en', 'zh'], variant: 'screen', root: ROOT });
    const texts = pagination.placed
      .map((p) => p.item as unknown as { kind: string; meta: { lang: string }; lines?: TLine[] })
      .filter((it) => it.kind === 'lines' && it.meta.lang === 'en')
      .map((it) => it.lines!.flatMap((l) => l.runs.map((r) => r.text)).join(''));
    expect(texts.join('\n')).toContain('people’s');
    expect(texts.filter((t) => /['"]/.test(t))).toEqual([]);
  });

  it('embeds the Latin faces beside the CJK ones, every font a subset', async () => {
    const pdf = (await report(['en', 'zh'], 'screen')).toString('latin1');
    const fonts = [...pdf.matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => ({ subset: !!m[1], name: m[2] }));
    expect(fonts.map((f) => f.name)).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSansSC-Regular']));
    expect(fonts.some((f) => f.name!.startsWith('NotoSerif-'))).toBe(true);
    expect(fonts.filter((f) => !f.subset)).toEqual([]);
  });
});
