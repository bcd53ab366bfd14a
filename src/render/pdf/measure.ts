/**
 * Measure: blocks → flowables. Text is broken into lines by the text engine
 * (UAX #14 + kinsoku, fontkit widths); Chinese lines are justified with the text engine's
 * justifyLine (per-glyph positions, last line ragged); English is set ragged right.
 * Boxes (masthead, key figures, charts, credits) get their height here and a draw function.
 */
import { localeFor, say } from '../../format/index.js';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import {
  breakLines,
  checkGlyphs,
  type Face,
  type FacePair,
  facesOf,
  fontsFor,
  getFace,
  type Line,
  measureRuns,
  type PositionedGlyph,
  placeRuns,
  scriptOf,
  shape,
  stretchGaps,
} from '../../text/index.js';
import type { ChartArt } from './charts.js';
import type { BoxItem, GroupItem, LinesItem } from './flow.js';
import type { PageGeometry } from './pages.js';
import type { Block, FigureItem, Piece, PhotoItem, ReportDocument } from './structure.js';

/** What the draw phase needs to tag content. */
export interface Meta {
  role: 'H1' | 'H2' | 'H3' | 'P' | 'LI' | 'Figure' | 'Div';
  lang: string;
  /** section id (one Sect element each) */
  sect: string;
  /** list id, for LI */
  list?: string;
  alt?: string;
  /** text of the element (ActualText for boxes drawn in pieces) */
  text?: string;
}

/**
 * A typeset line: runs of text at x offsets, each in one face (Latin words in the Latin face,
 * Chinese in the CJK face of its language; justified Chinese: a new run at every stretch).
 */
export interface TLine {
  runs: { text: string; x: number; face: Face }[];
  size: number;
  color: string;
  /** indent from the frame's left edge */
  dx: number;
  /** baseline from the line box top */
  baseline: number;
  /** marker drawn before the first line of a list item */
  bullet?: boolean;
}

export type RLines = LinesItem<TLine> & { meta: Meta; deco?: 'summary' | 'quote' | 'pull'; rule?: string };
export type RBox = BoxItem & {
  meta: Meta;
  draw: (p: Painter, x: number, y: number, w: number) => void;
  /** a box made of several tagged elements (a key figure beside its chart): drawn and tagged part by part */
  parts?: { id: string; meta: Meta; draw: (p: Painter, x: number, y: number) => void }[];
  /** the titles the box sets (a heading, a chart's or a photo's caption, the report's title), as broken into lines */
  titles?: TLine[][];
};
export type RItem = RLines | RBox | (GroupItem<TLine> & { items: (RLines | RBox)[] });

/** A photo ready to place: its pixel size (for the aspect ratio) and the data field it comes from. */
export interface PhotoArt {
  field: string;
  width: number;
  height: number;
}

/** Drawing primitives (implemented in draw.ts). */
export interface Painter {
  /** one line of text; with a face pair, each run in its own face (runs.ts) */
  text(
    s: string,
    x: number,
    baseline: number,
    face: Face | FacePair,
    size: number,
    color: string,
    opts?: { spacing?: number },
  ): void;
  rect(x: number, y: number, w: number, h: number, color: string): void;
  rule(x1: number, y1: number, x2: number, y2: number, color: string, width: number): void;
  chart(art: ChartArt, x: number, y: number, w: number): void;
  image(file: string, x: number, y: number, w: number, h: number): void;
  lines(lines: TLine[], x: number, y: number, lineHeight: number): void;
  theme: Theme;
}

/**
 * A language's faces, each a pair (runs.ts): the face the language is set in and the face for
 * the other script. Chinese is set in the CJK face of its glyph standard with Latin words in
 * the Latin face (Noto Sans / Noto Serif); English in the Latin face, with any Chinese inside
 * it in the CJK face. So English gets proportional letters and typographic quotes, never the
 * CJK font's full-width ones.
 */
export interface Fonts {
  sans: FacePair;
  sansBold: FacePair;
  sansBlack: FacePair;
  serif: FacePair;
  serifBold: FacePair;
}

const fontCache = new Map<string, Fonts>();

/** The theme's faces for a language (SC, TC or HK forms of the theme's families, their Latin faces: fontsFor). */
export function themeFonts(theme: Theme, lang = 'zh'): Fonts {
  const f = fontsFor(theme.fonts, lang);
  const latinPrimary = scriptOf(lang) === 'Latin';
  const key = `${latinPrimary}|${f.sans.family}|${f.serif.family}|${f.latin.sans}|${f.latin.serif}|${f.sans.regular}|${f.sans.bold}|${f.sans.black}|${f.serif.regular}|${f.serif.bold}`;
  let out = fontCache.get(key);
  if (!out) {
    const pair = (family: string, latinFamily: string, weight: number): FacePair => {
      const cjk = getFace(family, weight);
      const latin = latinFamily === family ? cjk : getFace(latinFamily, weight);
      return latin === cjk
        ? { face: cjk }
        : latinPrimary
          ? { face: latin, other: cjk, latinPrimary }
          : { face: cjk, other: latin };
    };
    out = {
      sans: pair(f.sans.family, f.latin.sans, f.sans.regular),
      sansBold: pair(f.sans.family, f.latin.sans, f.sans.bold),
      sansBlack: pair(f.sans.family, f.latin.sans, f.sans.black),
      serif: pair(f.serif.family, f.latin.serif, f.serif.regular),
      serifBold: pair(f.serif.family, f.latin.serif, f.serif.bold),
    };
    fontCache.set(key, out);
  }
  return out;
}

