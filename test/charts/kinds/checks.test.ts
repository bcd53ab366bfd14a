/**
 * Honest choices: the checks validation runs on every chart (pure functions over plain data),
 * what `chart: auto` picks, and the old template names as aliases.
 */
import { describe, expect, it } from 'vitest';
import {
  autoKind,
  checkChart,
  isChartKindName,
  kindOf,
  mixedUnits,
  partWithoutTotal,
  progressWithoutTargets,
  rankWithoutPopulation,
} from '../../../src/charts/kinds/checks.js';
import { chartKind, KINDS } from '../../../src/charts/kinds/index.js';
import type { ChartMetricShape } from '../../../src/charts/kinds/types.js';

const m = (
  id: string,
  unit: string,
  periods: string[] = ['2023'],
  extra: Partial<ChartMetricShape> = {},
): ChartMetricShape => ({
  id,
  unit,
  hasTargets: false,
  periods,
  ...extra,
});

describe('the four dishonest charts are rejected, naming the field', () => {
  it('mixed units on one axis', () => {
    const metrics = [m('stations', 'count'), m('waste', 't', ['2023'], { per: 'day' })];
    const problems = checkChart({ kind: 'bars', metrics });
    expect(problems).toEqual(mixedUnits('bars', metrics));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(['metrics', 1]);
    expect(problems[0]!.expected).toContain('one unit');
    expect(problems[0]!.found).toBe('"waste" in t per day');
    // a rate is another unit: CNY a month and CNY a year never share an axis
    expect(
      checkChart({
        kind: 'series',
        metrics: [m('a', 'yuan', ['1', '2', '3'], { per: 'month' }), m('b', 'yuan', ['1', '2', '3'], { per: 'year' })],
      }),
    ).toHaveLength(1);
    // before-after gives each metric its own scale: units may differ
    expect(mixedUnits('before-after', metrics)).toEqual([]);
  });

  it('part-to-whole without a declared total', () => {
    const metrics = [m('sites', 'count'), m('homes', 'count')];
    const problems = checkChart({ kind: 'part-to-whole', metrics });
    expect(problems).toEqual(partWithoutTotal('part-to-whole', undefined));
    expect(problems[0]!.path).toEqual(['total']);
    expect(problems[0]!.expected).toMatch(/total: <metric id>.*total: sum/);
    expect(checkChart({ kind: 'part-to-whole', metrics, total: 'sum' })).toEqual([]);
    expect(checkChart({ kind: 'part-to-whole', metrics, total: 'beds.total' })).toEqual([]);
    // and parts of different units are no whole either
    expect(
      checkChart({ kind: 'part-to-whole', metrics: [m('sites', 'count'), m('meals', 'person')], total: 'sum' }),
    ).toHaveLength(1);
  });

  it('a progress chart without targets', () => {
    const metrics = [m('built', 'count', ['2023'], { hasTargets: true }), m('schools', 'count')];
    const problems = checkChart({ kind: 'progress', metrics });
    expect(problems).toEqual(progressWithoutTargets('progress', metrics));
    expect(problems).toEqual([
      { path: ['metrics', 1], expected: expect.stringContaining('a target for "schools"'), found: 'no target' },
    ]);
    // the old name says the same
    expect(checkChart({ kind: 'progress-target', metrics })).toEqual(problems);
  });

  it('a rank chart without a population', () => {
    const ranks = [m('urban.rank', 'rank', ['2020'], { population: 31 }), m('rural.rank', 'rank', ['2020'])];
    const shape = { kind: 'rank', metrics: ranks };
    expect(checkChart(shape)).toEqual(rankWithoutPopulation('rank', shape));
    expect(checkChart(shape)).toEqual([
      {
        path: ['metrics', 1],
        expected: expect.stringContaining('the population "rural.rank" ranks among'),
        found: 'no population',
      },
    ]);
    // datapress/1: ranks beside the figures (allowance-rank) are checked at `ranks`
    const legacy = { kind: 'allowance-rank', metrics: [m('urban', 'yuan'), m('rural', 'yuan')], ranks };
    expect(checkChart(legacy).map((p) => p.path)).toEqual([['ranks', 1]]);
    // figures that are not ranks are no rank chart
    expect(checkChart({ kind: 'rank', metrics: [m('beds', 'count')] })[0]!.path).toEqual(['metrics']);
  });
});

describe('chart: auto', () => {
  it('picks the kind the data has the shape of', () => {
    expect(autoKind([m('exports', 'CAD', ['2019', '2020', '2021', '2022'])])).toBe('series');
    expect(autoKind([m('visitors', 'person', ['2019', '2023']), m('beds', 'count', ['2019', '2023'])])).toBe(
      'before-after',
    );
    expect(autoKind([m('wind', 'kWh'), m('solar', 'kWh')])).toBe('bars');
    expect(autoKind([m('built', 'count', ['2023'], { hasTargets: true })])).toBe('progress');
    expect(autoKind([m('growth', 'rank', ['2023'], { population: 10 })])).toBe('rank');
  });

  it('picks none when nothing honest fits', () => {
    expect(autoKind([m('jobless', 'percent')])).toBe('none'); // one figure is a number, not a one-bar chart
    expect(autoKind([m('stations', 'count'), m('waste', 't')])).toBe('none'); // unrelated units, one period
    expect(autoKind([m('growth', 'rank')])).toBe('none'); // a rank without its population
    expect(autoKind([m('growth', 'rank', ['2023'], { population: 10 }), m('gdp', 'CNY')])).toBe('none');
    expect(autoKind([])).toBe('none');
  });
});

describe('the registry', () => {
  it('has every kind with its template, and the old template names as aliases', () => {
    expect(Object.keys(KINDS).sort()).toEqual(['bars', 'before-after', 'part-to-whole', 'progress', 'rank', 'series']);
    for (const k of Object.values(KINDS)) expect(k.template).toBe(`${k.name}.vl.json`);
    expect(chartKind('income-spending')!.name).toBe('bars');
    expect(chartKind('allowance-rank')!.name).toBe('rank');
    expect(chartKind('progress-target')!.name).toBe('progress');
    expect(kindOf('composition')).toBe('bars'); // no whole declared: bars, never a made-up total
    expect(kindOf('composition', 'sum')).toBe('part-to-whole');
    expect(kindOf('none')).toBe('none');
    expect(isChartKindName('auto')).toBe(true);
    expect(isChartKindName('mine')).toBe(false); // a designer's template
  });

  it('lets each kind say what it accepts', () => {
    expect(KINDS.series.accepts({ kind: 'series', metrics: [m('a', 'count', ['2020', '2021'])] })[0]!.expected).toMatch(
      /three or more periods/,
    );
    expect(KINDS['before-after'].accepts({ kind: 'before-after', metrics: [m('a', 'count')] })[0]!.found).toBe(
      '1 period',
    );
    expect(KINDS.bars.accepts({ kind: 'bars', metrics: [m('a', 'count')] })[0]!.expected).toMatch(
      /two or more metrics/,
    );
  });
});
