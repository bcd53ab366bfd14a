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
import { readAttrs, unescapeXml } from '../../layout/xml.js';
import { evalExpr, LayoutExprError, type BoxGeom, type ExprScope } from './expr.js';
import { renderTemplate } from '../../layout/handlebars.js';
import { ASCENT, blockHeight, checkGlyphs, fitBox, getFace, measure, outlineLine, type Face } from './text.js';
import { breakLines } from '../../text/breaker.js';
import { textOverflowMessage } from '../../text/messages.js';
import { fastPaint, templatePaints, type Paint, type Scene, type SvgPaint, type TextGroup } from './scene.js';

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

/** A chart for a slot: the whole SVG (texts outlined), and optionally the same split for the raster fast path. */
export interface ChartArt {
  readonly svg: string;
  /** the SVG without the texts in `texts` */
  base?: string;
  /** texts in the SVG's root user units, painted over `base` */
  texts?: TextGroup[];
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
  /** chart art for a slot (any viewBox; scaled to fit) */
  chart?: (req: ChartRequest) => Promise<ChartArt>;
  /** text that cannot fit is an error (default) rather than cut with an ellipsis and a warning */
  strict?: boolean;
}

export interface LayoutResult {
  /** the whole picture as one SVG document, text outlined (PDF conversion, the librsvg path) */
  readonly svg: string;
  /** the same picture as a display list for the raster fast path (compose.ts), when it is exact */
  scene?: Scene;
  /** texts cut to fit (non-strict), each naming the field, layout and preset */
  warnings: string[];
  /** boxes in output pixels */
  boxes: Box[];
  width: number;
  height: number;
}

