/**
 * Vega's SVG as a tree, read by a real XML parser (saxes), never by patterns over markup.
 *
 * Every consumer of a chart's SVG (outlined text for PNG, posters and cards; the lifted texts of
 * the raster fast path; face keys for the PDF; the JS shape painter; stable definition ids) walks
 * this tree, so an element Vega writes in any legal form (a self-closing `<text/>`, an empty
 * `<text></text>`, entities, attributes in any order) reads the same everywhere.
 *
 * The tree is deliberately small: elements with their attributes in document order and their
 * children (elements and character data). Namespaces are not resolved (`xlink:href` is an
 * attribute named `xlink:href`), which is all SVG fragments need.
 */
import { SaxesParser } from 'saxes';

export interface SvgEl {
  name: string;
  /** attributes in document order, entities decoded */
  attrs: Record<string, string>;
  children: SvgNode[];
}

/** An element, or character data (entities decoded). */
export type SvgNode = SvgEl | string;

export class SvgParseError extends Error {
  constructor(message: string) {
    super(`chart SVG is not well-formed XML: ${message}`);
    this.name = 'SvgParseError';
  }
}

/** Parse a document (or, with `fragment`, a run of sibling elements) into its root element. */
export function parseSvg(src: string, opts: { fragment?: boolean } = {}): SvgEl {
  const root: SvgEl = { name: '#root', attrs: {}, children: [] };
  const stack: SvgEl[] = [root];
  const parser = new SaxesParser({ position: false, fragment: !!opts.fragment });
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const el: SvgEl = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const text = (t: string) => {
    if (t) stack[stack.length - 1]!.children.push(t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.write(src).close();
  if (failure) throw new SvgParseError(failure.message);
  if (opts.fragment) return root;
  const el = root.children.find((c): c is SvgEl => typeof c !== 'string');
  if (!el) throw new SvgParseError('no root element');
  return el;
}

const escapeAttr = (v: string) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
const escapeText = (v: string) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The markup of an element (a `#root` fragment: its children), elements without children self-closed. */
export function serializeSvg(node: SvgNode): string {
  const out: string[] = [];
  const write = (n: SvgNode) => {
    if (typeof n === 'string') {
      out.push(escapeText(n));
      return;
    }
    if (n.name === '#root') {
      for (const c of n.children) write(c);
      return;
    }
    let open = `<${n.name}`;
    for (const [k, v] of Object.entries(n.attrs)) open += ` ${k}="${escapeAttr(v)}"`;
    if (!n.children.length) {
      out.push(`${open}/>`);
      return;
    }
    out.push(`${open}>`);
    for (const c of n.children) write(c);
    out.push(`</${n.name}>`);
  };
  write(node);
  return out.join('');
}

export const isElement = (n: SvgNode): n is SvgEl => typeof n !== 'string';

/** Visit every element below `el` (pre-order); `visit` may return false to skip an element's children. */
export function walk(el: SvgEl, visit: (el: SvgEl, parent: SvgEl) => unknown): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (visit(c, el) !== false) walk(c, visit);
  }
}

/** Character data of an element and its descendants, in order. */
export function textContent(el: SvgEl): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

/** Width and height of the root `<svg>` in user units (0 when absent). */
export function svgSizeOf(root: SvgEl): { width: number; height: number } {
  const n = (v: string | undefined) => {
    const x = Number.parseFloat(v ?? '');
    return Number.isFinite(x) ? x : 0;
  };
  return { width: n(root.attrs.width), height: n(root.attrs.height) };
}

/** Attributes whose values can name a definition: `url(#id)` or `#id`. */
const REFERENCING = [
  'clip-path',
  'fill',
  'stroke',
  'mask',
  'filter',
  'href',
  'xlink:href',
  'marker-start',
  'marker-mid',
  'marker-end',
];

/**
 * Renumber definition ids in order of appearance (`clip1`, `clip2`…, per prefix), and every
 * reference to them. Vega numbers clip paths and gradients with process-wide counters, so
 * without this a chart's bytes would depend on how many charts the process drew before it.
 */
export function renumberIds(root: SvgEl): void {
  const ids = new Map<string, string>();
  const counters = new Map<string, number>();
  walk(root, (el) => {
    const id = el.attrs.id;
    if (id === undefined || ids.has(id)) return;
    const prefix = id.replace(/\d+$/, '');
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    ids.set(id, `${prefix}${n}`);
  });
  if (!ids.size) return;
  const rename = (id: string) => ids.get(id) ?? id;
  walk(root, (el) => {
    if (el.attrs.id !== undefined) el.attrs.id = rename(el.attrs.id);
    for (const a of REFERENCING) {
      const v = el.attrs[a];
      if (v === undefined) continue;
      if (v.startsWith('#')) el.attrs[a] = `#${rename(v.slice(1))}`;
      else if (v.startsWith('url(#') && v.endsWith(')')) el.attrs[a] = `url(#${rename(v.slice(5, -1))})`;
    }
  });
}
