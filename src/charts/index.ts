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
