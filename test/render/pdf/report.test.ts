import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeFor } from '../../../src/format/index.js';
import { pdfPlanner } from '../../../src/render/pdf/planner.js';
import { report, seed } from './helpers.js';

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number; tree: boolean; lang: unknown }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  let text = '';
  let tree = false;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    text += `${tc.items.map((it) => ('str' in it ? it.str : '')).join('')}\n`;
    const st = await page.getStructTree();
    if (st?.children.length) tree = true;
  }
  const meta = await doc.getMetadata();
  const pages = doc.numPages;
  await doc.destroy();
  return { text, pages, tree, lang: (meta.info as Record<string, unknown>).Language };
}

/** every figure of the dataset formatted in `lang` (the forms facts use) */
function figures(lang: string): string[] {
  const { model } = seed();
  const out = new Set<string>();
  for (const h of model.highlights)
    for (const f of h.facts) {
      for (const m of f.text[lang]!.matchAll(/[0-9][0-9.,]*(?:万|亿)?(?: million| billion)?/g))
        out.add(m[0].replace(/[.,]$/, ''));
    }
  if (lang === 'zh')
    for (const o of model.observations) {
      const ind = model.indicators[o.id]!;
      if (ind.unit === 'rank' || ind.unit === 'streak') continue;
      out.add(
        localeFor(lang)
          .value(o.value, ind, { qualifier: o.qualifier })
          .replace(/以上|左右|以下/, ''),
      );
    }
  return [...out];
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('pdf report', () => {
  it('planner: report.pdf and report-print.pdf, cheap to plan', () => {
    const { model, theme } = seed();
    const jobs = pdfPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: false });
    expect(jobs.map((j) => j.path)).toEqual(['report.pdf', 'report-print.pdf']);
    expect(jobs[0]!.langs).toEqual(['zh', 'en']);
    expect(jobs[0]!.alt.zh).toMatch(/PDF/);
    expect(pdfPlanner.plan(model, theme, { langs: ['en'], strict: false })[0]!.langs).toEqual(['en']);
  });

  it('zh report: every seed figure in Chinese format, structure tree, language', async () => {
    const r = await pdfText(await report(['zh'], 'screen'));
    const text = squash(r.text);
    expect(text).toContain('1570.6万人');
    for (const f of figures('zh')) expect(text, f).toContain(squash(f));
    expect(r.tree).toBe(true);
    expect(r.pages).toBe(9); // charts fill the box the report gives them (issue #17)
  });

  it('en report: every seed figure in English format', async () => {
    const r = await pdfText(await report(['en'], 'screen'));
    const text = squash(r.text);
    expect(text).toContain(squash('15.71 million'));
    for (const f of figures('en')) expect(text, f).toContain(squash(f));
    expect(r.pages).toBe(9);
  });

  it('zh+en report: both formats (1570.6万人 and 15.71 million)', async () => {
    const r = await pdfText(await report(['zh', 'en'], 'screen'));
    const text = squash(r.text);
    for (const f of figures('zh')) expect(text, f).toContain(squash(f));
    for (const f of figures('en')) expect(text, f).toContain(squash(f));
    expect(r.pages).toBe(10);
  });

  it('screen: tagged PDF/UA with /Lang, outline, title; fonts embedded as subsets', async () => {
    const bytes = await report(['zh', 'en'], 'screen');
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-pdf-'));
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, bytes);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-']).toString('latin1');
    expect(qdf).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(qdf).toMatch(/\/MarkInfo/);
    expect(qdf).toMatch(/\/Lang \(zh-CN\)/);
    expect(qdf).toMatch(/\/Outlines \d+ 0 R/);
    expect(qdf).toMatch(/pdfuaid:part>1</);
    expect(qdf).toMatch(/\/S \/Figure/);
    expect(qdf).toMatch(/\/Alt [(<]/);
    expect(qdf).toMatch(/\/S \/H1/);
    expect(qdf).toMatch(/\/S \/L\b/);
    const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(2);
    for (const f of fonts) {
      expect(f).toMatch(/^[A-Z]{6}\+/);
      expect(f).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });

  it('print: boxes, CMYK-only colour operators, 100% K text', async () => {
    const bytes = await report(['zh', 'en'], 'print');
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-pdf-'));
    const file = path.join(dir, 'p.pdf');
    writeFileSync(file, bytes);
    const boxes = execFileSync('pdfinfo', ['-box', file]).toString();
    const box = (name: string) =>
      boxes
        .match(new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`))!
        .slice(1)
        .map(Number);
    const [media, bleed, trim] = [box('MediaBox'), box('BleedBox'), box('TrimBox')];
    const mm = (pt: number) => (pt * 25.4) / 72;
    expect(mm(trim[2]! - trim[0]!)).toBeCloseTo(210, 1);
    expect(mm(trim[3]! - trim[1]!)).toBeCloseTo(297, 1);
    expect(mm(trim[0]! - bleed[0]!)).toBeCloseTo(3, 1);
    expect(media[2]).toBeGreaterThan(bleed[2]!);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], {
      maxBuffer: 64 << 20,
    }).toString('latin1');
    // no RGB or grey colour anywhere in the content streams
    expect(qdf).not.toMatch(/\/DeviceRGB/);
    expect(qdf).not.toMatch(/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b/m);
    expect(qdf).not.toMatch(/(^|\s)[\d.]+\s+(g|G)\s/m);
    expect(qdf).toMatch(/\/DeviceCMYK cs/);
    // text: every fill colour in force at a text object is 0 0 0 1 (100 % K) or large display type
    let fill = '',
      size = 0;
    let small = 0,
      notK = 0;
    for (const m of qdf.matchAll(/\/DeviceCMYK cs\s+([\d. ]+) scn|\/[A-Za-z0-9]+ ([\d.]+) Tf|(Tj|TJ)\n/g)) {
      if (m[1]) fill = m[1].trim();
      else if (m[2]) size = Number(m[2]);
      else if (size < 14) {
        small++;
        if (fill !== '0 0 0 1' && fill !== '0 0 0 0') notK++;
      }
    }
    expect(small).toBeGreaterThan(100);
    expect(notK).toBe(0);
    expect(qdf).not.toMatch(/pdfaid:part/); // no PDF/A claim on the CMYK file
  });

  it('deterministic: two renders are byte-identical, dates from the dataset', async () => {
    const { renderReport } = await import('../../../src/render/pdf/render.js');
    const { model, theme } = seed();
    const root = path.resolve(import.meta.dirname, '../../..');
    const a = await report(['en'], 'screen');
    const b = await renderReport(model, theme, { langs: ['en'], variant: 'screen', root });
    expect(Buffer.compare(a, b)).toBe(0);
    const s = a.toString('latin1');
    expect(s).toContain('(D:20210101000000Z)');
    expect(s).not.toMatch(/\(D:(?!20210101000000Z)/);
    const id = s.match(/\/ID \[<([0-9a-f]+)>/)![1];
    expect(id).toHaveLength(32);
  });
});
