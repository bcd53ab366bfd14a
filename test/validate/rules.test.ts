/**
 * The format's rules (issue #15), each refused by `validate` naming the field: references that
 * dangle, targets a comparison needs, honest charts, languages, every string's characters,
 * values a unit cannot say, prose that is more than literal helper calls. One small dataset,
 * one mistake per case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem, type Problem } from '../../src/errors.js';
import { VALUE_MAX } from '../../src/format/index.js';
import { toYaml } from './gen-valid.js';
import { problemsOf } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: datasets edited by hand below
type Loose = Record<string, any>;

const t = (zh: string, en: string) => ({ zh, en });

/** A small valid dataset: counts with a plan in the result's year, a rate, a currency, a rank. */
function base(): Loose {
  return {
    format: 'datapress/1',
    id: 'rules',
    langs: ['zh', 'en'],
    meta: { title: t('标题', 'Title'), date: '2024-01-15' },
    indicators: {
      built: { label: t('建成', 'Built'), unit: 'count', counter: t('个', 'project|projects') },
      rate: { label: t('失业率', 'Jobless rate'), unit: 'percent' },
      cash: { label: t('投入', 'Spending'), unit: 'CAD' },
      place: { label: t('排名', 'Rank'), unit: 'rank' },
      unused: { label: t('未用', 'Unused'), unit: 'person' },
    },
    highlights: [
      {
        id: 'h',
        title: t('要点', 'Point'),
        headline: { metric: 'built', year: 2023 },
        facts: [
          {
            id: 'f',
            text: t('建成{{v "built" 2023}}。', 'Built {{v "built" 2023}}.'),
            metrics: [
              { id: 'built', year: 2022, value: 80 },
              { id: 'built', year: 2023, value: 92 },
              { id: 'built', year: 2023, value: 100, target: 'plan' },
              { id: 'rate', year: 2022, value: 0.05 },
              { id: 'rate', year: 2023, value: 0.031 },
              { id: 'cash', year: 2023, value: 1.2e9 },
              { id: 'place', year: 2023, value: 3 },
            ],
          },
        ],
      },
    ],
  };
}

const problems = (edit: (d: Loose) => void): Problem[] => {
  const d = base();
  edit(d);
  return problemsOf(toYaml(d));
};
/** The problems at `path`, which must exist: a rule names its field. */
const at = (ps: Problem[], path: string): Problem[] => {
  const here = ps.filter((p) => p.path === path);
  expect(here, `a problem at ${path}; got:\n${ps.map(formatProblem).join('\n')}`).not.toEqual([]);
  return here;
};
const fact = (d: Loose) => d.highlights[0].facts[0];
const prose = (d: Loose, en: string) => {
  fact(d).text = t('文字', en);
};

describe('validate: the base dataset', () => {
  it('is valid', () => expect(problems(() => {}).map(formatProblem)).toEqual([]));
});