export class LayoutOverflowError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly field: string,
    readonly layout: string,
    readonly preset: string,
  ) {
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

export { unescapeXml };
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const r2 = (n: number) => String(Math.round(n * 100) / 100);

/** Render a layout: Handlebars → dp elements resolved → one SVG document, plus its boxes. */
export async function renderLayout(source: string, context: unknown, opts: LayoutOptions): Promise<LayoutResult> {
  const design = opts.design ?? 1080;
  const k = opts.width / design;
  // baselines sit on whole output pixels: crisper horizontals, and a quarter of the glyph masks
  const onPixel = (y: number) => Math.round(y * k) / k;
  const Hd = opts.height / k;
  const vars: Record<string, number> = { W: design, H: Hd, ...(opts.vars ?? {}) };
  const boxes: Box[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, Box>();
  const scope: ExprScope = { vars, box: (id) => byId.get(id) };
  const charts: { req: ChartRequest; box: Box; paint: SvgPaint }[] = [];
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
    const weight = /^\d+$/.test(w)
      ? Number(w)
      : w === 'black'
        ? serif
          ? opts.fonts.serif.bold
          : opts.fonts.sans.black
        : w === 'bold'
          ? fam.bold
          : fam.regular;
    return getFace(fam.family, weight);
  };
  const record = (b: Box) => {
    boxes.push(b);
    if (b.id) byId.set(b.id, b);
  };

  // text and shapes are marked in the body: outlined into the SVG document, or painted from the scene (compose.ts)
  const texts: TextGroup[] = [];
  const shapes: Paint[] = [];
  const textMark = (g: TextGroup) => `\u0002${texts.push(g) - 1}\u0002`;
  const shapeMark = (p: Paint, svg: string) => `\u0003${shapes.push(p) - 1}\u0003${svg}\u0004`;

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
        const b: Box = {
          id: a.id,
          kind: 'rect',
          x: num(a, 'x'),
          y: num(a, 'y'),
          w: num(a, 'w'),
          h: num(a, 'h'),
          fill: a.fill,
        };
        if (a.anchor === 'bottom') b.y -= b.h;
        record(b);
        if (b.w <= 0 || b.h <= 0) return '';
        const rx = a.rx ? ` rx="${r2(num(a, 'rx'))}"` : '';
        const op = a.opacity ? ` opacity="${escapeXml(a.opacity)}"` : '';
        const sw = a.stroke ? num(a, 'sw', 1) : 0;
        const stroke = a.stroke ? ` stroke="${escapeXml(a.stroke)}" stroke-width="${r2(sw)}"` : '';
        const paint: Paint = {
          kind: 'rect',
          x: b.x,
          y: b.y,
          w: b.w,
          h: b.h,
          rx: a.rx ? num(a, 'rx') : 0,
          fill: a.fill ?? 'none',
          ...(a.stroke ? { stroke: a.stroke } : {}),
          sw,
          opacity: a.opacity ? Number(a.opacity) : 1,
        };
        return shapeMark(
          paint,
          `<rect x="${r2(b.x)}" y="${r2(b.y)}" width="${r2(b.w)}" height="${r2(b.h)}"${rx}${op}${stroke} fill="${escapeXml(a.fill ?? 'none')}"/>`,
        );
      }
      case 'line': {
        const x1 = num(a, 'x1'),
          y1 = num(a, 'y1'),
          x2 = num(a, 'x2'),
          y2 = num(a, 'y2'),
          sw = num(a, 'sw', 1);
        const dash = a.dash
          ? a.dash
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number)
          : undefined;
        return shapeMark(
          { kind: 'line', x1, y1, x2, y2, stroke: a.stroke ?? '#000', sw, ...(dash ? { dash } : {}) },
          `<line x1="${r2(x1)}" y1="${r2(y1)}" x2="${r2(x2)}" y2="${r2(y2)}" stroke="${escapeXml(a.stroke ?? '#000')}" stroke-width="${r2(sw)}"${a.dash ? ` stroke-dasharray="${escapeXml(a.dash)}"` : ''}/>`,
        );
      }
      case 'chart': {
        const b: Box = { id: a.id, kind: 'chart', x: num(a, 'x'), y: num(a, 'y'), w: num(a, 'w'), h: num(a, 'h') };
        if (a.anchor === 'bottom') b.y -= b.h;
        record(b);
        if (b.w < 40 || b.h < 30 || !opts.chart) return '';
        const n = chartSeq++;
        charts.push({
          req: {
            id: `c${n}`,
            highlight: a.highlight ?? '',
            lang: a.lang ?? 'zh',
            width: Math.round(b.w),
            height: Math.round(b.h),
            compact: a.compact === 'true',
            bg: a.bg,
          },
          box: b,
          paint: { kind: 'svg', box: b, svg: '' },
        });
        return shapeMark(charts[n]!.paint, `\u0000CHART${n}\u0000`);
      }
      case 'text':
        return textBox(
          a,
          unescapeXml(content ?? '')
            .replace(/\s+/g, ' ')
            .trim(),
        );
      case 'figure':
        return figureBox(a);
    }
    return '';
  };
  const placed = rendered.replace(ELEMENT, (_m, tag: string, attrSrc: string, content: string | undefined) => {
    const a = readAttrs(attrSrc);
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
    const x = num(a, 'x'),
      y = num(a, 'y'),
      w = num(a, 'w');
    const maxLines = num(a, 'lines', 1);
    const [minSize, maxSize] = range(a, 'size');
    const leading = num(a, 'leading', 1.25);
    const field = a.field ?? a.id ?? 'text';
    const f = face(a);
    const b: Box = {
      id: a.id,
      kind: 'text',
      field,
      role: a.role,
      x,
      y,
      w: 0,
      h: 0,
      size: maxSize,
      fill: a.fill,
      bg: a.bg,
      lines: [],
    };
    if (!text) {
      if (a.anchor === 'bottom') b.y = y;
      record(b);
      return '';
    }
    checkGlyphs(text, [f], { field, layout: where });
    const fit = fitBox({
      text,
      face: f,
      width: w,
      maxLines,
      maxSize,
      minSize,
      leading,
      height: a.h !== undefined ? num(a, 'h') : undefined,
      balance: a.balance === 'true',
      field,
      layout: where,
      strict: opts.strict ?? true,
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
    return textMark({
      fill: a.fill ?? '#000',
      ...(a.opacity ? { opacity: a.opacity } : {}),
      lines: fit.lines.map((l, i) => ({
        text: l.text,
        face: f,
        size,
        x: align === 'middle' ? x + (w - l.width) / 2 : align === 'end' ? x + w - l.width : x,
        y: onPixel(top + ASCENT * size + i * size * leading),
      })),
    });
  }

  function figureBox(a: Record<string, string>): string {
    const x = num(a, 'x'),
      y = num(a, 'y'),
      w = num(a, 'w');
    const [minSize, maxSize] = range(a, 'size');
    const ratio = num(a, 'unit', 0.42);
    const field = a.field ?? a.id ?? 'figure';
    const fNum = face(a);
    const fUnit = face({ font: a.font, weight: a.unitweight ?? a.weight });
    const prefix = a.prefix ?? '',
      number = a.number ?? '',
      suffix = a.suffix ?? '';
    checkGlyphs(prefix + number + suffix, [fNum, fUnit], { field, layout: where });
    const gap = (s: number) => s * 0.06;
    const widthAt = (s: number) => {
      const us = s * ratio;
      return (
        (prefix ? measure(prefix.trimEnd(), fUnit, us) + gap(s) : 0) +
        measure(number, fNum, s) +
        (suffix ? gap(s) + measure(suffix.trimStart(), fUnit, us) : 0)
      );
    };
    const step = Math.max(0.5, (maxSize - minSize) / 60);
    let size = -1,
      twoLine = false;
    for (let s = maxSize; s >= minSize - 1e-9; s -= step)
      if (widthAt(s) <= w) {
        size = s;
        break;
      }
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
          textOverflowMessage({ field, layout: where, maxLines: 1, minSize, lines: 2, width: w }),
          field,
          opts.layout,
          opts.preset,
        );
      }
    }
    const us = size * ratio;
    const fill = a.fill ?? '#000',
      ufill = a.unitfill ?? a.fill ?? '#000';
    const one = (t: string, f: Face, s: number, lx: number, ly: number) => ({
      text: t,
      face: f,
      size: s,
      x: lx,
      y: onPixel(ly),
    });
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
      out.push(textMark({ fill: ufill, lines: [one(prefix.trimEnd(), fUnit, us, cx, baseline)] }));
      cx += measure(prefix.trimEnd(), fUnit, us) + gap(size);
    }
    out.push(textMark({ fill, lines: [one(number, fNum, size, cx, baseline)] }));
    cx += measure(number, fNum, size);
    let bottom = baseline + 0.02 * size;
    let widest = lineW;
    if (suffix && !twoLine) {
      cx += gap(size);
      out.push(textMark({ fill: ufill, lines: [one(suffix.trimStart(), fUnit, us, cx, baseline)] }));
      bottom = Math.max(bottom, baseline + 0.12 * us);
    } else if (twoLine) {
      suffixLines.forEach((t, i) => {
        const lw = measure(t, fUnit, us);
        widest = Math.max(widest, lw);
        const by = baseline + size * 0.1 + (i + 1) * us * 1.2 - 0.12 * us;
        out.push(textMark({ fill: ufill, lines: [one(t, fUnit, us, start(lw), by)] }));
        bottom = by + 0.12 * us;
      });
    }
    const top = baseline - capTop * size;
    record({
      id: a.id,
      kind: 'figure',
      field,
      role: a.role ?? 'headline',
      x: start(widest),
      y: top,
      w: widest,
      h: bottom - top,
      size,
      fill: a.fill,
      bg: a.bg,
      lines: twoLine ? [prefix + number, ...suffixLines] : [prefix + number + suffix],
    });
    return out.join('');
  }

  // charts: fetched after the layout is known (sizes come from the flow)
  let embedCharts = (b: string) => b;
  if (charts.length) {
    const arts = await Promise.all(charts.map((c) => opts.chart!(c.req)));
    // the scene's chart paints: the art without its texts, the texts placed like the art
    for (const [n, c] of charts.entries()) {
      const art = arts[n]!,
        p = c.paint;
      if (art.base === undefined) p.svg = embedSvg(art.svg, c.box, c.req.id);
      else {
        p.svg = embedSvg(art.base, c.box, c.req.id);
        const { tx, ty, k: s } = placement(art.base, c.box);
        p.texts = (art.texts ?? []).map((g) => ({
          ...g,
          lines: g.lines.map((l) => ({ ...l, size: l.size * s, x: tx + l.x * s, y: ty + l.y * s })),
        }));
      }
    }
    // the document's charts (outlined texts) are placed when it is asked for
    embedCharts = (b) =>
      b.replace(/\u0000CHART(\d+)\u0000/g, (_m, n: string) => {
        const c = charts[Number(n)]!;
        return embedSvg(arts[Number(n)]!.svg, c.box, c.req.id);
      });
  }
  if (/<text[\s>]/.test(body))
    throw new LayoutError(`${where}: a <text> element would reach the rasterizer (outline it)`);
  const doc = (inner: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${opts.width}" height="${opts.height}" ` +
    `viewBox="0 0 ${design} ${r2(Hd)}">${inner.replace(SHAPE_MARKS, '')}</svg>`;
  const px = boxes.map((b) => ({
    ...b,
    x: b.x * k,
    y: b.y * k,
    w: b.w * k,
    h: b.h * k,
    size: b.size === undefined ? undefined : b.size * k,
  }));
  let svg: string | undefined;
  const scene = sceneOf(body, texts, shapes, design, Hd);
  return {
    // outlining costs: only the PDF and the librsvg path ask for it
    get svg() {
      svg ??= doc(embedCharts(body.replace(TEXT_MARK, (_m, n: string) => outlineGroup(texts[Number(n)]!))));
      return svg;
    },
    ...(scene ? { scene: { scale: k, paints: scene } } : {}),
    warnings,
    boxes: px,
    width: opts.width,
    height: opts.height,
  };
}

