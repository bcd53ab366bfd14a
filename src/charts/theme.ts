/**
 * Chart theme → Vega-Lite config. A theme object comes from the caller (the lead's
 * templates/themes/*.yaml, mapped by `chartThemeFromYaml`) or from the built-ins.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ChartSpecError } from './errors.js';

export interface ChartTheme {
  fontFamily: string;
  titleFontFamily: string;
  fontWeight: number;
  titleWeight: number;
  palette: string[];
  ink: string;
  muted: string;
  background: string;
  gridColor: string;
  fontSize: number;
  titleFontSize: number;
}

export const BUILTIN_THEMES: Readonly<Record<string, ChartTheme>> = {
  default: {
    fontFamily: 'Noto Sans SC',
    titleFontFamily: 'Noto Sans SC',
    fontWeight: 400,
    titleWeight: 700,
    palette: [
      '#1f5f8b',
      '#e07b39',
      '#3a9d5d',
      '#c23b3b',
      '#7d5ba6',
      '#8c6d31',
      '#d45d9a',
      '#6b6b6b',
      '#a6a23a',
      '#2aa2b3',
    ],
    ink: '#1a1a1a',
    muted: '#5f6368',
    background: '#ffffff',
    gridColor: '#e3e3e3',
    fontSize: 11,
    titleFontSize: 14,
  },
};

interface FontYaml {
  family?: string;
  regular?: number | string;
  bold?: number | string;
}

/** The parts of a lead-format theme YAML that charts read; whatever is missing comes from the base theme. */
export interface ThemeYaml {
  fonts?: { sans?: FontYaml; serif?: FontYaml };
  colors?: { ink?: string; muted?: string; paper?: string; rule?: string };
  palette?: unknown;
  chart?: { labelColor?: string; gridColor?: string; fontSize?: number | string; titleFontSize?: number | string };
}

/** Map a lead-format theme YAML object (fonts/colors/palette/chart) to a ChartTheme. */
export function chartThemeFromYaml(
  doc: ThemeYaml | null | undefined,
  base: ChartTheme = BUILTIN_THEMES.default!,
): ChartTheme {
  const sans = doc?.fonts?.sans ?? {};
  const serif = doc?.fonts?.serif ?? sans;
  const colors = doc?.colors ?? {};
  const chart = doc?.chart ?? {};
  return {
    fontFamily: sans.family ?? base.fontFamily,
    titleFontFamily: serif.family ?? sans.family ?? base.titleFontFamily,
    fontWeight: Number(sans.regular ?? base.fontWeight),
    titleWeight: Number(serif.bold ?? sans.bold ?? base.titleWeight),
    palette: Array.isArray(doc?.palette) && doc.palette.length ? doc.palette.map(String) : base.palette,
    ink: chart.labelColor ?? colors.ink ?? base.ink,
    muted: colors.muted ?? base.muted,
    background: colors.paper ?? base.background,
    gridColor: chart.gridColor ?? colors.rule ?? base.gridColor,
    fontSize: Number(chart.fontSize ?? base.fontSize),
    titleFontSize: Number(chart.titleFontSize ?? base.titleFontSize),
  };
}

/** A built-in theme, or `<dir>/<name>.yaml` (dir defaults to templates/themes of the cwd). */
export function loadChartTheme(name: string, dir = path.resolve('templates/themes')): ChartTheme {
  const file = path.join(dir, `${name}.yaml`);
  if (existsSync(file)) return chartThemeFromYaml(parseYaml(readFileSync(file, 'utf8')) as ThemeYaml | null);
  const builtin = BUILTIN_THEMES[name];
  if (builtin) return builtin;
  throw new ChartSpecError(
    `Unknown chart theme "${name}": not built in (${Object.keys(BUILTIN_THEMES).join(', ')}) and no ${file}`,
  );
}

/** Vega-Lite config for a theme (the spec's own config still wins over it). */
export function themeConfig(t: ChartTheme): Record<string, unknown> {
  const text = { font: t.fontFamily, fontWeight: t.fontWeight };
  const label = {
    labelFont: t.fontFamily,
    labelFontSize: t.fontSize,
    labelColor: t.ink,
    labelFontWeight: t.fontWeight,
  };
  const title = {
    titleFont: t.fontFamily,
    titleFontWeight: t.titleWeight,
    titleColor: t.ink,
    titleFontSize: t.fontSize + 1,
  };
  return {
    background: t.background,
    font: t.fontFamily,
    range: { category: t.palette },
    mark: { color: t.palette[0] },
    title: {
      font: t.titleFontFamily,
      fontWeight: t.titleWeight,
      fontSize: t.titleFontSize,
      color: t.ink,
      subtitleFont: t.fontFamily,
      subtitleColor: t.muted,
    },
    axis: { ...label, ...title, gridColor: t.gridColor, domainColor: t.muted, tickColor: t.muted },
    legend: { ...label, ...title },
    header: {
      labelFont: t.fontFamily,
      labelColor: t.ink,
      titleFont: t.titleFontFamily,
      titleColor: t.ink,
      labelFontSize: t.fontSize,
      titleFontSize: t.fontSize + 1,
      titleFontWeight: t.titleWeight,
    },
    text: { ...text, fill: t.ink, fontSize: t.fontSize },
    view: { stroke: null },
  };
}
