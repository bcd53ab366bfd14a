/**
 * Post-processing of Vega's SVG text (`<text>` with transform, text-anchor, font-*,
 * fill, opacity, and `<tspan x="0" dy="…">` lines):
 *  - `outlineSvgText`: every text becomes `<g …><path/></g>` in the text engine's faces
 *    (for sharp/librsvg, which must never pick system fonts);
 *  - `pdfSvgText`: font-family becomes the face key, weight/style normal (svg-to-pdfkit
 *    only knows bold), and the faces used are returned for registration.
 * Both check glyphs (MissingGlyphError) with the same face choice as the metrics.
 * `inlineImages` turns `<image href>` files under --base into data URIs.
 */
import { readAttrs, unescapeXml } from '../layout/xml.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { faceStack } from './fonts.js';
import { resolveLocal } from './loader.js';
import { checkGlyphs, measure, outlinePathData, type Face, type PlacedLine, type PlacedText } from './textengine.js';

const TEXT_RE = /<text([^>]*)>([\s\S]*?)<\/text>/g;
const TSPAN_RE = /<tspan([^>]*)>([\s\S]*?)<\/tspan>/g;
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

export { unescapeXml };

function attrs(s: string): Map<string, string> {
  return new Map(Object.entries(readAttrs(s)));
}

interface Line {
  text: string;
  dx: number;
  dy: number;
  resetX: boolean;
}

function lines(content: string): Line[] {
  if (!content.includes('<tspan')) return [{ text: unescapeXml(content), dx: 0, dy: 0, resetX: false }];
  const out: Line[] = [];
  for (const [, a, t] of content.matchAll(TSPAN_RE)) {
    const at = attrs(a!);
    out.push({ text: unescapeXml(t!), dx: 0, dy: Number(at.get('dy') ?? 0), resetX: at.has('x') });
  }
  return out;
}

interface TextInfo {
  a: Map<string, string>;
  lines: Line[];
  size: number;
  stack: Face[];
}

function info(attrStr: string, content: string): TextInfo {
  const a = attrs(attrStr);
  return {
    a,
    lines: lines(content),
    size: parseFloat(a.get('font-size') ?? '11') || 0,
    stack: faceStack(a.get('font-family'), a.get('font-weight')),
  };
}