const TEXT_MARK = /\u0002(\d+)\u0002/g;
const SHAPE_MARKS = /\u0003\d+\u0003|\u0004/g;
const MARK = /\u0002(\d+)\u0002|\u0003(\d+)\u0003|\u0004/g;

function outlineGroup(g: TextGroup): string {
  const paths = g.lines.map((l) => outlineLine(l.text, l.face, l.size, l.x, l.y)).join('');
  return `<g fill="${escapeXml(g.fill)}"${g.opacity ? ` opacity="${escapeXml(g.opacity)}"` : ''}>${paths}</g>`;
}

/**
 * The body as a display list in paint order (scene.ts), or undefined when some part is
 * only for librsvg: template SVG other than plain rects, a colour that is not hex.
 */
function sceneOf(body: string, texts: TextGroup[], shapes: Paint[], W: number, H: number): Paint[] | undefined {
  const out: Paint[] = [];
  let inShape = 0,
    at = 0;
  const raw = (chunk: string): boolean => {
    if (inShape > 0) return true;
    const ps = templatePaints(chunk, W, H);
    if (!ps) return false;
    out.push(...ps);
    return true;
  };
  for (const m of body.matchAll(MARK)) {
    if (!raw(body.slice(at, m.index))) return undefined;
    at = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ kind: 'text', group: texts[Number(m[1])]! });
    else if (m[2] !== undefined) {
      if (inShape === 0) out.push(shapes[Number(m[2])]!);
      inShape++;
    } else inShape--;
  }
  if (!raw(body.slice(at))) return undefined;
  return out.every(fastPaint) ? out : undefined;
}

