import {
  comparePeriods,
  type FormatContext,
  type FormatOptions,
  localeFor,
  type Period,
  parsePeriod,
  parseUnit,
  type TargetKind,
  TIMELESS,
  type UnitInfo,
  yearPeriod,
} from '../format/index.js';
import type { ObservationInput } from '../validate/schema.js';
import type { FigureParts, Indicator, Observation } from './types.js';

/** Observations by metric id, each list sorted by time (results and targets together). */
export type ObservationIndex = Map<string, Observation[]>;

/** When an observation is: its `year`, `period` or `asOf` (legacy year + range: the range). */
export function timeOf(o: Pick<ObservationInput, 'year' | 'period' | 'asOf'>): Period {
  const p =
    o.asOf !== undefined
      ? parsePeriod(`asof:${o.asOf}`)
      : o.period !== undefined
        ? parsePeriod(o.period)
        : o.year !== undefined
          ? yearPeriod(o.year)
          : TIMELESS;
  if (typeof p === 'string') throw new Error(`not a period: ${p}`);
  return p;
}

export function targetKindOf(t: ObservationInput['target']): TargetKind | undefined {
  return t === undefined || t === false ? undefined : t === true ? 'goal' : t;
}

/** A validated observation as the model holds it. */
export function toObservation(o: ObservationInput, path: string): Observation {
  const time = timeOf(o);
  const range = time.kind === 'range' && time.from?.precision === 'year' ? time : undefined;
  return {
    id: o.id,
    time,
    year: time.year ?? 0,
    ...(range ? { period: [range.from!.year, range.at!.year] as [number, number] } : {}),
    value: o.value,
    ...(o.qualifier ? { qualifier: o.qualifier } : {}),
    ...(targetKindOf(o.target) ? { target: targetKindOf(o.target) } : {}),
    ...(o.status ? { status: o.status } : {}),
    ...(o.of !== undefined ? { of: o.of } : {}),
    path,
  };
}

export function indexObservations(obs: Observation[]): ObservationIndex {
  const idx: ObservationIndex = new Map();
  for (const o of obs) {
    const list = idx.get(o.id);
    if (list) list.push(o);
    else idx.set(o.id, [o]);
  }
  for (const list of idx.values())
    list.sort((a, b) => comparePeriods(a.time, b.time) || Number(!!a.target) - Number(!!b.target));
  return idx;
}

/** A reference to a time as prose and headlines write it: a year number, a period key, or nothing. */
export type TimeRef = number | string | undefined;

export type Role = 'result' | 'target' | 'any';

/** The key a reference names: 2020 → '2020', '2023-H1' → '2023-H1', '2023-06-30' → '2023-06-30'. */
export function refKey(ref: number | string): string | undefined {
  const p = parsePeriod(ref);
  return typeof p === 'string' ? undefined : p.key;
}

/**
 * The observation of `id` at `ref`, or undefined. Without `ref`, the latest result (or, if the
 * metric has only targets, the latest target). A year also finds a datapress/1 range written with
 * that year (`year: 2020, period: [2016, 2020]`) and an "as of" point in the data written as its
 * key. `role` 'any' prefers a result and falls back to a target of that time (datapress/1 prose
 * quoted a target by its year).
 */
export function findObservation(
  idx: ObservationIndex,
  id: string,
  ref?: TimeRef,
  role: Role = 'any',
): Observation | undefined {
  const list = idx.get(id);
  if (!list?.length) return undefined;
  const fits = (o: Observation) => (role === 'any' ? true : role === 'target' ? !!o.target : !o.target);
  if (ref === undefined) {
    const results = list.filter((o) => !o.target);
    const pool =
      role === 'target' ? list.filter((o) => o.target) : results.length || role === 'result' ? results : list;
    return pool.at(-1);
  }
  const key = refKey(ref);
  const at = (pred: (o: Observation) => boolean) =>
    role === 'any'
      ? (list.find((o) => !o.target && pred(o)) ?? list.find((o) => pred(o)))
      : list.find((o) => fits(o) && pred(o));
  return (
    at((o) => o.time.key === key) ??
    at((o) => o.time.kind === 'asof' && o.time.key === `asof:${key}`) ??
    (typeof ref === 'number' ? at((o) => o.period !== undefined && o.year === ref) : undefined)
  );
}

/** As findObservation, throwing a message that names the metric and time when nothing is there. */
export function observation(idx: ObservationIndex, id: string, ref?: TimeRef, role: Role = 'any'): Observation {
  const o = findObservation(idx, id, ref, role);
  if (!o)
    throw new Error(
      `no ${role === 'target' ? 'target' : 'data'} for metric "${id}"${ref === undefined ? '' : ` at ${ref}`}`,
    );
  return o;
}

/**
 * The target a result is measured against: the target of the same time, else the shortest
 * target period that covers the result's end (a first-half result against the year's goal;
 * an as-of-September count against the annual plan).
 */
export function targetFor(idx: ObservationIndex, o: Observation): Observation | undefined {
  const targets = idx.get(o.id)?.filter((x) => x.target) ?? [];
  const same = targets.find((x) => x.time.key === o.time.key);
  if (same || o.time.kind === 'none') return same;
  return targets
    .filter((x) => x.time.kind !== 'none' && x.time.start <= o.time.end && o.time.end <= x.time.end)
    .sort((a, b) => a.time.end - a.time.start - (b.time.end - b.time.start))[0];
}

/** Met or missed: the target's own status, else the result against it (at or above; at or below when lower is better). */
export function targetStatus(result: Observation, target: Observation, ind: Indicator): 'met' | 'missed' {
  if (target.status) return target.status;
  return (ind.better === 'lower' ? result.value <= target.value : result.value >= target.value) ? 'met' : 'missed';
}

export function unitOf(ind: Indicator): UnitInfo {
  const u = parseUnit(ind.unit, ind.per);
  if (typeof u === 'string') throw new Error(`indicator "${ind.id}": ${u}`);
  return u;
}

export function formatObservation(
  ind: Indicator,
  o: Observation,
  lang: string,
  opts: FormatOptions = {},
  ctx?: FormatContext,
): string {
  return localeFor(lang).value(
    o.value,
    ind,
    { qualifier: o.qualifier, ...(o.of !== undefined ? { of: o.of } : {}), ...opts },
    ctx,
  );
}

/** Scale words that belong with the big number on a card or poster. */
const SCALE_WORD = /^(?:\s?(?:万亿|亿|万|萬億|億|萬|兆|thousand|million|billion|trillion))/;

/**
 * Split a formatted figure for display (big number, small unit words around it): '1570.6万人'
 * → '', '1570.6万', '人'; 'CA$1.2 billion' → 'CA$', '1.2 billion', ''; 'over 95%' → 'over ', '95', '%'.
 */
export function parts(text: string): FigureParts {
  const m = /[+−-]?\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!m) return { prefix: '', number: text, suffix: '', text };
  let number = m[0];
  let suffix = text.slice(m.index + number.length);
  const scale = SCALE_WORD.exec(suffix);
  if (scale) {
    number += scale[0];
    suffix = suffix.slice(scale[0].length);
  }
  return { prefix: text.slice(0, m.index), number, suffix, text };
}
