import { describe, it, expect } from 'vitest';
import type * as fontkit from 'fontkit';
import { getFace, fontStack, nearestWeight, parseWeight, registerPdfFaces } from '../../src/text/index.js';

describe('font registry', () => {
  it('opens each face once from the npm packages and shares the Font object', () => {
    const a = getFace('Noto Sans SC', 700);
    const b = getFace('noto sans sc', 'bold');
    expect(a).toBe(b);
    expect(a.key).toBe('NotoSansSC-700');
    expect(a.file).toMatch(/@expo-google-fonts\/noto-sans-sc\/700Bold\/NotoSansSC_700Bold\.ttf$/);
    expect(a.font.postscriptName).toBe('NotoSansSC-Bold');
    expect(typeof (a.font as fontkit.Font).layout).toBe('function');
  });

  it('has the families and weights the themes use', () => {
    for (const w of [400, 500, 700, 900]) expect(getFace('Noto Sans SC', w).weight).toBe(w);
    for (const w of [400, 700, 900]) expect(getFace('Noto Serif SC', w).key).toBe(`NotoSerifSC-${w}`);
    expect(getFace('DejaVu Sans', 400).file).toMatch(/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(getFace('DejaVu Sans', 700).file).toMatch(/DejaVuSans-Bold\.ttf$/);
  });

  it('picks the nearest available weight', () => {
    expect(getFace('DejaVu Sans', 500).weight).toBe(400);
    expect(getFace('DejaVu Sans', 600).weight).toBe(700);
    expect(getFace('DejaVu Sans', 900).weight).toBe(700);
    expect(getFace('Noto Serif SC', 100).weight).toBe(200);
    expect(nearestWeight([400, 700], 540)).toBe(400);
    expect(nearestWeight([400, 700], 550)).toBe(700);
    expect(nearestWeight([300, 500], 400)).toBe(300);
    expect(nearestWeight([500, 700], 600)).toBe(700);
    expect(parseWeight('normal')).toBe(400);
    expect(parseWeight('800')).toBe(800);
  });

  it('names the known families for an unknown one', () => {
    expect(() => getFace('Helvetica')).toThrow(
      /Unknown font family "Helvetica"; known families: "Noto Sans SC", "Noto Serif SC", .*"DejaVu Sans"/,
    );
  });

  it('builds fallback stacks and registers faces with pdfkit by key', () => {
    const stack = fontStack(['Noto Sans SC', 'DejaVu Sans'], 700);
    expect(stack.map((f) => f.key)).toEqual(['NotoSansSC-700', 'DejaVuSans-700']);
    const seen: [string, unknown][] = [];
    registerPdfFaces({ registerFont: (n: string, s: unknown) => seen.push([n, s]) }, stack);
    expect(seen).toEqual([
      ['NotoSansSC-700', stack[0]!.font],
      ['DejaVuSans-700', stack[1]!.font],
    ]);
  });
});

describe('pdfkit shares the fontkit Font objects', () => {
  it('registers by key and measures like measure()', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { measure } = await import('../../src/text/index.js');
    const face = getFace('Noto Sans SC', 400);
    const doc = new PDFDocument({ autoFirstPage: false });
    registerPdfFaces(doc, [face]);
    doc.addPage();
    doc.font(face.key).fontSize(14);
    for (const s of ['人口与城镇化', 'AVAV To', '1570.6万人'])
      expect(doc.widthOfString(s)).toBeCloseTo(measure(s, face, 14), 9);
    doc.end();
  });
});
