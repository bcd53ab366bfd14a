/** Public API of the chart renderer. */
export {
  renderChart,
  compileSpec,
  specKind,
  type RenderChartOptions,
  type RenderedChart,
  type ChartFormat,
} from './render.js';
export { convertChart, formatFromPath, readSpec, type ConvertChartOptions } from './convert.js';
export { drawChartIntoPdf, chartPdf, type ColorHook, type DrawChartOptions } from './pdf.js';
export { BUILTIN_THEMES, chartThemeFromYaml, loadChartTheme, themeConfig, type ChartTheme } from './theme.js';
export { formatUnits, type ChartLocale } from './locale.js';
export { ChartError, ChartSpecError, MissingDataError, NetworkDataError } from './errors.js';
export { MissingGlyphError } from './textengine.js';
export { URL_MAP } from './loader.js';
export {
  KINDS,
  KIND_NAMES,
  KIND_ALIASES,
  autoKind,
  chartKind,
  checkChart,
  isChartKindName,
  kindOf,
  kindProblems,
  mixedUnits,
  partWithoutTotal,
  progressWithoutTargets,
  rankWithoutPopulation,
  type ChartKind,
  type ChartMetricShape,
  type ChartProblem,
  type ChartRow,
  type ChartShape,
  type KindName,
  type LineRow,
} from './kinds/index.js';
export { bindChart, chartFiles, templateRelPath, type BoundChart, type ChartBox } from './article/bind.js';
export { renderArticleChart, articleChartSvg } from './article/render.js';
export { chartAlt, chosenKind } from './article/alt.js';
export { articleChart, articleCharts, type ArticleChart, type ChartDecl } from './article/source.js';
