/**
 * The build pipeline. Per dataset, one call per phase:
 *
 *   load ─► validate ─► model ─► plan (charts, layouts) ─► render (pdfkit / sharp) ─► write + manifest
 *   src/load  src/validate  src/model  src/render/registry     job.render()        src/write
 *
 * Planning is cheap and loads no renderer; every output's input hash is compared with the
 * previous manifest first, so an unchanged build renders nothing (incremental, --check).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type DatasetContext, RenderPool } from './batch/pool.js';
import { freshStamp, inputsChanged, leftAsIs, stampKey, writeStamp } from './batch/stamp.js';
import type { BuildOptions, BuildResult, DatasetResult } from './core/types.js';
import { DatapressError, EXIT, InvalidInputError } from './errors.js';
import { displayPath, resolveInputs } from './inputs.js';
import { msg } from './messages.js';
import { sha256 } from './model/hash.js';
import type { Model } from './model/types.js';
import { KINDS, planners } from './render/registry.js';
import type { Theme } from './theme/load.js';
import { safeJoin, sweepTemps, writeAtomic, writeAtomicAsync } from './write/atomic.js';
import { inputHash, upToDate } from './write/cache.js';
import { pngSize } from './write/imagesize.js';
import type { OutputJob, PlanOptions } from './write/job.js';
import { type Manifest, type ManifestEntry, readManifest, serializeManifest } from './write/manifest.js';
import { shardOf } from './write/shard.js';
import { packageRoot, VERSION } from './version.js';
import { lockOutput } from './batch/lock.js';
import { referencedFiles } from './load/files.js';

export type { BuildEvent, BuildOptions, BuildResult, DatasetResult } from './core/types.js';

/** What build() shares with its callers beyond the options (benchmarks, tests): a render pool to reuse. */
export interface BuildInternals {
  /** the render pool, kept open across builds; default: a pool of `concurrency` slots for this build */
  renderPool?: RenderPool;
}

export async function build(options: BuildOptions = {}, internals: BuildInternals = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = options.root ?? packageRoot();
  const out = resolve(cwd, options.out ?? 'output');
  const files = resolveInputs(options.inputs ?? [], cwd);
  // --out checked (exit 2) and locked: one build per output folder (exit 1, or wait with --wait)
  const lock = options.lock ? undefined : await lockOutput(out, { wait: options.wait, check: options.check });
  const concurrency = options.concurrency ?? availableParallelism();
  // the build's one scheduler, for every dataset: its workers start on the first output to render
  const renderPool = internals.renderPool ?? RenderPool.create(concurrency, options.only);
  const previousOutputs = hasManifests(out);
  const results: DatasetResult[] = new Array(files.length);
  let stop = false;
  const one = async (file: string): Promise<DatasetResult> => {
    let key: string | undefined;
    try {
      key = stampKey(file, options, root, VERSION);
    } catch {
      key = undefined; // unreadable file: the full build reports it with its name
    }
    const stamp = key && !options.force && !options.verify ? freshStamp(out, file, key) : undefined;
    if (stamp) {
      // nothing this build reads has changed and every file is as it was left: done, from hashes alone
      const paths = stamp.files.map((f) => f[0]).filter((p) => p !== 'manifest.json');
      options.onEvent?.({ type: 'plan', dataset: stamp.dataset, total: paths.length, stale: 0 });
      return {
        file: displayPath(file, cwd),
        dataset: stamp.dataset,
        outDir: resolve(out, stamp.dir),
        written: [],
        unchanged: paths,
        stale: [],
        extra: [],
        failed: [],
        warnings: [],
      };
    }
    // a first build into this folder, or inputs changed since the last one: outputs will render, so
    // the workers load the renderers while this thread validates and plans (otherwise they start
    // once the hashes say what to render)
    if (!options.check && (!previousOutputs || (key !== undefined && inputsChanged(out, file, key)))) renderPool.warm();
    const r = await buildDataset(file, options, cwd, renderPool);
    if (key && !options.check && !r.error && !r.failed.length && r.dataset && r.outDir)
      writeStamp(out, file, key, r.dataset, r.outDir, r.referenced);
    return r;
  };
  // Datasets go one after another into the pool; the next one loads, validates and plans while
  // the pool renders the one before, so at most two are in memory. With --fail-fast, or a
  // one-slot pool, each waits for the one before.
  const overlap = renderPool.size > 1 && !options.failFast;
  const running: Promise<void>[] = [];
  try {
    for (let i = 0; i < files.length && !stop; i++) {
      const done = one(files[i]!).then((r) => {
        results[i] = r;
        if (r.error) options.onEvent?.({ type: 'dataset-failed', file: r.file, error: r.error });
        if (r.error && options.failFast) stop = true;
      });
      running.push(done);
      await (overlap ? running[running.length - 2] : done);
    }
    await Promise.all(running);
  } finally {
    if (!internals.renderPool) await renderPool.close();
    lock?.release();
  }
  const done = results.filter(Boolean);
  const invalid = done.some(
    (r) =>
      r.error instanceof InvalidInputError || (r.error instanceof DatapressError && r.error.exitCode === EXIT.invalid),
  );
  const failed = done.some((r) => r.error || r.failed.length || (options.check && (r.stale.length || r.extra.length)));
  return { datasets: done, exitCode: invalid && done.length === 1 ? EXIT.invalid : failed ? EXIT.failed : EXIT.ok };
}