/** The advance width of one line of text in a face pair (each run in its face). */
export const measure = (text: string, fp: FacePair, size: number): number => measureRuns(text, fp, size);

export interface MeasureContext {
  model: Model;
  theme: Theme;
  geo: PageGeometry;
  /** faces per language */
  fonts: (lang: string) => Fonts;
  /** column width */
  width: number;
  /** body type size (the page preset's, or the theme's report.bodySize) */
  bodySize: number;
  charts: Map<string, ChartArt | undefined>;
  photos: Map<string, PhotoArt>;
  /** the publisher's or the theme's name, per language, for the masthead */
  logo: (lang: string) => string;
}

interface TextStyle {
  face: FacePair;
  size: number;
  leading: number;
  color: string;
  justify: boolean;
  indent?: number;
  firstIndent?: string;
  /** Chinese breaks only between words (titles, headings, captions, source lines: 哪些, never 哪|些) */
  words?: boolean;
}

/** Written in Han characters (Simplified or Traditional): justified, indented, looser leading. */
export const isCjk = (lang: string) => ['Hans', 'Hant', 'HK'].includes(localeFor(lang).script);

/** vertical position of the baseline in a line box: the ideographic em box centred */
const baselineIn = (lh: number, size: number) => (lh - size) / 2 + size * 0.88;

/**
 * Typeset lines by text, style and width, shared by every report this process renders: the
 * screen and print variants, each language arrangement and every pagination pass set the same
 * paragraphs at the same widths. The lines are never changed after typesetting (copies are).
 */
const typesetCache = new Map<string, TLine[]>();
const TYPESET_CACHE_MAX = 20_000;

export function typeset(text: string, st: TextStyle, width: number, field: string): TLine[] {
  const fp = st.face;
  const key = [
    fp.face.key,
    fp.other?.key ?? '',
    fp.latinPrimary ? 1 : 0,
    st.size,
    st.leading,
    st.color,
    st.justify ? 1 : 0,
    st.indent ?? 0,
    st.firstIndent ?? '',
    st.words ? 1 : 0,
    width,
    text,
  ].join('\u0000');
  const hit = typesetCache.get(key);
  if (hit) return hit.slice();
  const lines = typesetLines(text, st, width, field);
  if (typesetCache.size >= TYPESET_CACHE_MAX) typesetCache.clear();
  typesetCache.set(key, lines);
  return lines.slice();
}

function typesetLines(text: string, st: TextStyle, width: number, field: string): TLine[] {
  const fp = st.face;
  checkGlyphs(text, facesOf(fp), { field, layout: 'report' });
  const indent = st.indent ?? 0;
  const w = width - indent;
  const lines: Line[] = breakLines((st.firstIndent ?? '') + text, {
    face: fp.face,
    other: fp.other,
    latinPrimary: fp.latinPrimary,
    size: st.size,
    width: w,
    words: st.words,
  });
  const lh = st.size * st.leading;
  return lines.map((l) => ({
    runs:
      st.justify && !l.hard
        ? justifiedRuns(l, fp, st.size, w)
        : placeRuns(l.text, fp, st.size).map((r) => ({ text: r.text, x: r.x, face: r.face })),
    size: st.size,
    color: st.color,
    dx: indent,
    baseline: baselineIn(lh, st.size),
  }));
}

/**
 * A justified line: each face run shaped in its face, the free space spread over the gaps the
 * text engine's justification stretches (justify.ts stretchGaps), the glyphs grouped into runs
 * that start at every stretched gap and every change of face.
 */
function justifiedRuns(line: Line, fp: FacePair, size: number, width: number): TLine['runs'] {
  const glyphs: (PositionedGlyph & { face: Face })[] = placeRuns(line.text, fp, size).flatMap((r) =>
    shape(r.text, r.face, size).map((g) => ({ ...g, x: g.x + r.x, face: r.face })),
  );
  const gaps = new Set(glyphs.length > 1 ? stretchGaps(glyphs) : []);
  const last = glyphs[glyphs.length - 1];
  const extra = last ? width - (last.x + last.advance) : 0;
  const per = extra > 0 && gaps.size ? extra / gaps.size : 0;
  const runs: TLine['runs'] = [];
  let shift = 0;
  glyphs.forEach((g, k) => {
    if (gaps.has(k)) shift += per;
    const prev = runs[runs.length - 1];
    if (k === 0 || gaps.has(k) || prev?.face !== g.face) runs.push({ text: g.text, x: g.x + shift, face: g.face });
    else prev.text += g.text;
  });
  return runs;
}