/** Where a standalone SVG document lands in a box: scaled to fit, centred (xMidYMid meet). */
function placement(doc: string, box: BoxGeom): { tx: number; ty: number; k: number; inner: string } {
  const src = doc
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/i, '')
    .trim();
  const open = /^<svg\b([^>]*)>/.exec(src);
  if (!open) throw new LayoutError('chart is not an SVG document');
  const a = readAttrs(open[1]!);
  const inner = src.slice(open[0].length, src.lastIndexOf('</svg>'));
  const vb = a.viewBox ?? `0 0 ${parseFloat(a.width ?? String(box.w))} ${parseFloat(a.height ?? String(box.h))}`;
  const [vx = 0, vy = 0, vw = box.w, vh = box.h] = vb.split(/[\s,]+/).map(Number);
  const k = Math.round(Math.min(box.w / vw, box.h / vh) * 1e5) / 1e5;
  const tx = Math.round((box.x + (box.w - vw * k) / 2 - vx * k) * 100) / 100;
  const ty = Math.round((box.y + (box.h - vh * k) / 2 - vy * k) * 100) / 100;
  return { tx, ty, k, inner };
}

/** Place a standalone SVG document into a box (ids prefixed so several charts coexist). */
export function embedSvg(doc: string, box: BoxGeom, prefix: string): string {
  const { tx, ty, k, inner } = placement(doc, box);
  const scoped = inner
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
  // as a group (scale to fit, centred: preserveAspectRatio xMidYMid meet) rather than a nested
  // <svg>, so the same layout also converts to PDF (svg-to-pdfkit draws no nested viewports)
  return `<g transform="translate(${r2(tx)} ${r2(ty)}) scale(${k})">${scoped}</g>`;
}
