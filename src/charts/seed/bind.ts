/**
 * Seed chart templates (templates/charts/<template>.vl.json) bound to the model.
 *
 * A template is plain Vega-Lite with sample `data: {name: 'table', values: [...]}`, so a
 * designer can open it in the Vega editor. Binding:
 *  - replaces `data.values` with rows built from the model in the chart's language, every
 *    figure pre-formatted by src/format (the chart prints what the prose prints);
 *  - sets the title (bilingual: Chinese title, English subtitle);
 *  - sets the strings listed in `usermeta.datapress.strings` (JSON pointer → {zh, en});
 *  - maps the template's sample colours (the newspaper theme's) onto the theme's;
 *  - sizes the chart from opts.width / opts.height and merges the theme's Vega-Lite config.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localeFor, toDecimal, type LocaleFormat } from '../../format/index.js';
import type { ChartRef, Indicator, Model, Observation } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { chartThemeFromYaml, themeConfig, type ChartTheme } from '../theme.js';

/** A highlight's chart, or the outlook's progress-to-target chart. */
export type SeedChart = ChartRef | 'targets';

export interface SeedChartOptions {
  /** intended outer size in CSS px (the rendered size may differ by a few px) */
  width: number;
  height: number;
  /** card form: no title, tighter spacing, smaller type */
  compact?: boolean;
}

export const TEMPLATE_NAMES = [
  'before-after',
  'income-spending',
  'allowance-rank',
  'composition',
  'progress-target',
] as const;

/** Number of provincial-level regions of mainland China a national rank is out of. */
export const RANKED_REGIONS = 31;

/** Project root: the nearest ancestor of this file with templates/charts (src/ or dist/src/). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'templates', 'charts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

let root: string | undefined;
export function templateFile(template: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(template)) throw new Error(`Invalid chart template name "${template}"`);
  root ??= findRoot();
  return path.join(root, 'templates', 'charts', `${template}.vl.json`);
}

/** Path of a template relative to the project root (for OutputJob.files). */
export function templateRelPath(template: string): string {
  return `templates/charts/${template}.vl.json`;
}

/** The datapress block of a template's usermeta: how to size it, which strings to set (and, once bound, its size). */
export interface TemplateMeta {
  sizing?: { left?: number; rowSlots?: number; rowExtra?: number };
  /** JSON pointer → text per language */
  strings?: Record<string, Record<string, string>>;
  /** expected outer size in CSS px (set by binding) */
  size?: { width: number; height: number };
  [k: string]: unknown;
}

/** The unit or layer spec that binding sizes: the template itself, or a facet's inner spec. */
export interface PlotSpec {
  width?: number;
  height?: number | { step: number };
  encoding?: { y?: { sort?: unknown } };
  layer?: { encoding: { x: { axis?: Record<string, unknown> | null; title?: string | null } } }[];
  [k: string]: unknown;
}

/** A chart template: Vega-Lite as JSON, typed where binding reads or writes it. */
export interface TemplateSpec extends PlotSpec {
  $schema?: string;
  usermeta?: { datapress?: TemplateMeta };
  title?: { text: string; subtitle?: string[]; anchor: string };
  data?: { name: string; values: unknown[] };
  config?: Record<string, unknown>;
  facet?: unknown;
  spacing?: number;
  spec?: PlotSpec;
}

const templates = new Map<string, TemplateSpec>();
export function loadTemplate(template: string): TemplateSpec {
  const file = templateFile(template);
  let t = templates.get(file);
  if (!t) {
    if (!existsSync(file)) {
      throw new Error(
        `Unknown chart template "${template}": no ${templateRelPath(template)} (known: ${TEMPLATE_NAMES.join(', ')})`,
      );
    }
    t = JSON.parse(readFileSync(file, 'utf8')) as TemplateSpec;
    templates.set(file, t);
  }
  return structuredClone(t);
}

