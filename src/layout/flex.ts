/**
 * The layout of a parsed tree (markup.ts) by yoga, the flexbox engine of React Native and
 * satori, with the text engine as its measure function (fit.ts), then fitted:
 *
 *   1. every text and figure starts at the largest size of its range; what is left of a
 *      container goes to what grows (a chart, an image, a spacer, a figure set to fill);
 *   2. when something does not fit (a box past its parent or the canvas, a text past its
 *      lines), all type shrinks together within each text's range (a search on one factor,
 *      within 1/64, guided by how far each pass overflows: search.ts; each text's lines
 *      reflowing at every size);
 *   3. still too much: optional elements go, last first; then body text marked `abridge`
 *      loses its last sentences (a warning names the field);
 *   4. still too much: reported, naming the output and each field, never clipped; under
 *      --strict an error;
 *   5. what fills its box settles: a text or figure keeps the height (in a row, a figure also the
 *      width) its size needs, a listing chart with `max-line` no more than its lines need, and
 *      the room goes to what else grows.
 *
 * A `<choose>` is fitted with its first arrangement, and with the next ones only when that one
 * does not fit or leaves too much blank (see `layoutTree`).
 *
 * Grids with `columns="auto"` take the column count that gives cells nearest their
 * `cell-aspect` for the number of cells and the grid's own shape.
 */
import Yoga, {
  Align,
  Display,
  Edge,
  FlexDirection,
  Gutter,
  Justify,
  MeasureMode,
  PositionType,
  Wrap,
  type Config,
  type Node as YNode,
} from 'yoga-layout';
import type { FacePair } from '../text/runs.js';
import { typographic } from '../text/quotes.js';
import {
  blockHeight,
  setFigure,
  setText,
  type FigureSpec,
  type SetFigure,
  type SetText,
  type TextSpec,
} from './fit.js';
import { blankOf, type Blank, type Rect } from './blank.js';
import { CONTAINERS, type MNode } from './markup.js';
import { largestFitting } from './search.js';

export type Weight = 'regular' | 'bold' | 'black';

export interface FlexOptions {
  /** the template, for messages */
  file: string;
  /** `posters/overview-portrait (preset story)`, for messages */
  where: string;
  /** canvas in design units */
  width: number;
  height: number;
  /** output px per design unit (boxes are rounded to whole output pixels) */
  scale: number;
  /** the medium's smallest type, in design units */
  minText: number;
  /** faces for a text in a language */
  faces(lang: string, font: 'sans' | 'serif', weight: Weight): FacePair;
  /** language of a text without `lang` */
  lang: string;
  strict: boolean;
  /**
   * The lines a listing chart (a `<chart>` with `lines`) draws in a box `width` wide at the
   * medium's smallest type, its headings wrapped: its box must hold them (see `chartNeed`).
   */
  chartLines?: (chart: MNode, width: number) => number;
  /** design units at the top and bottom kept free of text (a story's platform zones): blank is measured between them */
  safe?: { top: number; bottom: number };
}

/** The height a listing chart of `lines` lines needs at the smallest type: a line and its leading each, and its padding. */
const chartNeed = (lines: number, minText: number) => lines * minText * 1.25 + 2 * minText;

export interface Laid {
  node: MNode;
  /** absolute, design units */
  x: number;
  y: number;
  w: number;
  h: number;
  children: Laid[];
  /** the colour behind it (the nearest filled ancestor's, else the page's) */
  bg: string;
  text?: { spec: TextSpec; set: SetText };
  figure?: { spec: FigureSpec; set: SetFigure };
}

export interface FitProblem {
  field: string;
  message: string;
  /** a text past its lines (only shortening that text helps), or a box past this container (the page when absent) */
  text?: MNode;
  container?: MNode;
  /** a box past its container: by how much, in design units */
  excess?: number;
}

export interface FlexResult {
  root: Laid;
  /** abridged texts, and (non-strict) what did not fit */
  warnings: string[];
  /** what did not fit (empty when everything fits) */
  problems: FitProblem[];
}

export class LayoutOverflowError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
    this.name = 'LayoutOverflowError';
  }
}

/** What a node is once its data is in: hidden or not, its text typeset spec. */
interface Prep {
  node: MNode;
  hidden: boolean;
  children: Prep[];
  text?: TextSpec;
  figure?: FigureSpec;
  field?: string;
  /** inside a grid cell: its type shrinks first, before the page's (see `Solve`) */
  inGrid: boolean;
  /** the height a text or figure filling its box settled at (its box then holds just that) */
  settled?: number;
  /** the width a figure filling its box in a row settled at: the rest of the row goes to its siblings */
  settledWidth?: number;
  /** sentences of an abridgeable text, and how many are kept */
  sentences?: string[];
  kept?: number;
}

const CONTENT = new Set(['text', 'figure', 'chart', 'image']);

/** Which arrangement of each `<choose>` is laid out (the first when absent). */
type Choice = ReadonlyMap<MNode, number>;

