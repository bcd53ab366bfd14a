/**
 * `npm run bench`: build-level timings on the seed (cold, no-op, one highlight edited), per-output
 * medians by kind, peak RSS, a naive baseline (one process per output, no cache) as a ratio, then
 * the engines' own benches (src/bench/{text,charts,pdf,raster}.ts, those that exist).
 * Prints a table and writes output/bench.json. Not a test: numbers depend on the machine.
 *
 *   npm run bench                 # everything
 *   npm run bench -- --quick      # skip the naive baseline and the engine benches
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../version.js';
import type { ThreadCpu } from './cpuhook.js';

const ROOT = packageRoot();
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const SEED = join(ROOT, 'data', 'nmg-social-security-2021.yaml');
/** peak RSS and CPU seconds by thread of each build (cpuhook.ts) */
const RSS_HOOK = new URL('./cpuhook.js', import.meta.url).href;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const r1 = (n: number) => Math.round(n * 10) / 10;

interface Timed {
  ms: number;
  rssMB: number;
  /** CPU seconds by thread (Linux) */
  cpu?: ThreadCpu;
  code: number;
  summary?: { datasets: { written: number; unchanged: number }[] };
}

function runCli(args: string[], cwd: string): Timed {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'dp-rss-')), 'rss');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...args, '--json', '--no-gallery'], {
    cwd,
    env: { ...process.env, CI: 'true', DP_RSS: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  let rssMB = NaN;
  let cpu: ThreadCpu | undefined;
  try {
    const hook = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpu?: ThreadCpu };
    rssMB = hook.maxRSS / 1024;
    cpu = hook.cpu;
  } catch {
    /* no numbers */
  }
  let summary: Timed['summary'];
  try {
    summary = JSON.parse(r.stdout);
  } catch {
    process.stderr.write(r.stderr);
  }
  rmSync(dirname(rssFile), { recursive: true, force: true });
  return { ms, rssMB, cpu, code: r.status ?? 1, summary };
}

/** Per-output render times by kind, in one thread (true per-output cost, no overlap). */
async function perOutput(data: string, out: string): Promise<Record<string, number> & { outputs: number }> {
  const { build } = await import('../build.js');
  const byKind: Record<string, number[]> = {};
  let outputs = 0;
  await build({
    inputs: [data],
    out,
    force: true,
    concurrency: 1,
    onEvent: (e) => {
      if (e.type === 'output' && e.status === 'written') {
        byKind[e.kind] ??= [];
        byKind[e.kind].push(e.ms);
        outputs++;
      }
    },
  });
  const res: Record<string, number> = {};
  for (const [k, v] of Object.entries(byKind)) res[`${k} median ms (${v.length})`] = r1(median(v));
  return Object.assign(res, { outputs });
}

/** One output in a fresh process, nothing cached: what a naive pipeline pays per file. */
async function naiveOne(file: string, path: string, out: string): Promise<void> {
  const [{ loadSource }, { validate }, { buildModel }, { loadTheme }, { plan }, { writeAtomic }] = await Promise.all([
    import('../load/index.js'),
    import('../validate/index.js'),
    import('../model/build.js'),
    import('../theme/load.js'),
    import('../build.js'),
    import('../write/atomic.js'),
  ]);
  const model = buildModel(validate(loadSource(file, file), { root: ROOT }), file);
  const theme = loadTheme(ROOT, model.theme);
  const job = (await plan(model, theme, {})).find((j) => j.path === path);
  if (!job) throw new Error(`no job ${path}`);
  const r = await job.render({ model, theme, root: ROOT, strict: false, warn: () => {} });
  writeAtomic(join(out, path), r.bytes);
}

/** The naive baseline on a sample of outputs, `cores` processes at a time, extrapolated to all. */
async function naive(
  paths: string[],
  sample: number,
  out: string,
): Promise<{ sampled: number; perOutputMs: number; estimatedMs: number }> {
  const step = Math.max(1, Math.floor(paths.length / sample));
  const picked = paths.filter((_, i) => i % step === 0).slice(0, sample);
  const cores = availableParallelism();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (next < picked.length) {
        const p = picked[next++];
        await new Promise<void>((done) => {
          spawn(process.execPath, [new URL(import.meta.url).pathname, '--naive-one', SEED, p, out], {
            stdio: 'ignore',
          }).on('exit', () => done());
        });
      }
    }),
  );
  const wall = performance.now() - t0;
  const perOutputMs = (wall * cores) / picked.length;
  return {
    sampled: picked.length,
    perOutputMs: r1(perOutputMs),
    estimatedMs: r1((perOutputMs * paths.length) / cores),
  };
}

function engines(): Record<string, Record<string, number> | string> {
  const out: Record<string, Record<string, number> | string> = {};
  // each bench with its own defaults (benchText's first parameter is a run count, benchCharts' an options object)
  const benches: [string, string, string, unknown[]][] = [
    ['text', './text.js', 'benchText', []],
    ['charts', './charts.js', 'benchCharts', [{}]],
    ['pdf', './pdf.js', 'benchPdf', []],
    ['raster', './raster.js', 'benchRaster', []],
  ];
  // each in a fresh process, so "cold" numbers are cold (no fonts, Vega or caches from an earlier bench)
  for (const [name, mod, fn, args] of benches) {
    const url = new URL(mod, import.meta.url).href;
    const code = `const m = await import(${JSON.stringify(url)}); if (typeof m.${fn} === 'function') process.stdout.write(JSON.stringify(await m.${fn}(...${JSON.stringify(args)})));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    try {
      if (r.status !== 0) throw new Error(r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
      if (r.stdout) out[name] = JSON.parse(r.stdout) as Record<string, number>;
    } catch (e) {
      out[name] = `not run: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  return out;
}

function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}