/** How a row shares a wide column: the key figure on the left, its chart on the right; none in a narrow column. */
export function rowSplit(width: number): { figure: number; chart: number; gap: number } | undefined {
  if (width < 400) return undefined;
  const gap = 14;
  const figure = Math.round(width * 0.36);
  return { figure, chart: width - figure - gap, gap };
}

export const chartKey = (ref: string, lang: string, width: number) => `${ref}|${lang}|${Math.round(width)}`;

let seq = 0;
const nid = (p: string) => `${p}-${++seq}`;

/** Sections whose start moves to a new frame when less than a third of one is left. */
const SECTION_KINDS = new Set(['highlight', 'targets', 'outlook', 'photos']);
export const SECTION_ROOM = 1 / 3;

export function measureDocument(doc: ReportDocument, c: MeasureContext): { masthead?: RBox; items: RItem[] } {
  seq = 0;
  const { theme } = c;
  const col = theme.colors;
  const S = c.bodySize;
  const items: RItem[] = [];
  let masthead: RBox | undefined;

  const style = (cls: string, lang: string): TextStyle => {
    const fonts = c.fonts(lang);
    const cjk = isCjk(lang);
    switch (cls) {
      case 'lede':
        return { face: fonts.serif, size: S + 2, leading: cjk ? 1.8 : 1.5, color: col.ink, justify: cjk };
      case 'summary':
        return { face: fonts.sans, size: S - 1.5, leading: 1.5, color: col.muted, justify: false, indent: 10 };
      case 'byline':
        return { face: fonts.sansBold, size: S - 1.5, leading: 1.6, color: col.primary, justify: false };
      case 'quote':
        return { face: fonts.serif, size: S + 0.5, leading: cjk ? 1.8 : 1.5, color: col.ink, justify: cjk, indent: 10 };
      case 'pullquote':
        return {
          face: fonts.serifBold,
          size: S + 3.5,
          leading: cjk ? 1.6 : 1.4,
          color: col.primary,
          justify: false,
          indent: 14,
          words: true,
        };
      case 'attribution':
        return { face: fonts.sansBold, size: S - 1, leading: 1.5, color: col.muted, justify: false, indent: 14 };
      case 'credits':
        return { face: fonts.sans, size: S - 1.5, leading: 1.6, color: col.ink, justify: false };
      case 'source':
      case 'note':
        return {
          face: fonts.sans,
          size: S - 2,
          leading: 1.6,
          color: col.muted,
          justify: false,
          words: cls === 'source',
        };
      default:
        return cjk
          ? {
              face: fonts.sans,
              size: S + 0.5,
              leading: 1.8,
              color: col.ink,
              justify: true,
              firstIndent: '\u3000\u3000',
            }
          : { face: fonts.sans, size: S, leading: 1.55, color: col.ink, justify: false };
    }
  };

  const linesItem = (
    text: string,
    st: TextStyle,
    meta: Meta,
    before: number,
    after: number,
    extra: Partial<RLines> = {},
  ): RLines => ({
    kind: 'lines',
    id: nid(meta.role),
    lines: typeset(text, st, c.width, `${meta.sect} ${meta.role}`),
    lineHeight: st.size * st.leading,
    before,
    after,
    meta: { ...meta, text },
    ...extra,
  });

  /** a chart that follows the facts (a row in a narrow column) */
  let pending: RBox | undefined;
  const flush = (out: RItem[]) => {
    if (pending) out.push(pending);
    pending = undefined;
  };
  const walk = (b: Block, sect: string, out: RItem[]): void => {
    if (pending && b.type !== 'list') flush(out);
    switch (b.type) {
      case 'masthead':
        masthead = mastheadBox(b, c);
        return;
      case 'section': {
        const from = out.length;
        for (const k of b.children) walk(k, b.id, out);
        flush(out);
        const first = out[from];
        if (first && SECTION_KINDS.has(b.kind)) first.sectionStart = SECTION_ROOM;
        return;
      }
      case 'heading': {
        const fonts = c.fonts(b.lang);
        if (b.level === 1) {
          out.push(headingBox(b.text, b.number, b.lang, sect, c));
        } else if (b.level === 2) {
          const group = b.cls === 'group';
          const credits = b.cls === 'credits';
          out.push(
            linesItem(
              b.text,
              group
                ? { face: fonts.sansBlack, size: S + 2, leading: 1.4, color: col.primary, justify: false, words: true }
                : credits
                  ? { face: fonts.sansBold, size: S - 0.5, leading: 1.5, color: col.ink, justify: false, words: true }
                  : {
                      face: fonts.serifBold,
                      size: S + 3.5,
                      leading: 1.45,
                      color: col.ink,
                      justify: false,
                      words: true,
                    },
              { role: 'H2', lang: b.lang, sect },
              credits ? S * 1.2 : S * 1.6,
              S * 0.5,
              { keepWithNext: true, ...(group || credits ? { rule: col.rule } : {}) },
            ),
          );
        } else {
          out.push(
            linesItem(
              b.text,
              { face: fonts.sansBold, size: S - 0.5, leading: 1.45, color: col.primary, justify: false, words: true },
              { role: 'H3', lang: b.lang, sect },
              S * 0.4,
              S * 0.3,
              { keepWithNext: true },
            ),
          );
        }
        return;
      }
      case 'paragraph': {
        const st = style(b.cls, b.lang);
        const small = b.cls === 'note' || b.cls === 'source' || b.cls === 'credits' || b.cls === 'byline';
        const pull = b.cls === 'pullquote' || b.cls === 'attribution';
        out.push(
          linesItem(
            b.text,
            st,
            { role: 'P', lang: b.lang, sect },
            b.cls === 'lede'
              ? S * 0.4
              : b.cls === 'pullquote'
                ? S
                : b.cls === 'attribution'
                  ? S * 0.15
                  : small
                    ? S * 0.2
                    : S * 0.5,
            b.cls === 'pullquote' ? S * 0.15 : b.cls === 'attribution' ? S : small ? S * 0.2 : S * 0.5,
            b.cls === 'summary'
              ? { deco: 'summary' }
              : b.cls === 'quote'
                ? { deco: 'quote' }
                : pull
                  ? { deco: 'pull' }
                  : {},
          ),
        );
        return;
      }
      case 'list': {
        const list = nid('L');
        const summary = b.cls === 'summary';
        const base = summary ? style('summary', b.lang) : { ...style('body', b.lang), firstIndent: undefined };
        const st: TextStyle = { ...base, indent: (base.indent ?? 0) + (summary ? 0 : base.size * 1.3) };
        b.items.forEach((t, k) => {
          const li = linesItem(
            t,
            st,
            { role: 'LI', lang: b.lang, sect, list },
            k === 0 ? S * 0.6 : summary ? S * 0.15 : S * 0.35,
            summary ? S * 0.15 : S * 0.35,
            summary ? { deco: 'summary' } : {},
          );
          if (!summary && li.lines[0]) li.lines[0] = { ...li.lines[0], bullet: true };
          out.push(li);
        });
        return;
      }
      case 'keep': {
        const inner: RItem[] = [];
        for (const k of b.children) walk(k, sect, inner);
        const flat = inner.filter((i): i is RLines | RBox => i.kind !== 'group');
        if (flat.length)
          out.push({
            kind: 'group',
            id: nid('keep'),
            items: flat,
            before: flat[0]!.before,
            after: flat[flat.length - 1]!.after,
          });
        return;
      }
      case 'row': {
        const fig = b.children.find((k) => k.type === 'figures');
        const chart = b.children.find((k) => k.type === 'chart');
        const split = rowSplit(c.width);
        // a chart that would shrink much to fit beside the figure (long labels) goes under it instead
        const art =
          split && chart?.type === 'chart' ? c.charts.get(chartKey(chart.ref, chart.lang, split.chart)) : undefined;
        const fits = !art || art.width <= split!.chart * 1.12;
        if (fig?.type === 'figures' && chart?.type === 'chart' && split && fits && fig.items.length === 1) {
          const fb = figureBox(fig.items[0]!, fig.lang, sect, { ...c, width: split.figure });
          const cb = chartBox(chart.ref, chart.title, chart.titleAlt, chart.alt, chart.lang, sect, {
            ...c,
            width: split.chart,
          });
          const height = Math.max(fb.height, cb.height);
          // as pieces: the figure under the heading, the chart at the column's width as a float
          const alone = chartBox(chart.ref, chart.title, chart.titleAlt, chart.alt, chart.lang, sect, c);
          out.push({
            kind: 'box',
            id: nid('row'),
            height,
            before: S * 0.4,
            after: S * 0.6,
            meta: cb.meta,
            titles: cb.titles,
            // the figure at the column's width when it stands alone (number left, comparison right: shorter)
            alternative: [{ ...figureBox(fig.items[0]!, fig.lang, sect, c), keepWithNext: false }, alone],
            parts: [
              { id: fb.id, meta: fb.meta, draw: (p, x, y) => fb.draw(p, x, y, split.figure) },
              { id: cb.id, meta: cb.meta, draw: (p, x, y) => cb.draw(p, x + split.figure + split.gap, y, split.chart) },
            ],
            draw(p, x, y) {
              fb.draw(p, x, y, split.figure);
              cb.draw(p, x + split.figure + split.gap, y, split.chart);
            },
          });
          return;
        }
        // a narrow column: the key figure under the heading, the chart after the facts
        for (const k of b.children) {
          if (k.type === 'chart' && fig) {
            const items: RItem[] = [];
            walk(k, sect, items);
            pending = items[0] as RBox;
          } else walk(k, sect, out);
        }
        return;
      }
      case 'figures':
        for (const f of b.items) out.push(figureBox(f, b.lang, sect, c));
        return;
      case 'chart':
        out.push(chartBox(b.ref, b.title, b.titleAlt, b.alt, b.lang, sect, c));
        return;
      case 'photos':
        out.push(...photoRows(b.items, b.lang, sect, c));
        return;
    }
  };
  for (const b of doc.blocks) walk(b, '', items);
  return { masthead, items };
}

