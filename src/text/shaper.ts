/**
 * Shaping: the glyphs of a text in a face and where they go (kerning, ligatures and the other
 * default OpenType features), by HarfBuzz (harfbuzzjs, WebAssembly).
 *
 * Measuring, drawing and the PDFs' text all shape here (measure.ts, and `pdfFont` for pdfkit), so
 * a line is drawn with exactly the widths it was broken and fitted with. fontkit still reads
 * outlines and metrics, and pdfkit embeds subsets with it. On every text the examples corpus and
 * the sample set, HarfBuzz gives the glyphs, advances and offsets fontkit's layout gave (their
 * outputs are byte for byte the same); test/text/shaper.test.ts compares the two on a set of
 * texts. HarfBuzz is the reference implementation, and it is several times faster: fontkit's
 * shaping was the largest part of a cold build's text work.
 *
 * HarfBuzz keeps its own copy of each font in WebAssembly memory. Shaping reads the cmap, the
 * metrics and the layout tables, never the outlines, so the copy leaves out glyf, loca and CFF:
 * of a 10–15 MB Chinese face about a tenth is copied.
 */
import type { Glyph } from 'fontkit';
import * as hb from 'harfbuzzjs';
import { type Face, fontBytes, openedFaces } from './fonts.js';

/** A shaped text; every length is the number of glyphs. Units are the font's (per em: `Face.upem`). */
export interface ShapedRun {
  ids: number[];
  /** advance of each glyph (kerning included) */
  advances: number[];
  /** offsets of each glyph from its pen position (x right, y up) */
  dx: number[];
  dy: number[];
  /**
   * The characters each glyph stands for: a cluster's text on its first glyph, '' on the others
   * (a ligature has all of its characters; joined, they give back the text).
   */
  text: string[];
  /** the sum of the advances */
  advanceWidth: number;
}

/** Tables shaping never reads: the outlines. */
const OUTLINES = new Set(['glyf', 'loca', 'CFF ', 'CFF2']);

const fonts = new Map<string, hb.Font>();
let buffer: hb.Buffer | undefined;

function hbFont(face: Face): hb.Font {
  let font = fonts.get(face.key);
  if (!font) {
    const blob = new hb.Blob(withoutTables(new Uint8Array(fontBytes(face.file)), OUTLINES));
    font = new hb.Font(new hb.Face(blob, 0));
    fonts.set(face.key, font);
  }
  return font;
}

/** Shape `text` in `face` (direction and script guessed from the text, default features). */
export function shapeText(face: Face, text: string): ShapedRun {
  const font = hbFont(face);
  buffer ??= new hb.Buffer();
  buffer.clearContents();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const pos = buffer.getGlyphPositions();
  const n = infos.length;
  const run: ShapedRun = {
    ids: new Array(n),
    advances: new Array(n),
    dx: new Array(n),
    dy: new Array(n),
    text: new Array(n),
    advanceWidth: 0,
  };
  let width = 0;
  for (let i = 0; i < n; i++) {
    const p = pos[i]!;
    run.ids[i] = infos[i]!.codepoint;
    run.advances[i] = p.xAdvance;
    run.dx[i] = p.xOffset;
    run.dy[i] = p.yOffset;
    width += p.xAdvance;
  }
  // clusters are UTF-16 offsets into the text: a cluster's text runs to the next cluster after it
  const starts = [...new Set(infos.map((g) => g.cluster))].sort((a, b) => a - b);
  const end = new Map(starts.map((c, k) => [c, starts[k + 1] ?? text.length]));
  for (let i = 0; i < n; i++) {
    const c = infos[i]!.cluster;
    const e = end.get(c);
    run.text[i] = e === undefined ? '' : text.slice(c, e);
    // the cluster's other glyphs stand for nothing more
    end.delete(c);
  }
  run.advanceWidth = width;
  return run;
}

/** What pdfkit reads of a layout: fontkit's glyphs, and positions it scales in place. */
interface PdfRun {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}

const pdfFonts = new Map<string, object>();

