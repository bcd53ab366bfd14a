/**
 * Honest charts, as pure functions over plain data (no Vega, no zod): validation and `chart: auto`
 * read the same rules, and each chart kind (src/charts/kinds) reports them as what it `accepts`.
 *
 * - `checkChart(shape)`: every problem with a chart as declared, each naming its field;
 * - the four honesty checks on their own: `mixedUnits`, `partWithoutTotal`, `progressWithoutTargets`,
 *   `rankWithoutPopulation`;
 * - `autoKind(metrics)`: the kind `chart: auto` draws for data of this shape, or `none` when
 *   nothing honest fits (a single figure is a number, not a one-bar chart).
 */
/** The kinds datapress draws. */
export const KIND_NAMES = ['bars', 'before-after', 'series', 'progress', 'rank', 'part-to-whole'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/**
 * What the honesty checks and `chart: auto` read of one metric of a chart: plain data, built by
 * validation from the dataset or by the model, never the zod schema itself.
 */
export interface ChartMetricShape {
  id: string;
  /** unit name as the indicator writes it ('person', 'CAD', 'yuan/month', 'rank'…) */
  unit: string;
  /** a rate's `per` (month, person…), part of the unit on an axis */
  per?: string;
  /** the noun of a count (张 / beds): beds and homes are different units on one axis */
  counter?: string;
  /** whether the metric has any target (goal, plan or expected) */
  hasTargets: boolean;
  /** for a rank: the size of the population ranked (the indicator's or the observations' `of`) */
  population?: number;
  /** keys of the periods with a result ('' for a timeless figure) */
  periods: string[];
}

/**
 * A metric's shape from its indicator and observations: the same reading for validation (from the
 * dataset) and for the model (chart: auto, the kinds' checks). `periods`: keys of its results.
 */
export function metricShape(
  id: string,
  ind: { unit: string; per?: string | readonly string[]; counter?: Readonly<Record<string, string>>; of?: number },
  obs: readonly { of?: number; target?: unknown }[],
  periods: string[],
): ChartMetricShape {
  const per = [ind.per ?? []].flat().join('/');
  const counter = Object.values(ind.counter ?? {}).join('/');
  const of = ind.of ?? obs.find((o) => o.of !== undefined)?.of;
  return {
    id,
    unit: ind.unit,
    ...(per ? { per } : {}),
    ...(counter ? { counter } : {}),
    hasTargets: obs.some((o) => o.target),
    ...(of !== undefined ? { population: of } : {}),
    periods,
  };
}

/** A chart as written in the dataset, reduced to what its choice depends on. */
export interface ChartShape {
  /** kind, alias or `auto` as written (`template:` of datapress/1 counts as a kind) */
  kind: string;
  metrics: ChartMetricShape[];
  /** datapress/1's `ranks:` beside `metrics` (one rank metric per metric) */
  ranks?: ChartMetricShape[];
  /** part-to-whole: the whole, a metric id or `sum` (the parts are the whole) */
  total?: string;
}

/** A problem with a chart, relative to the chart's own path (`['metrics', 1]`, `['total']`). */
export interface ChartProblem {
  path: (string | number)[];
  expected: string;
  found: string;
}

/** datapress/1 template names, accepted as aliases of kinds. */
export const KIND_ALIASES: Readonly<Record<string, KindName>> = {
  'income-spending': 'bars',
  'allowance-rank': 'rank',
  'progress-target': 'progress',
  // `composition` is part-to-whole with a declared total, else bars (see kindOf)
  composition: 'part-to-whole',
};

/** The kind a name means (a kind, an alias, `none`), given the chart's total; undefined for any other name. */
export function kindOf(name: string, total?: string): KindName | 'none' | undefined {
  if (name === 'none') return 'none';
  if ((KIND_NAMES as readonly string[]).includes(name)) return name as KindName;
  if (name === 'composition') return total ? 'part-to-whole' : 'bars';
  return KIND_ALIASES[name];
}

/** Whether a name is a kind, an alias, `auto` or `none` (anything else names a designer's template). */
export function isChartKindName(name: string): boolean {
  return name === 'auto' || kindOf(name) !== undefined;
}

/** A unit as an axis reads it: the unit and its rate. */
const axisUnit = (m: ChartMetricShape) =>
  `${m.unit}${m.per ? ` per ${m.per}` : ''}${m.counter ? ` (${m.counter})` : ''}`;

/** Kinds that put every metric on one value axis. */
const ONE_AXIS: readonly KindName[] = ['bars', 'series', 'part-to-whole'];

/** Metrics of different units on one axis (bars, series, part-to-whole): one problem per metric off the first's unit. */
export function mixedUnits(kind: KindName, metrics: readonly ChartMetricShape[]): ChartProblem[] {
  if (!ONE_AXIS.includes(kind) || metrics.length < 2) return [];
  const first = axisUnit(metrics[0]!);
  return metrics.flatMap((m, i) =>
    axisUnit(m) === first
      ? []
      : [
          {
            path: ['metrics', i],
            expected: `metrics in one unit on a ${kind} chart's one axis (the first, "${metrics[0]!.id}", is in ${first})`,
            found: `"${m.id}" in ${axisUnit(m)}`,
          },
        ],
  );
}

/** A part-to-whole chart must say what the whole is: `total: <metric>` or `total: sum`. */
export function partWithoutTotal(kind: KindName, total: string | undefined): ChartProblem[] {
  if (kind !== 'part-to-whole' || total) return [];
  return [
    {
      path: ['total'],
      expected:
        'the whole the parts belong to: total: <metric id> (a figure for the whole) or total: sum (the parts are all of it)',
      found: 'no total',
    },
  ];
}

/** A progress chart draws results against targets: every metric needs one. */
export function progressWithoutTargets(kind: KindName, metrics: readonly ChartMetricShape[]): ChartProblem[] {
  if (kind !== 'progress') return [];
  return metrics.flatMap((m, i) => {
    const out: ChartProblem[] = [];
    if (!m.hasTargets)
      out.push({
        path: ['metrics', i],
        expected: `a target for "${m.id}" (an observation with target: goal, plan or expected) on a progress chart`,
        found: 'no target',
      });
    if (!m.periods.length)
      out.push({
        path: ['metrics', i],
        expected: `a result for "${m.id}" to measure against its target`,
        found: 'targets only',
      });
    return out;
  });
}

/** The rank metrics of a rank chart: datapress/1's `ranks`, else the metrics whose unit is rank. */
function rankMetrics(shape: ChartShape): { m: ChartMetricShape; path: (string | number)[] }[] {
  if (shape.ranks?.length) return shape.ranks.map((m, i) => ({ m, path: ['ranks', i] }));
  return shape.metrics.flatMap((m, i) => (m.unit === 'rank' ? [{ m, path: ['metrics', i] }] : []));
}

/** A rank chart places each rank among its population: every rank needs `of`. */
export function rankWithoutPopulation(kind: KindName, shape: ChartShape): ChartProblem[] {
  if (kind !== 'rank') return [];
  const ranks = rankMetrics(shape);
  if (!ranks.length)
    return [
      {
        path: ['metrics'],
        expected: 'ranks on a rank chart: metrics whose unit is rank (or ranks: beside metrics)',
        found: shape.metrics.map((m) => `"${m.id}" in ${m.unit}`).join(', ') || 'no metrics',
      },
    ];
  return ranks.flatMap(({ m, path }) =>
    m.population && m.population >= 2
      ? []
      : [
          {
            path,
            expected: `the population "${m.id}" ranks among: of: N on its indicator or observation (7 of 31)`,
            found: m.population ? `of: ${m.population}` : 'no population',
          },
        ],
  );
}

/** Periods with a result, counted per metric. */
const periodCount = (m: ChartMetricShape) => new Set(m.periods).size;

/** What each kind needs of the data besides the four honesty checks. */
export function shapeProblems(kind: KindName, shape: ChartShape): ChartProblem[] {
  const ms = shape.metrics;
  const each = (
    need: (m: ChartMetricShape) => boolean,
    expected: (m: ChartMetricShape) => string,
    found: (m: ChartMetricShape) => string,
  ) => ms.flatMap((m, i) => (need(m) ? [] : [{ path: ['metrics', i], expected: expected(m), found: found(m) }]));
  const periods = (m: ChartMetricShape) => `${periodCount(m)} period${periodCount(m) === 1 ? '' : 's'}`;
  if (!ms.length) return [{ path: ['metrics'], expected: 'at least one metric', found: 'none' }];
  switch (kind) {
    case 'bars':
      return ms.length < 2
        ? [
            {
              path: ['metrics'],
              expected: 'two or more metrics on a bars chart (one figure is a number, not a chart)',
              found: `1 metric`,
            },
          ]
        : each(
            (m) => m.periods.length > 0,
            (m) => `a result for "${m.id}"`,
            () => 'targets only',
          );
    case 'before-after':
      return each(
        (m) => periodCount(m) >= 2,
        (m) => `"${m.id}" in two or more periods on a before-after chart`,
        periods,
      );
    case 'series':
      return each(
        (m) => periodCount(m) >= 3,
        (m) => `"${m.id}" in three or more periods on a series chart`,
        periods,
      );
    case 'part-to-whole':
      return ms.length < 2 && shape.total === 'sum'
        ? [
            {
              path: ['metrics'],
              expected: 'two or more parts when the parts are the whole (total: sum)',
              found: '1 metric',
            },
          ]
        : [];
    default:
      return [];
  }
}

/** Every problem with a chart as declared (an unknown kind name is the caller's: it may be a designer's template). */
export function checkChart(shape: ChartShape): ChartProblem[] {
  const kind = shape.kind === 'auto' ? autoKind(shape.metrics) : kindOf(shape.kind, shape.total);
  if (kind === undefined || kind === 'none') return [];
  return [
    ...mixedUnits(kind, shape.metrics),
    ...partWithoutTotal(kind, shape.total),
    ...progressWithoutTargets(kind, shape.metrics),
    ...rankWithoutPopulation(kind, shape),
    ...shapeProblems(kind, shape),
  ];
}

/** The problems of one kind for a shape (what `accepts` of a kind descriptor returns). */
export function kindProblems(kind: KindName, shape: ChartShape): ChartProblem[] {
  return checkChart({ ...shape, kind });
}

/**
 * The kind `chart: auto` draws for these metrics, or `none` when no kind fits honestly:
 * ranks with their population → rank; results with targets → progress; one unit over three or
 * more periods → series; two or more periods each → before-after; two or more metrics of one
 * unit → bars. Part-to-whole is never guessed: a whole must be declared.
 */
export function autoKind(metrics: readonly ChartMetricShape[]): KindName | 'none' {
  if (!metrics.length) return 'none';
  const fits = (kind: KindName) => kindProblems(kind, { kind, metrics: [...metrics] }).length === 0;
  if (metrics.every((m) => m.unit === 'rank')) return fits('rank') ? 'rank' : 'none';
  if (metrics.some((m) => m.unit === 'rank')) return 'none';
  if (metrics.every((m) => m.hasTargets) && fits('progress')) return 'progress';
  if (fits('series')) return 'series';
  if (fits('before-after')) return 'before-after';
  if (fits('bars')) return 'bars';
  return 'none';
}
