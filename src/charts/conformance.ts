/**
 * Conformance: render every Vega-Lite gallery spec to SVG, PNG and PDF through the
 * `datapress chart` converter (DejaVu Sans, seed 123456789, time zone America/Los_Angeles)
 * and report counts and every failure with its reason.
 *
 *   node dist/src/charts/conformance.js [--formats svg,png,pdf] [--limit N] [--out DIR]
 *        [--specs DIR] [--base DIR] [--only name,name] [--runs N]
 *
 * `--runs 3` renders everything three times (caches cleared, every other run in reverse order)
 * and fails when any output's bytes differ between runs.
 * The gallery is read from `$DATAPRESS_SHARED/vega-lite-examples/specs` (default: `../shared`
 * beside the project, where every checkout of the main repository finds it).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { clearCompileCache } from './compilecache.js';
import { convertChart } from './convert.js';
import { clearChartRenders } from './render.js';
import type { ChartFormat } from './render.js';

export interface ConformanceOptions {
  specsDir?: string;
  base?: string;
  out?: string;
  formats?: ChartFormat[];
  limit?: number;
  only?: string[];
  /**
   * Render every spec this many times (default 1), caches cleared before each run and every
   * other run in reverse order, and report any spec and format whose bytes differ between runs.
   */
  runs?: number;
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface ConformanceFailure {
  spec: string;
  format: ChartFormat;
  error: string;
  reason: string;
}
export interface ConformanceReport {
  total: number;
  formats: ChartFormat[];
  counts: Record<string, { ok: number; failed: number }>;
  failures: ConformanceFailure[];
  sizes: Record<string, [number, number]>;
  /** milliseconds per spec and format */
  times: Record<string, number[]>;
  runs: number;
  /** spec and format whose bytes differed between runs (with runs > 1) */
  unstable: { spec: string; format: ChartFormat; hashes: string[] }[];
}

/** the package root (works from src/charts and dist/src/charts) */
const ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** The shared material folder: $DATAPRESS_SHARED, else `../shared` beside the project. */
export function sharedDir(): string {
  return path.resolve(process.env.DATAPRESS_SHARED ?? path.join(ROOT, '../shared'));
}

/** The Vega-Lite gallery's specs (may not exist: callers skip then). */
export function galleryDir(): string {
  return path.join(sharedDir(), 'vega-lite-examples/specs');
}

/** The gallery's data files: the vega-datasets package. */
export const GALLERY_BASE = path.join(ROOT, 'node_modules/vega-datasets');

/** How the gallery's reference images were made (shared/README.md). */
export const GALLERY_OPTIONS = { font: 'DejaVu Sans', seed: 123456789, timeZone: 'America/Los_Angeles' } as const;

/** Known, accepted exceptions: the reason printed next to the failure. */
const EXPECTED: [RegExp, string][] = [
  [/^MissingGlyphError/, 'emoji not in the font stack (DejaVu Sans, Noto Sans SC): named error instead of tofu'],
  [/^NetworkDataError/, 'data needs the network'],
];