/** Resolved chart reference: template, metrics, ranks and title for a highlight chart or 'targets'. */
export interface ResolvedChart {
  /** output name: the highlight id, or 'targets' */
  id: string;
  template: string;
  metrics: string[];
  ranks: string[];
  title: Record<string, string>;
  /** target year (progress-target only) */
  targetYear?: number;
}

export function resolveChart(model: Model, chart: SeedChart): ResolvedChart {
  if (chart === 'targets') {
    const t = model.outlook?.targets;
    if (!t) throw new Error('the dataset has no outlook.targets to chart');
    return {
      id: 'targets',
      template: t.chart,
      metrics: t.metrics,
      ranks: [],
      title: targetsTitle(model),
      targetYear: t.year,
    };
  }
  const h =
    model.highlights.find((x) => x.chart === chart) ??
    model.highlights.find(
      (x) => x.chart?.template === chart.template && x.chart?.metrics.join() === chart.metrics.join(),
    );
  const template = chart.template ?? chart.kind;
  return {
    id: h?.id ?? template,
    template,
    metrics: chart.metrics,
    ranks: chart.ranks ?? [],
    title: chart.title ?? h?.title ?? {},
  };
}

/**
 * The targets chart's title: the dataset's own, or (when the model falls back to the
 * outlook's headline) one naming what the chart shows: '2020年实绩与“十四五”末目标'.
 */
function targetsTitle(model: Model): Record<string, string> {
  const o = model.outlook!;
  const t = o.targets!;
  if (t.title && JSON.stringify(t.title) !== JSON.stringify(o.title)) return t.title;
  const years = t.metrics.flatMap((id) =>
    model.observations.filter((o) => o.id === id && !o.target).map((o) => o.year),
  );
  const now = years.length ? Math.max(...years) : t.year;
  const out: Record<string, string> = {};
  for (const lang of Object.keys(o.title)) {
    out[lang] =
      lang === 'zh' ? `${now}年实绩与${t.period.zh ?? `${t.year}年`}目标` : `${now} and the ${t.year} targets`;
  }
  return out;
}

export function indicatorOf(model: Model, id: string): Indicator {
  const ind = model.indicators[id];
  if (!ind) throw new Error(`Chart metric "${id}" is not an indicator of the dataset`);
  return ind;
}

function observationsOf(model: Model, id: string): Observation[] {
  return model.observations.filter((o) => o.id === id).sort((a, b) => a.year - b.year);
}

/** Non-target observations of a metric: first and last year (before/after). */
export function beforeAfter(model: Model, id: string): [Observation, Observation] {
  const list = observationsOf(model, id).filter((o) => !o.target);
  if (list.length < 2) throw new Error(`Chart "before-after" needs two years of "${id}"; the data has ${list.length}`);
  return [list[0]!, list.at(-1)!];
}

/** The latest non-target observation of a metric. */
export function latest(model: Model, id: string): Observation {
  const list = observationsOf(model, id).filter((o) => !o.target);
  const o = list.at(-1);
  if (!o) throw new Error(`No data for chart metric "${id}"`);
  return o;
}

export function targetOf(model: Model, id: string, year: number): Observation {
  const o =
    observationsOf(model, id).find((x) => x.year === year && x.target) ??
    observationsOf(model, id).find((x) => x.year === year);
  if (!o) throw new Error(`No ${year} target for chart metric "${id}"`);
  return o;
}

/** Exact a / b as a percentage rounded half away from zero to `places` decimals: '96.4'. */
export function ratioPercent(a: number, b: number, places = 1): string {
  const da = toDecimal(a);
  const db = toDecimal(b);
  const s = Math.max(da.scale, db.scale);
  const ia = BigInt(da.digits) * 10n ** BigInt(s - da.scale);
  const ib = BigInt(db.digits) * 10n ** BigInt(s - db.scale);
  if (ib === 0n) throw new RangeError('share of zero');
  const num = ia * 100n * 10n ** BigInt(places);
  let q = num / ib;
  if ((num % ib) * 2n >= ib) q += 1n;
  const str = q.toString().padStart(places + 1, '0');
  const int = str.slice(0, str.length - places);
  const frac = places ? str.slice(str.length - places).replace(/0+$/, '') : '';
  return int + (frac ? `.${frac}` : '');
}