// ---------- boxes ----------

function headingBox(text: string, number: string | undefined, lang: string, sect: string, c: MeasureContext): RBox {
  const { theme } = c;
  const fonts = c.fonts(lang);
  const S = c.bodySize;
  const size = Math.round(S * 1.9);
  const numSize = size * 1.35;
  const numW = number ? measure(number, fonts.sansBlack, numSize) + size * 0.35 : 0;
  const lines = typeset(
    text,
    { face: fonts.serifBold, size, leading: 1.3, color: theme.colors.ink, justify: false, words: true },
    c.width - numW,
    `${sect} title`,
  );
  const lh = size * 1.3;
  const top = 10; // under the rule
  const height = top + Math.max(lines.length * lh, number ? numSize * 1.1 : 0) + 2;
  return {
    kind: 'box',
    id: nid('H1'),
    height,
    titles: [lines],
    before: S * 2.2,
    after: S * 0.6,
    keepWithNext: true,
    meta: { role: 'H1', lang, sect, text: number ? `${number} ${text}` : text },
    draw(p, x, y, w) {
      p.rule(x, y, x + w, y, theme.colors.ink, 1.6);
      if (number) p.text(number, x, y + top + numSize * 0.9, fonts.sansBlack, numSize, theme.colors.primary);
      p.lines(lines, x + numW, y + top + (number ? Math.max(0, (numSize * 1.1 - lines.length * lh) / 2) : 0), lh);
    },
  };
}