/** Rough render cost of a job, for ordering only: a PDF report, else its pixels. */
function workload(job: OutputJob): number {
  return job.kind === 'pdf' ? 1e9 : (job.width ?? 0) * (job.height ?? 0);
}

/** Whether a job hands a raster scene to a painter (render pool, paint mode). */
function paints(job: OutputJob): boolean {
  return (job.kind === 'card' || job.kind === 'poster') && !job.path.endsWith('.pdf');
}

/** Whether any dataset was built into `out` before (a manifest in one of its folders). */
function hasManifests(out: string): boolean {
  try {
    return readdirSync(out, { withFileTypes: true }).some(
      (d) => d.isDirectory() && existsSync(join(out, d.name, 'manifest.json')),
    );
  } catch {
    return false;
  }
}

/**
 * One dataset through every phase. Errors are captured in the result: other datasets go on.
 * Its outputs render in `pool`: build() passes the build's pool (with workers); called on its own,
 * on this thread alone.
 */
export async function buildDataset(
  file: string,
  options: BuildOptions,
  cwd = process.cwd(),
  pool?: RenderPool,
): Promise<DatasetResult> {
  const root = options.root ?? packageRoot();
  const result: DatasetResult = {
    file: displayPath(file, cwd),
    written: [],
    unchanged: [],
    stale: [],
    extra: [],
    failed: [],
    warnings: [],
  };
  try {
    // loaded here, not at the top: a no-op build (build() and its stamps) never parses YAML or loads zod
    const [{ loadSource }, { validate }, { buildModel }, { loadTheme }] = await Promise.all([
      import('./load/index.js'),
      import('./validate/index.js'),
      import('./model/build.js'),
      import('./theme/load.js'),
    ]);
    const source = loadSource(file, result.file); // load
    const dataset = validate(source, { root, langs: options.langs, theme: options.theme }); // validate (+ the theme's glyphs)
    const model = buildModel(dataset, result.file); // model
    result.referenced = referencedFiles(model, file); // the files it names, for the stamp
    for (const note of model.notes) {
      // a language formatted through Intl: say which idioms it lacks
      result.warnings.push(note);
      options.onEvent?.({ type: 'warning', dataset: model.id, message: note });
    }
    const base = loadTheme(root, options.theme ?? model.theme);
    // its fonts for this dataset's languages (English beside Traditional Chinese in TC or HK forms)
    const { fontsForDataset } = await import('./text/fonts.js');
    const theme = { ...base, fonts: fontsForDataset(base.fonts, model.langs) };
    result.dataset = model.id;
    const jobs = await plan(model, theme, options); // charts + layouts
    const outRoot = resolve(cwd, options.out ?? 'output');
    const outDir = safeJoin(outRoot, model.id);
    result.outDir = outDir;
    (await import('./validate/limits.js')).checkPlan(jobs, outDir); // paths and pixel caps, before rendering
    const known = options.verify ? undefined : leftAsIs(outRoot, file, outDir); // outputs untouched since the last build
    const renderPool = pool ?? RenderPool.local(options.concurrency ?? availableParallelism());
    try {
      await renderAndWrite(model, theme, jobs, outDir, root, options, result, renderPool, known); // render, write + manifest
    } finally {
      if (!pool) await renderPool.close();
    }
  } catch (e) {
    result.error = e as Error;
  }
  return result;
}

