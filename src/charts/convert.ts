/**
 * `datapress chart <spec.vl.json|spec.vg.json> -o out.{svg,png,pdf}`: the converter the CLI calls.
 */
import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../write/atomic.js';
import path from 'node:path';
import { ChartSpecError } from './errors.js';
import { isChartLocale, type ChartLocale } from './locale.js';
import { renderChart, type ChartFormat, type RenderedChart } from './render.js';
import { loadChartTheme, type ChartTheme } from './theme.js';

export interface ConvertChartOptions {
  scale?: number;
  ppi?: number;
  locale?: ChartLocale | string;
  /** theme name (built-in or templates/themes/NAME.yaml) or a theme object */
  theme?: string | ChartTheme;
  font?: string;
  /** relative data URLs resolve against this; default the spec's folder */
  base?: string;
  seed?: number;
  /** override the format chosen from the output extension */
  format?: ChartFormat;
  /** where theme YAML files live (default templates/themes under the cwd) */
  themesDir?: string;
  /** IANA time zone for dates (default: the machine's) */
  timeZone?: string;
}

export function formatFromPath(outPath: string): ChartFormat {
  const ext = path.extname(outPath).slice(1).toLowerCase();
  if (ext === 'svg' || ext === 'png' || ext === 'pdf') return ext;
  throw new ChartSpecError(`Unknown chart output type "${path.basename(outPath)}": use .svg, .png or .pdf`);
}

export async function readSpec(specPath: string): Promise<object> {
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch (e) {
    throw new ChartSpecError(
      `Cannot read chart spec ${specPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    const spec: unknown = JSON.parse(text);
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new Error('not a JSON object');
    return spec;
  } catch (e) {
    throw new ChartSpecError(`Chart spec ${specPath} is not valid JSON: ${(e as Error).message}`);
  }
}

function positive(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v <= 0) throw new ChartSpecError(`--${name} must be a positive number, got ${v}`);
  return v;
}

/** Render `specPath` to `outPath` (format from its extension); writes atomically. */
export async function convertChart(
  specPath: string,
  outPath: string,
  opts: ConvertChartOptions = {},
): Promise<RenderedChart & { format: ChartFormat }> {
  const format = opts.format ?? formatFromPath(outPath);
  if (opts.locale !== undefined && !isChartLocale(opts.locale))
    throw new ChartSpecError(`--locale must be zh-CN or en-US, got ${opts.locale}`);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed))
    throw new ChartSpecError(`--seed must be an integer, got ${opts.seed}`);
  const spec = await readSpec(specPath);
  const theme = typeof opts.theme === 'string' ? loadChartTheme(opts.theme, opts.themesDir) : opts.theme;
  const base = path.resolve(opts.base ?? path.dirname(specPath));
  const kind = /\.vg\.json$/i.test(specPath) ? 'vega' : /\.vl\.json$/i.test(specPath) ? 'vega-lite' : undefined;
  const out = await renderChart(spec, {
    format,
    base,
    theme,
    kind,
    font: opts.font,
    scale: positive('scale', opts.scale),
    ppi: positive('ppi', opts.ppi),
    locale: opts.locale as ChartLocale | undefined,
    seed: opts.seed,
    timeZone: opts.timeZone,
  });
  writeAtomic(path.resolve(outPath), out.bytes);
  return { ...out, format };
}
