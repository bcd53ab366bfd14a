/**
 * Conformance: render every Vega-Lite gallery spec to SVG, PNG and PDF through the
 * `datapress chart` converter (DejaVu Sans, seed 123456789, TZ America/Los_Angeles)
 * and report counts and every failure with its reason.
 *
 *   node dist/src/charts/conformance.js [--formats svg,png,pdf] [--limit N] [--out DIR]
 *        [--specs DIR] [--base DIR] [--only name,name]
 */
process.env.TZ = 'America/Los_Angeles';

import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertChart } from './convert.js';
import type { ChartFormat } from './render.js';

export interface ConformanceOptions {
  specsDir?: string;
  base?: string;
  out?: string;
  formats?: ChartFormat[];
  limit?: number;
  only?: string[];
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
}

/** the package root (works from src/charts and dist/src/charts) */
const ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** Known, accepted exceptions: the reason printed next to the failure. */
const EXPECTED: [RegExp, string][] = [
  [/^MissingGlyphError/, 'emoji not in the font stack (DejaVu Sans, Noto Sans SC): named error instead of tofu'],
  [/^NetworkDataError/, 'data needs the network'],
];

export async function runConformance(o: ConformanceOptions = {}): Promise<ConformanceReport> {
  const specsDir = path.resolve(o.specsDir ?? path.join(ROOT, '../shared/vega-lite-examples/specs'));
  const base = path.resolve(o.base ?? path.join(ROOT, 'node_modules/vega-datasets'));
  const out = path.resolve(o.out ?? path.join(ROOT, 'output/conformance'));
  const formats = o.formats ?? ['svg', 'png', 'pdf'];
  let names = (await readdir(specsDir)).filter((f) => f.endsWith('.json')).sort();
  if (o.only) names = names.filter((n) => o.only!.includes(n.replace(/(\.v[lg])?\.json$/, '')));
  if (o.limit) names = names.slice(0, o.limit);
  await mkdir(out, { recursive: true });
  const report: ConformanceReport = { total: names.length, formats, counts: {}, failures: [], sizes: {}, times: {} };
  for (const f of formats) {
    report.counts[f] = { ok: 0, failed: 0 };
    report.times[f] = [];
  }
  let done = 0;
  for (const file of names) {
    const name = file.replace(/(\.v[lg])?\.json$/, '');
    for (const format of formats) {
      const t0 = performance.now();
      try {
        const r = await convertChart(path.join(specsDir, file), path.join(out, `${name}.${format}`), {
          base,
          font: 'DejaVu Sans',
          seed: 123456789,
        });
        report.counts[format]!.ok++;
        report.sizes[name] = [r.width, r.height];
        report.times[format]!.push(performance.now() - t0);
      } catch (e) {
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
    o.onProgress?.(++done, names.length, name);
  }
  return report;
}

export function reportText(r: ConformanceReport): string {
  const lines = [`Vega-Lite gallery conformance: ${r.total} specs`];
  for (const f of r.formats) lines.push(`  ${f.toUpperCase()}: ${r.counts[f]!.ok} ok, ${r.counts[f]!.failed} failed`);
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
  return r.failures.some((f) => f.reason === 'unexpected') ? 1 : 0;
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
