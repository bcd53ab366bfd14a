/**
 * renderChart: any Vega or Vega-Lite spec → SVG, PNG or PDF bytes, offline and deterministic.
 *
 * Vega's text metrics, random generator and default font are process-global, so renders
 * run one at a time (a promise chain); each sets the seed and font before it starts.
 */
import { ChartSpecError } from './errors.js';
import { compileCached } from './compilecache.js';
import { sha256 } from '../model/hash.js';
import { addPngMetadata } from '../write/pngmeta.js';
import { installVegaTextMetrics } from '../text/vega-metrics.js';
import { getDefaultFamily, setDefaultFamily, vegaFace } from './fonts.js';
import { offlineLoader } from './loader.js';
import { localeConfig, NUMBER_LOCALES, registerFormatTypes, TIME_LOCALES, type ChartLocale } from './locale.js';
import { chartPdf, type ColorHook } from './pdf.js';
import { inlineImages, outlineSvgText, pdfSvgText, svgSize } from './svgtext.js';
import { themeConfig, type ChartTheme } from './theme.js';
import { clearViews, dropView, keepView, keptView, splitSizes } from './views.js';

export type ChartFormat = 'svg' | 'png' | 'pdf';

export interface RenderChartOptions {
  format: ChartFormat;
  /** pixel (PNG) or page (PDF) scale; default 1 */
  scale?: number;
  /** PNG resolution: pixels = size × scale × ppi / 72, stored as the PNG density; default 72 */
  ppi?: number;
  /** numbers, dates and the dpNumber format type in this language; default: Vega's en-US, no units */
  locale?: ChartLocale;
  theme?: ChartTheme;
  /** family for generic/unknown font names; default the theme's font, else DejaVu Sans */
  font?: string;
  /** directory relative data URLs resolve against (and are confined to) */
  base: string;
  /** seed of Vega's random generator (sampling, jitter); default 123456789 */
  seed?: number;
  /** 'vega' | 'vega-lite'; default from $schema / shape of the spec */
  kind?: 'vega' | 'vega-lite';
  /** SVG output with outlined text instead of real text (self-contained, no fonts needed) */
  outline?: boolean;
  /** PDF color hook (e.g. RGB → CMYK for print) */
  color?: ColorHook;
}

export interface RenderedChart {
  bytes: Buffer;
  /** chart size in CSS px (scale 1) */
  width: number;
  height: number;
}

type Vega = typeof import('vega');
type View = InstanceType<Vega['View']>;
let vegaP: Promise<{ vega: Vega; vl: typeof import('vega-lite') }> | undefined;
function libs() {
  vegaP ??= (async () => {
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    installVegaTextMetrics(vega as never, vegaFace); // once per process: vegaP is memoized
    registerFormatTypes(vega);
    return { vega, vl };
  })();
  return vegaP;
}

export function specKind(spec: Record<string, unknown>): 'vega' | 'vega-lite' {
  const schema = typeof spec.$schema === 'string' ? spec.$schema : '';
  if (/vega-lite/.test(schema)) return 'vega-lite';
  if (/\/vega\//.test(schema)) return 'vega';
  return ['mark', 'layer', 'facet', 'hconcat', 'vconcat', 'concat', 'repeat', 'spec'].some((k) => k in spec)
    ? 'vega-lite'
    : 'vega';
}

/** Vega spec (compiling Vega-Lite with the theme and locale config). */
export async function compileSpec(
  spec: object,
  opts: Pick<RenderChartOptions, 'kind' | 'theme' | 'locale'> = {},
): Promise<object> {
  const { vl } = await libs();
  const kind = opts.kind ?? specKind(spec as Record<string, unknown>);
  const config = { ...(opts.theme ? themeConfig(opts.theme) : {}), ...(opts.locale ? localeConfig() : {}) };
  if (kind === 'vega')
    return Object.keys(config).length
      ? { ...spec, config: deepMerge(vegaConfig(config), (spec as { config?: object }).config ?? {}) }
      : spec;
  try {
    return compileCached(
      spec,
      JSON.stringify(config),
      (sp) => vl.compile(sp as never, { config: config as never, logger: quietLogger() as never }).spec,
    );
  } catch (e) {
    throw new ChartSpecError(`Vega-Lite cannot compile the spec: ${(e as Error).message}`);
  }
}

let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

export function renderChart(spec: object, opts: RenderChartOptions): Promise<RenderedChart> {
  return serialized(() => renderNow(spec, opts));
}

async function renderNow(spec: object, opts: RenderChartOptions): Promise<RenderedChart> {
  // generic font names resolve to this family in Vega's metrics and in the SVG text passes alike
  const previousFont = getDefaultFamily();
  setDefaultFamily(opts.font ?? opts.theme?.fontFamily ?? 'DejaVu Sans');
  try {
    const svg = await drawSvg(spec, opts);
    const { width, height } = svgSize(svg);
    if (opts.format === 'svg') {
      let out = svg;
      if (opts.outline) out = outlineSvgText(svg);
      else pdfSvgText(svg); // glyph check: a missing glyph fails in every format alike
      return { bytes: Buffer.from(out), width, height };
    }
    if (opts.format === 'pdf')
      return { bytes: await chartPdf(svg, { scale: opts.scale, color: opts.color }), width, height };
    return {
      bytes: await rasterize(outlineSvgText(svg), ((opts.scale ?? 1) * (opts.ppi ?? 72)) / 72, opts.ppi),
      width,
      height,
    };
  } finally {
    setDefaultFamily(previousFont);
  }
}

/*
 * Vega's SVG of a spec, kept for the next format of the same chart (a seed chart is written as
 * SVG, PDF and PNG: one compile and one Vega run instead of three). Keyed by the spec as given and
 * everything its compile and run read. Only specs with their data inline: a spec reading files
 * could see them change between the rebuilds of `datapress watch`.
 */
const drawn = new Map<string, string>();

/** Forget drawn charts and kept views (tests; a long-lived process that wants the memory back). */
export function clearChartRenders(): void {
  drawn.clear();
  clearViews();
}

async function drawSvg(spec: object, opts: RenderChartOptions): Promise<string> {
  const json = JSON.stringify(spec);
  const key = /"url"\s*:/.test(json)
    ? undefined
    : sha256(
        [
          json,
          opts.kind ?? '',
          JSON.stringify(opts.theme ?? null),
          opts.locale ?? '',
          opts.font ?? opts.theme?.fontFamily ?? '',
          opts.seed ?? '',
          opts.base,
        ].join('\u0000'),
      );
  const hit = key === undefined ? undefined : drawn.get(key);
  if (hit !== undefined) return hit;
  const svg = await runVega(await compileSpec(spec, opts), opts);
  if (key !== undefined) {
    if (drawn.size >= 64) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, svg);
  }
  return svg;
}

