/**
 * Measure: blocks → flowables. Text is broken into lines by the text engine
 * (UAX #14 + kinsoku, fontkit widths); Chinese lines are justified with the text engine's
 * justifyLine (per-glyph positions, last line ragged); English is set ragged right.
 * Boxes (masthead, key figures, charts, credits) get their height here and a draw function.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import {
  breakLines,
  checkGlyphs,
  getFace,
  justifyLine,
  measure,
  stretchGaps,
  shape,
  type Face,
  type Line,
} from '../../text/index.js';
import type { ChartArt } from './charts.js';
import type { BoxItem, GroupItem, LinesItem } from './flow.js';
import type { PageGeometry } from './pages.js';
import type { Block, FigureItem, ReportDocument } from './structure.js';

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

/** A typeset line: runs of text at x offsets (justified Chinese: one run per stretch). */
export interface TLine {
  runs: { text: string; x: number }[];
  face: Face;
  size: number;
  color: string;
  /** indent from the frame's left edge */
  dx: number;
  /** baseline from the line box top */
  baseline: number;
  /** marker drawn before the first line of a list item */
  bullet?: boolean;
}

export type RLines = LinesItem<TLine> & { meta: Meta; deco?: 'summary' };
export type RBox = BoxItem & { meta: Meta; draw: (p: Painter, x: number, y: number, w: number) => void };
export type RItem = RLines | RBox | (GroupItem<TLine> & { items: (RLines | RBox)[] });

/** Drawing primitives (implemented in draw.ts). */
export interface Painter {
  text(
    s: string,
    x: number,
    baseline: number,
    face: Face,
    size: number,
    color: string,
    opts?: { spacing?: number },
  ): void;
  rect(x: number, y: number, w: number, h: number, color: string): void;
  rule(x1: number, y1: number, x2: number, y2: number, color: string, width: number): void;
  chart(art: ChartArt, x: number, y: number, w: number): void;
  lines(lines: TLine[], x: number, y: number, lineHeight: number): void;
  theme: Theme;
}

export interface Fonts {
  sans: Face;
  sansBold: Face;
  sansBlack: Face;
  serif: Face;
  serifBold: Face;
}

export function themeFonts(theme: Theme): Fonts {
  const s = theme.fonts.sans,
    r = theme.fonts.serif;
  return {
    sans: getFace(s.family, s.regular),
    sansBold: getFace(s.family, s.bold),
    sansBlack: getFace(s.family, s.black),
    serif: getFace(r.family, r.regular),
    serifBold: getFace(r.family, r.bold),
  };
}

export interface MeasureContext {
  model: Model;
  theme: Theme;
  geo: PageGeometry;
  fonts: Fonts;
  /** column width */
  width: number;
  charts: Map<string, ChartArt | undefined>;
}

interface TextStyle {
  face: Face;
  size: number;
  leading: number;
  color: string;
  justify: boolean;
  indent?: number;
  firstIndent?: string;
}

const isZh = (lang: string) => lang === 'zh' || lang.startsWith('zh-');

/** vertical position of the baseline in a line box: the ideographic em box centred */
const baselineIn = (lh: number, size: number) => (lh - size) / 2 + size * 0.88;

export function typeset(text: string, st: TextStyle, width: number, field: string): TLine[] {
  checkGlyphs(text, [st.face], { field, layout: 'report' });
  const indent = st.indent ?? 0;
  const w = width - indent;
  const lines: Line[] = breakLines((st.firstIndent ?? '') + text, { face: st.face, size: st.size, width: w });
  const lh = st.size * st.leading;
  return lines.map((l) => ({
    runs: st.justify && !l.hard ? justifiedRuns(l, st.face, st.size, w) : [{ text: l.text, x: 0 }],
    face: st.face,
    size: st.size,
    color: st.color,
    dx: indent,
    baseline: baselineIn(lh, st.size),
  }));
}

/** justified positions grouped into runs: a new run starts at every stretched gap */
function justifiedRuns(line: Line, face: Face, size: number, width: number): { text: string; x: number }[] {
  const glyphs = justifyLine(line, face, size, width);
  const natural = shape(line.text, face, size);
  const gaps = new Set(stretchGaps(natural));
  const runs: { text: string; x: number }[] = [];
  glyphs.forEach((g, k) => {
    if (k === 0 || gaps.has(k)) runs.push({ text: g.text, x: g.x });
    else runs[runs.length - 1]!.text += g.text;
  });
  return runs;
}

