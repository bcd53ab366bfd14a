/**
 * Work that renderers hand off as plain data (`Deferred`), and the code that finishes it. A
 * renderer that prepared a raster scene on this thread can let a worker of the render pool paint
 * and encode it: the pool and its workers know only task names and bytes, never a renderer.
 */
import type { Deferred, Offload } from '../write/job.js';
import type { Painter, PaintJob } from './raster/paintjob.js';

/** a raster scene (render/raster/paintjob.ts) painted and encoded to image bytes */
export const PAINT = 'raster.paint';

type Finisher = (data: unknown) => Promise<Buffer>;

/** Task name → loader of its finisher (loaded on first use; a worker preloads them). */
export const FINISHERS: Record<string, () => Promise<Finisher>> = {
  [PAINT]: async () => {
    const { runPaint } = await import('./raster/compose.js');
    return (data) => runPaint(data as PaintJob);
  },
};

const loaded = new Map<string, Promise<Finisher>>();

/** Finish prepared work on this thread. */
export async function finish(work: Deferred): Promise<Buffer> {
  const load = FINISHERS[work.task];
  if (!load) throw new Error(`no finisher for prepared work "${work.task}"`);
  let f = loaded.get(work.task);
  if (!f) {
    f = load();
    loaded.set(work.task, f);
  }
  return (await f)(work.data);
}

/** A raster painter that hands its scenes to `offload` (none: the raster renderer paints them itself). */
export function painter(offload?: Offload): Painter | undefined {
  return offload && ((job) => offload({ task: PAINT, data: job }));
}