/** 'People with…' → 'people with…' inside an English sentence. */
export const lower = (s: string, lang: string): string =>
  lang === 'en' && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;

/**
 * What a rank ranks: the sibling money indicator of 'x.y.rank' ('x.y.allowance',
 * 'x.y.standard'), or undefined.
 */
export function rankSubject(model: Model, rankId: string): Indicator | undefined {
  const prefix = rankId.replace(/\.[^.]+$/, '.');
  return Object.values(model.indicators).find(
    (i) => i.id.startsWith(prefix) && i.id !== rankId && /^yuan/.test(i.unit),
  );
}

const short = (ind: Indicator, lang: string): string => ind.short?.[lang] ?? ind.label[lang] ?? ind.id;
const fmtObs = (f: LocaleFormat, ind: Indicator, o: Observation, exact = false): string =>
  f.value(o.value, ind, { qualifier: o.qualifier, exact });

/** Words the templates need besides the data, per language. */
const WORDS: Record<string, Record<string, (...a: string[]) => string>> = {
  zh: {
    balance: (v) => `结余${v}`,
    total: (v) => `合计${v}`,
    head: (name, fig) => `${name}：${fig}`,
    subject: (name, what, fig) => `${name}：${what}${fig}`,
    progress: (name, now, year, target, tyear) => `${name}：${year}${now}，${tyear}目标${target}`,
  },
  en: {
    balance: (v) => `Balance: ${v}`,
    total: (v) => `Total: ${v}`,
    head: (name, fig) => `${name}: ${fig}`,
    subject: (name, what, fig) => `${name}: ${fig} ${what}`,
    progress: (name, now, year, target, tyear) => `${name}: ${now} (${year}), target ${target} (${tyear})`,
  },
};
const words = (lang: string) => WORDS[lang] ?? WORDS.en!;

export interface BoundRows {
  rows: Record<string, unknown>[];
  /** subtitle line in this language (balance, total), if the template has one */
  note?: string;
}

/**
 * The template's data rows in one language (the second language, if any, adds its
 * words to the headings on a second line).
 */
