import { en } from './en.js';
import type { LocaleFormat } from './types.js';
import { zh } from './zh.js';

export * from './types.js';
export { UNITS, UNIT_NAMES, isUnit, unitAccepts, type UnitName } from './units.js';
export { group, percentChange, round, shift, toDecimal, toPlain } from './decimal.js';

/** Number formats by language code. A new language is one file and one line here. */
export const LOCALES: Record<string, LocaleFormat> = { zh, en };

export function localeFor(lang: string): LocaleFormat {
  const l = LOCALES[lang];
  if (!l) throw new Error(`No number format for language "${lang}"; known: ${Object.keys(LOCALES).join(', ')}`);
  return l;
}
