/**
 * Vega's SVG text (`<text>` with transform, text-anchor, font-*, fill, opacity, and
 * `<tspan x="0" dy="…">` lines), read from the parsed tree (svgdom.ts):
 *  - `outlineSvgText`: every text becomes `<g …><path/></g>` in the text engine's faces
 *    (for rasterizers, which must never pick system fonts);
 *  - `liftSvgText`: for the raster fast path, texts in plain translated groups come out as
 *    placed lines (drawn from glyph masks), the rest outlined;
 *  - `pdfSvgText`: font-family becomes the face key, weight/style normal (svg-to-pdfkit
 *    only knows bold), and the faces used are returned for registration.
 * All three check glyphs (MissingGlyphError) with the same face choice as the metrics, and
 * all read a self-closing or empty `<text/>` as what it is: no text.
 */
import { unescapeXml } from '../layout/xml.js';
import { faceStack } from './fonts.js';
import { isElement, parseSvg, serializeSvg, svgSizeOf, textContent, type SvgEl, type SvgNode } from './svgdom.js';
import { checkGlyphs, measure, outlinePathData, type Face, type PlacedLine, type PlacedText } from './textengine.js';

export { unescapeXml };

/** Attributes that only place or style the glyphs (gone once the text is outlined). */
const FONT_ATTRS = new Set([
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'text-anchor',
  'x',
  'y',
  'dx',
  'dy',
]);

export interface TextLine {
  text: string;
  /** vertical move before the line, in user units */
  dy: number;
}

export interface TextInfo {
  lines: TextLine[];
  size: number;
  stack: Face[];
  anchor: string;
}

/** A length attribute in user units (`10`, `10px`, `1.1em` of `size`); 0 when absent or unreadable. */
function length(v: string | undefined, size: number): number {
  if (v === undefined) return 0;
  const n = Number.parseFloat(v);
  if (!Number.isFinite(n)) return 0;
  return v.trim().endsWith('em') ? n * size : n;
}

/** The lines of a `<text>`: its tspans, or its own character data (none for `<text/>`). */
export function textInfo(el: SvgEl): TextInfo {
  const size = Number.parseFloat(el.attrs['font-size'] ?? '11') || 0;
  const spans = el.children.filter((c): c is SvgEl => isElement(c) && c.name === 'tspan');
  const lines: TextLine[] = spans.length
    ? spans.map((s) => ({ text: textContent(s), dy: length(s.attrs.dy, size) }))
    : el.children.length
      ? [{ text: textContent(el), dy: 0 }]
      : [];
  return {
    lines,
    size,
    stack: faceStack(el.attrs['font-family'], el.attrs['font-weight']),
    anchor: el.attrs['text-anchor'] ?? 'start',
  };
}

/** Every text line of an SVG as written (for tests and checks), in document order. */
export function svgTextLines(svg: string | SvgEl): string[] {
  const root = typeof svg === 'string' ? parseSvg(svg) : svg;
  const out: string[] = [];
  const visit = (el: SvgEl) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (c.name === 'text') for (const l of textInfo(c).lines) out.push(l.text);
      else visit(c);
    }
  };
  visit(root);
  return out;
}

/** The lines of a text placed from an origin: each in the face that covers it, x by the anchor. */
function placeLines(t: TextInfo, x0: number, y0: number): PlacedLine[] {
  const out: PlacedLine[] = [];
  let y = y0;
  for (const line of t.lines) {
    y += line.dy;
    if (!line.text || t.size <= 0) continue;
    const face = checkGlyphs(line.text, t.stack, { field: `chart text "${line.text}"` });
    const w = measure(line.text, face, t.size);
    const x = t.anchor === 'middle' ? x0 - w / 2 : t.anchor === 'end' ? x0 - w : x0;
    out.push({ text: line.text, face, size: t.size, x, y });
  }
  return out;
}

/** A text as a group of glyph outlines, keeping its other attributes (transform, fill, opacity…). */
function outlined(el: SvgEl): SvgEl {
  const t = textInfo(el);
  const lines = placeLines(
    t,
    length(el.attrs.x, t.size) + length(el.attrs.dx, t.size),
    length(el.attrs.y, t.size) + length(el.attrs.dy, t.size),
  );
  const d = lines.map((l) => outlinePathData(l.text, l.face, l.size, l.x, l.y)).join('');
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attrs)) if (!FONT_ATTRS.has(k)) attrs[k] = v;
  return { name: 'g', attrs, children: d ? [{ name: 'path', attrs: { d }, children: [] }] : [] };
}

/** A copy of the tree with every element `fn` maps replaced (null: removed); `fn` sees each element once. */
function mapTree(el: SvgEl, fn: (el: SvgEl) => SvgEl | null | undefined): SvgEl {
  const children: SvgNode[] = [];
  for (const c of el.children) {
    if (!isElement(c)) {
      children.push(c);
      continue;
    }
    const r = fn(c);
    if (r === null) continue;
    children.push(r ?? mapTree(c, fn));
  }
  return { ...el, children };
}

