import type { Model } from '../model/types.js';
import type { Theme } from '../theme/types.js';
import type { JobSpec, OutputJob, OutputKind, Planner } from '../write/job.js';

/**
 * Output kinds and their planners. Planner modules stay light: they import their renderer
 * only inside `render()`, so planning (and a no-op incremental build) loads no pdfkit, sharp or vega.
 */
const loaders: Record<OutputKind, () => Promise<Planner>> = {
  pdf: async () => (await import('./pdf/planner.js')).pdfPlanner,
  poster: async () => (await import('./poster/planner.js')).posterPlanner,
  card: async () => (await import('./card/planner.js')).cardPlanner,
  chart: async () => (await import('../charts/article/planner.js')).chartPlanner,
};

/** CLI names for --only (plural, as users type them) → kinds. */
export const ONLY_NAMES: Record<string, OutputKind> = { pdf: 'pdf', posters: 'poster', cards: 'card', charts: 'chart' };
export const KINDS = Object.keys(loaders) as OutputKind[];

export async function planners(kinds: OutputKind[]): Promise<Planner[]> {
  return Promise.all(kinds.map((k) => loaders[k]()));
}

/**
 * The job a spec describes (`OutputJob.spec`, from a plan of the same model and theme), rebuilt
 * by its kind's planner alone: how a render worker gets a job without planning the dataset.
 */
export async function jobFromSpec(model: Model, theme: Theme, spec: JobSpec): Promise<OutputJob> {
  const load = loaders[spec.kind];
  if (!load) throw new Error(`no planner for output kind "${String(spec.kind)}"`);
  return (await load()).job(model, theme, spec);
}

/** What rendering each kind loads (planners import these only inside `render()`). */
const renderers: Record<OutputKind, () => Promise<unknown>[]> = {
  pdf: () => [import('./pdf/render.js')],
  poster: () => [import('sharp'), import('./poster/render.js')],
  card: () => [import('sharp'), import('./card/render.js')],
  chart: () => [import('vega'), import('vega-lite'), import('../charts/article/render.js')],
};

/** Load the renderers of `kinds` (default all) ahead of the first job: a render worker does while the main thread plans. */
export async function preload(kinds: OutputKind[]): Promise<void> {
  const all = kinds.length ? kinds : KINDS;
  // charts are drawn into PDFs, posters and cards too
  await Promise.all([...renderers.chart(), ...all.flatMap((k) => renderers[k]())]);
}
