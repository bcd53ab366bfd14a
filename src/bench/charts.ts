/**
 * Chart renderer benchmark (run by src/bench/run.js via `npm run bench`, not a test):
 * per gallery spec, compile→SVG, PNG and PDF times (median and p90, milliseconds),
 * plus the reference point "plain vega + sharp" (no font metrics, no outlines).
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart, type ChartFormat } from '../charts/render.js';

export interface BenchChartsOptions {
  /** gallery folder (default ../shared/vega-lite-examples/specs) */
  specsDir?: string;
  /** data folder (default node_modules/vega-datasets) */
  base?: string;
  /** number of specs (evenly spread over the gallery; default 60, 0 = all) */
  limit?: number;
  /** also time plain vega + sharp as the reference (default true) */
  reference?: boolean;
}

const ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
}

async function specs(dir: string, limit: number): Promise<{ name: string; spec: object }[]> {
  const all = (await readdir(dir)).filter((f) => f.endsWith('.vl.json')).sort();
  const step = limit > 0 && limit < all.length ? all.length / limit : 1;
  const picked: string[] = [];
  for (let i = 0; i < all.length && (limit <= 0 || picked.length < limit); i += step) picked.push(all[Math.floor(i)]!);
  return Promise.all(
    picked.map(async (f) => ({ name: f, spec: JSON.parse(await readFile(path.join(dir, f), 'utf8')) as object })),
  );
}

const silent = {
  level() {
    return silent;
  },
  warn() {
    return silent;
  },
  info() {
    return silent;
  },
  debug() {
    return silent;
  },
  error() {
    return silent;
  },
};

/** Plain vega + sharp: what a straightforward converter costs (Vega's estimated text widths, system fonts). */
async function plain(spec: object, base: string): Promise<void> {
  const [vega, vl, { default: sharp }] = await Promise.all([import('vega'), import('vega-lite'), import('sharp')]);
  const view = new vega.View(vega.parse(vl.compile(spec as never, { logger: silent } as never).spec), {
    renderer: 'none',
    loader: vega.loader({ baseURL: `${base}/`, mode: 'file' }),
    logLevel: vega.None,
  } as never);
  const svg = await view.toSVG();
  view.finalize();
  await sharp(Buffer.from(svg)).png().toBuffer();
}

export async function benchCharts(opts: BenchChartsOptions = {}): Promise<Record<string, number>> {
  process.env.TZ = 'America/Los_Angeles';
  const dir = opts.specsDir ?? path.resolve(ROOT, '../shared/vega-lite-examples/specs');
  const base = opts.base ?? path.join(ROOT, 'node_modules/vega-datasets');
  if (!existsSync(dir)) return {};
  const list = await specs(dir, opts.limit ?? 60);
  const times: Record<string, number[]> = { svg: [], png: [], pdf: [], plain: [] };
  let failed = 0;
  // warm-up: load vega, fonts, sharp, pdfkit
  for (const f of ['svg', 'png', 'pdf'] as ChartFormat[])
    await renderChart(list[0]!.spec, { format: f, base, font: 'DejaVu Sans' });
  for (const { spec } of list) {
    for (const format of ['svg', 'png', 'pdf'] as ChartFormat[]) {
      const t0 = performance.now();
      try {
        await renderChart(spec, { format, base, font: 'DejaVu Sans', seed: 123456789 });
        times[format]!.push(performance.now() - t0);
      } catch {
        failed++;
      }
    }
    if (opts.reference !== false) {
      const t0 = performance.now();
      try {
        await plain(spec, base);
        times.plain!.push(performance.now() - t0);
      } catch {
        /* the reference needs no accounting */
      }
    }
  }
  const out: Record<string, number> = { 'charts.specs': list.length, 'charts.failed': failed };
  for (const [k, xs] of Object.entries(times)) {
    if (!xs.length) continue;
    const label = k === 'plain' ? 'charts.reference_vega_sharp_png' : `charts.${k}`;
    out[`${label}.median_ms`] = quantile(xs, 0.5);
    out[`${label}.p90_ms`] = quantile(xs, 0.9);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const limit = process.argv.includes('--limit')
    ? Number(process.argv[process.argv.indexOf('--limit') + 1])
    : undefined;
  console.log(JSON.stringify(await benchCharts({ limit }), null, 1));
}