export async function runConformance(o: ConformanceOptions = {}): Promise<ConformanceReport> {
  const specsDir = path.resolve(o.specsDir ?? galleryDir());
  const base = path.resolve(o.base ?? GALLERY_BASE);
  const out = path.resolve(o.out ?? path.join(ROOT, 'output/conformance'));
  const formats = o.formats ?? ['svg', 'png', 'pdf'];
  let names = (await readdir(specsDir)).filter((f) => f.endsWith('.json')).sort();
  if (o.only) names = names.filter((n) => o.only!.includes(n.replace(/(\.v[lg])?\.json$/, '')));
  if (o.limit) names = names.slice(0, o.limit);
  await mkdir(out, { recursive: true });
  const runs = Math.max(1, o.runs ?? 1);
  const report: ConformanceReport = {
    total: names.length,
    formats,
    counts: {},
    failures: [],
    sizes: {},
    times: {},
    runs,
    unstable: [],
  };
  for (const f of formats) {
    report.counts[f] = { ok: 0, failed: 0 };
    report.times[f] = [];
  }
  const hashes = new Map<string, string[]>();
  let done = 0;
  for (let run = 0; run < runs; run++) {
    // a run starts from nothing kept: no Vega view, compile or drawing of an earlier run
    clearChartRenders();
    clearCompileCache();
    const order = run % 2 ? [...names].reverse() : names;
    for (const file of order) {
      const name = file.replace(/(\.v[lg])?\.json$/, '');
      for (const format of formats) {
        const t0 = performance.now();
        try {
          const r = await convertChart(path.join(specsDir, file), path.join(out, `${name}.${format}`), {
            base,
            ...GALLERY_OPTIONS,
          });
          const key = `${name}\u0000${format}`;
          hashes.set(key, [...(hashes.get(key) ?? []), createHash('sha256').update(r.bytes).digest('hex')]);
          if (run > 0) continue;
          report.counts[format]!.ok++;
          report.sizes[name] = [r.width, r.height];
          report.times[format]!.push(performance.now() - t0);
        } catch (e) {
          if (run > 0) continue;
          const err = e as Error;
          const error = `${err.name}: ${err.message}`;
          report.counts[format]!.failed++;
          report.failures.push({
            spec: name,
            format,
            error,
            reason: EXPECTED.find(([re]) => re.test(error))?.[1] ?? 'unexpected',
          });
        }
      }
      o.onProgress?.(++done, names.length * runs, name);
    }
  }
  for (const [key, hs] of hashes) {
    if (new Set(hs).size === 1 && hs.length === runs) continue;
    const [spec, format] = key.split('\u0000') as [string, ChartFormat];
    report.unstable.push({ spec, format, hashes: hs.map((h) => h.slice(0, 12)) });
  }
  return report;
}

export function reportText(r: ConformanceReport): string {
  const lines = [`Vega-Lite gallery conformance: ${r.total} specs`];
  for (const f of r.formats) lines.push(`  ${f.toUpperCase()}: ${r.counts[f]!.ok} ok, ${r.counts[f]!.failed} failed`);
  if (r.runs > 1)
    lines.push(
      r.unstable.length
        ? `  ${r.unstable.length} outputs differ between ${r.runs} runs: ${r.unstable.map((u) => `${u.spec}.${u.format}`).join(', ')}`
        : `  ${r.runs} runs: every output byte-identical`,
    );
  if (r.failures.length) lines.push('', 'Failures:');
  for (const x of r.failures)
    lines.push(`  ${x.spec} [${x.format}] ${x.error}${x.reason !== 'unexpected' ? `  (expected: ${x.reason})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const out = path.resolve(arg(argv, 'out') ?? path.join(ROOT, 'output/conformance'));
  const r = await runConformance({
    out,
    formats: arg(argv, 'formats')
      ?.split(',')
      .map((s) => s.trim()) as ChartFormat[] | undefined,
    limit: arg(argv, 'limit') ? Number(arg(argv, 'limit')) : undefined,
    only: arg(argv, 'only')?.split(','),
    runs: arg(argv, 'runs') ? Number(arg(argv, 'runs')) : undefined,
    specsDir: arg(argv, 'specs'),
    base: arg(argv, 'base'),
    onProgress: (d, t, n) => {
      if (process.stderr.isTTY || d % 50 === 0 || d === t) process.stderr.write(`\r${d}/${t} ${n}`.padEnd(60));
    },
  });
  process.stderr.write('\n');
  const text = reportText(r);
  await writeFile(path.join(out, 'report.json'), JSON.stringify(r, null, 1));
  await writeFile(path.join(out, 'report.txt'), text);
  process.stdout.write(text);
  return r.failures.some((f) => f.reason === 'unexpected') || r.unstable.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (c) => {
      process.exitCode = c;
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
