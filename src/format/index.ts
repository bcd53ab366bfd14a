/**
 * Number and word formats by language. `localeFor(lang)` resolves any BCP 47 tag: Chinese
 * (Simplified, Traditional as Taiwan writes it, as Hong Kong writes it) and English have
 * tables of their own; any other language formats through Intl, and says what it lacks.
 */
import { chineseLocale } from './chinese.js';
import { englishLocale } from './english.js';
import { intlLocale } from './intl.js';
import type { Locale } from './locale.js';
import { EN } from './locales/en.js';
import { ZH_HANS } from './locales/zh-hans.js';
import { ZH_HANT } from './locales/zh-hant.js';
import { ZH_HK } from './locales/zh-hk.js';
import { fill, type WordKey } from './words.js';

export * from './locale.js';
export * from './period.js';
export { fill, WORD_KEYS, type WordKey, type Words } from './words.js';
export {
  BASE_UNITS,
  BASE_UNITS as UNITS,
  PER_UNITS,
  UNIT_NAMES,
  VALUE_MAX,
  VALUE_MIN,
  isCurrency,
  isUnit,
  parseUnit,
  unitAccepts,
  type PerUnit,
  type UnitInfo,
  type UnitKind,
} from './unit.js';
export { ordinal } from './english.js';
export {
  fixed,
  group,
  minus,
  percentChange,
  percentOf,
  pointsBetween,
  round,
  roundTo,
  shift,
  toDecimal,
  toPlain,
  type Decimal,
} from './decimal.js';

/** Which table a tag reads: zh-Hans for zh, zh-CN, zh-SG; zh-Hant for zh-TW; zh-HK for zh-HK, zh-MO. */
export function localeFamily(lang: string): 'zh-Hans' | 'zh-Hant' | 'zh-HK' | 'en' | 'other' {
  const l = lang.toLowerCase();
  if (l === 'zh' || l.startsWith('zh-hans') || l === 'zh-cn' || l === 'zh-sg') return 'zh-Hans';
  if (l === 'zh-hk' || l === 'zh-mo' || l.startsWith('zh-hant-hk') || l.startsWith('zh-hant-mo')) return 'zh-HK';
  if (l.startsWith('zh-hant') || l === 'zh-tw') return 'zh-Hant';
  if (l === 'en' || l.startsWith('en-')) return 'en';
  return 'other';
}

const cache = new Map<string, Locale>();

/** The locale of a language tag (cached). Never throws: a language without a table formats through Intl. */
export function localeFor(lang: string): Locale {
  let l = cache.get(lang);
  if (!l) {
    const family = localeFamily(lang);
    l =
      family === 'zh-Hans'
        ? chineseLocale(ZH_HANS, lang)
        : family === 'zh-Hant'
          ? chineseLocale(ZH_HANT, lang)
          : family === 'zh-HK'
            ? chineseLocale(ZH_HK, lang)
            : family === 'en'
              ? englishLocale(EN, lang)
              : intlLocale(lang);
    cache.set(lang, l);
  }
  return l;
}

/** A built-in word or phrase in `lang`, filled: say('en', 'report.page', {n: 1, total: 5}). */
export function say(lang: string, key: WordKey, vars?: Readonly<Record<string, string | number>>): string {
  return fill(localeFor(lang).words[key], vars);
}

/** datapress/1's locale map, kept for the public API. */
export const LOCALES: Readonly<Record<string, Locale>> = {
  get zh() {
    return localeFor('zh');
  },
  get en() {
    return localeFor('en');
  },
};
