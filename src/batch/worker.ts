/**
 * A render worker (see pool.ts).
 *
 * - paint mode: paints and encodes prepared raster scenes (render/raster/paintjob.ts); loads
 *   only the painter, fonts and sharp.
 * - full mode: plans each data file once, exactly as the main thread does, then renders jobs
 *   by path.
 *
 * Either way it posts back bytes and writes nothing.
 */
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import type { Theme } from '../theme/load.js';
import type { OutputJob } from '../write/job.js';
import type { RenderReply, RenderRequest, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;

interface Planned {
  model: Model;
  theme: Theme;
  jobs: Map<string, OutputJob>;
}

const plans = new Map<string, Promise<Planned>>();

async function planFile(file: string): Promise<Planned> {
  const [{ plan }, { loadSource }, { buildModel }, { loadTheme }, { validate }] = await Promise.all([
    import('../build.js'),
    import('../load/index.js'),
    import('../model/build.js'),
    import('../theme/load.js'),
    import('../validate/index.js'),
  ]);
  const source = loadSource(resolve(setup.cwd, file), file);
  // the main thread validated this file (glyphs included); the model hash check below catches any change
  const dataset = validate(source, {
    root: setup.root,
    langs: setup.options.langs,
    theme: setup.options.theme,
    glyphs: false,
  });
  const model = buildModel(dataset, file);
  const theme = loadTheme(setup.root, setup.options.theme ?? model.theme);
  // every job of the file, not just this worker's shard: the main thread chose which to send
  const jobs = await plan(model, theme, { ...setup.options, shard: undefined });
  return { model, theme, jobs: new Map(jobs.map((j) => [j.path, j])) };
}

async function planned(file: string, modelHash: string): Promise<Planned> {
  let p = plans.get(file);
  if (p && (await p.catch(() => undefined))?.model.hash !== modelHash) p = undefined; // the file changed since
  if (!p) {
    p = planFile(file);
    plans.set(file, p);
  }
  const r = await p;
  if (r.model.hash !== modelHash) throw new Error(`${file} changed during the build; build again`);
  return r;
}

async function handle(req: RenderRequest): Promise<RenderReply> {
  await warm;
  const t0 = performance.now();
  try {
    if (req.type === 'paint') {
      const { runPaint } = await import('../render/raster/compose.js');
      return {
        id: req.id,
        ok: true,
        bytes: await runPaint(req.job),
        ms: performance.now() - t0,
        sidecars: [],
        warnings: [],
      };
    }
    const { model, theme, jobs } = await planned(req.file, req.modelHash);
    const job = jobs.get(req.path);
    if (!job) throw new Error(`no output ${req.path} planned for ${req.file}`);
    const warnings: string[] = [];
    const out = await job.render({
      model,
      theme,
      root: setup.root,
      strict: Boolean(setup.options.strict),
      warn: (m) => warnings.push(m),
    });
    return {
      id: req.id,
      ok: true,
      bytes: out.bytes,
      width: out.width,
      height: out.height,
      ms: performance.now() - t0,
      sidecars: (out.sidecars ?? []).map((s) => ({ path: s.path, bytes: s.bytes })),
      warnings: [...warnings, ...(out.warnings ?? [])],
    };
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    return {
      id: req.id,
      ok: false,
      message: err.message,
      name: err.name,
      code: typeof err.code === 'string' ? err.code : undefined,
      exitCode: err.exitCode,
      stack: err.stack,
    };
  }
}

// warm up while the main thread is still planning: what this worker will need, and no more
// (a paint worker never loads vega or pdfkit; a cards-only build never needs pdfkit)
const kinds = new Set(setup.options.only?.length ? setup.options.only : ['pdf', 'poster', 'card', 'chart']);
const warm = (
  setup.mode === 'paint'
    ? Promise.all([import('sharp'), import('../render/raster/compose.js')])
    : Promise.all([
        import('vega'),
        import('vega-lite'),
        import('../charts/article/render.js'),
        kinds.has('card') || kinds.has('poster') ? import('sharp') : undefined,
        kinds.has('card') ? import('../render/card/render.js') : undefined,
        kinds.has('poster') ? import('../render/poster/render.js') : undefined,
        kinds.has('pdf') ? import('../render/pdf/render.js') : undefined,
      ])
).catch(() => undefined);

parentPort!.on('message', (req: RenderRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});
