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
import { DatapressError, EXIT, InvalidInputError } from './errors.js';
import { displayPath, resolveInputs } from './inputs.js';
import { msg } from './messages.js';
import { sha256 } from './model/hash.js';
import type { Model } from './model/types.js';
import { KINDS, planners } from './render/registry.js';
import type { Theme } from './theme/load.js';
import { sweepTemps, writeAtomic, writeAtomicAsync, safeJoin } from './write/atomic.js';
import { inputHash, upToDate } from './write/cache.js';
import { pngSize } from './write/imagesize.js';
import type { OutputJob, OutputKind, PlanOptions } from './write/job.js';
import { readManifest, serializeManifest, type Manifest, type ManifestEntry } from './write/manifest.js';
import { shardOf, type Shard } from './write/shard.js';
import { packageRoot, VERSION } from './version.js';
import { RenderPool } from './batch/pool.js';
import { freshStamp, inputsChanged, leftAsIs, stampKey, writeStamp } from './batch/stamp.js';

export interface BuildOptions {
  /** data files, folders or globs (default data/*.yaml) */
  inputs?: string[];
  /** output folder (default output/) */
  out?: string;
  /** output kinds (default all) */
  only?: OutputKind[];
  /** languages, in order (default: the dataset's) */
  langs?: string[];
  /** theme name (default: the dataset's, else newspaper) */
  theme?: string;
  /** preset names to restrict posters/cards to */
  presets?: string[];
  /** text that overflows its box is an error, not a warning */
  strict?: boolean;
  /** ignore the cache: render everything */
  force?: boolean;
  /** compare only: report stale or missing outputs, write nothing */
  check?: boolean;
  /** outputs rendered at once (default: cores) */
  concurrency?: number;
  /** build part k of n */
  shard?: Shard;
  /** card file name pattern (--name) */
  name?: string;
  /** card image format (--format) */
  format?: PlanOptions['format'];
  /** stop at the first failing dataset */
  failFast?: boolean;
  /** working folder for relative paths (default process.cwd()) */
  cwd?: string;
  /** where templates/ live (default: the package) */
  root?: string;
  onEvent?: (event: BuildEvent) => void;
  /** @internal the worker pool build() shares between datasets */
  renderPool?: RenderPool;
}

export type BuildEvent =
  | { type: 'plan'; dataset: string; total: number; stale: number }
  | {
      type: 'output';
      dataset: string;
      path: string;
      kind: OutputKind;
      status: 'written' | 'unchanged' | 'stale' | 'failed';
      ms: number;
      error?: string;
    }
  | { type: 'warning'; dataset: string; message: string }
  | { type: 'dataset-failed'; file: string; error: Error };

export interface DatasetResult {
  file: string;
  dataset?: string;
  outDir?: string;
  written: string[];
  unchanged: string[];
  /** --check: outputs a build would write */
  stale: string[];
  /** --check: files no longer produced */
  extra: string[];
  failed: { path: string; error: string }[];
  warnings: string[];
  error?: Error;
}

