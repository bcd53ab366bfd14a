/**
 * YAML traps: each known mistake, made in the sample where a reporter would make it, gives one
 * problem line with its hint, located at the text, with the data path when YAML got that far.
 * The errors quoted are what the `yaml` package really says (tried, and pinned below).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatProblem, InvalidInputError, type Problem } from '../../src/errors.js';
import { HINTS, parseSource } from '../../src/load/index.js';
import { syntaxHint, valueStarts } from '../../src/load/traps.js';
import { validate } from '../../src/validate/index.js';

const SEED = readFileSync('data/nmg-social-security-2021.yaml', 'utf8');

/** Everything `datapress validate` would print for a text: load, then validate. */
function problems(text: string): Problem[] {
  try {
    validate(parseSource(text, 'd.yaml'), { root: '.', glyphs: false });
    return [];
  } catch (e) {
    if (e instanceof InvalidInputError) return e.problems;
    throw e;
  }
}

/** What the yaml package itself reports (codes and messages): the traps' real errors. */
function yamlSays(text: string): { errors: string[]; warnings: string[] } {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  return {
    errors: doc.errors.map((e) => `${e.code}: ${e.message.split('\n')[0]}`),
    warnings: doc.warnings.map((w) => w.code),
  };
}

const swap = (from: string, to: string) => {
  expect(SEED).toContain(from);
  return SEED.replace(from, to);
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const TITLE_EN = "    en: Social security adds to people's well-being";

interface Trap {
  name: string;
  text: string;
  /** the line the problem must point at */
  needle: string;
  hint: string;
  path: string;
  /** what the yaml package says of it, unhelped */
  yaml: RegExp | 'nothing';
}

const TRAPS: Trap[] = [
  {
    name: 'prose that starts with {{, unquoted, in a block map',
    text: swap(
      '    zh: 全区基本养老保险参保人数从',
      '    zh: {{v "pension.insured" 2012}}是2012年的参保人数，全区基本养老保险参保人数从',
    ),
    needle: '{{v "pension.insured" 2012}}是2012年',
    hint: HINTS.braces,
    path: 'highlights[0].facts[0].text.zh',
    yaml: /UNEXPECTED_TOKEN: Unexpected scalar at node end/,
  },
  {
    name: 'prose that is only {{…}}, unquoted (YAML reads a map with a map as its key)',
    text: swap(TITLE_EN, '    en: {{v "pension.insured" 2020}}'),
    needle: '{{v "pension.insured" 2020}}',
    hint: HINTS.braces,
    path: 'meta.title.en',
    yaml: 'nothing',
  },
  {
    name: 'prose that starts with {{ inside {zh: …, en: …}',
    text: swap(
      '- {zh: 经济发展, en: Economic development}',
      '- {zh: 经济发展, en: {{year 2020}} economic development}',
    ),
    needle: '{{year 2020}} economic',
    hint: HINTS.braces,
    path: 'meta.tagline[0].en',
    yaml: /Unexpected scalar at node end/,
  },
  {
    name: 'a comma inside an unquoted text in a flow map',
    text: swap('- {zh: 经济发展, en: Economic development}', '- {zh: 经济、发展, en: Economy, development}'),
    needle: 'Economy, development',
    hint: HINTS.comma,
    path: 'meta.tagline[0].en',
    yaml: 'nothing',
  },
  {
    name: 'a colon and a space inside an unquoted text (block)',
    text: swap(TITLE_EN, '    en: Social security: more for everyone'),
    needle: 'Social security: more',
    hint: HINTS.colon,
    path: 'meta.title.en',
    yaml: /BLOCK_AS_IMPLICIT_KEY: Nested mappings are not allowed in compact mappings/,
  },
  {
    name: 'a colon and a space inside an unquoted text (flow)',
    text: swap('- {zh: 经济发展, en: Economic development}', '- {zh: 经济发展, en: Economy: development}'),
    needle: 'Economy: development',
    hint: HINTS.colon,
    path: 'meta.tagline[0].en',
    yaml: /BLOCK_IN_FLOW: Block collections are not allowed within flow collections/,
  },
  {
    name: 'tabs for indentation (YAML then reports every following line)',
    text: swap('meta:\n  title:\n', 'meta:\n\ttitle:\n'),
    needle: '\ttitle:',
    hint: HINTS.tabs,
    path: '',
    yaml: /TAB_AS_INDENT: Tabs are not allowed as indentation/,
  },
  {
    name: 'a key given twice',
    text: swap('  region:\n', '  kicker: {zh: 又一个, en: Another}\n  region:\n'),
    needle: 'kicker: {zh: 又一个',
    hint: HINTS.duplicate,
    path: 'meta.kicker',
    yaml: /DUPLICATE_KEY: Map keys must be unique/,
  },
  {
    name: 'a text starting with * (an alias)',
    text: swap(TITLE_EN, '    en: *Social* security for all'),
    needle: '*Social* security',
    hint: HINTS.reserved('*'),
    path: 'meta.title.en',
    yaml: /Unexpected scalar at node end/,
  },
  {
    name: 'a text that is * and one word (an alias to nothing)',
    text: swap(TITLE_EN, '    en: *Security'),
    needle: '*Security',
    hint: HINTS.reserved('*'),
    path: 'meta.title.en',
    yaml: 'nothing',
  },
  {
    name: 'a text starting with & (an anchor, silently dropped)',
    text: swap(TITLE_EN, '    en: &more security for all'),
    needle: '&more security',
    hint: HINTS.reserved('&'),
    path: 'meta.title.en',
    yaml: 'nothing',
  },
  {
    name: 'a text starting with ! (a tag, dropped with a warning)',
    text: swap(TITLE_EN, '    en: !important security for all'),
    needle: '!important security',
    hint: HINTS.reserved('!'),
    path: 'meta.title.en',
    yaml: 'nothing',
  },
  ...(['%', '@', '`'] as const).map(
    (c): Trap => ({
      name: `a text starting with ${c}`,
      text: swap(TITLE_EN, `    en: ${c}security for all`),
      needle: `${c}security for all`,
      hint: HINTS.reserved(c),
      path: 'meta.title.en',
      yaml: /BAD_SCALAR_START: Plain value cannot start with/,
    }),
  ),
];

describe('YAML traps: one problem line each, with its hint', () => {
  it('the sample itself has none', () => expect(problems(SEED)).toEqual([]));

  for (const t of TRAPS) {
    it(t.name, () => {
      const said = yamlSays(t.text);
      if (t.yaml === 'nothing') expect(said.errors).toEqual([]);
      else expect(said.errors.join('\n')).toMatch(t.yaml);
      const ps = problems(t.text);
      expect(ps.map(formatProblem), 'one mistake, one problem').toHaveLength(1);
      const [p] = ps as [Problem];
      expect(p.found).toContain(`(hint: ${t.hint})`);
      expect(p.line).toBe(lineOf(t.text, t.needle));
      expect(p.path).toBe(t.path);
      expect(formatProblem(p)).not.toContain('\n');
      if (t.hint !== HINTS.tabs && t.hint !== HINTS.duplicate) {
        // line:col is where the unquoted text starts
        const line = t.text.split('\n')[p.line - 1]!;
        expect(t.needle.trim().startsWith(line.slice(p.col - 1, p.col + 1).trim())).toBe(true);
      }
    });
  }

  it('tabs: YAML reports every following line of the map; one problem is left', () => {
    const t = TRAPS.find((x) => x.hint === HINTS.tabs)!;
    expect(yamlSays(t.text).errors.length).toBeGreaterThan(3);
    expect(problems(t.text)).toHaveLength(1);
  });

  it('two mistakes on two lines are two problems, in line order', () => {
    const text = swap(TITLE_EN, '    en: {{v "pension.insured" 2020}} people').replace(
      '    zh: 社会保障为幸福加码',
      '    zh: {{v "pension.insured" 2020}}人',
    );
    const ps = problems(text);
    expect(ps.map((p) => [p.line, p.path])).toEqual([
      [lineOf(text, '    zh: {{v'), 'meta.title.zh'],
      [lineOf(text, '    en: {{v'), 'meta.title.en'],
    ]);
    expect(ps.every((p) => p.found.includes(HINTS.braces))).toBe(true);
  });

  it('an unclosed bracket: one problem, none of what follows', () => {
    const text = SEED.replace(/metrics: \[([^\]\n]*)\]/, 'metrics: [$1');
    expect(text).not.toBe(SEED);
    const ps = problems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.expected).toBe('well-formed YAML or JSON');
  });

  it('what is quoted is text: the same words in quotes validate', () => {
    const quoted = [
      swap(TITLE_EN, '    en: "{{v \\"pension.insured\\" 2020}} people"'),
      swap('- {zh: 经济发展, en: Economic development}', '- {zh: 经济、发展, en: "Economy, development"}'),
      swap(TITLE_EN, "    en: 'Social security: more for everyone'"),
      swap(TITLE_EN, '    en: "*Social* security & more: !important @all `ok` 100%"'),
    ];
    for (const text of quoted) expect(problems(text).map(formatProblem)).toEqual([]);
  });

  it('anchors and aliases used as YAML means them still work', () => {
    const text = swap(
      '- {zh: 经济发展, en: Economic development}',
      '- &econ {zh: 经济发展, en: Economic development}',
    ).replace('- {zh: 社会和谐, en: Social harmony}', '- *econ');
    const data = parseSource(text, 'd.yaml').data as { meta: { tagline: unknown[] } };
    expect(data.meta.tagline[1]).toEqual({ zh: '经济发展', en: 'Economic development' });
  });
});

describe('trap helpers', () => {
  it('valueStarts: after indentation, dashes, keys and flow separators; quotes skipped whole', () => {
    expect(valueStarts('  en: Source: x')).toEqual([2, 6, 14]);
    expect(valueStarts('- {zh: a, en: "b, c: d"}')).toEqual([2, 3, 7, 10, 14]);
    expect(valueStarts('  - zh: {{v "x" 2020}} # note')).toEqual([4, 8, 9, 10]);
  });
  it('syntaxHint: a plain error gets none', () => {
    expect(syntaxHint('MISSING_CHAR', '  en: "unclosed', 7)).toBeUndefined();
    expect(syntaxHint('BAD_INDENT', '  - x', 3)).toBeUndefined();
  });
});