function prepare(n: MNode, o: FlexOptions, inherited: string, choice: Choice, inGrid = false): Prep {
  const a = n.a;
  // a <choose> is not a box: the arrangement chosen takes its place
  if (n.kind === 'choose') return prepare(n.children[choice.get(n) ?? 0]!, o, inherited, choice, inGrid);
  const lang = (a.lang as string | undefined) || inherited;
  const p: Prep = { node: n, hidden: false, children: [], inGrid };
  if (CONTAINERS.has(n.kind)) {
    p.children = n.children.map((c) => prepare(c, o, lang, choice, inGrid || n.kind === 'grid'));
    // a container with nothing to show is not shown (no empty band, no stray rule), unless
    // it has a set size (a band of colour drawn for its own sake)
    const sized = a.height !== undefined || a.width !== undefined || a.basis !== undefined;
    if (n.kind !== 'page' && !sized && !p.children.some((c) => !c.hidden && CONTENT_DEEP(c))) p.hidden = true;
    return p;
  }
  const range = (a.size as [number, number] | undefined) ?? [16, 16];
  const min = Math.max(range[0], o.minText);
  const max = Math.max(range[1], min);
  const font = (a.font as 'sans' | 'serif' | undefined) ?? 'sans';
  const weight = (a.weight as Weight | undefined) ?? 'regular';
  const role = a.role as string | undefined;
  p.field = (a.field as string | undefined) ?? (a.id as string | undefined) ?? `<${n.kind}> line ${n.line}`;
  if (n.kind === 'text') {
    const text = typographic(n.text, lang);
    if (!text) p.hidden = true;
    const body = role === 'body';
    p.text = {
      text,
      fp: o.faces(lang, font, weight),
      min,
      max,
      lines: (a.lines as number | undefined) ?? (body ? 200 : 1),
      leading: (a.leading as number | undefined) ?? 1.25,
      words: a.break ? a.break === 'words' : !body,
      balance: a.balance === true,
    };
    if (a.abridge === true && text) {
      const seg = new Intl.Segmenter(lang, { granularity: 'sentence' });
      p.sentences = [...seg.segment(text)].map((s) => s.segment);
      p.kept = p.sentences.length;
    }
  } else if (n.kind === 'figure') {
    const number = typographic((a.number as string | undefined) ?? '', lang);
    if (!number.trim()) p.hidden = true;
    const unitWeight = (a['unit-weight'] as Weight | undefined) ?? weight;
    p.figure = {
      prefix: typographic((a.prefix as string | undefined) ?? '', lang),
      number,
      suffix: typographic((a.suffix as string | undefined) ?? '', lang),
      num: o.faces(lang, font, weight),
      unit: o.faces(lang, font, unitWeight),
      ratio: (a.unit as number | undefined) ?? 0.42,
      min,
      max,
    };
  } else if (n.kind === 'chart') {
    if (!a.highlight) p.hidden = true;
  } else if (n.kind === 'image') {
    if (!a.src) p.hidden = true;
  }
  return p;
}

function CONTENT_DEEP(p: Prep): boolean {
  return CONTENT.has(p.node.kind) || p.children.some((c) => !c.hidden && CONTENT_DEEP(c));
}

const ALIGNS: Record<string, Align> = {
  start: Align.FlexStart,
  center: Align.Center,
  end: Align.FlexEnd,
  stretch: Align.Stretch,
};
const JUSTIFIES: Record<string, Justify> = {
  start: Justify.FlexStart,
  center: Justify.Center,
  end: Justify.FlexEnd,
  between: Justify.SpaceBetween,
  around: Justify.SpaceAround,
  evenly: Justify.SpaceEvenly,
};

const SIDES = [Edge.Top, Edge.Right, Edge.Bottom, Edge.Left] as const;

type Len = number | `${number}%`;
const len = (v: unknown): Len | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && v.endsWith('%') ? (v as `${number}%`) : undefined;

function edges(v: unknown): [number, number, number, number] | undefined {
  if (!Array.isArray(v)) return undefined;
  const [t, r = t, b = t, l = r] = v as number[];
  return [t!, r!, b!, l!];
}

/** Columns for `n` cells in a w × h grid: cells nearest `aspect` (width ÷ height), few empty cells. */
export function chooseColumns(n: number, w: number, h: number, gap: number, aspect: number, maxCols: number): number {
  let best = 1,
    score = Infinity;
  for (let c = 1; c <= Math.max(1, Math.min(n, maxCols)); c++) {
    const r = Math.ceil(n / c);
    const cw = (w - (c - 1) * gap) / c,
      ch = (h - (r - 1) * gap) / r;
    if (cw <= 0 || ch <= 0) continue;
    const s = Math.abs(Math.log(cw / ch / aspect)) + (0.6 * (r * c - n)) / c;
    if (s < score - 1e-9) {
      score = s;
      best = c;
    }
  }
  return best;
}

interface Built {
  prep: Prep;
  y: YNode;
  /** grid rows hold cells: the yoga nodes between the grid and its cells */
  children: Built[];
}

interface Solve {
  /** type cap: each text at min + (max − min) × t (tg inside grid cells: many small texts shrink before the page's) */
  t: number;
  tg: number;
  cols: Map<Prep, number>;
}

const tOf = (p: Prep, s: Solve) => (p.inGrid ? s.tg : s.t);

let config: Config | undefined;

