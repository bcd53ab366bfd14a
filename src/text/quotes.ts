/**
 * Typographic quotes and apostrophes: straight ' and " become ’ ‘ “ ” (it’s, “the plan”,
 * ‘14th Five-Year Plan’). English and Chinese both use curly quotes; a language with other
 * conventions (German „…“, French « … ») is left as written. Posters, cards and the PDF call
 * this on every text they set.
 */

const OPENERS = /[\s([{\u2014\u2013\u3000-\u303F\uFF08\uFF3B-]/u;
const CURLY_LANG = /^(en|zh)(-|$)/i;

/** Whether `lang` writes quotes as ‘ ’ “ ” (English, Chinese). */
export const curlyQuotes = (lang: string): boolean => CURLY_LANG.test(lang);

/**
 * Straight quotes to curly ones: an apostrophe inside or at the end of a word is ’; a quote
 * at the start, after a space, an opening bracket or a dash opens (‘ “); any other closes (’ ”).
 */
export function typographic(text: string, lang: string): string {
  if (!curlyQuotes(lang) || (!text.includes("'") && !text.includes('"'))) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "'" && ch !== '"') {
      out += ch;
      continue;
    }
    const prev = i === 0 ? undefined : text[i - 1]!;
    const opens = prev === undefined || OPENERS.test(prev);
    if (ch === "'") {
      // ’90s, rock ’n’ roll: an apostrophe before a digit or after a letter is ’
      const next = text[i + 1];
      out += opens && !(next !== undefined && /\d/.test(next)) ? '\u2018' : '\u2019';
    } else out += opens ? '\u201C' : '\u201D';
  }
  return out;
}
