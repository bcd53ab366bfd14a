/**
 * Generated datasets for the layout check, made from the sample's model: cut to one highlight,
 * extended to twelve (copies with their own ids, numbers and titles), and with the longest
 * titles the format allows (LIMITS.titleLength characters) in every language.
 */
import type { Highlight, Model } from '../../../src/model/types.js';
import { LIMITS } from '../../../src/validate/limits.js';

/** The first `n` highlights, or copies of them up to `n`. */
export function withHighlights(model: Model, n: number): Model {
  const hs: Highlight[] = [];
  for (let i = 0; i < n; i++) {
    const h = model.highlights[i % model.highlights.length]!;
    const round = Math.floor(i / model.highlights.length);
    hs.push(
      round === 0
        ? h
        : {
            ...h,
            id: `${h.id}-${round + 1}`,
            number: i + 1,
            title: Object.fromEntries(Object.entries(h.title).map(([l, t]) => [l, `${t} (${round + 1})`])),
          },
    );
  }
  return { ...model, id: `${model.id}-${n}`, highlights: hs };
}

/** `text` repeated (at word boundaries for spaced scripts) to exactly `length` characters. */
export function stretch(text: string, length = LIMITS.titleLength): string {
  const spaced = text.includes(' ');
  let out = text;
  while ([...out].length < length) out += (spaced ? ' ' : '') + text;
  const chars = [...out].slice(0, length);
  if (spaced && chars[length - 1] === ' ') chars[length - 1] = '.';
  return chars.join('');
}

const long = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).map(([l, v]) => [l, stretch(v)]));

/** Every title at the longest the format allows: the article's, the highlights', the outlook's. */
export function longestTitles(model: Model): Model {
  return {
    ...model,
    id: `${model.id}-long`,
    meta: { ...model.meta, title: long(model.meta.title) },
    highlights: model.highlights.map((h) => ({ ...h, title: long(h.title) })),
    ...(model.outlook ? { outlook: { ...model.outlook, title: long(model.outlook.title) } } : {}),
  };
}

/** The optional article parts absent: no kicker, tagline, credits or source. */
export function withoutOptional(model: Model): Model {
  return {
    ...model,
    id: `${model.id}-bare`,
    meta: { ...model.meta, kicker: undefined, tagline: [], credits: [], source: undefined },
  };
}
