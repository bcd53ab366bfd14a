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
    const seen: [string, fontkit.Font][] = [];
    registerPdfFaces({ registerFont: (n: string, s: unknown) => seen.push([n, s as fontkit.Font]) }, stack);
    expect(seen.map(([n]) => n)).toEqual(['NotoSansSC-700', 'DejaVuSans-700']);
    // fontkit's font, with the text engine's shaping as its layout
    seen.forEach(([, f], i) => {
      expect(f.postscriptName).toBe(stack[i]!.font.postscriptName);
      expect(f.getGlyph(5)).toBe(stack[i]!.font.getGlyph(5));
      expect(f.layout).not.toBe(stack[i]!.font.layout);
    });
  });
});

describe('pdfkit shares the fontkit Font objects and the shaping', () => {
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

describe('font files shared between threads', () => {
  it('gives a face file’s bytes in shared memory, read once', async () => {
    const { readFileSync } = await import('node:fs');
    const { fontFilesOf } = await import('../../src/text/fonts.js');
    const face = getFace('Noto Sans SC', 700);
    const files = fontFilesOf([face, face]);
    expect(Object.keys(files)).toEqual([face.file]);
    const shared = files[face.file]!;
    expect(shared).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(shared).equals(readFileSync(face.file))).toBe(true);
    // the same memory every time it is asked for
    expect(fontFilesOf([face])[face.file]).toBe(shared);
  });

  it('a paint job carries the files of the faces its runs use', async () => {
    const { preparePaint } = await import('../../src/render/raster/paintjob.js');
    const face = getFace('Noto Sans SC', 400);
    const job = preparePaint(
      {
        scale: 1,
        paints: [
          {
            kind: 'text',
            group: { fill: '#000000', lines: [{ text: '就业 jobs', face, size: 20, x: 0, y: 20 }] },
          },
        ],
      } as never,
      100,
      40,
      { r: 255, g: 255, b: 255 },
      {} as never,
    );
    expect(Object.keys(job.fonts)).toEqual([face.file]);
    expect(job.fonts[face.file]).toBeInstanceOf(SharedArrayBuffer);
    // plain data for a worker: a structured clone (postMessage) keeps shared memory shared
    expect(structuredClone(job).fonts[face.file]).toBeInstanceOf(SharedArrayBuffer);
  });
});
