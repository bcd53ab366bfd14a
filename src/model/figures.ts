import { localeFor, type FormatOptions } from '../format/index.js';
import type { FigureParts, Indicator, Observation } from './types.js';

/** Observations by metric id, sorted by year. */
export type ObservationIndex = Map<string, Observation[]>;

export function indexObservations(obs: Observation[]): ObservationIndex {
  const idx: ObservationIndex = new Map();
  for (const o of obs) idx.set(o.id, [...(idx.get(o.id) ?? []), o]);
  for (const list of idx.values()) list.sort((a, b) => a.year - b.year);
  return idx;
}

/** The observation of `id` in `year`, or its only / latest non-target one. */
export function observation(idx: ObservationIndex, id: string, year?: number): Observation {
  const list = idx.get(id);
  if (!list?.length) throw new Error(`no data for metric "${id}"`);
  if (year === undefined) return list.filter((o) => !o.target).at(-1) ?? list.at(-1)!;
  const o = list.find((x) => x.year === year);
  if (!o) throw new Error(`no data for metric "${id}" in ${year}`);
  return o;
}

export function formatObservation(ind: Indicator, o: Observation, lang: string, opts: FormatOptions = {}): string {
  return localeFor(lang).value(o.value, ind, { qualifier: o.qualifier, ...opts });
}

/** Split '1570.6万人' into '', '1570.6', '万人' for display (big number, small unit). */
export function parts(text: string): FigureParts {
  const m = /[+−-]?\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!m) return { prefix: '', number: text, suffix: '', text };
  let number = m[0];
  let suffix = text.slice(m.index + number.length);
  // keep a scale word with the number: '1570.6万' + '人', '15.71 million'
  const scale = /^(万|亿| thousand| million| billion)/.exec(suffix);
  if (scale) {
    number += scale[0];
    suffix = suffix.slice(scale[0].length);
  }
  return { prefix: text.slice(0, m.index), number, suffix, text };
}