let seq = 0;
const nid = (p: string) => `${p}-${++seq}`;

export function measureDocument(doc: ReportDocument, c: MeasureContext): { masthead?: RBox; items: RItem[] } {
  seq = 0;
  const { theme, fonts } = c;
  const col = theme.colors;
  const S = c.geo.preset.bodySize;
  const items: RItem[] = [];
  let masthead: RBox | undefined;

  const style = (cls: string, lang: string): TextStyle => {
    const zh = isZh(lang);
    switch (cls) {
      case 'lede':
        return { face: fonts.serif, size: S + 2, leading: zh ? 1.8 : 1.5, color: col.ink, justify: zh };
      case 'summary':
        return { face: fonts.sans, size: S - 1.5, leading: 1.5, color: col.muted, justify: false, indent: 10 };
      case 'byline':
        return { face: fonts.sansBold, size: S - 1.5, leading: 1.6, color: col.primary, justify: false };
      case 'source':
      case 'note':
        return { face: fonts.sans, size: S - 2, leading: 1.6, color: col.muted, justify: false };
      default:
        return zh
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

  const walk = (b: Block, sect: string, out: (RLines | RBox | RItem)[]): void => {
    switch (b.type) {
      case 'masthead':
        masthead = mastheadBox(b, c);
        return;
      case 'section':
        for (const k of b.children) walk(k, b.id, out);
        return;
      case 'heading': {
        if (b.level === 1) {
          out.push(headingBox(b.text, b.number, b.lang, sect, c));
        } else if (b.level === 2) {
          out.push(
            linesItem(
              b.text,
              { face: fonts.serifBold, size: S + 3.5, leading: 1.45, color: col.ink, justify: false },
              { role: 'H2', lang: b.lang, sect },
              S * 1.6,
              S * 0.5,
              { keepWithNext: true },
            ),
          );
        } else {
          out.push(
            linesItem(
              b.text,
              { face: fonts.sansBold, size: S - 0.5, leading: 1.45, color: col.primary, justify: false },
              { role: 'H3', lang: b.lang, sect },
              S * 0.6,
              S * 0.3,
              { keepWithNext: true },
            ),
          );
        }
        return;
      }
      case 'paragraph': {
        const st = style(b.cls, b.lang);
        out.push(
          linesItem(
            b.text,
            st,
            { role: 'P', lang: b.lang, sect },
            b.cls === 'lede' ? S * 0.4 : S * 0.5,
            S * 0.5,
            b.cls === 'summary' ? { deco: 'summary' } : {},
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
            k === 0 ? S * 0.6 : S * 0.35,
            S * 0.35,
            summary ? { deco: 'summary' } : {},
          );
          if (!summary && li.lines[0]) li.lines[0].bullet = true;
          out.push(li);
        });
        return;
      }
      case 'keep': {
        const inner: (RLines | RBox)[] = [];
        for (const k of b.children) walk(k, sect, inner as RItem[]);
        if (inner.length)
          out.push({
            kind: 'group',
            id: nid('keep'),
            items: inner,
            before: inner[0]!.before,
            after: inner[inner.length - 1]!.after,
          });
        return;
      }
      case 'figures':
        for (const f of b.items) out.push(figureBox(f, b.lang, sect, c));
        return;
      case 'chart':
        out.push(chartBox(b.ref, b.title, b.alt, b.lang, sect, c));
        return;
      case 'credits':
        out.push(creditsBox(b.items, b.lang, sect, c));
        return;
    }
  };
  for (const b of doc.blocks) walk(b, '', items);
  return { masthead, items };
}

// ---------- boxes ----------

function headingBox(text: string, number: string | undefined, lang: string, sect: string, c: MeasureContext): RBox {
  const { fonts, theme } = c;
  const S = c.geo.preset.bodySize;
  const size = Math.round(S * 1.9);
  const numSize = size * 1.35;
  const numW = number ? numSize * 1.35 : 0;
  const lines = typeset(
    text,
    { face: fonts.serifBold, size, leading: 1.3, color: theme.colors.ink, justify: false },
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
    before: S * 2.4,
    after: S * 0.9,
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
  const { fonts, theme } = c;
  const col = theme.colors;
  const S = c.geo.preset.bodySize;
  const zh = isZh(lang);
  const big = S * 3.6;
  const unit = S * 1.5;
  const pad = 12;
  const leftW = c.width * 0.5;
  const rightW = c.width - leftW - pad * 3;
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
  let bigSize = big;
  const avail = leftW - pad - preW - sufW - 4;
  if (numW > avail) bigSize = (big * avail) / numW;
  const labelLines = typeset(
    `${f.label} · ${f.year}`,
    { face: fonts.sansBold, size: S - 1, leading: 1.4, color: col.muted, justify: false },
    leftW - pad,
    `${sect} label`,
  );
  const leftH = pad + labelLines.length * (S - 1) * 1.4 + bigSize * 1.15 + pad;
  const changeSize = S * 1.9;
  const rightH =
    pad + (f.change ? changeSize * 1.2 : 0) + compareLines.length * (S - 1) * 1.5 + (f.rank ? S * 2.2 : 0) + pad;
  const height = Math.max(leftH, rightH, S * 7);
  const tint = mix(col.primary, col.paper, 0.07);
  const text = [f.label, f.year, f.prefix + f.number + f.suffix, f.compare, f.change, f.rank]
    .filter(Boolean)
    .join(zh ? '，' : ', ');
  return {
    kind: 'box',
    id: nid('fig'),
    height,
    before: 0,
    after: S * 0.6,
    meta: { role: 'P', lang, sect, text },
    draw(p, x, y, w) {
      p.rect(x, y, w, height, tint);
      p.rect(x, y, 3, height, col.primary);
      let yy = y + pad;
      p.lines(labelLines, x + pad, yy, (S - 1) * 1.4);
      yy += labelLines.length * (S - 1) * 1.4;
      const base = yy + bigSize * 0.95;
      let xx = x + pad;
      if (f.prefix) {
        p.text(f.prefix, xx, base, fonts.sansBold, unit, col.primary);
        xx += preW;
      }
      p.text(f.number, xx, base, fonts.sansBlack, bigSize, col.primary);
      xx += measure(f.number, fonts.sansBlack, bigSize) + 2;
      if (f.suffix) p.text(f.suffix, xx, base, fonts.sansBold, unit, col.primary);
      // right column
      const rx = x + leftW + pad;
      let ry = y + pad;
      if (f.change) {
        p.text(f.change, rx, ry + changeSize * 0.92, fonts.sansBlack, changeSize, col.ink);
        ry += changeSize * 1.2;
      }
      p.lines(compareLines, rx, ry, (S - 1) * 1.5);
      ry += compareLines.length * (S - 1) * 1.5;
      if (f.rank) {
        const rs = S - 0.5;
        const rw = measure(f.rank, fonts.sansBold, rs) + 12;
        p.rect(rx, ry + 4, rw, rs + 8, col.primary);
        p.text(f.rank, rx + 6, ry + 4 + 4 + rs * 0.88, fonts.sansBold, rs, col.onPrimary);
      }
    },
  };
}

function chartBox(ref: string, title: string, alt: string, lang: string, sect: string, c: MeasureContext): RBox {
  const { fonts, theme } = c;
  const S = c.geo.preset.bodySize;
  const art = c.charts.get(`${ref}|${lang}`);
  const capSize = S;
  const titleLines = typeset(
    title,
    { face: fonts.sansBold, size: capSize, leading: 1.4, color: theme.colors.ink, justify: false },
    c.width,
    `${sect} chart title`,
  );
  const capH = titleLines.length * capSize * 1.4 + 6;
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
    before: S * 1.2,
    after: S * 1.2,
    meta: { role: 'Figure', lang, sect, alt, text: title },
    draw(p, x, y, w) {
      p.rule(x, y, x + w, y, theme.colors.rule, 0.6);
      p.lines(titleLines, x, y + 3, capSize * 1.4);
      if (art) p.chart(art, x, y + capH, art.width * scale);
      else p.lines(altLines, x + 8, y + capH + 8, (S - 1) * 1.5);
    },
  };
}

function creditsBox(items: { role: string; names: string }[], lang: string, sect: string, c: MeasureContext): RBox {
  const { fonts, theme } = c;
  const S = c.geo.preset.bodySize;
  const size = S - 1;
  const lh = size * 1.7;
  const roleW = Math.max(...items.map((i) => measure(i.role, fonts.sansBold, size))) + 12;
  const rows = items.map((i) => ({
    role: typeset(
      i.role,
      { face: fonts.sansBold, size, leading: 1.7, color: theme.colors.muted, justify: false },
      roleW,
      `${sect} credit`,
    ),
    names: typeset(
      i.names,
      { face: fonts.sans, size, leading: 1.7, color: theme.colors.ink, justify: false },
      c.width - roleW,
      `${sect} credit`,
    ),
  }));
  const height = rows.reduce((s, r) => s + Math.max(r.role.length, r.names.length) * lh, 0);
  return {
    kind: 'box',
    id: nid('credits'),
    height,
    before: S * 0.4,
    after: S * 0.8,
    meta: { role: 'Div', lang, sect, text: items.map((i) => `${i.role} ${i.names}`).join('; ') },
    draw(p, x, y) {
      let yy = y;
      for (const r of rows) {
        p.lines(r.role, x, yy, lh);
        p.lines(r.names, x + roleW, yy, lh);
        yy += Math.max(r.role.length, r.names.length) * lh;
      }
    },
  };
}

function mastheadBox(b: Extract<Block, { type: 'masthead' }>, c: MeasureContext): RBox {
  const { fonts, theme, geo } = c;
  const col = theme.colors;
  const S = geo.preset.bodySize;
  const fullW = geo.width - geo.margins.left - geo.margins.right;
  const titleSize = S * (isZh(b.lang) ? 4.2 : 3.2);
  const title = typeset(
    b.title,
    { face: fonts.serifBold, size: titleSize, leading: 1.2, color: col.onPrimary, justify: false },
    fullW,
    'meta.title',
  );
  const sub = b.subtitle
    ? typeset(
        b.subtitle.text,
        { face: fonts.serif, size: S * 1.5, leading: 1.35, color: col.onPrimary, justify: false },
        fullW,
        'meta.title',
      )
    : [];
  const kickerSize = S * 1.05;
  const tagSize = S * 1.05;
  const bandTop = geo.margins.top * 0.9;
  const bandH = bandTop + kickerSize * 2.4 + title.length * titleSize * 1.2 + sub.length * S * 1.5 * 1.35 + S * 1.6;
  const tagH = tagSize * 3.2;
  const dateH = S * 2.6;
  const height = bandH + tagH + dateH;
  const logo = theme.logo.text[b.lang] ?? '';
  return {
    kind: 'box',
    id: 'masthead',
    height,
    before: 0,
    after: 0,
    meta: { role: 'H1', lang: b.lang, sect: 'masthead', text: b.title },
    draw(p, x) {
      // band: drawn from the page's top edge (y = 0 in trim space) and out into the bleed
      const bl = geo.bleed;
      p.rect(-bl, -bl, geo.width + 2 * bl, bandH + bl, col.primary);
      let y = bandTop;
      if (b.kicker) {
        const kw = measure(b.kicker, fonts.sansBold, kickerSize) + 14;
        p.rect(x, y, kw, kickerSize * 1.7, col.accent);
        p.text(b.kicker, x + 7, y + kickerSize * 0.35 + kickerSize * 0.88, fonts.sansBold, kickerSize, col.onAccent);
        if (logo && logo !== b.title)
          p.text(
            logo,
            x + kw + 10,
            y + kickerSize * 0.35 + kickerSize * 0.88,
            fonts.sansBold,
            kickerSize,
            col.onPrimary,
          );
      }
      y += kickerSize * 2.4;
      p.lines(title, x, y, titleSize * 1.2);
      y += title.length * titleSize * 1.2;
      p.lines(sub, x, y, S * 1.5 * 1.35);
      // tagline strip under the band
      const ty = bandH;
      p.rect(-bl, ty, geo.width + 2 * bl, tagH, col.accent);
      const n = b.tagline.length;
      const cellW = fullW / Math.max(1, n);
      // one size for all items, small enough for the longest to fit its cell
      const widest = Math.max(...b.tagline.map((t) => measure(t, fonts.sansBold, tagSize)));
      const ts = Math.min(tagSize, (tagSize * (cellW - 18)) / Math.max(1, widest));
      b.tagline.forEach((t, k) => {
        const tw = measure(t, fonts.sansBold, ts);
        const cx = x + cellW * k + (cellW - tw) / 2;
        p.text(t, cx, ty + tagH / 2 + ts * 0.38, fonts.sansBold, ts, col.onAccent);
        if (k) p.rule(x + cellW * k, ty + tagH * 0.3, x + cellW * k, ty + tagH * 0.7, col.onAccent, 0.6);
      });
      p.text(b.dateline, x, ty + tagH + S * 1.7, fonts.sansBold, S - 1, col.muted);
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