const root = (svg: string | SvgEl) => (typeof svg === 'string' ? parseSvg(svg) : svg);

/** Every `<text>` as outlined paths. */
export function outlineSvgText(svg: string | SvgEl): string {
  return serializeSvg(mapTree(root(svg), (el) => (el.name === 'text' ? outlined(el) : undefined)));
}

const TRANSLATE = /^\s*translate\(\s*([-+\d.eE]+)(?:[\s,]+([-+\d.eE]+))?\s*\)\s*$/;

/** A transform attribute's translation when it is nothing but one; [0, 0] when absent. */
function translation(t: string | undefined): [number, number] | undefined {
  if (t === undefined) return [0, 0];
  const m = TRANSLATE.exec(t);
  if (!m) return undefined;
  const x = Number(m[1]),
    y = Number(m[2] ?? 0);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
}

/**
 * For the raster fast path: texts with their own fill whose place is a plain translation
 * chain (no rotation, clip, opacity or stroke above them) come out as lines in root
 * coordinates, to be drawn from glyph masks over the rest; the others stay outlined in the
 * returned SVG.
 */
export function liftSvgText(svg: string | SvgEl): { svg: string; texts: PlacedText[]; tree: SvgEl } {
  const texts: PlacedText[] = [];
  const visit = (el: SvgEl, tx: number, ty: number, plain: boolean): SvgEl => {
    const children: SvgNode[] = [];
    for (const c of el.children) {
      if (!isElement(c)) {
        children.push(c);
        continue;
      }
      if (c.name !== 'text') {
        const a = c.attrs;
        const tr = translation(a.transform);
        const ok =
          !!tr &&
          a['clip-path'] === undefined &&
          a.opacity === undefined &&
          a.mask === undefined &&
          a.filter === undefined &&
          (a.stroke ?? 'none') === 'none';
        children.push(visit(c, tx + (ok ? tr![0] : 0), ty + (ok ? tr![1] : 0), plain && ok));
        continue;
      }
      const a = c.attrs;
      const tr = translation(a.transform);
      const opacity = a.opacity;
      const liftable =
        plain &&
        !!tr &&
        !!a.fill &&
        a['clip-path'] === undefined &&
        a['fill-opacity'] === undefined &&
        a.stroke === undefined &&
        a.rotate === undefined &&
        a.textLength === undefined &&
        (opacity === undefined || Number.isFinite(Number(opacity)));
      if (!liftable) {
        children.push(outlined(c));
        continue;
      }
      const t = textInfo(c);
      const lines = placeLines(
        t,
        tx + tr![0] + length(a.x, t.size) + length(a.dx, t.size),
        ty + tr![1] + length(a.y, t.size) + length(a.dy, t.size),
      );
      if (lines.length)
        texts.push({ fill: a.fill!, ...(opacity !== undefined && opacity !== '1' ? { opacity } : {}), lines });
    }
    return { ...el, children };
  };
  const tree = visit(root(svg), 0, 0, true);
  let markup: string | undefined;
  return {
    get svg() {
      markup ??= serializeSvg(tree);
      return markup;
    },
    texts,
    tree,
  };
}

/** Texts set in face keys (for svg-to-pdfkit's fontCallback); returns the faces used. Texts with no characters are dropped. */
export function pdfSvgText(svg: string | SvgEl): { svg: string; faces: Face[]; tree: SvgEl } {
  const used = new Map<string, Face>();
  const pick = (text: string, stack: Face[]): string => {
    const face = checkGlyphs(text, stack, { field: `chart text "${text}"` });
    used.set(face.key, face);
    return face.key;
  };
  const tree = mapTree(root(svg), (el) => {
    if (el.name !== 'text') return undefined;
    const t = textInfo(el);
    if (!t.lines.some((l) => l.text.trim())) return null;
    const spans = el.children.some((c) => isElement(c) && c.name === 'tspan');
    const attrs = { ...el.attrs };
    delete attrs['font-style'];
    // each line in the face the metrics chose for it (svg-to-pdfkit knows tspan fonts)
    const children = spans
      ? el.children.map((c) =>
          isElement(c) && c.name === 'tspan'
            ? { ...c, attrs: { ...c.attrs, 'font-family': pick(textContent(c), t.stack) } }
            : c,
        )
      : el.children;
    if (spans) used.set(t.stack[0]!.key, t.stack[0]!);
    attrs['font-family'] = spans ? t.stack[0]!.key : pick(t.lines[0]!.text, t.stack);
    attrs['font-weight'] = 'normal';
    return { ...el, attrs, children };
  });
  return { svg: serializeSvg(tree), faces: [...used.values()], tree };
}

/** Width and height attributes of the root `<svg>`. */
export function svgSize(svg: string | SvgEl): { width: number; height: number } {
  return svgSizeOf(root(svg));
}
