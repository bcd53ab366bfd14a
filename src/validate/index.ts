import type { z } from 'zod';
import { InvalidInputError, type Problem } from '../errors.js';
import { type DataPath, pathString, type Source } from '../load/index.js';
import { msg } from '../messages.js';
import { fontsFor, getFace, type Face } from '../text/index.js';
import { loadTheme } from '../theme/load.js';
import type { Theme } from '../theme/types.js';
import { type Dataset, datasetSchema } from './schema.js';
import { semantic } from './semantic.js';
import { withTextChecks } from './text.js';

export { LIMITS, SLUG } from './schema.js';
export type { Dataset } from './schema.js';

export interface ValidateOptions {
  /** project root, to check chart templates exist */
  root: string;
  /** languages the build asks for (must have text) */
  langs?: string[];
  /** theme whose fonts must draw every text (default: the dataset's, else newspaper) */
  theme?: string;
  /** check every text against the theme's fonts (default true) */
  glyphs?: boolean;
}

/**
 * Validate a loaded source; returns the typed dataset or throws InvalidInputError listing every
 * problem: first what the schema says (shapes, every string's characters and glyphs, every text's
 * languages), then, on a well-formed dataset, references, units and charts (semantic.ts).
 */
export function validate(src: Source, opts: ValidateOptions): Dataset {
  const problems: Problem[] = [];
  const add = (path: DataPath, expected: string, found: string) => {
    const { line, col } = src.position(path);
    problems.push({ file: src.file, line, col, path: pathString(path), expected, found });
  };
  const valueAt = (path: DataPath): unknown =>
    path.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined),
      src.data,
    );
  const raw = (src.data && typeof src.data === 'object' ? src.data : {}) as { langs?: unknown; theme?: unknown };
  const langs =
    Array.isArray(raw.langs) && raw.langs.every((l) => typeof l === 'string') ? (raw.langs as string[]) : undefined;
  const faces =
    opts.glyphs === false
      ? undefined
      : glyphFaces(opts.theme ?? (typeof raw.theme === 'string' ? raw.theme : undefined), opts.root);
  const parsed = withTextChecks({ langs, faces }, () => datasetSchema.safeParse(src.data));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) zodProblem(issue, valueAt, add);
    throw new InvalidInputError(dedupe(problems));
  }
  const d = parsed.data;
  semantic(d, src, opts, add);
  if (problems.length) throw new InvalidInputError(dedupe(problems));
  return d;
}

/**
 * The faces a text in each language may land in: the theme's sans and serif in the language's
 * glyph standard (SC, TC, HK). None (no check) when the theme is unknown: reported elsewhere.
 */
function glyphFaces(themeName: string | undefined, root: string): ((lang: string) => Face[]) | undefined {
  let theme: Theme;
  try {
    theme = loadTheme(root, themeName ?? 'newspaper');
  } catch {
    return undefined;
  }
  if (!theme.fonts?.sans?.family) return undefined;
  const cache = new Map<string, Face[]>();
  return (lang) => {
    let out = cache.get(lang);
    if (!out) {
      const f = fontsFor(theme.fonts, lang);
      out = [getFace(f.sans.family, f.sans.regular), getFace(f.serif.family, f.serif.regular)];
      cache.set(lang, out);
    }
    return out;
  };
}

function zodProblem(
  issue: z.core.$ZodIssue,
  valueAt: (p: DataPath) => unknown,
  add: (p: DataPath, e: string, f: string) => void,
) {
  const path = issue.path as DataPath;
  const found = valueAt(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'number' && typeof found === 'string'
          ? `a number (write 15706000 or 0.95, without commas, units or quotes)`
          : issue.expected === 'number' && typeof found === 'number'
            ? 'a finite number'
            : issue.expected === 'record' && ['indicators', 'counter', 'scale'].includes(String(path[path.length - 1]))
              ? 'a map of fields (key: value)'
              : `${article(issue.expected)}`;
      return add(path, expected, found === undefined ? 'nothing (the field is missing)' : msg.describe(found));
    }
    case 'unrecognized_keys':
      for (const key of issue.keys)
        add([...path, key], 'only known fields (check the spelling; see README "Dataset format")', `"${key}"`);
      return;
    case 'invalid_value':
      return add(path, `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, msg.describe(found));
    case 'too_small':
      return add(
        path,
        issue.origin === 'array'
          ? `at least ${issue.minimum} item(s)`
          : issue.origin === 'string'
            ? 'a non-empty text'
            : `at least ${issue.minimum}`,
        msg.describe(found),
      );
    case 'too_big':
      return add(
        path,
        issue.origin === 'array'
          ? `at most ${issue.maximum} item(s) (see README "Limits")`
          : issue.origin === 'string'
            ? `at most ${issue.maximum} characters (see README "Limits")`
            : `at most ${issue.maximum}`,
        typeof found === 'string' ? `${found.length} characters` : msg.describe(found),
      );
    case 'invalid_format':
      return add(path, issue.message.startsWith('Invalid') ? `a ${issue.format}` : issue.message, msg.describe(found));
    case 'invalid_key':
      return add(path, `${issue.issues[0]?.message ?? 'a valid key'} as the key`, msg.describe(path[path.length - 1]));
    case 'custom': {
      const own = (issue as { params?: { found?: unknown } }).params?.found;
      return add(path, issue.message, typeof own === 'string' ? own : msg.describe(found));
    }
    default:
      return add(path, issue.message, msg.describe(found));
  }
}

const TYPE_NAMES: Record<string, string> = {
  record: 'a map such as {zh: …, en: …}',
  object: 'a map of fields (key: value)',
  array: 'a list',
  tuple: 'a list',
  string: 'a text',
  boolean: 'true or false',
  int: 'a whole number',
};

function article(t: string): string {
  return TYPE_NAMES[t] ?? (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.line}:${p.col}:${p.path}:${p.expected}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
