import { describe, expect, it } from 'vitest';
import { getFace } from '../../src/text/fonts.js';
import { pdfFont, shapeText, withoutTables } from '../../src/text/shaper.js';

// texts that exercise kerning, ligatures, quotes, figures with units, both Chinese scripts and mixed runs
const TEXTS = [
  'AVAV To Wa Ty',
  'office affine fluffy',
  '“Quoted,” she said — it’s 5.2%',
  '1570.6万人 +27.9% −0.1 percentage points',
  '内蒙古自治区社会保险参保人数全年城镇新增就业',
  '臺灣統計資料：「就業人數」增加',
  'CNY 8.38 billion（83.8亿元）',
  '£693 a week, August 2024',
  '。，、；：？！“”‘’《》（）',
];
const FACES: [string, number][] = [
  ['Noto Sans SC', 400],
  ['Noto Sans SC', 700],
  ['Noto Serif SC', 900],
  ['Noto Sans TC', 400],
  ['Noto Sans', 400],
  ['Noto Sans', 700],
  ['Noto Serif', 400],
  ['Noto Serif', 900],
  ['DejaVu Sans', 400],
];

describe('shapeText (HarfBuzz)', () => {
  it('gives the glyphs, advances and offsets fontkit’s layout gives', () => {
    for (const [family, weight] of FACES) {
      const face = getFace(family, weight);
      for (const text of TEXTS) {
        const hb = shapeText(face, text);
        const fk = face.font.layout(text);
        const where = `${face.key} ${JSON.stringify(text)}`;
        expect(hb.ids, where).toEqual(fk.glyphs.map((g) => g.id));
        expect(hb.advances, where).toEqual(fk.positions.map((p) => p.xAdvance));
        expect(hb.dx, where).toEqual(fk.positions.map((p) => p.xOffset));
        expect(hb.dy, where).toEqual(fk.positions.map((p) => p.yOffset));
        expect(hb.advanceWidth, where).toBe(fk.advanceWidth);
      }
    }
  });

  it('maps glyphs back to their characters: joined they give the text, a ligature has all of its', () => {
    const face = getFace('Noto Serif', 400);
    for (const text of TEXTS) expect(shapeText(face, text).text.join('')).toBe(text);
    const fi = shapeText(face, 'fi');
    if (fi.ids.length === 1) expect(fi.text).toEqual(['fi']);
    else expect(fi.text).toEqual(['f', 'i']);
    expect(shapeText(face, '').ids).toEqual([]);
  });
});

describe('withoutTables', () => {
  const tables = (b: Uint8Array) => {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out = new Map<string, Uint8Array>();
    for (let i = 0; i < v.getUint16(4); i++) {
      const r = 12 + i * 16;
      const tag = String.fromCharCode(...b.subarray(r, r + 4));
      const at = v.getUint32(r + 8);
      expect(at % 4, tag).toBe(0);
      out.set(tag, b.subarray(at, at + v.getUint32(r + 12)));
    }
    return out;
  };

  it('drops the outlines and keeps every other table byte for byte', async () => {
    const { readFileSync } = await import('node:fs');
    const file = new Uint8Array(readFileSync(getFace('Noto Sans', 400).file));
    const slim = withoutTables(file, new Set(['glyf', 'loca']));
    const before = tables(file),
      after = tables(slim);
    expect(before.has('glyf') && before.has('loca')).toBe(true);
    expect([...after.keys()].sort()).toEqual([...before.keys()].filter((t) => t !== 'glyf' && t !== 'loca').sort());
    for (const [tag, bytes] of after) expect(Buffer.compare(bytes, before.get(tag)!), tag).toBe(0);
    expect(slim.length).toBeLessThan(file.length / 2);
  });

  it('gives back whole what it cannot read as one font', () => {
    const junk = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(withoutTables(junk, new Set(['glyf']))).toBe(junk);
    const ttc = new Uint8Array(16);
    ttc.set([0x74, 0x74, 0x63, 0x66]); // 'ttcf'
    expect(withoutTables(ttc, new Set(['glyf']))).toBe(ttc);
  });
});

describe('pdfFont', () => {
  it('lays out as pdfkit expects: new positions each time, the width summed from them', () => {
    const face = getFace('Noto Sans', 400);
    const f = pdfFont(face) as typeof face.font;
    const a = f.layout('AVAV To');
    const b = f.layout('AVAV To');
    expect(a.positions).not.toBe(b.positions);
    expect(a.glyphs.map((g) => g.id)).toEqual(face.font.layout('AVAV To').glyphs.map((g) => g.id));
    for (const p of a.positions) p.xAdvance *= 2;
    expect(a.advanceWidth).toBe(2 * b.advanceWidth);
    expect(pdfFont(face)).toBe(f);
  });
});
