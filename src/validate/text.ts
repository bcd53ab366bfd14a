/**
 * The one place every string of a dataset is checked, called from the schema's string
 * builders (schema.ts `text`, `words`, `str`): no control characters, no bidi overrides, no
 * line or paragraph separators, no lone surrogates; every language of the dataset present
 * (`text`); and every character drawable by the fonts its language is set in. A field added
 * to the schema with those builders is checked without anyone listing it (a test walks the
 * schema for strings built any other way).
 *
 * The dataset's languages and fonts are not part of the schema, so validate() sets them for
 * the duration of one synchronous parse (`withTextChecks`).
 */
import type { Face } from '../text/index.js';
import { describeMissing, firstMissingGlyph } from './glyphs.js';

/** Controls (but tab, LF, CR), C1 controls, bidi embeddings/overrides/isolates, U+2028/2029, interlinear annotation marks, lone surrogates. */
export const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb]|\p{Cs}/u;

const u4 = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `s` may not be used as text, as a `found` description, or undefined. */
export function controlProblem(s: string): string | undefined {
  const m = CONTROL.exec(s);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0)!;
  const what =
    cp === 0x2028 || cp === 0x2029
      ? ' (a line or paragraph separator: use a plain line break)'
      : cp >= 0x202a && cp <= 0x2069
        ? ' (a bidi control)'
        : cp >= 0xd800 && cp <= 0xdfff
          ? ' (a lone surrogate: broken UTF-16 text)'
          : ' (a control character)';
  return `${u4(cp)}${what} at character ${[...s.slice(0, m.index)].length + 1}`;
}

export interface TextCheckContext {
  /** the dataset's languages: every `text` must have each */
  langs?: readonly string[];
  /** faces a text in `lang` may land in; none: no glyph check */
  faces?: (lang: string) => readonly Face[];
}

let active: TextCheckContext = {};

/** Run `fn` (a schema parse) with the dataset's languages and fonts known to the string checks. */
export function withTextChecks<T>(ctx: TextCheckContext, fn: () => T): T {
  const prev = active;
  active = ctx;
  try {
    return fn();
  } finally {
    active = prev;
  }
}

export interface TextIssue {
  /** sub-path below the checked value: the language key of a text */
  path: (string | number)[];
  expected: string;
  found: string;
}

/** Checks of one string in `lang` (undefined when the string is not language text). */
export function checkString(s: string, lang?: string): TextIssue[] {
  const bad = controlProblem(s);
  if (bad) return [{ path: [], expected: 'text without control, bidi-override or separator characters', found: bad }];
  if (lang === undefined || !active.faces) return [];
  const faces = active.faces(lang);
  if (!faces.length) return [];
  const miss = firstMissingGlyph(s, [...faces]);
  if (!miss) return [];
  const at = s.length > 1 ? ` at character ${[...s.slice(0, miss.index)].length + 1}` : '';
  return [{ path: [], expected: 'text the fonts can draw', found: describeMissing(miss) + at }];
}

/** Checks of a language map; `complete` asks for every language of the dataset. */
export function checkLangMap(map: Readonly<Record<string, string>>, complete: boolean): TextIssue[] {
  const out: TextIssue[] = [];
  if (complete && active.langs) {
    for (const l of active.langs) {
      if (!(l in map)) {
        out.push({
          path: [l],
          expected: `text in "${l}" (the dataset's langs are ${active.langs.join(', ')})`,
          found: 'nothing',
        });
      }
    }
  }
  for (const [l, s] of Object.entries(map)) {
    if (typeof s !== 'string') continue;
    for (const i of checkString(s, l)) out.push({ ...i, path: [l, ...i.path] });
  }
  return out;
}
