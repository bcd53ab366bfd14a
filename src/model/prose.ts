import Handlebars from 'handlebars';
import { localeFor, type FormatOptions } from '../format/index.js';
import { formatObservation, observation, type ObservationIndex } from './figures.js';
import type { Indicator } from './types.js';

/**
 * Renders prose templates: {{v "pension.insured" 2012}} → 1228万人 / 12.28 million.
 * Output is plain text (no HTML escaping); escaping happens where the text lands.
 */
export function proseRenderer(indicators: Record<string, Indicator>, idx: ObservationIndex) {
  const env = Handlebars.create();
  let lang = 'zh';
  env.registerHelper('v', (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    const [id, year] = args as [string, number | undefined];
    const o = observation(idx, id, year);
    return formatObservation(indicators[id], o, lang, options.hash as FormatOptions);
  });
  env.registerHelper('change', (id: string, from: number, to: number) =>
    localeFor(lang).change(observation(idx, id, from).value, observation(idx, id, to).value),
  );
  env.registerHelper('year', (y: number) => localeFor(lang).year(y));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return (source: string, l: string): string => {
    lang = l;
    let fn = cache.get(source);
    if (!fn) {
      fn = env.compile(source, {
        noEscape: true,
        strict: true,
        knownHelpersOnly: true,
        knownHelpers: { v: true, change: true, year: true },
      });
      cache.set(source, fn);
    }
    return fn({}, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  };
}