function build(p: Prep, s: Solve, o: FlexOptions, parentRow: boolean, measured?: YNode[]): Built {
  const n = p.node,
    a = n.a;
  const y = Yoga.Node.create(config);
  const b: Built = { prep: p, y, children: [] };
  if (p.hidden) {
    y.setDisplay(Display.None);
    return b;
  }
  // box
  if (a.grow !== undefined) y.setFlexGrow(p.settled !== undefined ? 0 : (a.grow as number));
  if (a.shrink !== undefined) y.setFlexShrink(a.shrink as number);
  if (a.basis !== undefined) y.setFlexBasis(len(a.basis));
  if (a.width !== undefined) y.setWidth(len(a.width));
  if (a.height !== undefined) y.setHeight(len(a.height));
  if (a['min-width'] !== undefined) y.setMinWidth(len(a['min-width']));
  if (a['max-width'] !== undefined) y.setMaxWidth(len(a['max-width']));
  if (a['min-height'] !== undefined) y.setMinHeight(len(a['min-height']));
  if (a['max-height'] !== undefined) y.setMaxHeight(len(a['max-height']));
  const m = edges(a.margin);
  if (m) for (const [i, e] of SIDES.entries()) y.setMargin(e, m[i]!);
  if (a['align-self']) y.setAlignSelf(ALIGNS[a['align-self'] as string]!);
  if (a.position === 'absolute') {
    y.setPositionType(PositionType.Absolute);
    for (const [k, e] of [
      ['top', Edge.Top],
      ['right', Edge.Right],
      ['bottom', Edge.Bottom],
      ['left', Edge.Left],
    ] as const)
      if (a[k] !== undefined) y.setPosition(e, len(a[k]));
  }
  switch (n.kind) {
    case 'page':
    case 'stack':
    case 'row':
    case 'grid':
    case 'choose': {
      // (a <choose> never gets here: prepare() puts its chosen arrangement in its place)
      y.setFlexDirection(laysOutInRow(n) ? FlexDirection.Row : FlexDirection.Column);
      if (a.wrap === true) {
        y.setFlexWrap(Wrap.Wrap);
        y.setAlignContent(Align.Stretch);
      }
      const pad = edges(a.padding);
      if (pad) for (const [i, e] of SIDES.entries()) y.setPadding(e, pad[i]!);
      if (a['stroke-width'] !== undefined && a.stroke && a.stroke !== 'none')
        y.setBorder(Edge.All, a['stroke-width'] as number);
      const gap = (a.gap as number | undefined) ?? 0;
      y.setGap(Gutter.All, gap);
      if (a.align) y.setAlignItems(ALIGNS[a.align as string]!);
      if (a.justify) y.setJustifyContent(JUSTIFIES[a.justify as string]!);
      if (n.kind === 'page') {
        y.setWidth(o.width);
        y.setHeight(o.height);
      }
      if (n.kind === 'grid') {
        const cells = p.children.filter((c) => !c.hidden);
        const cols = s.cols.get(p) ?? 1;
        for (let i = 0; i < cells.length; i += cols) {
          const rowNode = Yoga.Node.create(config);
          rowNode.setFlexDirection(FlexDirection.Row);
          rowNode.setGap(Gutter.All, gap);
          rowNode.setFlexGrow(1);
          rowNode.setFlexShrink(1);
          rowNode.setFlexBasis(0);
          rowNode.setAlignItems(Align.Stretch);
          const rb: Built = { prep: { node: n, hidden: false, children: [], inGrid: true }, y: rowNode, children: [] };
          for (const c of cells.slice(i, i + cols)) {
            const cb = build(c, s, o, true, measured);
            if (c.node.a.grow === undefined) cb.y.setFlexGrow(1);
            if (c.node.a.basis === undefined) cb.y.setFlexBasis(0);
            if (c.node.a['min-width'] === undefined) cb.y.setMinWidth(0);
            rowNode.insertChild(cb.y, rowNode.getChildCount());
            rb.children.push(cb);
          }
          y.insertChild(rowNode, y.getChildCount());
          b.children.push(rb);
        }
        return b;
      }
      for (const c of p.children) {
        const cb = build(c, s, o, laysOutInRow(n), measured);
        y.insertChild(cb.y, y.getChildCount());
        b.children.push(cb);
      }
      return b;
    }
    case 'text':
    case 'figure': {
      if (a.shrink === undefined) y.setFlexShrink(0);
      if (p.settled !== undefined) {
        y.setHeight(p.settled);
        y.setFlexGrow(0);
      }
      if (p.settledWidth !== undefined) {
        y.setFlexBasis(p.settledWidth);
        y.setFlexGrow(0);
        y.setFlexShrink(0);
      }
      // a text or figure that fills its box claims its smallest size and grows into the room it gets
      // (the cap is read when yoga measures: a kept tree is laid out again at another size factor)
      const range = (p.text ?? p.figure)!;
      const capOf = () => (a.fit === 'box' ? range.min : range.min + (range.max - range.min) * tOf(p, s));
      const set = p.text
        ? (w: number) => setText(p.text!, w, capOf())
        : (w: number) => setFigure(p.figure!, w, capOf());
      measured?.push(y);
      y.setMeasureFunc((width, wm) => {
        const w = wm === MeasureMode.Undefined ? 1e6 : width;
        const r = set(w);
        return { width: wm === MeasureMode.Exactly ? width : Math.min(w, r.width + 0.01), height: r.height };
      });
      return b;
    }
    case 'chart':
      if (p.settled !== undefined) {
        y.setHeight(p.settled);
        y.setFlexGrow(0);
        y.setFlexShrink(0);
        return b;
      }
      // a listing chart needs its lines at the smallest type (a line and its leading), with its
      // padding: in a shorter box they would be set over each other
      if ((a.lines as number | undefined) && !(a.height !== undefined)) {
        const need = chartNeed(a.lines as number, o.minText);
        const own = a['min-height'] !== undefined ? len(a['min-height']) : 0;
        if (typeof own !== 'number' || need > own) y.setMinHeight(need);
      }
      if (a.grow === undefined) y.setFlexGrow(1);
      if (a.shrink === undefined) y.setFlexShrink(1);
      if (a.basis === undefined) y.setFlexBasis(0);
      return b;
    case 'image':
      if (a.grow === undefined) y.setFlexGrow(1);
      if (a.shrink === undefined) y.setFlexShrink(1);
      if (a.basis === undefined) y.setFlexBasis(0);
      return b;
    case 'rule': {
      const th = (a.thickness as number | undefined) ?? 1.5;
      if (parentRow) {
        if (a.width === undefined) y.setWidth(th);
      } else if (a.height === undefined) y.setHeight(th);
      y.setFlexShrink(0);
      return b;
    }
    case 'spacer': {
      if (a.size !== undefined) {
        y.setFlexBasis(a.size as number);
        y.setFlexShrink(a.shrink === undefined ? 1 : (a.shrink as number));
      } else if (a.grow === undefined) y.setFlexGrow(1);
      return b;
    }
  }
}