describe('validate: references that dangle name the field', () => {
  it('a headline metric that is not defined, and one without data at the time named', () => {
    at(
      problems((d) => (d.highlights[0].headline = { metric: 'nope', year: 2023 })),
      'highlights[0].headline.metric',
    );
    const [p] = at(
      problems((d) => (d.highlights[0].headline = { metric: 'built', year: 2019 })),
      'highlights[0].headline.metric',
    );
    expect(p!.expected).toMatch(/a value of "built" at 2019 \(it has 2022, 2023\)/);
  });
  it('a headline compared with a time that has no result, and a rank that is not a rank', () => {
    at(
      problems((d) => (d.highlights[0].headline = { metric: 'built', year: 2023, compare: '2020-H1' })),
      'highlights[0].headline.compare',
    );
    at(
      problems((d) => (d.highlights[0].headline = { metric: 'built', year: 2023, rank: 'rate' })),
      'highlights[0].headline.rank',
    );
  });
  it('a chart metric, rank or total without data', () => {
    at(
      problems((d) => (d.highlights[0].chart = { kind: 'bars', metrics: ['built', 'unused'] })),
      'highlights[0].chart.metrics[1]',
    );
    at(
      problems((d) => (d.highlights[0].chart = { template: 'allowance-rank', metrics: ['cash'], ranks: ['unused'] })),
      'highlights[0].chart.ranks[0]',
    );
    at(
      problems((d) => (d.highlights[0].chart = { kind: 'part-to-whole', metrics: ['built'], total: 'unused' })),
      'highlights[0].chart.total',
    );
  });
  it('prose naming a metric that is not defined, or a time without data, in any text that binds figures', () => {
    at(
      problems((d) => prose(d, 'Built {{v "nope" 2023}}.')),
      'highlights[0].facts[0].text.en',
    );
    at(
      problems((d) => prose(d, 'Built {{v "built" "2023-H1"}}.')),
      'highlights[0].facts[0].text.en',
    );
    at(
      problems((d) => (d.meta.intro = t('{{v "built" 2030}}', 'x'))),
      'meta.intro.zh',
    );
    at(
      problems((d) => (d.highlights[0].quote = { text: t('x', '{{diff "built" 2021 2023}}'), speaker: t('李', 'Li') })),
      'highlights[0].quote.text.en',
    );
    at(
      problems((d) => (d.outlook = { title: t('展望', 'Next'), lede: t('{{change "cash" 2022 2023}}', 'x') })),
      'outlook.lede.zh',
    );
  });
  it('outlook targets without data in the target year', () => {
    at(
      problems((d) => (d.outlook = { title: t('展望', 'Next'), targets: { year: 2030, metrics: ['built'] } })),
      'outlook.targets.metrics[0]',
    );
  });
  it('outlook targets a chart cannot draw: a metric with no result, or no target', () => {
    const [p] = at(
      problems((d) => {
        fact(d).metrics.push({ id: 'unused', year: 2030, value: 5, target: 'goal' });
        d.outlook = { title: t('展望', 'Next'), targets: { year: 2030, metrics: ['unused'] } };
      }),
      'outlook.targets.metrics[0]',
    );
    expect(p!.expected).toMatch(/a result for "unused"/);
    const [q] = at(
      problems((d) => (d.outlook = { title: t('展望', 'Next'), targets: { year: 2023, metrics: ['rate'] } })),
      'outlook.targets.metrics[0]',
    );
    expect(q!.expected).toMatch(/a target for "rate"/);
  });
  it('an observation of a metric that is not defined', () => {
    at(
      problems((d) => fact(d).metrics.push({ id: 'ghost', year: 2023, value: 1 })),
      'highlights[0].facts[0].metrics[7].id',
    );
  });
});

describe('validate: a comparison with a target needs the target', () => {
  it('compare: target without a target in the time (or a period covering it)', () => {
    const [p] = at(
      problems((d) => (d.highlights[0].headline = { metric: 'rate', year: 2023, compare: 'target' })),
      'highlights[0].headline.compare',
    );
    expect(p!.expected).toMatch(/a target of "rate" at 2023/);
  });
  it('compare: target against a target of 0 (no percentage of 0)', () => {
    const [p] = at(
      problems((d) => {
        fact(d).metrics[2].value = 0;
        d.highlights[0].headline = { metric: 'built', year: 2023, compare: 'target' };
      }),
      'highlights[0].headline.compare',
    );
    expect(p!.expected).toMatch(/other than 0/);
  });
  it('a half-year result measured against the year’s goal is fine', () => {
    expect(
      problems((d) => {
        fact(d).metrics.push({ id: 'built', period: '2024-H1', value: 40 });
        fact(d).metrics.push({ id: 'built', year: 2024, value: 100, target: 'goal' });
        d.highlights[0].headline = { metric: 'built', period: '2024-H1', compare: 'target' };
        prose(d, '{{vsTarget "built" "2024-H1"}}, {{ofTarget "built" "2024-H1"}}.');
      }).map(formatProblem),
    ).toEqual([]);
  });
  it('{{vsTarget}}, {{ofTarget}} and {{target}} without a target', () => {
    for (const helper of [
      'vsTarget "rate" 2023',
      'ofTarget "rate" 2023',
      'target "rate" 2023',
      'v "rate" 2023 target=true',
    ])
      at(
        problems((d) => prose(d, `It {{${helper}}}.`)),
        'highlights[0].facts[0].text.en',
      );
  });
});

