import Handlebars from 'handlebars';
import { type FormatContext, type FormatOptions, localeFor, parsePeriod, type Qualifier } from '../format/index.js';
import { PROSE_HELPERS } from '../validate/prose.js';
import { formatObservation, type ObservationIndex, observation, targetFor } from './figures.js';
import type { Indicator } from './types.js';

/** Marks where a helper's text starts, so English can capitalise one that starts a sentence. */
const START = '\u0001';
const SENTENCE_START = /(^|[.!?…]["”’)]?\s+|^["“‘(])\u0001(\p{Ll})/gu;

type Hash = Record<string, unknown>;

const formatOpts = (h: Hash): FormatOptions => ({
  ...(h.bare === true ? { bare: true } : {}),
  ...(h.exact === true ? { exact: true } : {}),
  ...(h.full === true ? { full: true } : {}),
  ...(typeof h.round === 'number' ? { round: h.round } : {}),
  ...(typeof h.qualifier === 'string' ? { qualifier: h.qualifier as Qualifier } : {}),
  ...(h.words === true ? { words: true } : {}),
});

/**
 * Renders prose templates: {{v "pension.insured" 2012}} → 1228万人 / 12.28 million. The helpers
 * (validate/prose.ts lists them) take literal arguments only. Output is plain text (no HTML
 * escaping); escaping happens where the text lands.
 */
export function proseRenderer(indicators: Record<string, Indicator>, idx: ObservationIndex, ctx: FormatContext = {}) {
  const env = Handlebars.create();
  let lang = 'zh';
  const mark = (s: string) => START + s;
  const helper = (name: string, fn: (args: unknown[], hash: Hash) => string) =>
    env.registerHelper(name, (...args: unknown[]) => {
      const options = args.pop() as Handlebars.HelperOptions;
      return mark(fn(args, options.hash as Hash));
    });
  const ref = (v: unknown) => (v === undefined ? undefined : (v as number | string));

  helper('v', ([id, at], h) => {
    const o = observation(idx, id as string, ref(at), h.target === true ? 'target' : 'any');
    return formatObservation(indicators[id as string]!, o, lang, formatOpts(h), ctx);
  });
  helper('target', ([id, at], h) => {
    const o = observation(idx, id as string, ref(at), 'target');
    return formatObservation(indicators[id as string]!, o, lang, formatOpts(h), ctx);
  });
  helper('change', ([id, from, to], h) => {
    const ind = indicators[id as string]!;
    const a = observation(idx, id as string, ref(from), 'result').value;
    const b = observation(idx, id as string, ref(to), 'result').value;
    return localeFor(lang).change(a, b, {
      spec: ind,
      relative: h.relative === true,
      words: h.words === true,
      ...(typeof h.places === 'number' ? { places: h.places } : {}),
    });
  });
  helper('diff', ([id, from, to], h) => {
    const ind = indicators[id as string]!;
    const a = observation(idx, id as string, ref(from), 'result').value;
    const b = observation(idx, id as string, ref(to), 'result').value;
    return localeFor(lang).diff(a, b, ind, { ...formatOpts(h), words: h.words === true }, ctx);
  });
  const vsTarget = (id: string, at: unknown) => {
    const result = observation(idx, id, ref(at), 'result');
    const target = targetFor(idx, result);
    if (!target) throw new Error(`no target for "${id}" at ${result.time.key || 'its time'}`);
    return { result, target };
  };
  helper('vsTarget', ([id, at]) => {
    const { result, target } = vsTarget(id as string, at);
    return localeFor(lang).vsTarget(result.value, target.value, indicators[id as string]!, target.target!);
  });
  helper('ofTarget', ([id, at]) => {
    const { result, target } = vsTarget(id as string, at);
    return localeFor(lang).ofTarget(result.value, target.value, target.target!);
  });
  helper('year', ([y]) => localeFor(lang).year(y as number));
  helper('period', ([p]) => {
    const period = parsePeriod(p);
    if (typeof period === 'string') throw new Error(`{{period ${JSON.stringify(p)}}}: ${period}`);
    return localeFor(lang).period(period);
  });

  const known = Object.fromEntries(PROSE_HELPERS.map((h) => [h, true]));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return (source: string, l: string): string => {
    lang = l;
    let fn = cache.get(source);
    if (!fn) {
      fn = env.compile(source, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers: known });
      cache.set(source, fn);
    }
    const out = fn({}, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    const locale = localeFor(l);
    return out
      .replace(SENTENCE_START, (_m, before: string, c: string) => before + locale.capitalize(c))
      .replaceAll(START, '');
  };
}