/** The outputs of one dataset, sorted by path (this shard's, with --shard). */
export async function plan(
  model: Model,
  theme: Theme,
  options: Pick<
    BuildOptions,
    'only' | 'langs' | 'strict' | 'presets' | 'name' | 'format' | 'shard' | 'page' | 'bleedMm'
  >,
): Promise<OutputJob[]> {
  const kinds = options.only?.length ? options.only : KINDS;
  const planOptions: PlanOptions = {
    langs: options.langs?.length ? options.langs : model.langs,
    explicitLangs: Boolean(options.langs?.length),
    strict: Boolean(options.strict),
    presets: options.presets,
    name: options.name,
    format: options.format,
    page: options.page,
    bleedMm: options.bleedMm,
  };
  const jobs = (await planners(kinds)).flatMap((p) => p.plan(model, theme, planOptions));
  const seen = new Set<string>();
  for (const j of jobs) {
    if (seen.has(j.path)) throw new DatapressError(`Two outputs would be written to ${j.path}`);
    seen.add(j.path);
  }
  jobs.sort((a, b) => (a.path < b.path ? -1 : 1));
  return options.shard
    ? jobs.filter((j) => shardOf(`${model.id}/${j.path}`, options.shard!.count) === options.shard!.index)
    : jobs;
}