describe('validate: honest charts', () => {
  const chart = (c: Loose) => problems((d) => (d.highlights[0].chart = c));
  it('mixed units on one axis', () => {
    const [p] = at(chart({ kind: 'bars', metrics: ['built', 'cash'] }), 'highlights[0].chart.metrics[1]');
    expect(p!.expected).toMatch(/one unit/);
  });
  it('part-to-whole without a total, or with a whole of 0', () => {
    at(chart({ kind: 'part-to-whole', metrics: ['built'] }), 'highlights[0].chart.total');
    const [p] = at(
      problems((d) => {
        fact(d).metrics[1].value = 0;
        d.highlights[0].chart = { kind: 'part-to-whole', metrics: ['built'], total: 'sum' };
      }),
      'highlights[0].chart.total',
    );
    expect(p!.expected).toMatch(/whole other than 0/);
  });
  it('progress without targets', () => {
    const [p] = at(chart({ kind: 'progress', metrics: ['built', 'rate'] }), 'highlights[0].chart.metrics[1]');
    expect(p!.expected).toMatch(/a target for "rate"/);
  });
  it('rank without a population', () => {
    const [p] = at(chart({ kind: 'rank', metrics: ['place'] }), 'highlights[0].chart.metrics[0]');
    expect(p!.expected).toMatch(/population/);
    expect(
      problems((d) => {
        d.indicators.place.of = 10;
        d.highlights[0].chart = { kind: 'rank', metrics: ['place'] };
      }),
    ).toEqual([]);
  });
  it('a series needs three times, before-after two', () => {
    at(chart({ kind: 'series', metrics: ['built'] }), 'highlights[0].chart.metrics[0]');
    at(chart({ kind: 'before-after', metrics: ['cash'] }), 'highlights[0].chart.metrics[0]');
  });
  it('an unknown kind, and two ways of naming a chart at once', () => {
    at(chart({ kind: 'pie', metrics: ['built'] }), 'highlights[0].chart.kind');
    at(chart({ kind: 'bars', template: 'before-after', metrics: ['built'] }), 'highlights[0].chart');
  });
});

describe('validate: languages and strings', () => {
  it('a language listed twice', () => {
    const [p] = at(
      problems((d) => (d.langs = ['zh', 'en', 'zh'])),
      'langs',
    );
    expect(p!.expected).toMatch(/each language once/);
  });
  it('a text missing a language of langs names the language', () => {
    at(
      problems((d) => (d.meta.title = { zh: '标题' })),
      'meta.title.en',
    );
  });
  it('U+2028 in a title, a counter, a currency symbol, a publisher, a quote, a file path', () => {
    const cases: [string, (d: Loose) => void][] = [
      ['meta.title.en', (d) => (d.meta.title.en = 'Ti\u2028tle')],
      ['indicators.built.counter.en', (d) => (d.indicators.built.counter.en = 'pro\u2028ject')],
      ['meta.currencies.CAD.en', (d) => (d.meta.currencies = { CAD: { en: 'C\u2028$' } })],
      ['meta.publisher.name.zh', (d) => (d.meta.publisher = { name: t('出\u2028版', 'Pub') })],
      [
        'highlights[0].quote.speaker.en',
        (d) => (d.highlights[0].quote = { text: t('话', 'Words'), speaker: t('李', 'L\u2028i') }),
      ],
      ['photos[0].image', (d) => (d.photos = [{ caption: t('图', 'Photo'), image: 'a\u2028.png' }])],
    ];
    for (const [path, edit] of cases) {
      const [p] = at(problems(edit), path);
      expect(`${p!.found} ${p!.expected}`).toMatch(/U\+2028/);
    }
  });
});

describe('validate: values a unit cannot say', () => {
  it(`a value of ${VALUE_MAX} or more in size, or a non-zero one under 1e-9`, () => {
    at(
      problems((d) => (fact(d).metrics[5].value = VALUE_MAX)),
      'highlights[0].facts[0].metrics[5].value',
    );
    at(
      problems((d) => (fact(d).metrics[5].value = -1e-10)),
      'highlights[0].facts[0].metrics[5].value',
    );
  });
  it('a percent below −100%, unless the figures are stated changes', () => {
    const [p] = at(
      problems((d) => (fact(d).metrics[4].value = -1.5)),
      'highlights[0].facts[0].metrics[4].value',
    );
    expect(p!.expected).toMatch(/-1 or more/);
    expect(
      problems((d) => {
        d.indicators.rate.change = true;
        fact(d).metrics[4].value = -1.5;
      }),
    ).toEqual([]);
  });
  it('a rank that is not a whole number from 1', () => {
    at(
      problems((d) => (fact(d).metrics[6].value = 2.5)),
      'highlights[0].facts[0].metrics[6].value',
    );
  });
});

