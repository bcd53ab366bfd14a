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
import { imageClass } from './images.js';
import { parseSvg, renumberIds, serializeSvg, svgSizeOf, type SvgEl } from './svgdom.js';
import { outlineSvgText, pdfSvgText } from './svgtext.js';
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
  /** IANA time zone dates are read and written in (`Asia/Shanghai`, `UTC`); default the machine's */
  timeZone?: string;
}

export interface RenderedChart {
  bytes: Buffer;
  /** chart size in CSS px (scale 1) */
  width: number;
  height: number;
  /** SVG output with real text: its parsed tree (the same markup as `bytes`), for callers that read it */
  tree?: SvgEl;
}

type Vega = typeof import('vega');
type View = InstanceType<Vega['View']>;
let vegaP: Promise<{ vega: Vega; vl: typeof import('vega-lite') }> | undefined;
function libs() {
  vegaP ??= (async () => {
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    installVegaTextMetrics(vega as never, vegaFace); // once per process: vegaP is memoized
    registerFormatTypes(vega);
    // now() is a frozen clock: the build's date (SOURCE_DATE_EPOCH) or 1970, never the moment the
    // chart was drawn (an animation's clock, `now() - last_tick_at`, stays at its first frame)
    vega.expressionFunction('now', () => frozenNow());
    // timer event streams are recorded, not started: `settle` ticks them once, deterministically
    const proto = vega.View.prototype as unknown as { timer(cb: unknown, delay: number): void };
    proto.timer = function (this: Timed, tick: unknown, delay: number) {
      this.__dpTimers ??= [];
      this.__dpTimers.push({ tick: tick as (e: { timestamp: number; elapsed: number }) => void, delay });
    };
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

/** Whether `zone` is an IANA time zone this Node knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The machine's time zone (what a render uses without `timeZone`). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function renderNow(spec: object, opts: RenderChartOptions): Promise<RenderedChart> {
  if (opts.timeZone !== undefined && !isTimeZone(opts.timeZone))
    throw new ChartSpecError(`Unknown time zone "${opts.timeZone}": use an IANA name such as Asia/Shanghai or UTC`);
  // generic font names resolve to this family in Vega's metrics and in the SVG text passes alike
  const previousFont = getDefaultFamily();
  setDefaultFamily(opts.font ?? opts.theme?.fontFamily ?? 'DejaVu Sans');
  // Vega reads and writes dates in the process's zone: set it for this render only (renders are serialized)
  const previousTz = process.env.TZ;
  if (opts.timeZone !== undefined) process.env.TZ = opts.timeZone;
  try {
    const { svg, tree } = await drawSvg(spec, opts);
    const { width, height } = svgSizeOf(tree);
    if (opts.format === 'svg') {
      if (opts.outline) return { bytes: Buffer.from(outlineSvgText(tree)), width, height };
      pdfSvgText(tree); // glyph check: a missing glyph fails in every format alike
      return { bytes: Buffer.from(svg), width, height, tree };
    }
    if (opts.format === 'pdf')
      return { bytes: await chartPdf(tree, { scale: opts.scale, color: opts.color }), width, height };
    return {
      bytes: await rasterize(outlineSvgText(tree), ((opts.scale ?? 1) * (opts.ppi ?? 72)) / 72, opts.ppi),
      width,
      height,
    };
  } finally {
    setDefaultFamily(previousFont);
    if (opts.timeZone !== undefined) {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
  }
}

/*
 * Vega's SVG of a spec, kept for the next format of the same chart (a seed chart is written as
 * SVG, PDF and PNG: one compile and one Vega run instead of three). Keyed by the spec as given and
 * everything its compile and run read. Only specs with their data inline: a spec reading files
 * could see them change between the rebuilds of `datapress watch`.
 */
const drawn = new Map<string, Drawn>();

/** Vega's SVG of a chart: the markup (definition ids renumbered) and its tree. */
interface Drawn {
  svg: string;
  tree: SvgEl;
}

/** Forget drawn charts and kept views (tests; a long-lived process that wants the memory back). */
export function clearChartRenders(): void {
  drawn.clear();
  clearViews();
}

async function drawSvg(spec: object, opts: RenderChartOptions): Promise<Drawn> {
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
          process.env.TZ ?? '',
          frozenNow(),
        ].join('\u0000'),
      );
  const hit = key === undefined ? undefined : drawn.get(key);
  if (hit !== undefined) return hit;
  const tree = parseSvg(await runVega(await compileSpec(spec, opts), opts));
  renumberIds(tree);
  const out = { svg: serializeSvg(tree), tree };
  if (key !== undefined) {
    if (drawn.size >= 64) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, out);
  }
  return out;
}