async function renderAndWrite(
  model: Model,
  theme: Theme,
  jobs: OutputJob[],
  outDir: string,
  root: string,
  options: BuildOptions,
  result: DatasetResult,
  pool: RenderPool,
  known?: Map<string, [number, number]>,
) {
  const manifestFile = join(outDir, 'manifest.json');
  const prev = readManifest(manifestFile);
  const emit = options.onEvent ?? (() => {});
  if (!options.check) sweepTemps(outDir);

  const todo: { job: OutputJob; hash: string }[] = [];
  const entries = new Map<string, ManifestEntry>();
  for (const job of jobs) {
    const hash = inputHash(job, root, VERSION);
    const hit = options.force ? undefined : upToDate(prev, job, hash, outDir, known);
    if (hit) {
      entries.set(job.path, hit);
      result.unchanged.push(job.path);
    } else todo.push({ job, hash });
  }
  const planned = new Set(jobs.map((j) => j.path));
  const builtKinds = new Set(jobs.map((j) => j.kind).concat(options.only ?? KINDS));
  const leftovers = (prev?.files ?? []).filter((f) => !planned.has(f.path));
  const removed = options.shard
    ? []
    : leftovers.filter(
        (f) => builtKinds.has(f.kind) && !(options.langs?.length || options.presets?.length || options.page),
      );
  emit({ type: 'plan', dataset: model.id, total: jobs.length, stale: todo.length });

  if (options.check) {
    result.stale = todo.map((t) => t.job.path);
    result.extra = removed.map((f) => f.path);
    for (const { job } of todo)
      emit({ type: 'output', dataset: model.id, path: job.path, kind: job.kind, status: 'stale', ms: 0 });
    return;
  }

  const ctx = {
    model,
    theme,
    root,
    strict: Boolean(options.strict),
    warn: (message: string) => {
      result.warnings.push(message);
      emit({ type: 'warning', dataset: model.id, message });
    },
  };
  // what workers render this dataset's jobs from (sent to each once)
  const context: DatasetContext = { model, theme, root, strict: ctx.strict };
  // a few outputs render faster here than it takes a worker to start
  const here = todo.length <= 4;
  // the first error that stops the build (--strict, a missing glyph, --fail-fast): jobs not yet started are dropped
  const abort = new AbortController();
  let fatal: unknown;
  // everything is queued at once so the pool can keep each highlight on one worker; the longest
  // first (PDFs, then by pixels: print posters before cards) so no big job ends the build alone
  const queue = [...todo].sort((a, b) => workload(b.job) - workload(a.job));
  const one = async ({ job, hash }: { job: OutputJob; hash: string }) => {
    const t0 = performance.now();
    try {
      const out = await pool.render(
        {
          path: job.path,
          spec: job.spec,
          context,
          affinity: job.highlight ?? job.layout ?? job.kind,
          paints: paints(job),
          here,
          signal: abort.signal,
        },
        async (offload) => {
          // time from the job's start on this thread, not from when it was queued
          const t = performance.now();
          const r = await job.render(offload ? { ...ctx, offload } : ctx);
          return { ...r, ms: r.ms ?? performance.now() - t };
        },
      );
      for (const w of out.warnings ?? []) ctx.warn(w);
      await Promise.all([
        writeAtomicAsync(safeJoin(outDir, job.path), out.bytes),
        ...(out.sidecars ?? []).map((s) => writeAtomicAsync(safeJoin(outDir, s.path), s.bytes)),
      ]);
      entries.set(job.path, {
        path: job.path,
        kind: job.kind,
        langs: job.langs,
        preset: job.preset,
        layout: job.layout,
        highlight: job.highlight,
        ...(pngSize(out.bytes) ?? { width: out.width ?? job.width, height: out.height ?? job.height }),
        sha256: sha256(out.bytes),
        bytes: out.bytes.length,
        alt: job.alt,
        inputHash: hash,
      });
      result.written.push(job.path);
      emit({
        type: 'output',
        dataset: model.id,
        path: job.path,
        kind: job.kind,
        status: 'written',
        ms: out.ms ?? performance.now() - t0,
      });
    } catch (e) {
      const error = e as Error;
      if (abort.signal.aborted) return; // dropped after the build stopped
      if (options.strict || (error as { code?: string }).code === 'MISSING_GLYPH' || options.failFast) {
        fatal = error;
        abort.abort(error);
        return;
      }
      result.failed.push({ path: job.path, error: error.message });
      emit({
        type: 'output',
        dataset: model.id,
        path: job.path,
        kind: job.kind,
        status: 'failed',
        ms: performance.now() - t0,
        error: error.message,
      });
    }
  };
  try {
    await Promise.all(queue.map(one));
  } finally {
    pool.release(context);
  }
  if (fatal !== undefined) throw fatal;

  // a failed output keeps its previous file and entry; outputs of other kinds stay listed
  for (const f of result.failed) {
    const old = prev?.files.find((e) => e.path === f.path);
    if (old) entries.set(f.path, old);
  }
  for (const f of leftovers) if (!removed.includes(f)) entries.set(f.path, f);
  // outputs no longer built (a highlight removed, a preset dropped from a layout) leave with their entry
  for (const f of removed) {
    rmSync(safeJoin(outDir, f.path), { force: true });
    if (f.kind === 'card') rmSync(safeJoin(outDir, f.path.replace(/\.\w+$/, '.txt')), { force: true });
  }
  const manifest: Manifest = {
    dataset: model.id,
    datapress: VERSION,
    dataHash: model.hash,
    files: [...entries.values()],
  };
  const text = serializeManifest(manifest);
  if (!prev || serializeManifest(prev) !== text) writeAtomic(manifestFile, text);
  if (result.failed.length)
    throw new DatapressError(
      `${msg.buildFailed(result.failed.length)}:\n${result.failed.map((f) => `  ${f.path}: ${f.error}`).join('\n')}`,
    );
}