function figureBox(f: FigureItem, lang: string, sect: string, c: MeasureContext): RBox {
  const { theme } = c;
  const fonts = c.fonts(lang);
  const col = theme.colors;
  const S = c.bodySize;
  const big = S * 3.6;
  const unit = S * 1.5;
  const pad = 10;
  // side by side when the column is wide enough, else the comparison under the number
  const wide = c.width > 300;
  const leftW = wide ? c.width * 0.5 : c.width;
  const rightW = wide ? c.width - leftW - pad * 3 : c.width - pad * 2;
  const compareLines = f.compare
    ? typeset(
        f.compare,
        { face: fonts.sans, size: S - 1, leading: 1.5, color: col.ink, justify: false },
        rightW,
        `${sect} compare`,
      )
    : [];
  const numW = measure(f.number, fonts.sansBlack, big);
  const preW = f.prefix ? measure(f.prefix, fonts.sansBold, unit) + 3 : 0;
  const sufW = f.suffix ? measure(f.suffix, fonts.sansBold, unit) : 0;
  // the number as large as its line allows; long unit words ("an estimated", "million a week") go
  // on lines of their own (the prefix above, the suffix under) before the number shrinks below
  // the unit words' own size
  const line = leftW - pad * 2 - 4;
  const sizeFor = (room: number) => (numW > room ? (big * Math.max(room, 1)) / numW : big);
  const preOwn = preW > 0 && sizeFor(line - preW - sufW) < unit * 1.4;
  const sufOwn = sufW > 0 && sizeFor(line - (preOwn ? 0 : preW) - sufW) < unit * 1.4;
  const bigSize = sizeFor(line - (preOwn ? 0 : preW) - (sufOwn ? 0 : sufW));
  const preH = preOwn ? unit * 1.3 : 0,
    sufH = sufOwn ? unit * 1.3 : 0;
  const labelLines = typeset(
    [f.label, f.when].filter(Boolean).join(' · '),
    { face: fonts.sansBold, size: S - 1, leading: 1.4, color: col.muted, justify: false },
    leftW - pad * 2,
    `${sect} label`,
  );
  const leftH = pad + labelLines.length * (S - 1) * 1.4 + preH + bigSize * 1.15 + sufH + pad;
  const changeSize = S * 1.9;
  // the rank badge wraps within the column (a long one, "1st among 21 member states with a
  // minimum wage", ran into the chart beside it)
  const rs = S - 0.5,
    rankLh = rs * 1.3;
  const rankLines = f.rank
    ? typeset(
        f.rank,
        { face: fonts.sansBold, size: rs, leading: 1.3, color: col.onPrimary, justify: false },
        rightW - 12,
        `${sect} rank`,
      )
    : [];
  const rankH = rankLines.length ? S * 2.2 + (rankLines.length - 1) * rankLh : 0;
  const rightBody = (f.change ? changeSize * 1.2 : 0) + compareLines.length * (S - 1) * 1.5 + rankH;
  const height = wide ? Math.max(leftH, pad * 2 + rightBody) : leftH + (rightBody ? rightBody + pad : 0);
  const tint = mix(col.primary, col.paper, 0.07);
  const text = [f.label, f.when, f.prefix + f.number + f.suffix, f.compare, f.change, f.rank]
    .filter(Boolean)
    .join(say(lang, 'sep.list'));
  return {
    kind: 'box',
    id: nid('fig'),
    height,
    before: S * 0.2,
    after: S * 0.4,
    keepWithNext: true,
    meta: { role: 'P', lang, sect, text },
    draw(p, x, y, w) {
      p.rect(x, y, w, height, tint);
      p.rect(x, y, 3, height, col.primary);
      let yy = y + pad;
      p.lines(labelLines, x + pad, yy, (S - 1) * 1.4);
      yy += labelLines.length * (S - 1) * 1.4;
      let xx = x + pad;
      if (f.prefix && preOwn) p.text(f.prefix, xx, yy + unit * 0.95, fonts.sansBold, unit, col.primary);
      yy += preH;
      const base = yy + bigSize * 0.95;
      if (f.prefix && !preOwn) {
        p.text(f.prefix, xx, base, fonts.sansBold, unit, col.primary);
        xx += preW;
      }
      p.text(f.number, xx, base, fonts.sansBlack, bigSize, col.primary);
      xx += measure(f.number, fonts.sansBlack, bigSize) + 2;
      if (f.suffix && !sufOwn) p.text(f.suffix, xx, base, fonts.sansBold, unit, col.primary);
      if (f.suffix && sufOwn) p.text(f.suffix, x + pad, base + bigSize * 0.2 + unit, fonts.sansBold, unit, col.primary);
      // the comparison: right of the number, or under it in a narrow column
      const rx = wide ? x + leftW + pad : x + pad;
      let ry = wide ? y + pad : y + leftH - pad / 2;
      if (f.change) {
        p.text(f.change, rx, ry + changeSize * 0.92, fonts.sansBlack, changeSize, col.ink);
        ry += changeSize * 1.2;
      }
      p.lines(compareLines, rx, ry, (S - 1) * 1.5);
      ry += compareLines.length * (S - 1) * 1.5;
      if (rankLines.length) {
        const rw =
          Math.max(...rankLines.map((l) => measure(l.runs.map((r) => r.text).join(''), fonts.sansBold, rs))) + 12;
        p.rect(rx, ry + 4, rw, (rankLines.length - 1) * rankLh + rs + 8, col.primary);
        p.lines(rankLines, rx + 6, ry + 4 + 4, rankLh);
      }
    },
  };
}