async function runVega(vgSpec: object, opts: RenderChartOptions): Promise<string> {
  const { vega } = await libs();
  const rnd = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };
  rnd.setRandom(rnd.randomLCG(opts.seed ?? 123456789));
  // the same chart at another size: the view kept from the last size, resized (views.ts)
  const sized = splitSizes(
    vgSpec as Record<string, unknown>,
    [opts.locale ?? '', getDefaultFamily(), opts.seed ?? '', opts.base].join('\u0000'),
  );
  const kept = sized && keptView<View>(sized.key);
  if (sized && kept) {
    const { view, errors } = kept;
    errors.length = 0;
    if (sized.width !== undefined) view.width(sized.width);
    if (sized.height !== undefined) view.height(sized.height);
    for (const [name, value] of sized.signals) view.signal(name, value);
    try {
      await view.resize().runAsync();
      if (errors.length) throw new ChartSpecError(`Vega failed: ${errors[0]}`);
      return stableDefIds(inlineImages(await view.toSVG(), opts.base));
    } catch (e) {
      dropView(sized.key);
      throw e;
    }
  }
  const loader = offlineLoader(opts.base);
  const errors: string[] = [];
  let runtime: ReturnType<Vega['parse']>;
  try {
    runtime = vega.parse(vgSpec as never);
  } catch (e) {
    throw new ChartSpecError(`Vega cannot parse the spec: ${(e as Error).message}`);
  }
  const view = new vega.View(runtime, {
    renderer: 'none',
    loader: loader as never,
    logLevel: vega.Error,
    logger: quietLogger(errors) as never,
    ...(opts.locale ? { locale: { number: NUMBER_LOCALES[opts.locale], time: TIME_LOCALES[opts.locale] } } : {}),
  } as never);
  (view as unknown as { __dpLocale?: ChartLocale }).__dpLocale = opts.locale;
  await view.runAsync();
  if (loader.errors.length) throw loader.errors[0];
  if (errors.length) throw new ChartSpecError(`Vega failed: ${errors[0]}`);
  const svg = stableDefIds(inlineImages(await view.toSVG(), opts.base));
  if (sized) keepView(sized.key, { view, errors });
  else view.finalize();
  return svg;
}

async function rasterize(svg: string, scale: number, ppi?: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const png = await sharp(Buffer.from(svg), { density: 72 * scale, limitInputPixels: false })
    .png({ compressionLevel: 6 })
    .toBuffer();
  // the density as a pHYs chunk: sharp's metadata path is slower and adds an EXIF block (write/pngmeta.ts)
  return ppi ? addPngMetadata(png, { dpi: ppi }, sharp) : png;
}

/** A logger that keeps errors (to throw them) and drops the rest (warnings are harmless here). */
function quietLogger(errors: string[] = []) {
  let level = 0;
  const self = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return self;
    },
    error(...args: unknown[]) {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return self;
    },
    warn() {
      return self;
    },
    info() {
      return self;
    },
    debug() {
      return self;
    },
  };
  return self;
}

/** The Vega-Lite-shaped theme config as Vega config (the keys that exist in both). */
function vegaConfig(c: Record<string, unknown>): Record<string, unknown> {
  const { range, axis, legend, title, background } = c as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ range, axis, legend, title, background }).filter(([, v]) => v !== undefined),
  );
}

function deepMerge(a: Record<string, unknown>, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev && v && typeof prev === 'object' && typeof v === 'object' && !Array.isArray(v)
        ? deepMerge(prev as Record<string, unknown>, v)
        : v;
  }
  return out;
}

/**
 * Vega numbers clip paths and gradients with process-wide counters, so a chart's SVG would
 * depend on how many charts the process drew before it (and on worker scheduling). Renumber
 * them from 1 in order of appearance: the same chart gives the same bytes in any process.
 */
export function stableDefIds(svg: string): string {
  const ids = new Map<string, string>();
  const counters: Record<string, number> = {};
  return svg.replace(/\b(clip|gradient|pattern)(\d+)\b/g, (m, kind: string) => {
    let id = ids.get(m);
    if (!id) {
      counters[kind] = (counters[kind] ?? 0) + 1;
      id = `${kind}${counters[kind]}`;
      ids.set(m, id);
    }
    return id;
  });
}
