/**
 * An article's chart bound to a box: a Vega-Lite spec ready to render.
 *
 * A chart is a kind from the registry (src/charts/kinds) with its template
 * (templates/charts/<kind>.vl.json), or a designer's own Vega-Lite spec. Binding:
 *  - finds the template under the project root first (a designer may restyle a kind by editing
 *    its file), then in datapress's own templates;
 *  - replaces `data: {name: "table"}` with the rows: the kind's lines, or for a designer's spec
 *    the contract rows (kinds/types.ts `ChartRow`) as they are;
 *  - sets the title in the chart's language, the theme's fonts for that language (Simplified,
 *    Traditional or Hong Kong forms), palette and colours (the template's newspaper colours stand
 *    for roles: primary, accent, muted, rule, ink, paper);
 *  - fills the box: the spec is the box's size with `autosize: fit` (titles, labels and notes
 *    included), its text no smaller than the layout's minimum, headings wrapped to the width.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../../model/types.js';
import { breakLines, fontsFor, getFace, measure } from '../../text/index.js';
import type { Theme } from '../../theme/types.js';
import { chartKind, KINDS, kindOf, autoKind } from '../kinds/index.js';
import type { ChartKind, LineRow } from '../kinds/types.js';
import { chartThemeFromYaml, themeConfig, type ChartTheme } from '../theme.js';
import {
  chartMetrics,
  kindContext,
  modelChartRows,
  modelChartShape,
  type ArticleChart,
  type ChartDecl,
} from './source.js';

/** datapress's own root (src/ or dist/src/ → the package), where its templates live. */
const PACKAGE_ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'templates', 'charts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
})();

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The template of a chart name, relative to the project root: a kind or an old name
 * (`allowance-rank`) → its kind's file; any other name → templates/charts/<name>.vl.json.
 */
export function templateRelPath(name: string): string {
  const kind = chartKind(name);
  if (kind) return `templates/charts/${kind.template}`;
  if (!TEMPLATE_NAME.test(name)) throw new Error(`Invalid chart template name "${name}"`);
  return `templates/charts/${name}.vl.json`;
}

/** The files a chart is drawn from, relative to the project root (for incremental builds). */
export function chartFiles(decl: ChartDecl): string[] {
  if (decl.spec) return [decl.spec];
  if (!decl.kind || decl.kind === 'auto' || decl.kind === 'none')
    return Object.values(KINDS).map((k) => `templates/charts/${k.template}`);
  return [templateRelPath(decl.kind)];
}

/** A template file: under the project root when it is there, else datapress's own. */
export function templateFile(root: string, rel: string): string {
  const own = path.resolve(root, rel);
  const inside = path.relative(path.resolve(root), own);
  if (inside.startsWith('..') || path.isAbsolute(inside))
    throw new Error(`chart spec ${rel} is outside the project (${root})`);
  if (existsSync(own)) return own;
  const bundled = path.join(PACKAGE_ROOT, rel);
  if (existsSync(bundled)) return bundled;
  throw new Error(`chart template not found: ${rel} (looked in ${root} and ${PACKAGE_ROOT})`);
}

/** A chart template: Vega-Lite as JSON, typed where binding reads or writes it. */
export interface TemplateSpec {
  $schema?: string;
  usermeta?: { datapress?: Record<string, unknown> };
  title?: { text: string; subtitle?: string[]; anchor?: string } | string;
  data?: { name?: string; values?: unknown[] };
  config?: Record<string, unknown>;
  width?: number | string | { step: number };
  height?: number | string | { step: number };
  autosize?: unknown;
  padding?: number;
  encoding?: Record<string, Record<string, unknown>>;
  [k: string]: unknown;
}