export function chartRows(model: Model, chart: SeedChart, langs: string[]): BoundRows {
  const c = resolveChart(model, chart);
  const lang = langs[0]!;
  const f = localeFor(lang);
  const second = langs[1];
  const line2 = (fn: (l: string) => string): string => (second ? `\n${fn(second)}` : '');
  switch (c.template) {
    case 'before-after':
      return {
        rows: c.metrics.flatMap((id, order) => {
          const ind = indicatorOf(model, id);
          const [a, b] = beforeAfter(model, id);
          const head = `${short(ind, lang)}  ${f.change(a.value, b.value)}${line2((l) => short(ind, l))}`;
          return [
            { metric: id, order, head, slot: 'before', year: f.year(a.year), value: a.value, label: fmtObs(f, ind, a) },
            { metric: id, order, head, slot: 'after', year: f.year(b.year), value: b.value, label: fmtObs(f, ind, b) },
          ];
        }),
      };
    case 'income-spending': {
      const obs = c.metrics.map((id) => latest(model, id));
      const rows = c.metrics.map((id, order) => {
        const ind = indicatorOf(model, id);
        const name = short(ind, lang) + (second ? ` ${short(ind, second)}` : '');
        return {
          metric: id,
          order,
          name,
          slot: order === 0 ? 'income' : 'spending',
          value: obs[order]!.value,
          label: fmtObs(f, ind, obs[order]!),
        };
      });
      let note: string | undefined;
      if (obs.length === 2) {
        const ind = indicatorOf(model, c.metrics[0]!);
        const diff = subtract(obs[0]!.value, obs[1]!.value);
        note = words(lang).balance!(f.value(diff, ind));
      }
      return { rows, note };
    }
    case 'composition': {
      const obs = c.metrics.map((id) => latest(model, id));
      const total = obs.reduce((s, o) => add(s, o.value), 0);
      const ind0 = indicatorOf(model, c.metrics[0]!);
      const rows = c.metrics.map((id, order) => {
        const ind = indicatorOf(model, id);
        const name = short(ind, lang) + (second ? ` ${short(ind, second)}` : '');
        return {
          metric: id,
          order,
          name,
          value: obs[order]!.value,
          label: fmtObs(f, ind, obs[order]!),
          shareLabel: `${ratioPercent(obs[order]!.value, total)}%`,
        };
      });
      return { rows, note: words(lang).total!(f.value(total, ind0)) };
    }
    case 'allowance-rank':
      return {
        rows: c.metrics.map((id, order) => {
          const ind = indicatorOf(model, id);
          const o = latest(model, id);
          const rankId = c.ranks[order];
          const rankInd = rankId ? indicatorOf(model, rankId) : undefined;
          const rank = rankId ? latest(model, rankId) : undefined;
          // a rank belongs to an allowance; when the row's figure is another indicator
          // (people reached), the heading names the allowance the rank is of
          const subject = rankId ? rankSubject(model, rankId) : undefined;
          const head =
            (subject && subject.id !== id
              ? words(lang).subject!(short(subject, lang), lower(ind.label[lang] ?? id, lang), fmtObs(f, ind, o))
              : words(lang).head!(short(ind, lang), fmtObs(f, ind, o))) + line2((l) => short(subject ?? ind, l));
          return {
            metric: id,
            order,
            head,
            first: 1,
            rank: rank?.value ?? null,
            rankLabel: rank && rankInd ? f.value(rank.value, rankInd) : '',
            of: RANKED_REGIONS,
          };
        }),
      };
    case 'progress-target': {
      const year = c.targetYear ?? model.outlook?.targets?.year ?? 0;
      return {
        rows: c.metrics.map((id, order) => {
          const ind = indicatorOf(model, id);
          const now = latest(model, id);
          const target = targetOf(model, id, year);
          const pct = ratioPercent(now.value, target.value);
          const head =
            words(lang).progress!(
              short(ind, lang),
              fmtObs(f, ind, now),
              f.year(now.year),
              fmtObs(f, ind, target),
              f.year(year),
            ) + line2((l) => short(ind, l));
          return { metric: id, order, head, pct: Number(pct), pctLabel: `${pct}%` };
        }),
      };
    }
    default:
      throw new Error(`Unknown chart template "${c.template}" (known: ${TEMPLATE_NAMES.join(', ')})`);
  }
}

/** Exact integer-safe sum/difference of two data values (decimal strings, no float drift). */
export function add(a: number, b: number): number {
  return Number(decimalSum(a, b, 1n));
}
function subtract(a: number, b: number): number {
  return Number(decimalSum(a, b, -1n));
}
function decimalSum(a: number, b: number, sign: bigint): string {
  const da = toDecimal(a);
  const db = toDecimal(b);
  const s = Math.max(da.scale, db.scale);
  const ia = BigInt(da.digits) * 10n ** BigInt(s - da.scale) * (da.neg ? -1n : 1n);
  const ib = BigInt(db.digits) * 10n ** BigInt(s - db.scale) * (db.neg ? -1n : 1n) * sign;
  const r = ia + ib;
  const neg = r < 0n;
  const digits = (neg ? -r : r).toString().padStart(s + 1, '0');
  return (neg ? '-' : '') + (s ? `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}` : digits);
}

/** The theme as the chart renderer's ChartTheme (same mapping as src/charts/theme.ts). */
export function seedChartTheme(theme: Theme): ChartTheme {
  return chartThemeFromYaml(theme);
}

/** Template sample colours (the newspaper theme) → the theme's colour for the same role. */
function colorMap(theme: Theme): Record<string, string> {
  const p = theme.palette;
  return {
    '#b3191f': p[0] ?? theme.colors.primary,
    '#c8a04a': p[1] ?? theme.colors.accent,
    '#ffffff': theme.colors.onPrimary,
    '#999999': theme.colors.muted,
  };
}