function keptAttrs(a: Map<string, string>): string {
  let s = '';
  for (const [k, v] of a)
    if (!FONT_ATTRS.has(k)) s += ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`;
  return s;
}

/** Every `<text>` as outlined paths. */
export function outlineSvgText(svg: string): string {
  return svg.replace(TEXT_RE, (_m, attrStr: string, content: string) => {
    const t = info(attrStr, content);
    const anchor = t.a.get('text-anchor') ?? 'start';
    const x0 = Number(t.a.get('x') ?? 0) + Number(t.a.get('dx') ?? 0);
    let y = Number(t.a.get('y') ?? 0) + Number(t.a.get('dy') ?? 0);
    let d = '';
    for (const line of t.lines) {
      y += line.dy;
      if (!line.text || t.size <= 0) continue;
      const face = checkGlyphs(line.text, t.stack, { field: `chart text "${line.text}"` });
      const w = measure(line.text, face, t.size);
      const x = anchor === 'middle' ? x0 - w / 2 : anchor === 'end' ? x0 - w : x0;
      d += outlinePathData(line.text, face, t.size, x, y);
    }
    return `<g${keptAttrs(t.a)}>${d ? `<path d="${d}"/>` : ''}</g>`;
  });
}

const TOKEN_RE = /<g\b([^>]*?)(\/?)>|<\/g>|<text([^>]*)>([\s\S]*?)<\/text>/g;
const TRANSLATE_RE = /^\s*translate\(\s*(-?[\d.e+-]+)(?:[\s,]+(-?[\d.e+-]+))?\s*\)\s*$/;

/**
 * For the raster fast path: texts with their own fill whose place is a plain translation
 * chain (no rotation, clip, opacity or stroke above them) come out as lines in root
 * coordinates, to be drawn from glyph masks over the rest; the others stay outlined in the
 * returned SVG.
 */
export function liftSvgText(svg: string): { svg: string; texts: PlacedText[] } {
  const texts: PlacedText[] = [];
  // per open group: the translation outside it and whether texts below can be lifted
  const stack: number[][] = [];
  let tx = 0,
    ty = 0,
    plain = true;
  const out = svg.replace(
    TOKEN_RE,
    (m, gAttrs: string | undefined, selfClose: string, tAttrs: string | undefined, content: string | undefined) => {
      if (gAttrs !== undefined) {
        if (selfClose) return m;
        const a = attrs(gAttrs);
        const t = a.get('transform');
        const tr = t === undefined ? [0, 0] : TRANSLATE_RE.exec(t);
        const ok =
          !!tr &&
          !a.has('clip-path') &&
          !a.has('opacity') &&
          !a.has('mask') &&
          !a.has('filter') &&
          (a.get('stroke') ?? 'none') === 'none';
        const d = ok && tr ? [Number(tr[1] ?? 0), Number(tr[2] ?? 0)] : [0, 0];
        stack.push([tx, ty, plain ? 1 : 0]);
        tx += d[0]!;
        ty += d[1]!;
        plain = plain && ok;
        return m;
      }
      if (tAttrs === undefined) {
        const prev = stack.pop() ?? [0, 0, 1];
        tx = prev[0]!;
        ty = prev[1]!;
        plain = prev[2] === 1;
        return m;
      }
      const t = info(tAttrs, content ?? '');
      const fill = t.a.get('fill');
      const tr = t.a.has('transform') ? TRANSLATE_RE.exec(t.a.get('transform')!) : [0, 0, 0];
      const opacity = t.a.get('opacity');
      const liftable =
        plain &&
        !!tr &&
        !!fill &&
        !t.a.has('clip-path') &&
        !t.a.has('fill-opacity') &&
        !t.a.has('stroke') &&
        !t.a.has('rotate') &&
        !t.a.has('textLength') &&
        (opacity === undefined || Number.isFinite(Number(opacity)));
      if (!liftable) return outlineSvgText(m);
      const anchor = t.a.get('text-anchor') ?? 'start';
      const ox = tx + Number(tr![1] ?? 0),
        oy = ty + Number(tr![2] ?? 0);
      const x0 = ox + Number(t.a.get('x') ?? 0) + Number(t.a.get('dx') ?? 0);
      let y = oy + Number(t.a.get('y') ?? 0) + Number(t.a.get('dy') ?? 0);
      const lines: PlacedLine[] = [];
      for (const line of t.lines) {
        y += line.dy;
        if (!line.text || t.size <= 0) continue;
        const face = checkGlyphs(line.text, t.stack, { field: `chart text "${line.text}"` });
        const w = measure(line.text, face, t.size);
        lines.push({
          text: line.text,
          face,
          size: t.size,
          x: anchor === 'middle' ? x0 - w / 2 : anchor === 'end' ? x0 - w : x0,
          y,
        });
      }
      if (lines.length) texts.push({ fill, ...(opacity !== undefined && opacity !== '1' ? { opacity } : {}), lines });
      return '';
    },
  );
  return { svg: out, texts };
}

/** Texts set in face keys (for svg-to-pdfkit's fontCallback); returns the faces used. */
export function pdfSvgText(svg: string): { svg: string; faces: Face[] } {
  const used = new Map<string, Face>();
  const pick = (text: string, stack: Face[]): string => {
    const face = checkGlyphs(text, stack, { field: `chart text "${text}"` });
    used.set(face.key, face);
    return face.key;
  };
  const out = svg.replace(TEXT_RE, (_m, attrStr: string, content: string) => {
    const t = info(attrStr, content);
    if (!t.lines.some((l) => l.text.trim())) return '';
    // each line in the face the metrics chose for it (svg-to-pdfkit knows tspan fonts)
    const body = content.includes('<tspan')
      ? content.replace(
          TSPAN_RE,
          (_t, a: string, txt: string) => `<tspan${a} font-family="${pick(unescapeXml(txt), t.stack)}">${txt}</tspan>`,
        )
      : content;
    if (content.includes('<tspan')) used.set(t.stack[0]!.key, t.stack[0]!);
    t.a.set('font-family', content.includes('<tspan') ? t.stack[0]!.key : pick(t.lines[0]!.text, t.stack));
    t.a.set('font-weight', 'normal');
    t.a.delete('font-style');
    const rest = [...t.a]
      .map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`)
      .join('');
    return `<text${rest}>${body}</text>`;
  });
  return { svg: out, faces: [...used.values()] };
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** `<image href="file">` → data URI (file resolved under base, offline rules apply). */
export function inlineImages(svg: string, base: string): string {
  return svg.replace(/<image([^>]*?)\s(xlink:href|href)="([^"]+)"/g, (m, pre: string, attr: string, href: string) => {
    const url = unescapeXml(href);
    if (url.startsWith('data:')) return m;
    const file = path.isAbsolute(url) ? url : resolveLocal(url, base);
    const mime = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return `<image${pre} ${attr}=""`;
    }
    return `<image${pre} ${attr}="data:${mime};base64,${data.toString('base64')}"`;
  });
}

/** Width and height attributes of the root `<svg>`. */
export function svgSize(svg: string): { width: number; height: number } {
  const head = svg.slice(0, svg.indexOf('>'));
  const w = /\swidth="([\d.]+)/.exec(head),
    h = /\sheight="([\d.]+)/.exec(head);
  return { width: w ? Number(w[1]) : 0, height: h ? Number(h[1]) : 0 };
}
