import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { problemsAfter, problemsOf, seedText } from './helpers.js';

describe('validate: the seed', () => {
  it('is valid', () => expect(problemsOf(seedText())).toEqual([]));
});

describe('validate: every class of bad data names file:line:col, path, expected and found', () => {
  it('a number written as a string with commas and a unit', () => {
    const text = seedText().replace(
      '{id: pension.insured, year: 2020, value: 15706000}',
      '{id: pension.insured, year: 2020, value: "1,570.6万"}',
    );
    const [p, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(p.path).toBe('highlights[0].facts[0].metrics[1].value');
    expect(p.expected).toMatch(/a number/);
    expect(p.found).toBe('"1,570.6万"');
    expect(formatProblem(p)).toMatch(
      /^seed\.yaml:\d+:\d+ highlights\[0\]\.facts\[0\]\.metrics\[1\]\.value: expected a number .*, found "1,570\.6万"$/,
    );
    const line = text.split('\n')[p.line - 1];
    expect(line.slice(p.col - 1)).toMatch(/^"1,570\.6万"/); // line:col points at the offending value
  });
  it('malformed YAML', () => {
    const [p] = problemsOf('format: datapress/1\nid: [unclosed\n');
    expect(p.expected).toBe('well-formed YAML or JSON');
    expect(p.line).toBeGreaterThan(0);
  });
  it('malformed JSON', () => {
    const [p] = problemsOf('{"format": "datapress/1", "id": "x"');
    expect(p.expected).toBe('well-formed YAML or JSON');
  });
  it('a missing required field', () => {
    const ps = problemsAfter((d) => d.deleteIn(['highlights', 2, 'title']));
    expect(ps.map((p) => p.path)).toContain('highlights[2].title');
    expect(ps[0].found).toMatch(/missing/);
  });
  it('a wrong type', () => {
    const [p] = problemsAfter((d) => d.setIn(['highlights', 1, 'number'], 'two'));
    expect(p.path).toBe('highlights[1].number');
    expect(p.found).toBe('"two"');
  });
  it('NaN and Infinity', () => {
    const ps = problemsOf(seedText().replace('value: 12280000', 'value: .nan').replace('value: 2715', 'value: .inf'));
    expect(ps.map((p) => p.found).sort()).toEqual(['Infinity', 'NaN']);
    expect(ps.every((p) => p.expected.includes('finite') || p.expected.includes('number'))).toBe(true);
  });
  it('a negative where impossible', () => {
    const [p] = problemsAfter((d) => d.setIn(['highlights', 5, 'facts', 0, 'metrics', 1, 'value'], -33500));
    expect(p.path).toBe('highlights[5].facts[0].metrics[1].value');
    expect(p.expected).toMatch(/0 or more/);
  });
  it('an unknown unit', () => {
    const [p] = problemsAfter((d) => d.setIn(['indicators', 'pension.insured', 'unit'], 'persons'));
    expect(p.path).toBe('indicators.pension.insured.unit');
    expect(p.expected).toMatch(/a unit: person, count/);
    expect(p.found).toBe('"persons"');
  });
  it('duplicate ids', () => {
    const ps = problemsAfter((d) => d.setIn(['highlights', 1, 'id'], 'pension'));
    expect(ps.some((p) => p.path === 'highlights[1].id' && /once/.test(p.expected))).toBe(true);
  });
  it('a prose template naming a metric that does not exist', () => {
    const ps = problemsAfter((d) =>
      d.setIn(['highlights', 0, 'facts', 0, 'text', 'en'], 'Grew to {{v "pension.insurd" 2020}}.'),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0].path).toBe('highlights[0].facts[0].text.en');
    expect(ps[0].expected).toMatch(/pension\.insurd/);
  });
  it('a prose template naming a year without data', () => {
    const [p] = problemsAfter((d) =>
      d.setIn(['highlights', 0, 'facts', 0, 'text', 'en'], 'Was {{v "pension.insured" 2015}}.'),
    );
    expect(p.expected).toMatch(/2012, 2020, 2025/);
    expect(p.found).toBe('2015');
  });
  it('a prose template with other expressions', () => {
    const [p] = problemsAfter((d) => d.setIn(['highlights', 0, 'title', 'en'], 'ok'), {});
    expect(p).toBeUndefined();
    const [q] = problemsAfter((d) => d.setIn(['highlights', 0, 'facts', 0, 'text', 'en'], '{{constructor}}'));
    expect(q.found).toMatch(/unknown template expression \{\{constructor\}\}/);
  });
  it('a chart template that does not exist', () => {
    const [p] = problemsAfter((d) => d.setIn(['highlights', 3, 'chart', 'template'], 'pie-of-doom'));
    expect(p.path).toBe('highlights[3].chart.template');
    expect(p.expected).toMatch(/pie-of-doom\.vl\.json/);
  });
  it('a requested language with missing text', () => {
    const ps = problemsAfter((d) => d.deleteIn(['highlights', 2, 'title', 'en']));
    expect(ps.map((p) => p.path)).toEqual(['highlights[2].title.en']);
    const [q] = problemsOf(seedText(), { langs: ['mn'] });
    expect(q.path).toBe('langs');
    expect(q.expected).toMatch(/"mn"/);
  });
  it('an image path that does not exist', () => {
    const [p] = problemsAfter((d) => d.setIn(['photos', 0, 'image'], 'photos/missing.jpg'));
    expect(p.path).toBe('photos[0].image');
    expect(p.found).toBe('"photos/missing.jpg"');
  });
  it('unsafe ids (path traversal, absolute, NUL, over-long)', () => {
    for (const bad of ['../etc', '/abs', 'a\u0000b', 'x'.repeat(65), 'CON ', 'Upper', 'con', 'nul', 'com1']) {
      const ps = problemsAfter((d) => d.set('id', bad));
      expect(ps.map((p) => p.path)).toContain('id');
    }
  });
  it('control and bidi-override characters in text are refused by name', () => {
    const [p] = problemsAfter((d) => d.setIn(['meta', 'title', 'en'], 'Safe\u202Etxt.exe'));
    expect(p.found).toMatch(/U\+202E/);
  });
  it('an unknown field (a typo) is named', () => {
    const [p] = problemsAfter((d) => d.setIn(['highlights', 0, 'titel'], { zh: 'x', en: 'y' }));
    expect(p.path).toBe('highlights[0].titel');
    expect(p.expected).toMatch(/only known fields/);
  });
  it('limits: too many highlights, over-long text', () => {
    const ps = problemsAfter((d) => d.setIn(['meta', 'title', 'en'], 'x'.repeat(500)));
    expect(ps[0].expected).toMatch(/at most 120 characters/);
  });
  it('reports several problems at once', () => {
    const ps = problemsAfter((d) => {
      d.setIn(['highlights', 1, 'number'], 'two');
      d.setIn(['highlights', 4, 'facts', 0, 'metrics', 0, 'value'], 'many');
    });
    expect(ps.length).toBe(2);
  });
});