describe('validate: prose is literal helper calls', () => {
  const text = (en: string) => problems((d) => prose(d, en));
  it('a sub-expression, a name, a block', () => {
    for (const [src, why] of [
      ['{{v (lookup "built") 2023}}', /sub-expression/],
      ['{{v built 2023}}', /a name \(built\)/],
      ['{{#if x}}y{{/if}}', /blocks or partials/],
      ['{{v "built" 2023 colour="red"}}', /no option colour/],
      ['{{change "built" 2023}}', /needs 2 years or periods/],
    ] as const) {
      const [p] = at(text(src), 'highlights[0].facts[0].text.en');
      expect(p!.found, src).toMatch(why);
    }
  });
  it('options out of range: round, places, qualifier, full on a non-rank', () => {
    for (const src of [
      '{{v "built" 2023 round=0}}',
      '{{change "built" 2022 2023 places=5}}',
      '{{v "built" 2023 qualifier="roughly"}}',
      '{{v "built" 2023 full=true}}',
      '{{v "built"}}', // two years: which one?
      '{{period "2023-H3"}}',
    ])
      at(text(src), 'highlights[0].facts[0].text.en');
  });
  it('a change from 0 in percent', () => {
    at(
      problems((d) => {
        fact(d).metrics[0].value = 0;
        prose(d, '{{change "built" 2022 2023}}');
      }),
      'highlights[0].facts[0].text.en',
    );
  });
});

describe('validate: observations and metadata', () => {
  it('two results of a metric at one time; a status on a result; asOf with a year', () => {
    at(
      problems((d) => fact(d).metrics.push({ id: 'built', year: 2023, value: 93 })),
      'highlights[0].facts[0].metrics[7].year',
    );
    at(
      problems((d) => (fact(d).metrics[1].status = 'met')),
      'highlights[0].facts[0].metrics[1].status',
    );
    at(
      problems((d) => fact(d).metrics.push({ id: 'cash', year: 2022, asOf: '2022-06-30', value: 1 })),
      'highlights[0].facts[0].metrics[7].asOf',
    );
  });
  it('of, among and scope only on a rank; a scale word of another language', () => {
    at(
      problems((d) => (d.indicators.built.of = 10)),
      'indicators.built.of',
    );
    at(
      problems((d) => (d.indicators.cash.scale = { zh: 'million' })),
      'indicators.cash.scale.zh',
    );
  });
  it('items: fewer in all than the highlights shown; a publisher logo that does not exist', () => {
    at(
      problems((d) => (d.meta.items = { total: 0, noun: t('项', 'projects') })),
      'meta.items.total',
    );
    at(
      problems((d) => (d.meta.publisher = { name: t('社', 'Desk'), logo: 'no-such-logo.png' })),
      'meta.publisher.logo',
    );
  });
});

describe('validate: U+2028 in any string of real datasets is refused at that string', () => {
  // every string leaf of the sample, the scaffold and a Traditional Chinese example
  const files = [
    'data/nmg-social-security-2021.yaml',
    'templates/init/dataset.yaml',
    ...readdirSync('data/examples')
      .filter((f) => /censtatd|dgbas/.test(f) && f.endsWith('.yaml'))
      .map((f) => `data/examples/${f}`),
  ];
  for (const file of files) {
    it(file, () => {
      const data = parse(readFileSync(file, 'utf8'), { version: '1.2' }) as Loose;
      const leaves: (string | number)[][] = [];
      const walk = (v: unknown, p: (string | number)[]) => {
        if (typeof v === 'string') leaves.push(p);
        else if (Array.isArray(v)) {
          v.forEach((x, i) => {
            walk(x, [...p, i]);
          });
        } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
      };
      walk(data, []);
      // a spread of them: every text key's first occurrence kind, capped for time
      const step = Math.max(1, Math.floor(leaves.length / 60));
      let checked = 0;
      for (let i = 0; i < leaves.length; i += step) {
        const p = leaves[i]!;
        const d = structuredClone(data);
        const parent = p.slice(0, -1).reduce((o: Loose, k) => o[k], d) as Loose;
        const s = parent[p.at(-1)!] as string;
        parent[p.at(-1)!] = `${s.slice(0, 1)}\u2028${s.slice(1)}`;
        const ps = problemsOf(toYaml(d));
        const path = p.reduce<string>((a, k) => (typeof k === 'number' ? `${a}[${k}]` : a ? `${a}.${k}` : k), '');
        expect(
          ps.some((q) => q.path === path),
          `${path}: ${ps.map(formatProblem).join('\n')}`,
        ).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    });
  }
});
