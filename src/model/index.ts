import { loadSource } from '../load/index.js';
import { validate, type ValidateOptions } from '../validate/index.js';
import { buildModel } from './build.js';
import type { Model } from './types.js';

export * from './types.js';
export { buildModel } from './build.js';
export { formatObservation, observation, indexObservations, parts } from './figures.js';
export { hashOf, sha256, stableStringify } from './hash.js';
export { type ChartRow, chartRows, type RowOptions } from './rows.js';

/** load → validate → model for one data file. */
export function loadModel(file: string, opts: ValidateOptions): Model {
  const src = loadSource(file);
  const dataset = validate(src, opts);
  return buildModel(dataset, file);
}
