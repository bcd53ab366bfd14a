/**
 * The report typesetter: structure → measure → flow → draw. Loaded lazily by the planner's
 * render() (it pulls in pdfkit, sharp, Vega).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { chartSvg, loadChartDrawer, type ChartArt } from './charts.js';
import { prepareCmyk } from './color.js';
import { drawDocument } from './draw.js';
import { paginate, type Frame } from './flow.js';
import { measureDocument, mix, themeFonts, type RItem } from './measure.js';
import { DEFAULT_BLEED_MM, MM, geometry, getPreset } from './pages.js';
import { REPORT_TEMPLATE, buildStructure, label, type Block } from './structure.js';

export type Variant = 'screen' | 'print';

export interface ReportOptions {
  /** [primary] or [primary, summary language] */
  langs: string[];
  variant: Variant;
  /** page preset name (a4, a3, tabloid); default a4 */
  preset?: string;
  /** print bleed in mm; default 3 */
  bleedMm?: number;
  /** project root (templates/) */
  root: string;
}

/** CreationDate/ModDate: SOURCE_DATE_EPOCH if set, else the dataset's publication date. Never the clock. */
export function documentDate(model: Model, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const d = new Date(`${model.meta.date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`meta.date "${model.meta.date}" is not an ISO date`);
  return d;
}

function chartsOf(blocks: Block[]): { ref: string; lang: string }[] {
  const out: { ref: string; lang: string }[] = [];
  const walk = (b: Block) => {
    if (b.type === 'chart') out.push({ ref: b.ref, lang: b.lang });
    if (b.type === 'section' || b.type === 'keep') b.children.forEach(walk);
  };
  blocks.forEach(walk);
  return out;
}

export async function renderReport(model: Model, theme: Theme, opts: ReportOptions): Promise<Buffer> {
  const preset = getPreset(opts.preset);
  const geo = geometry(preset, opts.variant === 'print', opts.bleedMm ?? DEFAULT_BLEED_MM);
  const fonts = themeFonts(theme);
  const template = readFileSync(path.join(opts.root, REPORT_TEMPLATE), 'utf8');
  const structure = buildStructure(template, model, opts.langs);
  const lang = structure.lang;

  const gutter = 7 * MM;
  const innerW = geo.width - geo.margins.left - geo.margins.right;
  const cols = preset.columns;
  const colW = (innerW - gutter * (cols - 1)) / cols;

  // charts first (async): their size decides the boxes
  const charts = new Map<string, ChartArt | undefined>();
  for (const c of chartsOf(structure.blocks)) {
    const key = `${c.ref}|${c.lang}`;
    if (!charts.has(key))
      charts.set(
        key,
        await chartSvg(model, theme, opts.root, c.ref, c.lang, Math.round(colW), Math.round(colW * 0.46)),
      );
  }
  if (geo.print) {
    const colors = new Set<string>([
      ...Object.values(theme.colors),
      ...theme.palette,
      theme.chart.labelColor,
      theme.chart.gridColor,
    ]);
    colors.add(mix(theme.colors.primary, theme.colors.paper, 0.07));
    for (const art of charts.values())
      for (const m of art?.svg.matchAll(/#[0-9a-fA-F]{6}\b/g) ?? []) colors.add(m[0].toLowerCase());
    await prepareCmyk(colors);
  }

  const { masthead, items } = measureDocument(structure, { model, theme, geo, fonts, width: colW, charts });
  const top = geo.margins.top,
    bottom = geo.height - geo.margins.bottom;
  const firstTop = masthead ? masthead.height + preset.bodySize * 1.6 : top;
  const frames = (page: number): Frame[] => {
    const y = page === 0 ? firstTop : top;
    return Array.from({ length: cols }, (_, k) => ({
      x: geo.margins.left + k * (colW + gutter),
      y,
      width: colW,
      height: bottom - y,
    }));
  };
  const { placed, pages } = paginate(items as RItem[] as never, frames);

  const sections: { id: string; bookmark: string }[] = [];
  for (const b of structure.blocks) if (b.type === 'section') sections.push({ id: b.id, bookmark: b.bookmark });

  const pick = (t: Record<string, string> | undefined) => (t ? (t[lang] ?? Object.values(t)[0] ?? '') : '');
  const second = opts.langs[1];
  const title = pick(model.meta.title) + (second && model.meta.title[second] ? ` / ${model.meta.title[second]}` : '');
  const compiler = model.meta.credits[0];
  const author = compiler ? compiler.names.map((n) => pick(n)).join(', ') : pick(model.meta.region);
  const intro = pick(model.meta.intro);
  const subject = (lang === 'zh' ? `${intro.split('。')[0]}。` : intro.split(/(?<=\.)\s/)[0]) ?? intro;
  const keywords = model.meta.keywords.map((k) => pick(k)).join(lang === 'zh' ? '，' : ', ');

  return drawDocument({
    geo,
    theme,
    fonts,
    placed,
    pages,
    masthead,
    sections,
    info: { title, author, subject, keywords, date: documentDate(model), lang },
    headerLeft: [...new Set([theme.logo.text[lang] ?? '', pick(model.meta.title)])].filter(Boolean).join('  ·  '),
    pageLabel: (n, total) =>
      lang === 'zh' ? `${label(lang, 'page').replace('{n}', String(n))} / 共${total}页` : `${n} / ${total}`,
    drawChart: await loadChartDrawer(),
  });
}
