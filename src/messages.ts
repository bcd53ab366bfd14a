/**
 * Every user-facing message in one place (as vega-lite's log/message.ts), so wording stays
 * consistent and translatable. Functions return strings; callers decide error or warning.
 */
export const msg = {
  describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (value === null) return 'null';
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
    if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
    if (Array.isArray(value)) return `a list of ${value.length}`;
    if (typeof value === 'object') return 'an object';
    return String(value);
  },
  noInputs: (patterns: string[]) => `No datasets found for ${patterns.join(', ')}`,
  unknownTheme: (name: string, known: string[]) =>
    `Unknown theme "${name}"; themes in templates/themes: ${known.join(', ')}`,
  unknownKind: (kind: string, known: string[]) =>
    `Unknown output kind "${kind}" in --only; expected one of ${known.join(', ')}`,
  unknownLang: (lang: string, known: string[]) =>
    `Language "${lang}" is not in the dataset; it has ${known.join(', ')}`,
  metricUndefined: (id: string) => `a metric id defined under indicators: (no metric "${id}")`,
  metricMissing: (id: string) => `a metric id defined in indicators and observed in facts (no metric "${id}")`,
  yearMissing: (id: string, years: number[]) => `one of the years with data for "${id}" (${years.join(', ')})`,
  apiOption: (call: string, name: string, expected: string, found: unknown) =>
    `${call}: ${name}: expected ${expected}, found ${msg.describe(found)}`,
  buildFailed: (n: number) => `${n} output${n === 1 ? '' : 's'} failed`,
  wrote: (path: string) => `wrote ${path}`,
};
