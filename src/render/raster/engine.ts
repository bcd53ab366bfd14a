/**
 * The shared SVG layout engine of posters and cards.
 *
 * A layout is a Handlebars SVG body (templates/posters, templates/cards) drawn on a canvas
 * `W` design units wide (1080 unless the caller says otherwise) and `H = W × height/width`
 * tall; the engine scales it to the output's pixels. Besides plain SVG it knows a few
 * `dp:` elements, read in document order so later ones can sit below earlier ones:
 *
 *   <dp:var name="M" value="W*0.06"/>
 *   <dp:text id="title" x="M" y="M" w="W-2*M" lines="2" size="44..72" font="serif"
 *            weight="black" fill="#111" bg="#fff" align="start" leading="1.2" balance
 *            anchor="top|bottom" field="highlights[0].title.zh">{{title}}</dp:text>
 *   <dp:figure id="fig" x y w size="120..240" unit="0.42" prefix="" number="1570.6"
 *            suffix="万人" fill unitfill field/>        (big number, smaller unit words)
 *   <dp:chart id="chart" x y w h highlight="pension" lang="zh" compact/>
 *   <dp:rect id x y w h fill rx/>   <dp:line x1 y1 x2 y2 stroke width/>
 *
 * `<dp:slot name="bg"/>` marks a place in the paint order; an element with `into="bg"` is
 * drawn there (a band sized by the text on it). Any element may carry `when="expr"`: it is left out when the expression is ≤ 0
 * (e.g. a chart only where there is room).
 *
 * Attribute values are expressions (see expr.ts): `y="bottom(title)+24"`. Text is fitted
 * (largest size that fits the lines), broken with the Chinese rules and outlined: no
 * <text> element reaches the rasterizer. Every box is recorded for the safe-zone tests.
 */
import { unescapeXml } from '../../layout/xml.js';
import { evalExpr, LayoutExprError, type BoxGeom, type ExprScope } from './expr.js';
import { renderTemplate } from '../../layout/handlebars.js';
import { ASCENT, blockHeight, checkGlyphs, fitBox, getFace, measure, outlineLine, type Face } from './text.js';
import { breakLines } from '../../text/breaker.js';
import { textOverflowMessage } from '../../text/messages.js';

export interface Box extends BoxGeom {
  id?: string;
  kind: 'text' | 'figure' | 'chart' | 'rect';
  field?: string;
  role?: string;
  /** font size (largest in the box), design units before scaling, px after */
  size?: number;
  fill?: string;
  /** colour behind the text (for contrast checks) */
  bg?: string;
  lines?: string[];
}

export interface FontSpec {
  sans: { family: string; regular: number; bold: number; black: number };
  serif: { family: string; regular: number; bold: number };
}

export interface ChartRequest {
  id: string;
  highlight: string;
  lang: string;
  /** design units */
  width: number;
  height: number;
  compact: boolean;
  /** colour behind the chart */
  bg?: string;
}

export interface LayoutOptions {
  /** template name for messages, e.g. 'posters/overview-portrait' */
  layout: string;
  preset: string;
  /** output size in px */
  width: number;
  height: number;
  /** design width of the canvas (default 1080) */
  design?: number;
  fonts: FontSpec;
  vars?: Record<string, number>;
  /** chart SVG for a slot (any viewBox; scaled to fit) */
  chart?: (req: ChartRequest) => Promise<string>;
  /** text that cannot fit is an error (default) rather than cut with an ellipsis and a warning */
  strict?: boolean;
}

export interface LayoutResult {
  svg: string;
  /** texts cut to fit (non-strict), each naming the field, layout and preset */
  warnings: string[];
  /** boxes in output pixels */
  boxes: Box[];
  width: number;
  height: number;
}

export class LayoutOverflowError extends Error {
  readonly exitCode = 1;
  constructor(message: string, readonly field: string, readonly layout: string, readonly preset: string) {
    super(message);
    this.name = 'LayoutOverflowError';
  }
}