/** Absolute boxes from yoga, with the colour behind each. */
function read(b: Built, ox: number, oy: number, bg: string, out: Laid[]): void {
  const L = b.y.getComputedLayout();
  const x = ox + L.left,
    y = oy + L.top;
  if (b.prep.hidden) return;
  const n = b.prep.node;
  // grid rows are not elements: their cells sit directly in the grid
  if (b.prep.node.kind === 'grid' && b.children.length && b.children[0]!.prep.node === n) {
    const laid: Laid = { node: n, x, y, w: L.width, h: L.height, children: [], bg };
    const inner = fillOf(n) ?? bg;
    for (const row of b.children) {
      const RL = row.y.getComputedLayout();
      for (const c of row.children) read(c, x + RL.left, y + RL.top, inner, laid.children);
    }
    out.push(laid);
    return;
  }
  const laid: Laid = { node: n, x, y, w: L.width, h: L.height, children: [], bg };
  const inner = fillOf(n) ?? bg;
  for (const c of b.children) read(c, x, y, inner, laid.children);
  out.push(laid);
}

const fillOf = (n: MNode): string | undefined => {
  const f = n.a.fill;
  return typeof f === 'string' && f !== 'none' && n.kind !== 'chart' ? f : undefined;
};

/** Everything that does not fit, by field. */
function check(root: Laid, preps: Map<MNode, Prep>, s: Solve, o: FlexOptions): FitProblem[] {
  const { width: W, height: H, scale } = o;
  const out: FitProblem[] = [];
  const fieldsIn = (l: Laid): string[] => {
    const p = preps.get(l.node);
    if (p?.field && (l.node.kind === 'text' || l.node.kind === 'figure' || l.node.kind === 'chart')) return [p.field];
    return l.children.flatMap(fieldsIn);
  };
  // boxes land on whole output pixels: a pixel of rounding is not an overflow
  const TOL = Math.max(0.6, 1.05 / scale);
  const visit = (l: Laid, parent: Laid | undefined) => {
    const p = preps.get(l.node)!;
    if (p.text) {
      const cap = l.node.a.fit === 'box' ? p.text.min : p.text.min + (p.text.max - p.text.min) * tOf(p, s);
      const set = setText(p.text, l.w, cap);
      if (set.overflow)
        out.push({
          field: p.field!,
          message: `${p.field}: ${set.lines.length} lines at the smallest size ${p.text.min} (at most ${p.text.lines})`,
          text: l.node,
        });
    }
    // a listing chart's box holds its lines at the smallest type once its headings wrap at its width
    if (l.node.kind === 'chart' && o.chartLines && l.node.a.lines && l.node.a.height === undefined) {
      const lines = o.chartLines(l.node, l.w);
      const need = chartNeed(lines, o.minText);
      if (l.h + TOL < need)
        out.push({
          field: p.field!,
          message: `${p.field}: ${lines} lines need ${Math.round(need)} units at the smallest type, its box is ${Math.round(l.h)}`,
          ...(parent ? { container: parent.node } : {}),
        });
    }
    if (p.figure) {
      const cap = l.node.a.fit === 'box' ? p.figure.min : p.figure.min + (p.figure.max - p.figure.min) * tOf(p, s);
      if (setFigure(p.figure, l.w, cap).overflow)
        out.push({
          field: p.field!,
          message: `${p.field}: wider than its box at the smallest size ${p.figure.min}`,
          ...(parent ? { container: parent.node } : {}),
        });
    }
    // an absolutely placed box is held to the canvas, any other to its parent's content box
    const box = l.node.a.position !== 'absolute' && parent ? contentBox(parent) : { x: 0, y: 0, w: W, h: H };
    if (l.x < box.x - TOL || l.y < box.y - TOL || l.x + l.w > box.x + box.w + TOL || l.y + l.h > box.y + box.h + TOL) {
      const f = fieldsIn(l);
      const excess = Math.max(box.x - l.x, box.y - l.y, l.x + l.w - box.x - box.w, l.y + l.h - box.y - box.h);
      if (f.length)
        out.push({
          field: f[0]!,
          message: `${f.join(', ')}: past the ${parent ? `<${parent.node.kind}> of line ${parent.node.line}` : 'canvas'} by ${Math.round(excess)} units`,
          ...(parent && l.node.a.position !== 'absolute' ? { container: parent.node } : {}),
          excess,
        });
      return;
    }
    for (const c of l.children) visit(c, l);
  };
  visit(root, undefined);
  return out;
}