/** A caption: the first language's lines, then each other language's, smaller. */
function captionLines(
  text: string,
  alts: Piece[],
  lang: string,
  width: number,
  field: string,
  c: MeasureContext,
  main: { bold: boolean; size: number },
): { lines: TLine[]; lh: number }[] {
  const col = c.theme.colors;
  const out: { lines: TLine[]; lh: number }[] = [];
  if (text) {
    const f = c.fonts(lang);
    out.push({
      lines: typeset(
        text,
        {
          face: main.bold ? f.sansBold : f.sans,
          size: main.size,
          leading: 1.4,
          color: col.ink,
          justify: false,
          words: true,
        },
        width,
        field,
      ),
      lh: main.size * 1.4,
    });
  }
  for (const a of alts) {
    const size = main.size - 1;
    out.push({
      lines: typeset(
        a.text,
        { face: c.fonts(a.lang).sans, size, leading: 1.4, color: col.muted, justify: false, words: true },
        width,
        field,
      ),
      lh: size * 1.4,
    });
  }
  return out;
}

const blockHeight = (parts: { lines: TLine[]; lh: number }[]) => parts.reduce((s, p) => s + p.lines.length * p.lh, 0);
const drawParts = (p: Painter, parts: { lines: TLine[]; lh: number }[], x: number, y: number) => {
  let yy = y;
  for (const part of parts) {
    p.lines(part.lines, x, yy, part.lh);
    yy += part.lines.length * part.lh;
  }
};

function chartBox(
  ref: string,
  title: string,
  titleAlt: Piece[],
  alt: string,
  lang: string,
  sect: string,
  c: MeasureContext,
): RBox {
  const { theme } = c;
  const fonts = c.fonts(lang);
  const S = c.bodySize;
  const art = c.charts.get(chartKey(ref, lang, c.width));
  const caption = captionLines(title, titleAlt, lang, c.width, `${sect} chart title`, c, { bold: true, size: S });
  const capH = blockHeight(caption) + 6;
  const scale = art ? Math.min(1, c.width / art.width) : 1;
  const altLines = art
    ? []
    : typeset(
        alt,
        { face: fonts.sans, size: S - 1, leading: 1.5, color: theme.colors.muted, justify: false },
        c.width - 16,
        `${sect} chart alt`,
      );
  const artH = art ? art.height * scale : altLines.length * (S - 1) * 1.5 + 16;
  const height = capH + artH + 4;
  return {
    kind: 'box',
    id: nid('chart'),
    height,
    titles: caption.map((x) => x.lines),
    before: S * 1,
    after: S * 0.8,
    meta: { role: 'Figure', lang, sect, alt, text: [title, ...titleAlt.map((a) => a.text)].join(' ') },
    draw(p, x, y, w) {
      p.rule(x, y, x + w, y, theme.colors.rule, 0.6);
      drawParts(p, caption, x, y + 3);
      if (art) p.chart(art, x, y + capH, art.width * scale);
      else p.lines(altLines, x + 8, y + capH + 8, (S - 1) * 1.5);
    },
  };
}