export class LayoutError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'LayoutError';
  }
}

const ELEMENT = /<dp:(var|slot|text|figure|chart|rect|line)\b((?:[^>"]|"[^"]*")*?)(?:\/>|>([\s\S]*?)<\/dp:\1>)/g;
const ATTR = /([A-Za-z_][\w:-]*)(?:\s*=\s*"([^"]*)")?/g;

export { unescapeXml };
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrs(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of src.matchAll(ATTR)) out[m[1]!] = m[2] === undefined ? 'true' : unescapeXml(m[2]);
  return out;
}

const r2 = (n: number) => String(Math.round(n * 100) / 100);

/** Render a layout: Handlebars → dp elements resolved → one SVG document, plus its boxes. */
export async function renderLayout(source: string, context: unknown, opts: LayoutOptions): Promise<LayoutResult> {
  const design = opts.design ?? 1080;
  const k = opts.width / design;
  const Hd = opts.height / k;
  const vars: Record<string, number> = { W: design, H: Hd, ...(opts.vars ?? {}) };
  const boxes: Box[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, Box>();
  const scope: ExprScope = { vars, box: (id) => byId.get(id) };
  const charts: { req: ChartRequest; box: Box }[] = [];
  const where = `${opts.layout} (preset ${opts.preset})`;

  const num = (a: Record<string, string>, name: string, fallback?: number): number => {
    const v = a[name];
    if (v === undefined || v === '') {
      if (fallback !== undefined) return fallback;
      throw new LayoutError(`${where}: <dp:…> needs attribute ${name}`);
    }
    try {
      return evalExpr(v, scope);
    } catch (e) {
      if (e instanceof LayoutExprError) throw new LayoutError(`${where}: ${name}="${v}": ${e.message}`);
      throw e;
    }
  };
  const range = (a: Record<string, string>, name: string): [number, number] => {
    const v = (a[name] ?? '').trim();
    let parts = v.split('..');
    if (parts.length === 1 && /^\d+(\.\d+)?-\d+(\.\d+)?$/.test(v)) parts = v.split('-');
    const vals = parts.map((p) => num({ v: p }, 'v'));
    if (vals.length === 1) return [vals[0]!, vals[0]!];
    return [Math.min(vals[0]!, vals[1]!), Math.max(vals[0]!, vals[1]!)];
  };
  const face = (a: Record<string, string>): Face => {
    const serif = a.font === 'serif';
    const fam = serif ? opts.fonts.serif : opts.fonts.sans;
    const w = a.weight ?? 'regular';
    const weight = /^\d+$/.test(w) ? Number(w)
      : w === 'black' ? (serif ? opts.fonts.serif.bold : opts.fonts.sans.black)
      : w === 'bold' ? fam.bold
      : fam.regular;
    return getFace(fam.family, weight);
  };
  const record = (b: Box) => {
    boxes.push(b);
    if (b.id) byId.set(b.id, b);
  };

  const rendered = renderTemplate(source, context);
  let chartSeq = 0;
  const slots = new Map<string, string[]>();
  const element = (tag: string, a: Record<string, string>, content: string | undefined): string => {
    if (a.when !== undefined && tag !== 'var' && num(a, 'when') <= 0) {
      // not enough room: the element is left out (a zero box keeps references working)
      const y = a.y !== undefined ? num(a, 'y') : 0;
      record({ id: a.id, kind: tag === 'chart' ? 'chart' : tag === 'rect' ? 'rect' : 'text', x: 0, y, w: 0, h: 0 });
      return '';
    }
    switch (tag) {
      case 'slot':
        return `\u0001SLOT:${a.name ?? ''}\u0001`;
      case 'var':
        if (!a.name) throw new LayoutError(`${where}: <dp:var> needs name`);
        vars[a.name] = num(a, 'value');
        return '';
      case 'rect': {
        const b: Box = { id: a.id, kind: 'rect', x: num(a, 'x'), y: num(a, 'y'), w: num(a, 'w'), h: num(a, 'h'), fill: a.fill };
        if (a.anchor === 'bottom') b.y -= b.h;
        record(b);
        if (b.w <= 0 || b.h <= 0) return '';
        const rx = a.rx ? ` rx="${r2(num(a, 'rx'))}"` : '';
        const op = a.opacity ? ` opacity="${escapeXml(a.opacity)}"` : '';
        const stroke = a.stroke ? ` stroke="${escapeXml(a.stroke)}" stroke-width="${r2(num(a, 'sw', 1))}"` : '';
        return `<rect x="${r2(b.x)}" y="${r2(b.y)}" width="${r2(b.w)}" height="${r2(b.h)}"${rx}${op}${stroke} fill="${escapeXml(a.fill ?? 'none')}"/>`;
      }
      case 'line':
        return `<line x1="${r2(num(a, 'x1'))}" y1="${r2(num(a, 'y1'))}" x2="${r2(num(a, 'x2'))}" y2="${r2(num(a, 'y2'))}" stroke="${escapeXml(a.stroke ?? '#000')}" stroke-width="${r2(num(a, 'sw', 1))}"${a.dash ? ` stroke-dasharray="${escapeXml(a.dash)}"` : ''}/>`;
      case 'chart': {
        const b: Box = { id: a.id, kind: 'chart', x: num(a, 'x'), y: num(a, 'y'), w: num(a, 'w'), h: num(a, 'h') };
        if (a.anchor === 'bottom') b.y -= b.h;
        record(b);
        if (b.w < 40 || b.h < 30 || !opts.chart) return '';
        const n = chartSeq++;
        charts.push({
          req: { id: `c${n}`, highlight: a.highlight ?? '', lang: a.lang ?? 'zh', width: Math.round(b.w), height: Math.round(b.h), compact: a.compact === 'true', bg: a.bg },
          box: b,
        });
        return `\u0000CHART${n}\u0000`;
      }
      case 'text':
        return textBox(a, unescapeXml(content ?? '').replace(/\s+/g, ' ').trim());
      case 'figure':
        return figureBox(a);
    }
    return '';
  };
  const placed = rendered.replace(ELEMENT, (_m, tag: string, attrSrc: string, content: string | undefined) => {
    const a = attrs(attrSrc);
    const out = element(tag, a, content);
    if (a.into && tag !== 'slot') {
      // painted earlier in the document (e.g. a band sized by the text drawn on it)
      const list = slots.get(a.into) ?? [];
      list.push(out);
      slots.set(a.into, list);
      return '';
    }
    return out;
  });
  const body = placed.replace(/\u0001SLOT:([^\u0001]*)\u0001/g, (_m, name: string) => (slots.get(name) ?? []).join(''));

  function textBox(a: Record<string, string>, text: string): string {
    const x = num(a, 'x'), y = num(a, 'y'), w = num(a, 'w');
    const maxLines = num(a, 'lines', 1);
    const [minSize, maxSize] = range(a, 'size');
    const leading = num(a, 'leading', 1.25);
    const field = a.field ?? a.id ?? 'text';
    const f = face(a);
    const b: Box = { id: a.id, kind: 'text', field, role: a.role, x, y, w: 0, h: 0, size: maxSize, fill: a.fill, bg: a.bg, lines: [] };
    if (!text) {
      if (a.anchor === 'bottom') b.y = y;
      record(b);
      return '';
    }
    checkGlyphs(text, [f], { field, layout: where });
    const fit = fitBox({
      text, face: f, width: w, maxLines, maxSize, minSize, leading,
      height: a.h !== undefined ? num(a, 'h') : undefined,
      balance: a.balance === 'true', field, layout: where, strict: opts.strict ?? true,
    });
    if (fit.warning) warnings.push(fit.warning);
    const size = fit.size;
    const h = blockHeight(fit.lines.length, size, leading);
    const top = a.anchor === 'bottom' ? y - h : a.anchor === 'middle' ? y - h / 2 : y;
    const widest = Math.max(...fit.lines.map((l) => l.width));
    const align = a.align ?? 'start';
    const bx = align === 'middle' ? x + (w - widest) / 2 : align === 'end' ? x + w - widest : x;
    Object.assign(b, { x: bx, y: top, w: widest, h, size, lines: fit.lines.map((l) => l.text) });
    record(b);
    const parts = fit.lines.map((l, i) => {
      const lx = align === 'middle' ? x + (w - l.width) / 2 : align === 'end' ? x + w - l.width : x;
      return outlineLine(l.text, f, size, lx, top + ASCENT * size + i * size * leading);
    });
    return `<g fill="${escapeXml(a.fill ?? '#000')}"${a.opacity ? ` opacity="${escapeXml(a.opacity)}"` : ''}>${parts.join('')}</g>`;
  }

  function figureBox(a: Record<string, string>): string {
    const x = num(a, 'x'), y = num(a, 'y'), w = num(a, 'w');
    const [minSize, maxSize] = range(a, 'size');
    const ratio = num(a, 'unit', 0.42);
    const field = a.field ?? a.id ?? 'figure';
    const fNum = face(a);
    const fUnit = face({ font: a.font, weight: a.unitweight ?? a.weight });
    const prefix = a.prefix ?? '', number = a.number ?? '', suffix = a.suffix ?? '';
    checkGlyphs(prefix + number + suffix, [fNum, fUnit], { field, layout: where });
    const gap = (s: number) => s * 0.06;
    const widthAt = (s: number) => {
      const us = s * ratio;
      return (prefix ? measure(prefix.trimEnd(), fUnit, us) + gap(s) : 0) + measure(number, fNum, s) +
        (suffix ? gap(s) + measure(suffix.trimStart(), fUnit, us) : 0);
    };
    const step = Math.max(0.5, (maxSize - minSize) / 60);
    let size = -1, twoLine = false;
    for (let s = maxSize; s >= minSize - 1e-9; s -= step) if (widthAt(s) <= w) { size = s; break; }
    let suffixLines: string[] = [];
    if (size < 0) {
      // the unit words go on their own line under the number
      twoLine = true;
      for (let s = maxSize; s >= minSize - 1e-9; s -= step) {
        const us = s * ratio;
        const head = (prefix ? measure(prefix.trimEnd(), fUnit, us) + gap(s) : 0) + measure(number, fNum, s);
        const sl = breakLines(suffix.trim(), { face: fUnit, size: us, width: w });
        if (head <= w && sl.length <= 2 && !sl.some((l) => l.forced)) {
          size = s;
          suffixLines = sl.map((l) => l.text);
          break;
        }
      }
      if (size < 0) {
        throw new LayoutOverflowError(
          textOverflowMessage({ field, layout: where, maxLines: 1, minSize, lines: 2, width: w }), field, opts.layout, opts.preset);
      }
    }
    const us = size * ratio;
    const fill = escapeXml(a.fill ?? '#000'), ufill = escapeXml(a.unitfill ?? a.fill ?? '#000');
    const capTop = 0.74; // lining figures reach ~0.73 em above the baseline
    const baseline = y + capTop * size;
    const lineW = twoLine
      ? (prefix ? measure(prefix.trimEnd(), fUnit, us) + gap(size) : 0) + measure(number, fNum, size)
      : widthAt(size);
    const align = a.align ?? 'start';
    const start = (lw: number) => (align === 'middle' ? x + (w - lw) / 2 : align === 'end' ? x + w - lw : x);
    let cx = start(lineW);
    const out: string[] = [];
    if (prefix) {
      out.push(`<g fill="${ufill}">${outlineLine(prefix.trimEnd(), fUnit, us, cx, baseline)}</g>`);
      cx += measure(prefix.trimEnd(), fUnit, us) + gap(size);
    }
    out.push(`<g fill="${fill}">${outlineLine(number, fNum, size, cx, baseline)}</g>`);
    cx += measure(number, fNum, size);
    let bottom = baseline + 0.02 * size;
    let widest = lineW;
    if (suffix && !twoLine) {
      cx += gap(size);
      out.push(`<g fill="${ufill}">${outlineLine(suffix.trimStart(), fUnit, us, cx, baseline)}</g>`);
      bottom = Math.max(bottom, baseline + 0.12 * us);
    } else if (twoLine) {
      suffixLines.forEach((t, i) => {
        const lw = measure(t, fUnit, us);
        widest = Math.max(widest, lw);
        const by = baseline + size * 0.1 + (i + 1) * us * 1.2 - 0.12 * us;
        out.push(`<g fill="${ufill}">${outlineLine(t, fUnit, us, start(lw), by)}</g>`);
        bottom = by + 0.12 * us;
      });
    }
    const top = baseline - capTop * size;
    record({
      id: a.id, kind: 'figure', field, role: a.role ?? 'headline', x: start(widest), y: top, w: widest, h: bottom - top,
      size, fill: a.fill, bg: a.bg, lines: twoLine ? [prefix + number, ...suffixLines] : [prefix + number + suffix],
    });
    return out.join('');
  }

  // charts: fetched after the layout is known (sizes come from the flow)
  let svgBody = body;
  if (charts.length) {
    const svgs = await Promise.all(charts.map((c) => opts.chart!(c.req)));
    svgBody = svgBody.replace(/\u0000CHART(\d+)\u0000/g, (_m, n: string) => {
      const c = charts[Number(n)]!;
      return embedSvg(svgs[Number(n)]!, c.box, c.req.id);
    });
  }
  if (/<text[\s>]/.test(svgBody)) throw new LayoutError(`${where}: a <text> element would reach the rasterizer (outline it)`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${opts.width}" height="${opts.height}" ` +
    `viewBox="0 0 ${design} ${r2(Hd)}">${svgBody}</svg>`;
  const px = boxes.map((b) => ({ ...b, x: b.x * k, y: b.y * k, w: b.w * k, h: b.h * k, size: b.size === undefined ? undefined : b.size * k }));
  return { svg, warnings, boxes: px, width: opts.width, height: opts.height };
}

/** Place a standalone SVG document into a box (ids prefixed so several charts coexist). */
export function embedSvg(doc: string, box: BoxGeom, prefix: string): string {
  const src = doc.replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, '').trim();
  const open = /^<svg\b([^>]*)>/.exec(src);
  if (!open) throw new LayoutError('chart is not an SVG document');
  const a = attrs(open[1]!);
  const inner = src.slice(open[0].length, src.lastIndexOf('</svg>'));
  const vb = a.viewBox ?? `0 0 ${parseFloat(a.width ?? String(box.w))} ${parseFloat(a.height ?? String(box.h))}`;
  const scoped = inner
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
  // as a group (scale to fit, centred: preserveAspectRatio xMidYMid meet) rather than a nested
  // <svg>, so the same layout also converts to PDF (svg-to-pdfkit draws no nested viewports)
  const [vx = 0, vy = 0, vw = box.w, vh = box.h] = vb.split(/[\s,]+/).map(Number);
  const k = Math.min(box.w / vw, box.h / vh);
  const tx = box.x + (box.w - vw * k) / 2 - vx * k;
  const ty = box.y + (box.h - vh * k) / 2 - vy * k;
  return `<g transform="translate(${r2(tx)} ${r2(ty)}) scale(${Math.round(k * 1e5) / 1e5})">${scoped}</g>`;
}