/** A box inside its padding and border: where its children belong. */
function contentBox(l: Laid): { x: number; y: number; w: number; h: number } {
  const [t, r, b, left] = edges(l.node.a.padding) ?? [0, 0, 0, 0];
  const bw =
    l.node.a.stroke && l.node.a.stroke !== 'none' ? ((l.node.a['stroke-width'] as number | undefined) ?? 0) : 0;
  return { x: l.x + left + bw, y: l.y + t + bw, w: l.w - left - r - 2 * bw, h: l.h - t - b - 2 * bw };
}

function pageFill(n: MNode): string {
  return fillOf(n) ?? '#ffffff';
}

/**
 * The yoga tree of one fitting, kept between its passes: a pass that changes only the size factor
 * lays the same tree out again with its texts and figures marked to be measured anew (building
 * and freeing the tree was a fifth of a pass). What shows, what settled and the grids' columns
 * build it; another of those builds a new one.
 */
class Runner {
  private kept: { b: Built; measured: YNode[]; shape: string } | undefined;

  constructor(
    private readonly prep: Prep,
    private readonly preps: ReadonlyMap<MNode, Prep>,
  ) {}

  run(s: Solve, o: FlexOptions): Laid {
    const shape = this.shape(s);
    if (this.kept?.shape === shape) for (const y of this.kept.measured) y.markDirty();
    else {
      this.free();
      const measured: YNode[] = [];
      this.kept = { b: build(this.prep, s, o, false, measured), measured, shape };
    }
    const b = this.kept.b;
    b.y.calculateLayout(o.width, o.height);
    const out: Laid[] = [];
    read(b, 0, 0, pageFill(this.prep.node), out);
    return out[0]!;
  }

  free(): void {
    this.kept?.b.y.freeRecursive();
    this.kept = undefined;
  }

  private shape(s: Solve): string {
    let k = '';
    for (const p of this.preps.values()) k += `${p.hidden ? 1 : 0}${p.settled ?? ''},${p.settledWidth ?? ''};`;
    for (const c of s.cols.values()) k += `${c},`;
    return k;
  }
}

function findGrids(p: Prep, out: Prep[] = []): Prep[] {
  if (p.hidden) return out;
  if (p.node.kind === 'grid') out.push(p);
  for (const c of p.children) findGrids(c, out);
  return out;
}

function laidOf(root: Laid, node: MNode): Laid | undefined {
  if (root.node === node) return root;
  for (const c of root.children) {
    const f = laidOf(c, node);
    if (f) return f;
  }
  return undefined;
}

/**
 * Lay out a parsed layout on its canvas and fit it (see the header). A `<choose>` is laid out
 * with its first arrangement; when that does not fit, is abridged, or leaves more blank than the
 * choose's `band` / `hole` allow, the next ones are tried, and the one that fits best (fewest
 * problems, then fewest abridged texts, then the least blank) is kept, the first on a tie. An
 * arrangement that sets a figure over a fifth smaller than the first does, or sets more beside a
 * figure than its height holds, is not taken over a first that fits: it is there for the blank
 * beside a short figure, not to shrink a long one or hang text below it.
 */
export function layoutTree(tree: MNode, o: FlexOptions): FlexResult {
  const chooses: MNode[] = [];
  const find = (n: MNode) => {
    if (n.kind === 'choose' && n.children.length > 1) chooses.push(n);
    n.children.forEach(find);
  };
  find(tree);
  let best = fitTree(tree, o, new Map());
  if (chooses.length) best = chooseArrangements(tree, o, chooses, best);
  if (best.problems.length && o.strict)
    throw new LayoutOverflowError(
      overflowMessage(o, best.problems),
      best.problems.map((p) => p.field),
    );
  return best;
}

const overflowMessage = (o: FlexOptions, problems: FitProblem[]) =>
  `Does not fit in ${o.where}: ${problems.map((p) => p.message).join('; ')}`;