/** What `now()` returns in chart expressions: SOURCE_DATE_EPOCH in ms, else 0. */
function frozenNow(): number {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isFinite(epoch) ? epoch * 1000 : 0;
}

/** A view's timers, recorded instead of started (see `libs`). */
interface Timed {
  __dpTimers?: { tick: (e: { timestamp: number; elapsed: number }) => void; delay: number }[];
}

/**
 * The initial state of a view: its data loaded and run, then every timer event stream ticked
 * once and run again. Vega-Lite initializes some selections on a timer (a geo brush's `timer{1}`
 * needs the marks to exist); with real timers whether the tick lands before the SVG is written
 * depends on how long the files took to load, so the brush was drawn in about one run in six.
 */
async function settle(view: View): Promise<void> {
  await view.runAsync();
  const timers = (view as unknown as Timed).__dpTimers;
  if (!timers?.length) return;
  for (const t of timers) t.tick({ timestamp: frozenNow(), elapsed: t.delay });
  await view.runAsync();
}

/** Run `fn` with the offline Image class installed for Vega (images.ts); renders are serialized. */
async function withImages<T>(base: string, errors: Error[], fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { Image?: unknown };
  const previous = g.Image;
  g.Image = imageClass(base, errors);
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete g.Image;
    else g.Image = previous;
  }
}

async function runVega(vgSpec: object, opts: RenderChartOptions): Promise<string> {
  const { vega } = await libs();
  const rnd = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };
  rnd.setRandom(rnd.randomLCG(opts.seed ?? 123456789));
  // the same chart at another size: the view kept from the last size, resized (views.ts)
  const sized = splitSizes(
    vgSpec as Record<string, unknown>,
    [opts.locale ?? '', getDefaultFamily(), opts.seed ?? '', opts.base, process.env.TZ ?? '', frozenNow()].join(
      '\u0000',
    ),
  );
  const kept = sized && keptView<View>(sized.key);
  const imageErrors: Error[] = [];
  if (sized && kept) {
    const { view, errors } = kept;
    errors.length = 0;
    if (sized.width !== undefined) view.width(sized.width);
    if (sized.height !== undefined) view.height(sized.height);
    if (sized.padding !== undefined) view.padding(sized.padding);
    for (const [name, value] of sized.signals) view.signal(name, value);
    try {
      await view.resize().runAsync();
      if (errors.length) throw new ChartSpecError(`Vega failed: ${errors[0]}`);
      const svg = await withImages(opts.base, imageErrors, () => view.toSVG());
      if (imageErrors.length) throw imageErrors[0];
      return svg;
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
  try {
    const svg = await withImages(opts.base, imageErrors, async () => {
      await settle(view);
      if (loader.errors.length) throw loader.errors[0];
      if (errors.length) throw new ChartSpecError(`Vega failed: ${errors[0]}`);
      return view.toSVG();
    });
    if (imageErrors.length) throw imageErrors[0];
    // a view with timers keeps the state of its first size: drawn afresh at every size
    if (sized && !(view as unknown as Timed).__dpTimers?.length) keepView(sized.key, { view, errors });
    else view.finalize();
    return svg;
  } catch (e) {
    view.finalize();
    throw e;
  }
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
