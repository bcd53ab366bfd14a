import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/** Part `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(s: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard expects k/n with 1 ≤ k ≤ n (e.g. 2/4), found "${s}"`);
  return { index, count };
}

/** Which shard (1-based) an output belongs to: by a hash of its dataset and path, stable across machines. */
export function shardOf(key: string, count: number): number {
  const h = createHash('sha256').update(key).digest();
  return (h.readUInt32BE(0) % count) + 1;
}
