/**
 * Vega-Lite compiles, reused across sizes. A build asks for the same chart at many sizes (every
 * card and poster slot), and compiling was the larger half of a chart's ~15 ms. A unit's size
 * usually reaches the compiled Vega spec only as the size numbers themselves (width/height/
 * step values of signals), so the spec is compiled once with stand-in sizes and the stand-ins
 * are swapped for the real numbers.
 *
 * Checked, not assumed: the first time, the spec is compiled as it is (most charts are drawn
 * at one or two sizes); the second time, with stand-in sizes, and the two results may differ
 * only where a size sits. Anything else that moved (a number or an expression derived from a
 * size) means the size shapes the spec, and it is compiled as is from then on.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Compile = (spec: object) => object;
type Obj = Record<string, unknown>;

const LIMIT = 200;
/** per spec-without-sizes: its first compile and sizes, then the pair that shows where sizes sit */
const cache = new Map<string, { first: object; sizes: number[]; standIn?: object }>();
const STAND_INS = [987_001, 987_011, 987_021, 987_031, 987_041] as const;

/** The size fields of a unit: top level, and the inner spec of a facet or repeat. */
function sizeHolders(spec: Obj): Obj[] {
  const out = [spec];
  if (spec.spec && typeof spec.spec === 'object' && !Array.isArray(spec.spec)) out.push(spec.spec as Obj);
  return out;
}

/** A copy of the spec with its sizes replaced by stand-ins from `set`, and the sizes. */
function standIn(spec: Obj, set: readonly number[]): { copy: Obj; sizes: number[] } {
  const copy = structuredClone(spec);
  const sizes: number[] = [];
  // the padding around a chart is a size too
  if (typeof copy.padding === 'number') {
    sizes.push(copy.padding);
    copy.padding = set[sizes.length - 1];
  }
  for (const h of sizeHolders(copy)) {
    for (const f of ['width', 'height'] as const) {
      const v = h[f];
      if (sizes.length >= set.length) break;
      if (typeof v === 'number') {
        sizes.push(v);
        h[f] = set[sizes.length - 1];
      } else if (v && typeof v === 'object' && 'step' in v && typeof v.step === 'number') {
        sizes.push(v.step);
        h[f] = { ...v, step: set[sizes.length - 1] };
      }
    }
  }
  return { copy, sizes };
}

/**
 * What passes through a compile untouched, taken out of the key: the rows of a top-level named
 * dataset (`data: {name, values}` compiles to a Vega dataset of that name with those values) and
 * the value of a `textSize` param (a signal of that name and value). An article chart differs
 * from size to size in these and its sizes only.
 */
interface PassThrough {
  name?: string;
  values?: unknown[];
  textSize?: number;
}

function takeOut(spec: Obj): PassThrough {
  const out: PassThrough = {};
  const data = spec.data as Obj | undefined;
  if (data && typeof data === 'object' && typeof data.name === 'string' && Array.isArray(data.values)) {
    out.name = data.name;
    out.values = data.values as unknown[];
    const { values: _v, ...named } = data;
    spec.data = named;
  }
  if (Array.isArray(spec.params)) {
    spec.params = (spec.params as Obj[]).map((p) => {
      if (p?.name !== 'textSize' || typeof p.value !== 'number' || Object.keys(p).length !== 2) return p;
      out.textSize = p.value;
      return { name: 'textSize', value: 0 };
    });
  }
  return out;
}

/** The compiled spec with what was taken out put back; undefined when it is not where it should be. */
function putBack(compiled: Obj, pass: PassThrough): Obj | undefined {
  const out = { ...compiled };
  if (pass.name !== undefined) {
    const data = out.data as Obj[] | undefined;
    const i =
      data?.findIndex((d) => d.name === pass.name && !('values' in d) && !('url' in d) && !('source' in d)) ?? -1;
    if (!data || i < 0) return undefined;
    out.data = data.map((d, j) => (j === i ? { ...d, values: pass.values } : d));
  }
  if (pass.textSize !== undefined) {
    const signals = out.signals as Obj[] | undefined;
    const i = signals?.findIndex((s) => s.name === 'textSize' && s.value === 0 && Object.keys(s).length === 2) ?? -1;
    if (!signals || i < 0) return undefined;
    out.signals = signals.map((s, j) => (j === i ? { name: 'textSize', value: pass.textSize } : s));
  }
  return out;
}

export function compileCached(spec: object, key: string, compile: Compile): object {
  // usermeta passes through untouched (and may mention the size): kept out of the key
  const { usermeta, ...rest } = structuredClone(spec) as Obj;
  const pass = takeOut(rest);
  const a = standIn(rest, STAND_INS);
  if (a.sizes.length === 0 && pass.name === undefined && pass.textSize === undefined) return compile(spec);
  const cacheKey = `${key}\u0000${JSON.stringify(a.copy)}`;
  const seen = cache.get(cacheKey);
  const withMeta = (o: Obj | undefined) =>
    o === undefined ? compile(spec) : usermeta === undefined ? o : { ...o, usermeta };
  if (!seen) {
    if (cache.size >= LIMIT) cache.clear();
    const first = compile(rest) as Obj;
    const { usermeta: _u, ...firstRest } = first;
    cache.set(cacheKey, { first: firstRest, sizes: a.sizes });
    return withMeta(putBack(firstRest, pass));
  }
  let out: Obj | undefined;
  if (a.sizes.every((v, i) => v === seen.sizes[i])) out = seen.first as Obj;
  else {
    seen.standIn ??= compile(a.copy);
    const merged = merge(seen.first as Json, seen.standIn as Json, seen.sizes, a.sizes);
    if (merged === FAIL || !merged || typeof merged !== 'object') return compile(spec);
    out = merged as Obj;
  }
  return withMeta(putBack(out, pass));
}

const FAIL = Symbol('the size shapes the spec');

/**
 * `a` (compiled at sizes `aSizes`) with each size slot set to `sizes`: a slot is where `b` (the
 * stand-in compile) has a stand-in and `a` the matching size; FAIL where the two differ otherwise.
 */
function merge(
  a: Json | undefined,
  b: Json | undefined,
  aSizes: number[],
  sizes: number[],
): Json | undefined | typeof FAIL {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return a;
    const i = STAND_INS.indexOf(b as never);
    return i >= 0 && i < sizes.length && aSizes[i] === a ? sizes[i]! : FAIL;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return FAIL;
    const out: Json[] = [];
    for (let i = 0; i < a.length; i++) {
      const y = merge(a[i], b[i], aSizes, sizes);
      if (y === FAIL) return FAIL;
      out.push(y as Json);
    }
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return FAIL;
    const out: { [k: string]: Json } = {};
    for (const k of keys) {
      if (!(k in b)) return FAIL;
      const y = merge(a[k], b[k], aSizes, sizes);
      if (y === FAIL) return FAIL;
      out[k] = y as Json;
    }
    return out;
  }
  return a === b ? a : FAIL;
}

export function clearCompileCache(): void {
  cache.clear();
}