function mapColors(v: unknown, map: Record<string, string>): unknown {
  if (typeof v === 'string') return map[v.toLowerCase()] ?? v;
  if (Array.isArray(v)) return v.map((x) => mapColors(x, map));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'usermeta' ? x : mapColors(x, map)]));
  return v;
}

function setPointer(obj: object, pointer: string, value: unknown): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let o = obj as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (next == null || typeof next !== 'object') return;
    o = next as Record<string, unknown>;
  }
  o[keys.at(-1)!] = value;
}

/** Vega-Lite config as binding builds it: JSON, with the numbers sizing reads typed. */
export interface SeedChartConfig {
  padding: number;
  text: { fontSize: number; [k: string]: unknown };
  [k: string]: unknown;
}

/** One block of a Vega-Lite config (`text`, `axis`, …), to extend. */
const block = (config: Record<string, unknown>, key: string) => (config[key] ?? {}) as Record<string, unknown>;

/** Vega-Lite config from the theme (fonts from the registry, palette, sizes, colours). */
export function seedChartConfig(theme: Theme, compact = false): SeedChartConfig {
  const ct = seedChartTheme(theme);
  const base = themeConfig(ct);
  const fs = compact ? Math.max(ct.fontSize, 12) : ct.fontSize;
  return {
    ...base,
    padding: compact ? 6 : 12,
    mark: { color: theme.palette[0] ?? theme.colors.primary },
    bar: { color: theme.palette[0] ?? theme.colors.primary },
    text: { ...block(base, 'text'), font: ct.fontFamily, fontSize: fs, fill: ct.ink },
    axis: { ...block(base, 'axis'), labelFontSize: fs, titleFontSize: fs, titleFontWeight: 400, titleColor: ct.muted },
    header: {
      ...block(base, 'header'),
      labelFont: ct.fontFamily,
      labelFontSize: fs + 1,
      labelColor: ct.ink,
      labelLineHeight: Math.round((fs + 1) * 1.35),
    },
    title: { ...block(base, 'title'), anchor: 'start', offset: 10, subtitleFontSize: fs + 1, subtitlePadding: 4 },
  };
}

/** Extra height per row heading line and for the title block (px), for sizing rows. */
function layoutBudget(
  template: string,
  rowCount: number,
  langs: string[],
  compact: boolean,
  fs: number,
  titleFs: number,
  hasSubtitle: boolean,
) {
  const meta = loadTemplate(template).usermeta?.datapress?.sizing ?? {};
  const headLines = langs.length > 1 ? 2 : 1;
  const headH = meta.rowExtra ? Math.round((fs + 1) * 1.35) * headLines + 6 : 0;
  const axisH = template === 'allowance-rank' ? (compact ? 16 : 34) : 0;
  const titleH = compact ? 0 : Math.round(titleFs * 1.4) + (hasSubtitle ? Math.round((fs + 1) * 1.5) : 0) + 10;
  return { left: Number(meta.left ?? 40), rowSlots: Number(meta.rowSlots ?? 1), headH, axisH, titleH, rowCount };
}

/**
 * The Vega-Lite spec of a seed chart in one language (`['zh']`) or bilingual
 * (`['zh', 'en']`: Chinese title and figures, English subtitle and second heading line).
 */
/** Expected outer size of a bound seed chart in CSS px. */
export function seedChartSize(spec: TemplateSpec): { width: number; height: number } {
  return spec.usermeta?.datapress?.size ?? { width: 0, height: 0 };
}