/** Photos in rows (two side by side in a wide column), each scaled to fit its cell, never distorted. */
function photoRows(items: PhotoItem[], lang: string, sect: string, c: MeasureContext): RBox[] {
  const S = c.bodySize;
  const gap = 8;
  const perRow = Math.max(1, Math.min(items.length, Math.floor((c.width + gap) / 200)));
  const cellW = (c.width - gap * (perRow - 1)) / perRow;
  const maxH = cellW * 0.8;
  const rows: RBox[] = [];
  for (let r = 0; r < items.length; r += perRow) {
    const row = items.slice(r, r + perRow).map((it) => {
      const art = c.photos.get(it.file);
      if (!art) throw new Error(`${it.field}: the image was not loaded`);
      const scale = Math.min(cellW / art.width, maxH / art.height);
      const w = art.width * scale;
      const h = art.height * scale;
      const caption = captionLines(it.caption, it.captionAlt, lang, cellW, `${it.field} caption`, c, {
        bold: false,
        size: S - 1,
      });
      return { it, w, h, caption };
    });
    const imgH = Math.max(...row.map((x) => x.h));
    const capH = Math.max(...row.map((x) => blockHeight(x.caption)));
    const height = imgH + 4 + capH;
    const alt = row.map((x) => [x.it.caption, ...x.it.captionAlt.map((a) => a.text)].join(' ')).join(' / ');
    rows.push({
      kind: 'box',
      id: nid('photo'),
      height,
      titles: row.flatMap((x) => x.caption.map((y) => y.lines)),
      before: S * (r === 0 ? 1 : 0.6),
      after: S * 0.4,
      // the last row keeps with the credit line under it
      keepWithNext: r + perRow >= items.length,
      meta: { role: 'Figure', lang, sect, alt, text: row.map((x) => x.it.caption).join(' / ') },
      draw(p, bx, by) {
        row.forEach((x, k) => {
          const cx = bx + k * (cellW + gap);
          p.image(x.it.file, cx + (cellW - x.w) / 2, by + (imgH - x.h), x.w, x.h);
          drawParts(p, x.caption, cx, by + imgH + 4);
        });
      },
    });
  }
  return rows;
}

