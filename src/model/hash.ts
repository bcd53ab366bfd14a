import { createHash } from 'node:crypto';

/** JSON with sorted keys: the same value always gives the same text. */
export function stableStringify(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return put(v, '');
}

/**
 * `v`'s stable JSON appended to `out` (one growing string rather than a string, an array of keys
 * and a joined array per object: the hashes of a build stringify every output's inputs). Inside
 * an array a function or a hole gives nothing, as `join` gave it; in an object it is left out.
 */
function put(v: unknown, out: string): string {
  if (v === undefined) return `${out}null`;
  if (v === null || typeof v !== 'object') {
    const s = JSON.stringify(v) as string | undefined;
    return s === undefined ? out : out + s;
  }
  if (Buffer.isBuffer(v)) return out + JSON.stringify(v.toString('base64'));
  if (Array.isArray(v)) {
    let s = `${out}[`;
    // a hole gives nothing, as `map` and `join` gave it
    for (let i = 0; i < v.length; i++) s = i in v ? put(v[i], i ? `${s},` : s) : i ? `${s},` : s;
    return `${s}]`;
  }
  const o = v as Record<string, unknown>;
  let s = `${out}{`;
  let first = true;
  for (const k of Object.keys(o).sort()) {
    const x = o[k];
    if (x === undefined || typeof x === 'function') continue;
    s = put(x, `${first ? s : `${s},`}${JSON.stringify(k)}:`);
    first = false;
  }
  return `${s}}`;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hashOf(v: unknown): string {
  return sha256(stableStringify(v));
}