/** Each `<choose>` in turn: its first arrangement, or a later one that fits better (see layoutTree). */
function chooseArrangements(tree: MNode, o: FlexOptions, chooses: MNode[], first: Fitted): Fitted {
  let best = first;
  let choice = new Map<MNode, number>();
  const laidNodes = new Set<MNode>();
  const mark = (l: Laid) => {
    laidNodes.add(l.node);
    l.children.forEach(mark);
  };
  for (const c of chooses) {
    // a choose inside an arrangement not chosen is not on the page
    mark(best.root);
    if (!c.children.some((a) => laidNodes.has(a))) continue;
    const limits = { band: (c.a.band as number | undefined) ?? 0.2, hole: (c.a.hole as number | undefined) ?? 0.25 };
    const score = (r: Fitted): [number, number, number] => {
      const b = blankOfLaid(r.root, o);
      return [r.problems.length, r.abridged, Math.max(b.band / limits.band, b.hole / limits.hole)];
    };
    const good = (s: [number, number, number]) => s[0] === 0 && s[1] === 0 && s[2] <= 1;
    let top = score(best);
    // another arrangement is for the blank beside a figure, not for a smaller figure
    const sizes = figureSizes(best.root);
    const keepsFigures = (r: Fitted) =>
      [...figureSizes(r.root)].every(([f, size]) => size >= (sizes.get(f) ?? 0) * 0.8);
    for (let i = 1; i < c.children.length && !good(top); i++) {
      const trial = new Map(choice).set(c, i);
      const r = fitTree(tree, o, trial);
      const s = score(r);
      if (top[0] === 0 && top[1] === 0 && (!keepsFigures(r) || overhangs(r.root))) continue;
      if (s[0] < top[0] || (s[0] === top[0] && (s[1] < top[1] || (s[1] === top[1] && s[2] < top[2] - 1e-9)))) {
        best = r;
        top = s;
        choice = trial;
      }
    }
  }
  return best;
}

/** A row, or a stack set to `direction="row"` (a grid's cells are laid out in rows of their own). */
export const laysOutInRow = (n: MNode) => n.kind === 'row' || (n.kind !== 'grid' && n.a.direction === 'row');

/** Text set beside a figure filling its box in a row that reaches above or below the figure. */
export function overhangs(l: Laid): boolean {
  const fig = laysOutInRow(l.node) ? l.children.find((c) => c.figure && c.node.a.fit === 'box') : undefined;
  if (fig) {
    const texts = (x: Laid): Laid[] => (x.text ? [x] : x.children.flatMap(texts));
    const beside = l.children.filter((c) => c !== fig).flatMap(texts);
    if (beside.some((t) => t.y < fig.y - 1 || t.y + t.h > fig.y + fig.h + 1)) return true;
  }
  return l.children.some(overhangs);
}

/** The size each figure is set at, by field. */
function figureSizes(root: Laid, out = new Map<string, number>()): Map<string, number> {
  if (root.figure) out.set(String(root.node.a.field ?? root.node.line), root.figure.set.size);
  for (const c of root.children) figureSizes(c, out);
  return out;
}

interface Fitted extends FlexResult {
  /** texts shortened at a sentence */
  abridged: number;
}

/**
 * Where a laid-out text or figure is set within its box: its longest line's width, placed by its
 * `align`, and its height, centred in a box it fills (`fit="box"`); undefined for other elements.
 */
export function setRect(l: Laid): Rect | undefined {
  const set = l.text?.set ?? l.figure?.set;
  if (!set) return undefined;
  const a = l.node.a;
  const align = (a.align as string | undefined) ?? 'start';
  const x = align === 'center' ? l.x + (l.w - set.width) / 2 : align === 'end' ? l.x + l.w - set.width : l.x;
  const y = a.fit === 'box' ? l.y + Math.max(0, (l.h - set.height) / 2) : l.y;
  return { x, y, w: set.width, h: set.height };
}

/**
 * The blank share of a laid-out page (see layout/check.ts): its content is every text and figure
 * as set (the width of its longest line), every chart, picture and rule, and every box filled in
 * another colour than the page's; measured between the safe zones.
 */
export function blankOfLaid(root: Laid, o: Pick<FlexOptions, 'width' | 'height' | 'safe'>): Blank {
  const page = fillOf(root.node);
  const rects: Rect[] = [];
  const visit = (l: Laid) => {
    const set = setRect(l);
    if (set) rects.push(set);
    else if (['chart', 'image', 'rule'].includes(l.node.kind)) rects.push(l);
    else if (l !== root && fillOf(l.node) !== undefined && fillOf(l.node) !== page) rects.push(l);
    l.children.forEach(visit);
  };
  visit(root);
  return blankOf(rects, o.width, o.height, o.safe?.top ?? 0, o.safe?.bottom ?? 0);
}

/** the size factor's grid: type sizes are searched within 1/64 of each text's range */
const STEPS = 64;