function mastheadBox(b: Extract<Block, { type: 'masthead' }>, c: MeasureContext): RBox {
  const { theme, geo } = c;
  const fonts = c.fonts(b.lang);
  const col = theme.colors;
  const S = c.bodySize;
  const fullW = geo.width - geo.margins.left - geo.margins.right;
  const titleSize = S * (isCjk(b.lang) ? 4.2 : 3.2);
  const title = typeset(
    b.title,
    { face: fonts.serifBold, size: titleSize, leading: 1.2, color: col.onPrimary, justify: false, words: true },
    fullW,
    'meta.title',
  );
  const subs = b.subtitles.map((s) =>
    typeset(
      s.text,
      { face: c.fonts(s.lang).serif, size: S * 1.5, leading: 1.35, color: col.onPrimary, justify: false, words: true },
      fullW,
      'meta.subtitle',
    ),
  );
  const subLh = S * 1.5 * 1.35;
  const subH = subs.reduce((s, l) => s + l.length * subLh, 0);
  const kickerSize = S * 1.05;
  const tagSize = S * 1.05;
  const altTag = b.tagline.some((t) => t.alt.length);
  const bandTop = geo.margins.top * 0.8;
  const bandH = bandTop + kickerSize * 2.4 + title.length * titleSize * 1.2 + subH + S * 1.4;
  const tagH = b.tagline.length ? tagSize * (altTag ? 4.2 : 3.2) : 0;
  const dateSize = S - 1;
  const dateline = b.dateline.map((d) => ({ ...d, face: c.fonts(d.lang).sansBold }));
  const dateSep = '  /  ';
  const dateW =
    dateline.reduce((s, d) => s + measure(d.text, d.face, dateSize), 0) +
    (dateline.length - 1) * measure(dateSep, fonts.sansBold, dateSize);
  const dateRows = dateW > fullW ? dateline.length : dateline.length ? 1 : 0;
  const dateH = dateRows ? S * 1.2 + dateRows * dateSize * 1.5 : S * 0.6;
  const height = bandH + tagH + dateH;
  const logo = c.logo(b.lang);
  const logoArt = b.logo ? c.photos.get(b.logo) : undefined;
  if (b.logo && !logoArt) throw new Error('meta.publisher.logo: the image was not loaded');
  return {
    kind: 'box',
    id: 'masthead',
    height,
    titles: [title, ...subs],
    before: 0,
    after: 0,
    meta: { role: 'H1', lang: b.lang, sect: 'masthead', text: b.title },
    draw(p, x) {
      // band: drawn from the page's top edge (y = 0 in trim space) and out into the bleed
      const bl = geo.bleed;
      p.rect(-bl, -bl, geo.width + 2 * bl, bandH + bl, col.primary);
      let y = bandTop;
      const base = y + kickerSize * 0.35 + kickerSize * 0.88;
      let kx = x;
      if (b.kicker.length) {
        const gap = kickerSize * 0.8;
        const parts = b.kicker.map((k) => ({ ...k, face: c.fonts(k.lang).sansBold }));
        const kw = parts.reduce((s, k) => s + measure(k.text, k.face, kickerSize), 0) + gap * (parts.length - 1) + 14;
        p.rect(x, y, kw, kickerSize * 1.7, col.accent);
        let tx = x + 7;
        for (const k of parts) {
          p.text(k.text, tx, base, k.face, kickerSize, col.onAccent);
          tx += measure(k.text, k.face, kickerSize) + gap;
        }
        kx = x + kw + 10;
      }
      if (logoArt && b.logo) {
        // the publisher's logo on a plate of the paper's colour (its transparency is flattened onto the paper)
        const lh = kickerSize * 1.7;
        const lw = (lh - 4) * (logoArt.width / logoArt.height);
        p.rect(kx, y, lw + 4, lh, col.paper);
        p.image(b.logo, kx + 2, y + 2, lw, lh - 4);
        kx += lw + 4 + 10;
      }
      if (logo && logo !== b.title) p.text(logo, kx, base, fonts.sansBold, kickerSize, col.onPrimary);
      y += kickerSize * 2.4;
      p.lines(title, x, y, titleSize * 1.2);
      y += title.length * titleSize * 1.2;
      for (const s of subs) {
        p.lines(s, x, y, subLh);
        y += s.length * subLh;
      }
      // tagline strip under the band
      const ty = bandH;
      if (b.tagline.length) {
        p.rect(-bl, ty, geo.width + 2 * bl, tagH, col.accent);
        const n = b.tagline.length;
        const cellW = fullW / Math.max(1, n);
        // one size for all items, small enough for the longest to fit its cell
        const widest = Math.max(...b.tagline.map((t) => measure(t.text, fonts.sansBold, tagSize)));
        const ts = Math.min(tagSize, (tagSize * (cellW - 18)) / Math.max(1, widest));
        const as = tagSize * 0.78;
        const altWidest = Math.max(
          1,
          ...b.tagline.flatMap((t) => t.alt.map((a) => measure(a.text, c.fonts(a.lang).sans, as))),
        );
        const ats = Math.min(as, (as * (cellW - 12)) / altWidest);
        b.tagline.forEach((t, k) => {
          const tw = measure(t.text, fonts.sansBold, ts);
          const cx = x + cellW * k + (cellW - tw) / 2;
          const mid = ty + tagH / 2 + ts * 0.38 - (altTag ? ats * 0.75 : 0);
          p.text(t.text, cx, mid, fonts.sansBold, ts, col.onAccent);
          t.alt.forEach((a, j) => {
            const f = c.fonts(a.lang).sans;
            const aw = measure(a.text, f, ats);
            p.text(a.text, x + cellW * k + (cellW - aw) / 2, mid + ats * 1.45 * (j + 1), f, ats, col.onAccent);
          });
          if (k) p.rule(x + cellW * k, ty + tagH * 0.25, x + cellW * k, ty + tagH * 0.75, col.onAccent, 0.6);
        });
      }
      // dateline: every language on one line, or one line each when they do not fit
      let dx = x;
      let dy = ty + tagH + S * 1.2 + dateSize * 0.9;
      dateline.forEach((d, k) => {
        if (k && dateRows === 1) {
          p.text(dateSep, dx, dy, fonts.sansBold, dateSize, col.muted);
          dx += measure(dateSep, fonts.sansBold, dateSize);
        } else if (k) {
          dx = x;
          dy += dateSize * 1.5;
        }
        p.text(d.text, dx, dy, d.face, dateSize, col.muted);
        dx += measure(d.text, d.face, dateSize);
      });
    },
  };
}

/** a tint: `a` mixed into `b` at t (sRGB, before any CMYK conversion) */
export function mix(a: string, b: string, t: number): string {
  const pa = hex(a),
    pb = hex(b);
  return (
    '#' +
    pa
      .map((v, i) =>
        Math.round(v * t + pb[i]! * (1 - t))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}
const hex = (s: string) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
