/**
 * Every built-in word and phrase the outputs print (page footers, credit headings, chart
 * words, alt-text phrases), per language, in one table per locale (src/format/locales/*).
 * Renderers never hold a word of their own and never test the language: they ask
 * `say(lang, key, vars)`. A new phrase is one key here, filled in every locale table (the
 * type makes a missing translation a compile error).
 *
 * Templates: `{name}` is replaced by vars.name; `{n|one|many}` picks a singular or plural
 * noun by the number in vars.n (English; Chinese tables simply write the word once).
 */

export const WORD_KEYS = [
  // the report (PDF)
  'report.intro',
  'report.credits',
  'report.page',
  'report.targets',
  'report.screen',
  'report.print',
  'report.alt',
  'report.source',
  'report.photos',
  'report.quote',
  'report.quoted',
  'report.speaker',
  'report.pullQuote',
  'report.attribution',
  'report.speakerRole',
  'report.publisher',
  // posters and cards (alt text)
  'poster.overview.alt',
  'poster.targets.alt',
  'poster.highlight.alt',
  'poster.item',
  'poster.itemFigure',
  'sep.items',
  'card.alt',
  'alt.figure',
  'alt.when',
  'alt.whenAsOf',
  'alt.compare',
  'alt.figureRank',
  'alt.then',
  'items.shown',
  // key figures
  'key.compare',
  'key.at',
  'key.vsTarget',
  // charts
  'chart.total',
  'chart.target',
  'chart.result',
  'chart.ofTarget',
  'chart.aboveTarget',
  'chart.belowTarget',
  'chart.bar',
  'chart.rank',
  'chart.progress',
  'chart.share',
  'chart.line',
  'chart.labelValue',
  'chart.headChange',
  'chart.valueAt',
  'chart.targetOf',
  'chart.targetAt',
  'chart.progressHead',
  'chart.valueShare',
  'chart.rest',
  // chart alt text (src/charts/kinds)
  'alt.chart',
  'alt.chartNote',
  'alt.item',
  'alt.share',
  'alt.up',
  'alt.down',
  'alt.same',
  'alt.points',
  'alt.point',
  'alt.progress',
  'alt.rank',
  'alt.rankOnly',
  // targets
  'target.goal',
  'target.plan',
  'target.expected',
  'target.met',
  'target.missed',
  // lists and separators
  'sep.list',
  'sep.colon',
  'sep.credits',
  'sep.names',
  'sep.sentence',
  // parts of one line (kicker · region · year) and sentences run together
  'sep.parts',
  'sep.run',
  'publisher.default',
] as const;

export type WordKey = (typeof WORD_KEYS)[number];
export type Words = Readonly<Record<WordKey, string>>;

const FIELD = /\{([a-zA-Z]+)(?:\|([^|}]*)\|([^}]*))?\}/g;

/** Fill a template: `{title}` and `{n|highlight|highlights}`. A missing variable is an error, not a blank. */
export function fill(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(FIELD, (_m, name: string, one?: string, many?: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`word template "${template}" needs {${name}}`);
    if (one === undefined) return String(v);
    return Number(v) === 1 ? one : (many ?? one);
  });
}
