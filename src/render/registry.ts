import type { OutputKind, Planner } from '../write/job.js';

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