const templates = new Map<string, { mtime: number; spec: TemplateSpec }>();
function loadTemplate(file: string): TemplateSpec {
  const mtime = statSync(file).mtimeMs;
  let t = templates.get(file);
  if (!t || t.mtime !== mtime) {
    let spec: TemplateSpec;
    try {
      spec = JSON.parse(readFileSync(file, 'utf8')) as TemplateSpec;
    } catch (e) {
      throw new Error(`chart template ${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!spec || typeof spec !== 'object' || Array.isArray(spec))
      throw new Error(`chart template ${file} is not a JSON object`);
    t = { mtime, spec };
    templates.set(file, t);
  }
  return structuredClone(t.spec);
}

/** What a chart draws: a kind, a designer's spec, or nothing. */
export type Resolved =
  | { type: 'kind'; kind: ChartKind; rel: string }
  | { type: 'spec'; rel: string }
  | { type: 'none' };

/** Resolve a chart's declaration: `auto` from the data's shape, a kind or alias, or a designer's spec. */
export function resolveChart(model: Model, decl: ChartDecl, root: string): Resolved {
  if (decl.spec) return { type: 'spec', rel: decl.spec };
  const name = decl.kind ?? 'auto';
  const kind =
    name === 'auto'
      ? decl.metrics.length
        ? autoKind(modelChartShape(model, decl).metrics)
        : 'none'
      : kindOf(name, decl.total);
  if (kind === 'none') return { type: 'none' };
  if (kind) return { type: 'kind', kind: KINDS[kind], rel: `templates/charts/${KINDS[kind].template}` };
  // a designer's template named the datapress/1 way: templates/charts/<name>.vl.json
  const rel = templateRelPath(name);
  if (!existsSync(path.resolve(root, rel)))
    throw new Error(
      `Unknown chart "${name}": not a kind (${Object.keys(KINDS).join(', ')}, auto, none) and no ${rel} in ${root}`,
    );
  return { type: 'spec', rel };
}

/**
 * How many lines a chart of a listing kind (bars, before-after, progress, rank, part-to-whole)
 * draws in `lang` at most (notes on lines of their own), before any wraps: a layout gives its box at least that many lines at the
 * medium's smallest type, or drops it. 0 for a series, a designer's spec or no chart.
 */
export function chartLines(model: Model, chart: ArticleChart, lang: string): number {
  return listedLines(model, chart, lang)?.length ?? 0;
}

/**
 * The lines a listing chart draws in a compact box `width` wide with its text at `fontSize` (the
 * layout's smallest type), its notes beside their bars where they fit and its headings wrapped,
 * as `fitLines` sets them; 0 as `chartLines`. A layout holds a chart's box to this at its width:
 * a wrapped heading is a line more.
 */
export function chartLinesAt(
  model: Model,
  chart: ArticleChart,
  lang: string,
  theme: Theme,
  width: number,
  fontSize: number,
): number {
  const lines = listedRows(model, chart, lang);
  if (!lines) return 0;
  const ct = chartThemeFor(theme, lang);
  // the padding of a compact box this wide and at least as tall: the widest it can be
  const { pad } = baseSizes(ct, { width, height: width, compact: true });
  const inner = width - 2 * pad;
  return wrapLines(notesFit(lines, ct.fontFamily, fontSize, inner), ct.fontFamily, fontSize, inner).length;
}

/** A listing kind's lines in `lang`, each bar's note on a line of its own (notesFit in a narrow box); undefined for other charts. */
function listedLines(model: Model, chart: ArticleChart, lang: string): LineRow[] | undefined {
  const rows = listedRows(model, chart, lang);
  return rows && notesOnTheirOwnLines(rows);
}

/** A listing kind's lines in `lang` as the kind draws them (notes beside their bars); undefined for other charts. */
function listedRows(model: Model, chart: ArticleChart, lang: string): LineRow[] | undefined {
  const d = chart.decl;
  if (d.spec) return undefined;
  const name = d.kind ?? 'auto';
  const kind =
    name === 'auto' ? (d.metrics.length ? autoKind(modelChartShape(model, d).metrics) : 'none') : kindOf(name, d.total);
  if (!kind || kind === 'none') return undefined;
  const rows = modelChartRows(model, chartMetrics(d, kind), lang);
  const drawn = KINDS[kind].rows(rows, kindContext(model, d, lang));
  if (!drawn.length || !('line' in drawn[0]!)) return undefined;
  return drawn as LineRow[];
}

/** The box a chart fills. */
export interface ChartBox {
  /** CSS px (1 px = 1 pt in PDFs; design units in layouts) */
  width: number;
  height: number;
  /** no title, tighter spacing (cards and posters print the title themselves) */
  compact?: boolean;
  /** no title (the PDF report sets it as a caption) */
  title?: false;
  /** the layout's smallest text size, in the box's units */
  minFont?: number;
  /**
   * the text size a chart keeps while its lines have room (a print poster's chart set as its screen
   * sibling's), going down to `minFont` only where the box is tight
   */
  preferFont?: number;
}

export interface BoundChart {
  spec: TemplateSpec;
  /** the kind drawn, or `spec` for a designer's own */
  kind: string;
  /** the box: the spec fills it exactly */
  width: number;
  height: number;
  /** the family the chart's text is set in */
  font: string;
  /** the template, relative to the project root */
  template: string;
}

/** The chart theme of a language: the theme's colours and sizes, its fonts in the language's glyph forms. */
export function chartThemeFor(theme: Theme, lang: string): ChartTheme {
  const fonts = fontsFor(theme.fonts, lang);
  return chartThemeFromYaml({
    ...theme,
    fonts: { sans: { ...fonts.sans }, serif: { ...fonts.serif } },
  } as Parameters<typeof chartThemeFromYaml>[0]);
}

/** Template sample colours (the newspaper theme) → the theme's colour for the same role. */
function colorMap(theme: Theme): Record<string, string> {
  const p = theme.palette;
  return {
    '#b3191f': p[0] ?? theme.colors.primary,
    '#c8a04a': p[1] ?? theme.colors.accent,
    '#ffffff': theme.colors.onPrimary,
    '#999999': theme.colors.muted,
    '#d9cbb0': theme.colors.rule,
    '#1d1d1b': theme.colors.ink,
    '#fbf6ec': theme.colors.paper,
  };
}

function mapColors(v: unknown, map: Record<string, string>): unknown {
  if (typeof v === 'string') return map[v.toLowerCase()] ?? v;
  if (Array.isArray(v)) return v.map((x) => mapColors(x, map));
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === 'usermeta' || k === 'data' ? x : mapColors(x, map)]),
    );
  return v;
}

/** One block of a Vega-Lite config (`text`, `axis`, …), to extend. */
const block = (config: Record<string, unknown>, key: string) => (config[key] ?? {}) as Record<string, unknown>;

/** Sizes of a bound chart: padding, text and title sizes. */
interface Sizes {
  pad: number;
  fs: number;
  titleFs: number;
}

/** Padding and the text size a box can take before its rows are known. */
function baseSizes(theme: ChartTheme, box: ChartBox): Sizes {
  const short = Math.min(box.width, box.height * 1.8);
  const grow = Math.min(2.4, Math.max(1, short / 560));
  const min = Math.max(box.minFont ?? 0, box.preferFont ?? 0);
  const fs = Math.max(min, Math.round(theme.fontSize * grow * 2) / 2);
  return {
    pad: Math.round(Math.max(box.compact ? 4 : 8, Math.min(24, short * (box.compact ? 0.015 : 0.025)))),
    fs,
    titleFs: Math.max(fs + 2, Math.round(theme.titleFontSize * grow * 2) / 2),
  };
}

/** The Vega-Lite config of a chart: the theme's, in the language's fonts, at the chosen sizes. */
function chartConfig(ct: ChartTheme, theme: Theme, s: Sizes): Record<string, unknown> {
  const base = themeConfig(ct);
  return {
    ...base,
    mark: { color: theme.palette[0] ?? theme.colors.primary },
    bar: { color: theme.palette[0] ?? theme.colors.primary },
    text: { ...block(base, 'text'), font: ct.fontFamily, fontSize: s.fs, fill: ct.ink },
    axis: {
      ...block(base, 'axis'),
      labelFontSize: s.fs,
      titleFontSize: s.fs,
      titleFontWeight: 400,
      titleColor: ct.muted,
    },
    legend: {
      ...block(base, 'legend'),
      labelFontSize: s.fs,
      titleFontSize: s.fs,
      symbolSize: s.fs * s.fs * 0.8,
      symbolStrokeWidth: Math.max(2, s.fs / 5),
      labelLimit: 0,
    },
    header: { ...block(base, 'header'), labelFontSize: s.fs, titleFontSize: s.fs },
    title: {
      ...block(base, 'title'),
      anchor: 'start',
      fontSize: s.titleFs,
      offset: Math.round(s.fs * 0.6),
      subtitleFontSize: s.fs,
      subtitlePadding: Math.round(s.fs * 0.3),
    },
    tick: { bandSize: s.fs },
  };
}

/** Lines wrapped to `width` at `fs` (headings, captions and word-only lines); continuation lines keep their style. */
function wrapLines(lines: LineRow[], family: string, fs: number, width: number): LineRow[] {
  const regular = getFace(family, 400),
    bold = getFace(family, 700);
  const out: LineRow[] = [];
  for (const l of lines) {
    const wraps = (l.role === 'head' || l.role === 'caption' || l.role === 'note') && l.text;
    if (!wraps || width <= fs) {
      out.push({ ...l, line: out.length });
      continue;
    }
    const face = l.strong ? bold : regular;
    for (const part of breakLines(l.text!, { face, size: fs, width }))
      out.push({ ...l, text: part.text, line: out.length });
  }
  return out;
}

/** The first language's title, and the others' as its subtitle. */
function titleOf(decl: ChartDecl, langs: string[]): { text: string; subtitle?: string[] } | undefined {
  const t = decl.title;
  const text = t?.[langs[0]!];
  if (!text) return undefined;
  const rest = langs
    .slice(1)
    .map((l) => t?.[l])
    .filter((x): x is string => !!x);
  return { text, ...(rest.length ? { subtitle: rest } : {}) };
}

/** A single or layered view: what `autosize: fit` can size exactly. */
const fits = (spec: TemplateSpec) => !['facet', 'hconcat', 'vconcat', 'concat', 'repeat'].some((k) => k in spec);

/**
 * The chart's spec for a box, in `langs[0]` (a second language adds its title as the subtitle);
 * undefined when the chart draws nothing (`none`, or `auto` with nothing that fits).
 */
export function bindChart(
  model: Model,
  chart: ArticleChart,
  langs: string[],
  theme: Theme,
  box: ChartBox,
  root: string,
): BoundChart | undefined {
  if (!langs.length) throw new Error('bindChart needs at least one language');
  const lang = langs[0]!;
  const resolved = resolveChart(model, chart.decl, root);
  if (resolved.type === 'none') return undefined;
  const spec = loadTemplate(templateFile(root, resolved.rel));
  const ct = chartThemeFor(theme, lang);
  const s = baseSizes(ct, box);
  const title = box.compact || box.title === false ? undefined : titleOf(chart.decl, langs);

  // data: the kind's lines (or points), or the contract rows for a designer's spec
  const kindName = resolved.type === 'kind' ? resolved.kind.name : undefined;
  const rows = modelChartRows(model, chartMetrics(chart.decl, kindName), lang);
  let values: unknown[] = rows;
  if (resolved.type === 'kind') {
    const drawn = resolved.kind.rows(rows, kindContext(model, chart.decl, lang));
    if (!drawn.length)
      throw new Error(
        `chart "${chart.id}": nothing to draw as ${resolved.kind.name} from ${chart.decl.metrics.join(', ')} (${resolved.kind.description})`,
      );
    values = drawn;
    if ('line' in drawn[0]!) values = fitLines(drawn as LineRow[], ct, s, box, title !== undefined);
    if (resolved.kind.name === 'series') seriesAxis(spec, rows);
  }

  spec.data = { name: 'table', values };
  if (title) spec.title = { ...(typeof spec.title === 'object' ? spec.title : {}), ...title, anchor: 'start' };
  else delete spec.title;
  Object.assign(spec, mapColors({ ...spec, usermeta: undefined }, colorMap(theme)));
  // A template with a `textSize` param sizes its text from it: then the spec differs from one box
  // to the next only in its sizes and rows (Vega-Lite compiles and Vega views are reused), and
  // the config keeps the theme's own sizes. Any other spec gets the sizes in its config.
  const sized = Array.isArray(spec.params) && (spec.params as { name?: string }[]).some((p) => p.name === 'textSize');
  if (sized) {
    for (const p of spec.params as { name?: string; value?: unknown }[]) if (p.name === 'textSize') p.value = s.fs;
    if (title) {
      const ratio = Math.round((ct.titleFontSize / ct.fontSize) * 100) / 100;
      spec.title = {
        ...(spec.title as object),
        fontSize: { expr: `max(textSize + 2, textSize * ${ratio})` },
        subtitleFontSize: { expr: 'textSize' },
        offset: { expr: 'textSize * 0.6' },
        subtitlePadding: { expr: 'textSize * 0.3' },
      } as unknown as TemplateSpec['title'];
    }
  }
  const base = baseSizes(ct, { width: 560, height: 560 / 1.8 });
  spec.config = { ...chartConfig(ct, theme, sized ? { ...base, pad: s.pad } : s), ...(spec.config ?? {}) };
  if (fits(spec)) {
    spec.width = box.width;
    spec.height = box.height;
    spec.autosize = { type: 'fit', contains: 'padding' };
    spec.padding = s.pad;
  }
  spec.usermeta = {
    datapress: {
      ...(spec.usermeta?.datapress ?? {}),
      chart: chart.id,
      kind: kindName ?? 'spec',
      langs,
      size: { width: box.width, height: box.height },
    },
  };
  return {
    spec,
    kind: kindName ?? 'spec',
    width: box.width,
    height: box.height,
    font: ct.fontFamily,
    template: resolved.rel,
  };
}

/**
 * The lines of a row kind wrapped to the width, and the text size their count allows: as large
 * as the box's rows take (up to what the box's size calls for), never under the layout's minimum.
 */
function fitLines(lines: LineRow[], ct: ChartTheme, s: Sizes, box: ChartBox, titled: boolean): LineRow[] {
  const width = box.width - 2 * s.pad;
  const height = () => box.height - 2 * s.pad - (titled ? s.titleFs * 1.3 + s.fs * 0.6 : 0);
  const min = box.minFont ?? 0;
  // a few lines may set a little larger than the box's base size (the bars take the rest of the room)
  const cap = Math.max(min, s.fs * 1.15);
  const layout = () => wrapLines(notesFit(lines, ct.fontFamily, s.fs, width), ct.fontFamily, s.fs, width);
  let out = layout();
  for (let i = 0; i < 4; i++) {
    const fit = Math.floor((height() / out.length) * 0.55 * 2) / 2;
    const next = Math.max(min, Math.min(cap, fit), 1);
    if (Math.abs(next - s.fs) < 0.5) break;
    s.fs = next;
    s.titleFs = Math.max(s.fs + 2, Math.min(s.titleFs, s.fs * 1.35));
    out = layout();
  }
  return out;
}

/**
 * Notes stay after their bars while the widest leaves the bars most of the width; in a narrow
 * box each note goes on its own line above its bar, so the bars keep their length (and meaning).
 */
function notesFit(lines: LineRow[], family: string, fs: number, width: number): LineRow[] {
  const face = getFace(family, 400);
  const widest = Math.max(
    0,
    ...lines.map((l) => ((l.role === 'bar' || l.role === 'track') && l.note ? measure(l.note, face, fs) : 0)),
  );
  if (widest + fs <= width * 0.4) return lines;
  return notesOnTheirOwnLines(lines);
}

/** Each bar's or track's note on a line of its own above it. */
function notesOnTheirOwnLines(lines: LineRow[]): LineRow[] {
  return lines.flatMap((l) => {
    if ((l.role !== 'bar' && l.role !== 'track') || !l.note) return [l];
    const { note, ...bar } = l;
    return [{ ...bar, role: 'note' as const, text: note }, bar];
  });
}

/** A series' time axis: a tick per period, named in the chart's language. */
function seriesAxis(spec: TemplateSpec, rows: { metric: string; periodOrder: number; periodText: string }[]): void {
  const x = spec.encoding?.x;
  if (!x) return;
  const byOrder = new Map<number, string>();
  for (const r of rows) byOrder.set(r.periodOrder, r.periodText);
  const orders = [...byOrder.keys()].sort((a, b) => a - b);
  const names = `{${orders.map((o) => `${JSON.stringify(String(o))}: ${JSON.stringify(byOrder.get(o))}`).join(', ')}}`;
  x.axis = { ...((x.axis as object) ?? {}), values: orders, labelExpr: `${names}[datum.value]` };
  // one line needs no legend
  const color = spec.encoding?.color;
  if (color && new Set(rows.map((r) => r.metric)).size < 2) color.legend = null;
}
