/**
 * Standalone SVG documents (Vega's charts) placed into a layout's SVG, read with a real XML
 * parser: the root's size and viewBox, its content re-serialized, ids scoped so several
 * charts live in one document.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgDoc {
  /** the root <svg>'s attributes */
  root: Record<string, string>;
  /** its content, serialized again (ids prefixed when asked) */
  inner: string;
}

const cache = new Map<string, SvgDoc>();

/** Parse an SVG document; with `prefix`, every id and reference to one is scoped (`c0-clip1`). */
export function readSvg(doc: string, prefix?: string): SvgDoc {
  const key = `${prefix ?? ''}\u0000${doc}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let root: Record<string, string> | undefined;
  let inner = '';
  const scope = (name: string, v: string): string => {
    if (!prefix) return v;
    if (name === 'id') return `${prefix}-${v}`;
    if ((name === 'href' || name === 'xlink:href') && v.startsWith('#')) return `#${prefix}-${v.slice(1)}`;
    let out = v,
      at = out.indexOf('url(#');
    while (at >= 0) {
      out = `${out.slice(0, at + 5)}${prefix}-${out.slice(at + 5)}`;
      at = out.indexOf('url(#', at + 5 + prefix.length + 1);
    }
    return out;
  };
  let error: Error | undefined;
  p.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (depth === 1) {
      root = tag.attributes as Record<string, string>;
      return;
    }
    let s = `<${tag.name}`;
    for (const [k, v] of Object.entries(tag.attributes as Record<string, string>))
      s += ` ${k}="${escapeXml(scope(k, v))}"`;
    inner += tag.isSelfClosing ? `${s}/>` : `${s}>`;
  });
  p.on('text', (t) => {
    if (depth >= 1) inner += escapeXml(t);
  });
  p.on('cdata', (t) => {
    if (depth >= 1) inner += escapeXml(t);
  });
  p.on('closetag', (tag) => {
    if (depth > 1 && !tag.isSelfClosing) inner += `</${tag.name}>`;
    depth--;
  });
  p.on('error', (e) => {
    error ??= e;
  });
  p.write(doc).close();
  if (error || !root) throw new Error(`not an SVG document: ${error?.message ?? 'no root element'}`);
  const out = { root, inner };
  if (cache.size > 300) cache.clear();
  cache.set(key, out);
  return out;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a document lands in a box: scaled to fit, centred (preserveAspectRatio xMidYMid meet). */
export function placement(root: Record<string, string>, box: Box): { tx: number; ty: number; k: number } {
  const vb =
    root.viewBox ??
    `0 0 ${Number.parseFloat(root.width ?? String(box.w))} ${Number.parseFloat(root.height ?? String(box.h))}`;
  const [vx = 0, vy = 0, vw = box.w, vh = box.h] = vb
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const k = Math.round(Math.min(box.w / vw, box.h / vh) * 1e5) / 1e5;
  const tx = Math.round((box.x + (box.w - vw * k) / 2 - vx * k) * 100) / 100;
  const ty = Math.round((box.y + (box.h - vh * k) / 2 - vy * k) * 100) / 100;
  return { tx, ty, k };
}

const r2 = (n: number) => String(Math.round(n * 100) / 100);

/** A document placed into a box as a group (svg-to-pdfkit draws no nested viewports). */
export function embedSvg(doc: string, box: Box, prefix?: string): string {
  return embedDoc(readSvg(doc, prefix), box);
}

/** A document already read (`readSvg`, or its root's attributes and content from a tree) placed into a box as a group. */
export function embedDoc({ root, inner }: SvgDoc, box: Box): string {
  const { tx, ty, k } = placement(root, box);
  return `<g transform="translate(${r2(tx)} ${r2(ty)}) scale(${k})">${inner}</g>`;
}