/**
 * The face for pdfkit (`doc.registerFont`): fontkit's font, whose `layout` shapes here. pdfkit
 * takes any font with a `layout`; it scales the positions it gets in place, so each call gives
 * new ones, and it sums `advanceWidth` after scaling, so that is read from them. A layout with
 * OpenType features asked for goes to fontkit's own.
 */
export function pdfFont(face: Face): object {
  let f = pdfFonts.get(face.key);
  if (!f) {
    const font = face.font;
    const layout = (text: string, features?: unknown): PdfRun => {
      if (features && (!Array.isArray(features) || features.length))
        return font.layout(text, features as string[]) as unknown as PdfRun;
      const run = shapeText(face, text);
      const glyphs = fontkitGlyphs(face, run);
      const positions = run.ids.map((_, i) => ({
        xAdvance: run.advances[i]!,
        yAdvance: 0,
        xOffset: run.dx[i]!,
        yOffset: run.dy[i]!,
      }));
      return {
        glyphs,
        positions,
        get advanceWidth() {
          let w = 0;
          for (const p of positions) w += p.xAdvance;
          return w;
        },
      };
    };
    f = new Proxy(font, { get: (target, key) => (key === 'layout' ? layout : Reflect.get(target, key)) });
    pdfFonts.set(face.key, f);
  }
  return f;
}

/**
 * Register faces with a pdfkit document under `face.key`: fontkit's font (pdfkit subsets and
 * embeds it), shaped here (`pdfFont`).
 */
export function registerPdfFaces(
  doc: { registerFont(name: string, src: unknown): unknown },
  list: Face[] = openedFaces(),
): void {
  for (const face of list) doc.registerFont(face.key, pdfFont(face));
}

/**
 * fontkit's glyph objects of a shaped run (outlines, boxes, pdfkit's subsets), each given the
 * characters it stands for, as fontkit's own layout gives them.
 */
export function fontkitGlyphs(face: Face, run: ShapedRun): Glyph[] {
  return run.ids.map((id, i) => {
    const chars = run.text[i]!;
    return face.font.getGlyph(id, chars ? [...chars].map((c) => c.codePointAt(0)!) : undefined);
  });
}

/**
 * An OpenType font file without the given tables (a TrueType collection, or a file that is not
 * one, is given back whole): the table directory is written again for the tables kept, each at a
 * 4-byte boundary, their checksums as they were.
 */
export function withoutTables(file: Uint8Array, drop: ReadonlySet<string>): Uint8Array {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 12) return file;
  const version = v.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return file;
  const count = v.getUint16(4);
  const kept: { tag: number; sum: number; at: number; len: number }[] = [];
  for (let i = 0; i < count; i++) {
    const r = 12 + i * 16;
    if (r + 16 > file.byteLength) return file;
    const tag = v.getUint32(r);
    const name = String.fromCharCode(tag >>> 24, (tag >>> 16) & 255, (tag >>> 8) & 255, tag & 255);
    const at = v.getUint32(r + 8),
      len = v.getUint32(r + 12);
    if (at + len > file.byteLength) return file;
    if (!drop.has(name)) kept.push({ tag, sum: v.getUint32(r + 4), at, len });
  }
  if (kept.length === count) return file;
  const pad4 = (n: number) => (n + 3) & ~3;
  let size = 12 + kept.length * 16;
  for (const t of kept) size += pad4(t.len);
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  const pow = 2 ** Math.floor(Math.log2(Math.max(1, kept.length)));
  o.setUint32(0, version);
  o.setUint16(4, kept.length);
  o.setUint16(6, pow * 16);
  o.setUint16(8, Math.log2(pow));
  o.setUint16(10, kept.length * 16 - pow * 16);
  let at = 12 + kept.length * 16;
  kept.forEach((t, i) => {
    const r = 12 + i * 16;
    o.setUint32(r, t.tag);
    o.setUint32(r + 4, t.sum);
    o.setUint32(r + 8, at);
    o.setUint32(r + 12, t.len);
    out.set(file.subarray(t.at, t.at + t.len), at);
    at += pad4(t.len);
  });
  return out;
}
