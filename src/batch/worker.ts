/**
 * A render worker (see pool.ts).
 *
 * - paint mode: finishes prepared work (raster scenes to paint and encode); loads only the
 *   finishers (the painter, fonts and sharp).
 * - full mode: holds each dataset's model and theme (sent once), and renders planned jobs from
 *   their specs: `jobFromSpec` asks the kind's planner for that one job. It never loads,
 *   validates, models or plans a data file.
 *
 * Either way it posts back bytes and writes nothing.
 */
import { workerData, parentPort } from 'node:worker_threads';
import type { DatasetContext, RenderReply, RenderRequest, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const contexts = new Map<number, DatasetContext>();

async function handle(req: Extract<RenderRequest, { id: number }>): Promise<RenderReply> {
  await warm;
  const t0 = performance.now();
  try {
    if (req.type === 'finish') {
      const { finish } = await import('../render/offload.js');
      return {
        id: req.id,
        ok: true,
        bytes: await finish(req.work),
        ms: performance.now() - t0,
        sidecars: [],
        warnings: [],
      };
    }
    const context = contexts.get(req.key);
    if (!context) throw new Error(`render worker: no dataset context ${req.key} for ${req.path}`);
    const { model, theme, root, strict } = context;
    const { jobFromSpec } = await import('../render/registry.js');
    const job = await jobFromSpec(model, theme, req.spec);
    if (job.path !== req.path) throw new Error(`render worker: the spec of ${req.path} rebuilt ${job.path}`);
    const warnings: string[] = [];
    const out = await job.render({ model, theme, root, strict, warn: (m) => warnings.push(m) });
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
const warm = (
  setup.mode === 'paint'
    ? import('../render/offload.js').then((m) => Promise.all(Object.values(m.FINISHERS).map((load) => load())))
    : import('../render/registry.js').then((m) => m.preload(setup.kinds))
).catch(() => undefined);

parentPort!.on('message', (req: RenderRequest) => {
  if (req.type === 'context') contexts.set(req.key, req.context);
  else if (req.type === 'drop') contexts.delete(req.key);
  else void handle(req).then((reply) => parentPort!.postMessage(reply));
});