export function seedChartSpec(
  model: Model,
  chart: SeedChart,
  langs: string[],
  theme: Theme,
  opts: SeedChartOptions,
): TemplateSpec {
  if (!langs.length) throw new Error('seedChartSpec needs at least one language');
  const c = resolveChart(model, chart);
  const spec = loadTemplate(c.template);
  const meta = spec.usermeta?.datapress ?? {};
  const compact = !!opts.compact;
  const lang = langs[0]!;
  const { rows, note } = chartRows(model, chart, langs);

  // data
  spec.data = { name: 'table', values: rows };

  // title: one language, or Chinese title + English subtitle (poster form)
  const subtitle: string[] = [];
  if (langs.length > 1) subtitle.push(c.title[langs[1]!] ?? '');
  if (note) subtitle.push(note);
  if (compact) delete spec.title;
  else
    spec.title = { text: c.title[lang] ?? c.title.en ?? '', ...(subtitle.length ? { subtitle } : {}), anchor: 'start' };

  // template strings in the chart's language(s)
  for (const [pointer, text] of Object.entries((meta.strings ?? {}) as Record<string, Record<string, string>>)) {
    const value = langs
      .map((l) => text[l])
      .filter(Boolean)
      .join(' ');
    setPointer(spec, pointer, value || text.en || '');
  }

  // theme: config and colours
  const ct = seedChartTheme(theme);
  const config = seedChartConfig(theme, compact);
  const fs = config.text.fontSize;
  Object.assign(spec, mapColors({ ...spec, usermeta: undefined }, colorMap(theme)));
  const bound: TemplateMeta = { ...meta, chart: c.id, langs };
  spec.usermeta = { datapress: bound };
  spec.config = { ...config, ...(spec.config ?? {}) };

  // size: the inner plot from the outer size
  const b = layoutBudget(
    c.template,
    rows.length,
    langs,
    compact,
    fs,
    ct.titleFontSize,
    !compact && subtitle.length > 0,
  );
  const pad = config.padding * 2;
  const inner = spec.spec ?? spec; // facet inner spec, or the unit/layer spec itself
  const rowCount = spec.facet ? new Set(rows.map((r) => r.metric)).size : rows.length;
  const labelRoom = spec.facet ? b.left : Math.max(b.left, longestName(rows, fs));
  inner.width = Math.max(120, Math.round(opts.width - pad - labelRoom));
  const spacing = compact ? Math.round(Number(spec.spacing ?? 0) * 0.6) : Number(spec.spacing ?? 0);
  if (spec.facet) spec.spacing = spacing;
  const avail = opts.height - pad - b.titleH - b.axisH - rowCount * b.headH - Math.max(0, rowCount - 1) * spacing;
  const perRow = Math.max(12, Math.floor(avail / rowCount));
  if (typeof inner.height === 'number') inner.height = Math.max(14, Math.min(perRow, Math.round(inner.height * 1.4)));
  else inner.height = { step: Math.max(12, Math.min(Math.floor(perRow / b.rowSlots), compact ? 26 : 30)) };
  // expected outer size (the planner's job size; the renderer reports the exact one)
  const step =
    typeof inner.height === 'number' ? inner.height : inner.height.step * (spec.facet ? b.rowSlots : rowCount);
  const plot = spec.facet ? rowCount * (b.headH + step) + Math.max(0, rowCount - 1) * spacing : step;
  bound.size = { width: Math.round(opts.width), height: Math.round(pad + b.titleH + b.axisH + plot) };
  // explicit row order (a layered nominal axis cannot sort by another field)
  if (Array.isArray(inner.encoding?.y?.sort)) inner.encoding.y.sort = rows.map((r) => r.name);
  if (compact && c.template === 'allowance-rank') {
    // the card keeps the ends of the scale (1 … 31) so the rank still reads
    const x = inner.layer![0]!.encoding.x; // the rank axis: on the template's first layer
    x.axis = { ...x.axis, values: [1, RANKED_REGIONS], title: null, ticks: false, labelPadding: 2 };
    x.title = null;
  }
  return spec;
}

/** Rough width of the longest row name (for y-axis label room); CJK ≈ 1em, Latin ≈ 0.58em. */
function longestName(rows: Record<string, unknown>[], fs: number): number {
  let w = 0;
  for (const r of rows) {
    const name = String(r.name ?? '');
    let x = 0;
    for (const ch of name) x += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? fs : fs * 0.58;
    w = Math.max(w, x);
  }
  return Math.ceil(w) + 12;
}
