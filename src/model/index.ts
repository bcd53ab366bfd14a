import { UsageError } from '../errors.js';
import { loadSource } from '../load/index.js';
import { msg } from '../messages.js';
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
  // a JavaScript caller gets the argument named, not a TypeError from inside
  const call = 'loadModel(file, options)';
  if (typeof file !== 'string') throw new UsageError(msg.apiOption(call, 'file', 'a data file path', file));
  if (typeof opts?.root !== 'string')
    throw new UsageError(msg.apiOption(call, 'options.root', 'the project folder (a path)', opts?.root));
  const src = loadSource(file);
  const dataset = validate(src, opts);
  return buildModel(dataset, file);
}