function fitTree(tree: MNode, o: FlexOptions, choice: Choice): Fitted {
  config ??= Yoga.Config.create();
  // no rounding to the pixel grid: measured texts would be ceiled a pixel past their parents
  config.setPointScaleFactor(0);
  const prep = prepare(tree, o, o.lang, choice);
  const preps = new Map<MNode, Prep>();
  const index = (p: Prep) => {
    preps.set(p.node, p);
    p.children.forEach(index);
  };
  index(prep);
  const runner = new Runner(prep, preps);
  try {
    const warnings: string[] = [];

    // grids: columns for the number of cells and the grid's shape (first guess: the canvas's)
    const grids = findGrids(prep);
    const s: Solve = { t: 1, tg: 1, cols: new Map() };
    for (const g of grids) {
      const n = g.children.filter((c) => !c.hidden).length;
      const fixed = Number(g.node.a.columns);
      s.cols.set(
        g,
        Number.isInteger(fixed) && fixed > 0
          ? fixed
          : chooseColumns(
              n,
              o.width,
              o.height / 2,
              (g.node.a.gap as number) ?? 0,
              (g.node.a['cell-aspect'] as number) ?? 1.2,
              (g.node.a['max-columns'] as number) ?? 6,
            ),
      );
    }
    const rechoose = (root: Laid): boolean => {
      let changed = false;
      for (const g of grids) {
        if (Number.isInteger(Number(g.node.a.columns)) && Number(g.node.a.columns) > 0) continue;
        const l = laidOf(root, g.node);
        if (!l) continue;
        const pad = edges(g.node.a.padding) ?? [0, 0, 0, 0];
        const c = chooseColumns(
          g.children.filter((x) => !x.hidden).length,
          l.w - pad[1] - pad[3],
          l.h - pad[0] - pad[2],
          (g.node.a.gap as number) ?? 0,
          (g.node.a['cell-aspect'] as number) ?? 1.2,
          (g.node.a['max-columns'] as number) ?? 6,
        );
        if (c !== s.cols.get(g)) {
          s.cols.set(g, c);
          changed = true;
        }
      }
      return changed;
    };

    type Attempt = { root: Laid; problems: FitProblem[]; t: number; tg: number; cols: Map<Prep, number> };
    const attempt = (t: number, tg = t): Attempt => {
      s.t = t;
      s.tg = tg;
      const root = runner.run(s, o);
      return { root, problems: check(root, preps, s, o), t, tg, cols: new Map(s.cols) };
    };
    const inGrids = [...preps.values()].some((p) => p.inGrid && (p.text || p.figure));
    /** a pass for the search: whether it fits, and by how much its worst box overflows */
    const probe = (a: Attempt) => {
      let excess: number | undefined = 0;
      for (const pr of a.problems)
        excess = pr.excess === undefined || excess === undefined ? undefined : Math.max(excess, pr.excess);
      return { a, fits: a.problems.length === 0, excess };
    };

    let best = attempt(1);
    if (grids.length) for (let k = 0; k < 2 && rechoose(best.root); k++) best = attempt(1);

    /**
     * The largest factor k/64 at which `at` fits, given that `top` (factor 1) does not; the pass
     * at 0 (which does not fit) when nothing fits (search.ts: the answer halving gives, found from
     * how far the passes overflow)
     */
    const largest = (at: (t: number) => Attempt, top: Attempt): Attempt =>
      largestFitting((k) => probe(at(k / STEPS)), probe(top), STEPS).result.a;
    const search = (known?: Attempt): Attempt => {
      const top = known ?? attempt(1);
      if (top.problems.length === 0) return top;
      // the many small texts of a grid's cells shrink first; the page's headline keeps its size
      if (inGrids) {
        const cells = attempt(1, 0);
        if (cells.problems.length === 0) return largest((t) => attempt(1, t), top);
        return largest((t) => attempt(t, 0), cells);
      }
      return largest((t) => attempt(t, t), top);
    };
    best = search(best);
    // grids again at the fitted size (the space they get may have changed)
    if (best.problems.length === 0 && grids.length && rechoose(best.root)) {
      const again = search();
      if (again.problems.length === 0) best = again;
    }

    // still too much: first optional elements go, then body text marked abridge loses its last
    // sentences; only where it helps: within the container something overflows, or the text itself
    const parent = new Map<Prep, Prep>();
    const link = (p: Prep) => {
      for (const c of p.children) {
        parent.set(c, p);
        link(c);
      }
    };
    link(prep);
    const within = (p: Prep, keep: (x: Prep) => boolean, out: Prep[] = []): Prep[] => {
      if (p.hidden) return out;
      if (keep(p)) out.push(p);
      for (const c of p.children) within(c, keep, out);
      return out;
    };
    /** what could help each problem: in its container (walking out to the page), or the text itself */
    const helpers = (keep: (x: Prep) => boolean): Prep[] => {
      for (const pr of best.problems) {
        if (pr.text) {
          const t = preps.get(pr.text);
          if (t && keep(t)) return [t];
          continue;
        }
        for (let c = pr.container ? preps.get(pr.container) : prep; c; c = parent.get(c)) {
          const found = within(c, keep);
          if (found.length) return found;
        }
      }
      return [];
    };
    if (process.env.DATAPRESS_DEBUG_FIT && best.problems.length) console.error(o.where, best.problems);
    while (best.problems.length) {
      // the last optional element that helps goes, with every element of the same template line
      // (a chart in each tile, not in some)
      const victim = helpers((x) => x.node.a.optional === true).at(-1);
      if (!victim) break;
      for (const p of preps.values())
        if (p.node.line === victim.node.line && p.node.a.optional === true) p.hidden = true;
      best = search();
    }
    const cut = new Set<Prep>();
    while (best.problems.length) {
      const p = helpers((x) => !!x.sentences && x.kept! > 1).sort(
        (x, y) => y.text!.text.length - x.text!.text.length,
      )[0];
      if (!p) break;
      p.kept! -= 1;
      p.text = { ...p.text!, text: p.sentences!.slice(0, p.kept).join('').trim() };
      cut.add(p);
      best = search();
    }
    for (const p of cut)
      warnings.push(
        `${o.where}: ${p.field} abridged to ${p.kept} of ${p.sentences!.length} sentences to fit (shorten the text to keep it whole)`,
      );
    // (under --strict, layoutTree throws for the arrangement it keeps)
    if (best.problems.length && !o.strict)
      warnings.push(`${overflowMessage(o, best.problems)} (drawn past its box, not cut)`);

    // texts and figures that fill their box take the size the box allows, then keep just the height
    // they need: the room left goes to the other elements that grow (a chart), not to blank
    s.t = best.t;
    s.tg = best.tg;
    s.cols = best.cols;
    const fills = [...preps.values()].filter((p) => !p.hidden && p.node.a.fit === 'box' && (p.text || p.figure));
    const isRow = (p: Prep | undefined) => !!p && laysOutInRow(p.node);
    // a container that grew only for what settled settles too; growth along a row is not for
    // height (a chart or picture there still stretches to the row's height)
    const grows = (p: Prep): boolean => {
      if (p.hidden || p.settled !== undefined) return false;
      const media = p.node.kind === 'chart' || p.node.kind === 'image';
      if (!media && isRow(parent.get(p))) return false;
      return (
        ((p.node.a.grow as number | undefined) ?? (media ? 1 : 0)) > 0 ||
        (p.node.kind === 'spacer' && p.node.a.size === undefined)
      );
    };
    /** the containers up from `from` that grew only for it, settled (returned, to undo) */
    const settleUp = (from: Prep[]): Prep[] => {
      const out: Prep[] = [];
      for (const f of from) {
        for (let a = parent.get(f); a && a !== prep; a = parent.get(a)) {
          // only growth down a column is for the height that settled; a column that spreads its
          // room between its parts (justify) uses all of it
          const up = parent.get(a);
          const column = up && !isRow(up) && up.node.kind !== 'grid';
          if (!column || !((a.node.a.grow as number | undefined) ?? 0)) break;
          if (a.node.a.justify !== undefined && a.node.a.justify !== 'start') break;
          if (within(a, (x) => x !== a && grows(x)).length) break;
          a.settled = 0;
          out.push(a);
        }
      }
      return out;
    };
    const unsettle = (ps: Prep[]) => {
      for (const p of ps) {
        p.settled = undefined;
        p.settledWidth = undefined;
      }
    };
    // a listing chart with `max-line` is no taller than its lines at that pitch (a short list's
    // rows are not spread apart): the room goes to the texts and figures filling their boxes, and
    // what they leave spreads between the parts
    const capped: Prep[] = [];
    if (o.chartLines && best.problems.length === 0)
      for (const p of preps.values()) {
        const per = p.node.a['max-line'] as number | undefined;
        if (p.hidden || p.node.kind !== 'chart' || per === undefined) continue;
        const l = laidOf(best.root, p.node);
        const lines = l ? o.chartLines(p.node, l.w) : 0;
        const own = p.node.a['min-height'];
        const most = Math.max(
          lines * per + 2 * o.minText,
          chartNeed(lines, o.minText),
          typeof own === 'number' ? own : 0,
        );
        if (l && lines > 0 && l.h > most + 1) {
          p.settled = most;
          capped.push(p);
        }
      }
    if ((fills.length || capped.length) && best.problems.length === 0) {
      let base = best;
      if (capped.length) {
        capped.push(...settleUp(capped));
        const tried = attempt(best.t, best.tg);
        if (tried.problems.length === 0) base = tried;
        else unsettle(capped.splice(0));
      }
      for (const p of fills) {
        const l = laidOf(base.root, p.node);
        if (!l) continue;
        if (p.text) p.settled = setText(p.text, l.w, p.text.max, Math.max(l.h, blockHeight(1, p.text.min, 1))).height;
        else {
          const set = setFigure(p.figure!, l.w, p.figure!.max, l.h);
          p.settled = set.height;
          // beside other elements, a figure keeps just its width too: they take the rest of the row
          if (isRow(parent.get(p))) p.settledWidth = Math.min(l.w, set.width + 0.5);
        }
      }
      const settledBoxes = settleUp(fills);
      const settled = attempt(best.t, best.tg);
      if (settled.problems.length === 0) best = settled;
      else unsettle([...fills, ...settledBoxes, ...capped]);
      s.t = best.t;
      s.tg = best.tg;
      s.cols = best.cols;
    }
    const finish = (l: Laid) => {
      const p = preps.get(l.node)!;
      const cap = (min: number, max: number) => min + (max - min) * tOf(p, s);
      if (p.text) {
        const set =
          l.node.a.fit === 'box'
            ? setText(p.text, l.w, p.text.max, Math.max(l.h + 0.01, blockHeight(1, p.text.min, 1)))
            : setText(p.text, l.w, cap(p.text.min, p.text.max));
        l.text = { spec: p.text, set };
      }
      if (p.figure) {
        const set =
          l.node.a.fit === 'box'
            ? setFigure(p.figure, l.w, p.figure.max, l.h + 0.01)
            : setFigure(p.figure, l.w, cap(p.figure.min, p.figure.max));
        l.figure = { spec: p.figure, set };
      }
      l.children.forEach(finish);
    };
    finish(best.root);
    return { root: best.root, warnings, problems: best.problems, abridged: cut.size };
  } finally {
    runner.free();
  }
}