export interface BuildResult {
  datasets: DatasetResult[];
  exitCode: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = options.root ?? packageRoot();
  const out = resolve(cwd, options.out ?? 'output');
  const files = resolveInputs(options.inputs ?? [], cwd);
  const concurrency = options.concurrency ?? availableParallelism();
  // one pool for every dataset of this build; its workers start on the first output to render
  const renderPool =
    options.renderPool ??
    RenderPool.create(concurrency, {
      cwd,
      root,
      options: {
        only: options.only,
        langs: options.langs,
        theme: options.theme,
        presets: options.presets,
        strict: options.strict,
        name: options.name,
        format: options.format,
      },
    });
  const opts: BuildOptions = { ...options, renderPool };
  const previousOutputs = hasManifests(out);
  const results: DatasetResult[] = new Array(files.length);
  let next = 0;
  let stop = false;
  const one = async (file: string): Promise<DatasetResult> => {
    let key: string | undefined;
    try {
      key = stampKey(file, options, root, VERSION);
    } catch {
      key = undefined; // unreadable file: the full build reports it with its name
    }
    const stamp = key && !options.force ? freshStamp(out, file, key) : undefined;
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
    if (!options.check && (!previousOutputs || (key !== undefined && inputsChanged(out, file, key))))
      renderPool?.warm();
    const r = await buildDataset(file, opts, cwd);
    if (key && !options.check && !r.error && !r.failed.length && r.dataset && r.outDir)
      writeStamp(out, file, key, r.dataset, r.outDir);
    return r;
  };
  // datasets overlap (planning one while workers render another); each is independent
  const lanes = Math.max(1, Math.min(renderPool && !options.failFast ? 2 : 1, files.length));
  try {
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < files.length && !stop) {
          const i = next++;
          const r = await one(files[i]);
          results[i] = r;
          if (r.error) options.onEvent?.({ type: 'dataset-failed', file: r.file, error: r.error });
          if (r.error && options.failFast) stop = true;
        }
      }),
    );
  } finally {
    if (!options.renderPool) await renderPool?.close();
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

/** One dataset through every phase. Errors are captured in the result: other datasets go on. */
export async function buildDataset(file: string, options: BuildOptions, cwd = process.cwd()): Promise<DatasetResult> {
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
    for (const note of model.notes) {
      // a language formatted through Intl: say which idioms it lacks
      result.warnings.push(note);
      options.onEvent?.({ type: 'warning', dataset: model.id, message: note });
    }
    const theme = loadTheme(root, options.theme ?? model.theme);
    result.dataset = model.id;
    const jobs = await plan(model, theme, options); // charts + layouts
    const outRoot = resolve(cwd, options.out ?? 'output');
    const outDir = safeJoin(outRoot, model.id);
    result.outDir = outDir;
    (await import('./validate/limits.js')).checkPlan(jobs, outDir); // paths and pixel caps, before rendering
    const known = leftAsIs(outRoot, file, outDir); // outputs untouched since the last build
    await renderAndWrite(model, theme, jobs, outDir, root, options, result, known); // render, write + manifest
  } catch (e) {
    result.error = e as Error;
  }
  return result;
}

/** The outputs of one dataset, sorted by path (this shard's, with --shard). Exported for render workers. */
export async function plan(
  model: Model,
  theme: Theme,
  options: Pick<BuildOptions, 'only' | 'langs' | 'strict' | 'presets' | 'name' | 'format' | 'shard'>,
): Promise<OutputJob[]> {
  const kinds = options.only?.length ? options.only : KINDS;
  const planOptions: PlanOptions = {
    langs: options.langs?.length ? options.langs : model.langs,
    explicitLangs: Boolean(options.langs?.length),
    strict: Boolean(options.strict),
    presets: options.presets,
    name: options.name,
    format: options.format,
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
    : leftovers.filter((f) => builtKinds.has(f.kind) && !(options.langs?.length || options.presets?.length));
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
  // a few outputs render faster here than it takes a worker to start and re-plan
  const workers = todo.length > 4 ? options.renderPool : undefined;
  // with workers, everything is queued at once so the pool can keep each highlight on one worker;
  // the longest first (PDFs, then by pixels: print posters before cards) so no big job ends the build alone
  const queue = [...todo].sort((a, b) => workload(b.job) - workload(a.job));
  await pool(queue, workers ? todo.length : (options.concurrency ?? availableParallelism()), async ({ job, hash }) => {
    const t0 = performance.now();
    try {
      const out = workers
        ? await workers.render(
            {
              file: result.file,
              modelHash: model.hash,
              path: job.path,
              affinity: job.highlight ?? job.layout ?? job.kind,
              paints: paints(job),
            },
            (paint) => job.render(paint ? { ...ctx, paint } : ctx),
          )
        : await job.render(ctx);
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
      if (options.strict || (error as { code?: string }).code === 'MISSING_GLYPH' || options.failFast) throw error;
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
  });

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

/** Run `fn` over items with at most `n` in flight; the first error stops new work and is thrown. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  if (failure !== undefined) throw failure;
}