async function main() {
  const quick = process.argv.includes('--quick');
  const work = mkdtempSync(join(tmpdir(), 'datapress-bench-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  const data = join(dataDir, 'nmg-social-security-2021.yaml');
  cpSync(SEED, data);
  const out = join(work, 'output');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`datapress bench: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);

  // cold: median of three fresh builds (single runs on a shared VM vary by ±10%)
  log('cold full builds (3)…');
  const colds = [0, 1, 2].map((i) => runCli(['build', data, '-o', i === 2 ? out : `${out}-${i}`], work));
  const cold = [...colds].sort((a, b) => a.ms - b.ms)[1]!;
  const total = colds[2]!.summary?.datasets[0]?.written ?? 0;

  log('no-op rebuilds…');
  const noops = Array.from({ length: 5 }, () => runCli(['build', data, '-o', out], work));
  rmSync(join(out, '.datapress'), { recursive: true, force: true });
  const noopNoStamp = runCli(['build', data, '-o', out], work);

  log('one-highlight rebuilds…');
  const seedText = readFileSync(data, 'utf8');
  const edits = [4300, 4200, 4300].map((v) => {
    writeFileSync(
      data,
      seedText.replace(
        '{id: eldercare.pastoral.beds, year: 2020, value: 4200}',
        `{id: eldercare.pastoral.beds, year: 2020, value: ${v}}`,
      ),
    );
    return runCli(['build', data, '-o', out], work);
  });
  writeFileSync(data, seedText);

  log('per-output medians (one thread)…');
  const per = await perOutput(data, join(work, 'per-output'));

  let naiveRes: Awaited<ReturnType<typeof naive>> | undefined;
  let engineRes: Awaited<ReturnType<typeof engines>> = {};
  if (!quick) {
    log('naive baseline (one process per output, no cache; sampled)…');
    const manifest = JSON.parse(readFileSync(join(out, 'nmg-social-security-2021', 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    naiveRes = await naive(
      manifest.files.map((f) => f.path),
      12,
      join(work, 'naive'),
    );
    log('engine benches…');
    engineRes = engines();
  }

  const result = {
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version },
    outputs: total,
    coldMs: r1(cold.ms),
    coldRunsMs: colds.map((c) => r1(c.ms)),
    coldExit: cold.code,
    /** CPU seconds by thread of the median cold build: comparable on a busy machine where wall times are not */
    coldCpu: cold.cpu && Object.fromEntries(Object.entries(cold.cpu).map(([k, v]) => [k, r1(v)])),
    noopMs: r1(median(noops.map((n) => n.ms))),
    noopWithoutStampMs: r1(noopNoStamp.ms),
    oneHighlightMs: r1(median(edits.map((e) => e.ms))),
    oneHighlightWritten: edits.map((e) => e.summary?.datasets[0]?.written ?? NaN),
    peakRssMB: r1(Math.max(cold.rssMB, ...edits.map((e) => e.rssMB))),
    perOutput: per,
    naive: naiveRes && { ...naiveRes, ratioToCold: r1(naiveRes.estimatedMs / cold.ms) },
    engines: engineRes,
    goals: { coldMs: 3000, noopMs: 300 },
  };
  const rows: [string, string][] = [
    ['outputs', String(total)],
    ['cold full build (median of 3)', `${result.coldMs} ms (exit ${cold.code}; runs ${result.coldRunsMs.join(', ')})`],
    ...(result.coldCpu
      ? ([
          [
            'cold build CPU (that run)',
            `${result.coldCpu.process} s: main thread ${result.coldCpu.main}, render workers ${result.coldCpu.workers}, V8/libuv background ${result.coldCpu.background}, libvips ${result.coldCpu.libvips}`,
          ],
        ] as [string, string][])
      : []),
    ['no-op rebuild (median of 5)', `${result.noopMs} ms`],
    ['no-op without the stamp', `${result.noopWithoutStampMs} ms`],
    [
      'one highlight edited (median of 3)',
      `${result.oneHighlightMs} ms, ${result.oneHighlightWritten.join('/')} written`,
    ],
    ['peak RSS', `${result.peakRssMB} MB`],
    ...Object.entries(per)
      .filter(([k]) => k !== 'outputs')
      .map(([k, v]) => [`  ${k}`, String(v)] as [string, string]),
  ];
  if (result.naive)
    rows.push([
      'naive baseline (estimated)',
      `${result.naive.estimatedMs} ms (${result.naive.perOutputMs} ms per output, ${result.naive.sampled} sampled) = ${result.naive.ratioToCold}× cold`,
    ]);
  for (const [name, r] of Object.entries(engineRes)) {
    if (typeof r === 'string') rows.push([name, r]);
    else for (const [k, v] of Object.entries(r)) rows.push([`${name}: ${k}`, String(v)]);
  }
  process.stdout.write(`${table(rows)}\n`);
  mkdirSync(join(ROOT, 'output'), { recursive: true });
  writeFileSync(join(ROOT, 'output', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${join(ROOT, 'output', 'bench.json')}`);
  rmSync(work, { recursive: true, force: true });
}

if (process.argv[2] === '--naive-one') {
  naiveOne(process.argv[3], process.argv[4], process.argv[5]).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  });
} else {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  });
}
