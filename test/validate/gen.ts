/** fast-check generators of datasets: the seed, mutated at random places with the kinds of mistakes reporters make. */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { formatProblem, InvalidInputError, type Problem } from '../../src/errors.js';
import { parseSource } from '../../src/load/index.js';
import { buildModel } from '../../src/model/build.js';
import { validate } from '../../src/validate/index.js';
import { seedText } from './helpers.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Path = (string | number)[];

export const seedData = (): { [k: string]: Json } => parseSource(seedText(), 'seed.yaml').data as { [k: string]: Json };

/** Every path in the tree (containers and leaves), root excluded. */
export function allPaths(v: Json, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([...path, i]);
      allPaths(x, [...path, i], out);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([...path, k]);
      allPaths(x, [...path, k], out);
    }
  }
  return out;
}

const TEXT_LANGS = new Set(['zh', 'en', 'zh-Hant', 'zh-HK']);

/** Paths of every text string ({zh, en, zh-Hant, zh-HK}). */
export function textPaths(v: Json): Path[] {
  return allPaths(v).filter(
    (p) =>
      typeof get(v, p) === 'string' &&
      TEXT_LANGS.has(String(p.at(-1))) &&
      !p.includes('counter') &&
      !p.includes('scale'),
  );
}

export function get(v: Json, p: Path): Json | undefined {
  return p.reduce<Json | undefined>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, Json>)[k] : undefined),
    v,
  );
}

export function set(v: Json, p: Path, x: Json | undefined): void {
  const parent = get(v, p.slice(0, -1)) as Record<string | number, Json> | Json[];
  const k = p.at(-1)!;
  if (x === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete (parent as Record<string, Json>)[k];
  } else (parent as Record<string | number, Json>)[k] = x;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Strings that mark characters worth testing: emoji, combining marks, RTL, controls, astral CJK. */
export const nastyChar = fc.oneof(
  fc.constantFrom(
    '😀',
    '👩‍👩‍👧',
    '🇨🇳',
    '\u{20000}',
    '\u{2A6D6}',
    '\u{30000}',
    'e\u0301',
    '\u0301',
    '\u0645\u0631\u062D\u0628\u0627',
    '\u05E9\u05DC\u05D5\u05DD',
    '\u202E',
    '\u2066',
    '\u200F',
    '\u200D',
    '\uFEFF',
    '\u0000',
    '\u0007',
    '\u001B[31m',
    '\u0085',
    '\t',
    '\n',
    '\r\n',
    '\uD800',
    '\uDC00',
    '\uFFFD',
    '\uFFFE',
    '\u{E0041}',
    '<',
    '>',
    '&',
    '"',
    "'",
    '`',
    '=',
    '\\',
    '{{',
    '}}',
    '<script>',
    '</text><image href="file:///etc/passwd"/>',
    '{{constructor}}',
    '{{{x}}}',
    ']]>',
    '%PDF',
    '(',
    ')',
  ),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.constantFrom('社会保障', '养老保险', 'Social security', '2020年', '1,570.6万', '—', '“', '。'),
);
export const nastyText = fc.array(nastyChar, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

/** Values a wrong field might hold. */
export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    -33500,
    1e308,
    0.5,
    2.5,
    1900,
    2101,
    '',
    ' ',
    '1,570.6万',
    '15706000',
    '95%',
    'NaN',
    '../../etc/passwd',
    '/abs',
    'CON',
    'a\u0000b',
    'x'.repeat(300),
    [],
    {},
    [1, 2],
    { zh: 'x' },
    { en: 'y', zh: 'x', fr: 'z' },
    'pie-of-doom',
    'pension.insurd',
    'persons',
  ),
  fc.double(),
  fc.integer(),
  nastyText,
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
);

export interface Mutation {
  describe: string;
  apply(d: Json): void;
}

/** One random mistake somewhere in the dataset. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), nastyValue).map(([i, x]) => ({
    describe: `set #${i} to ${JSON.stringify(x)}`,
    apply: (d: Json) => {
      const ps = allPaths(d);
      set(d, ps[i % ps.length]!, x);
    },
  })),
  fc.nat().map((i) => ({
    describe: `delete #${i}`,
    apply: (d: Json) => {
      const ps = allPaths(d);
      set(d, ps[i % ps.length]!, undefined);
    },
  })),
  fc
    .tuple(fc.nat(), fc.constantFrom('titel', 'valeu', 'unit2', '__proto__', 'constructor', 'prototype'))
    .map(([i, k]) => ({
      describe: `add key ${k} at #${i}`,
      apply: (d: Json) => {
        const objs = [[], ...allPaths(d)].filter((p) => {
          const v = get(d, p);
          return v && typeof v === 'object' && !Array.isArray(v);
        });
        const o = get(d, objs[i % objs.length]!) as Record<string, Json>;
        Object.defineProperty(o, k, { value: 'x', enumerable: true, configurable: true, writable: true });
      },
    })),
  fc.nat().map((i) => ({
    describe: `duplicate an item of list #${i}`,
    apply: (d: Json) => {
      const lists = allPaths(d).filter((p) => Array.isArray(get(d, p)) && (get(d, p) as Json[]).length > 0);
      const l = get(d, lists[i % lists.length]!) as Json[];
      l.push(clone(l[0]!));
    },
  })),
  fc.tuple(fc.nat(), nastyText).map(([i, t]) => ({
    describe: `text #${i} = ${JSON.stringify(t)}`,
    apply: (d: Json) => {
      const ps = textPaths(d);
      set(d, ps[i % ps.length]!, t);
    },
  })),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

export function serialize(d: Json, json: boolean): string {
  return json ? JSON.stringify(d, null, 1) : stringify(d, { lineWidth: 0 });
}

export type Outcome = { kind: 'valid' } | { kind: 'invalid'; problems: Problem[] };

/**
 * load → validate → model on a text. Returns valid or invalid (InvalidInputError); anything
 * else thrown is a bug and propagates (the property fails with the input that caused it).
 */
export function outcome(text: string, file = 'gen.yaml', opts: { langs?: string[] } = {}): Outcome {
  try {
    const d = validate(parseSource(text, file), { root: '.', langs: opts.langs });
    buildModel(d, file);
    return { kind: 'valid' };
  } catch (e) {
    if (e instanceof InvalidInputError) return { kind: 'invalid', problems: e.problems };
    throw e;
  }
}

/** A problem is well-formed: located in the text, names a path (or the root), what was expected and found, on one line. */
export function assertWellFormed(p: Problem, text: string, file = 'gen.yaml'): void {
  const lines = text.split('\n').length;
  const line = formatProblem(p);
  const ok =
    p.file === file &&
    p.line >= 1 &&
    p.line <= lines + 1 &&
    p.col >= 1 &&
    p.expected.length > 0 &&
    p.found.length > 0 &&
    !line.includes('\n') &&
    !/\bat .*\.[jt]s:\d+/.test(line) &&
    line.startsWith(`${file}:${p.line}:${p.col} `);
  if (!ok) throw new Error(`malformed problem: ${JSON.stringify(p)}`);
}
