/**
 * Honest charts, checked before anything renders: which kinds exist, and what each needs from
 * the data. Pure (no vega): validation imports it. A kind's needs are data (KIND_NEEDS), so
 * `chart: auto` and validation read the same rules.
 *
 *   - one axis, one unit: bars, series and part-to-whole put every metric on one scale;
 *   - part-to-whole needs a declared total (a metric, or `sum`: the parts are the whole);
 *   - progress needs a target for every metric;
 *   - rank needs each rank's population (`of`);
 *   - before-after needs two or more times per metric, series three or more.
 */

export const CHART_KINDS = ['bars', 'before-after', 'series', 'progress', 'rank', 'part-to-whole'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

interface KindNeeds {
  oneUnit: boolean;
  minTimes: number;
  targets: boolean;
  population: boolean;
  total: boolean;
}

export const KIND_NEEDS: Readonly<Record<ChartKind, KindNeeds>> = {
  bars: { oneUnit: true, minTimes: 1, targets: false, population: false, total: false },
  'before-after': { oneUnit: false, minTimes: 2, targets: false, population: false, total: false },
  series: { oneUnit: true, minTimes: 3, targets: false, population: false, total: false },
  progress: { oneUnit: false, minTimes: 1, targets: true, population: false, total: false },
  rank: { oneUnit: false, minTimes: 1, targets: false, population: true, total: false },
  'part-to-whole': { oneUnit: true, minTimes: 1, targets: false, population: false, total: true },
};

/** What a chart check needs to know of one metric. */
export interface MetricFacts {
  id: string;
  /** unit identity: unit, per and counter words (beds and homes are different units) */
  unit: string;
  /** how the unit reads in messages ('person', 'CNY/month', 'count (张)') */
  unitLabel: string;
  /** number of distinct times with a result */
  times: number;
  hasTarget: boolean;
  /** a rank with its population */
  population: boolean;
  isRank: boolean;
}

export interface ChartProblem {
  /** path below the chart: ['metrics', 2], ['total'], [] */
  path: (string | number)[];
  expected: string;
  found: string;
}

export interface ChartCheckInput {
  kind: ChartKind;
  metrics: MetricFacts[];
  /** rank metrics shown beside the values (datapress/1 `ranks`) */
  ranks: MetricFacts[];
  total?: string;
}

/** Every way a chart of `kind` would misrepresent its data; empty when it is honest. */
export function checkChart(c: ChartCheckInput): ChartProblem[] {
  const need = KIND_NEEDS[c.kind];
  const out: ChartProblem[] = [];
  if (need.oneUnit) {
    const first = c.metrics[0];
    c.metrics.forEach((m, i) => {
      if (first && m.unit !== first.unit) {
        out.push({
          path: ['metrics', i],
          expected: `metrics in one unit on one axis (${first.id} is ${first.unitLabel})`,
          found: `${m.id} in ${m.unitLabel}`,
        });
      }
    });
  }
  if (need.total && c.total === undefined) {
    out.push({
      path: ['total'],
      expected:
        'a declared total for a part-to-whole chart (total: <metric id>, or total: sum when the parts are the whole)',
      found: 'nothing',
    });
  }
  c.metrics.forEach((m, i) => {
    if (need.targets && !m.hasTarget) {
      out.push({
        path: ['metrics', i],
        expected: `a target for ${m.id} (a progress chart compares results with targets)`,
        found: 'no target',
      });
    }
    if (m.times < need.minTimes) {
      out.push({
        path: ['metrics', i],
        expected: `${need.minTimes} or more times with a result for ${m.id} (a ${c.kind} chart)`,
        found: `${m.times}`,
      });
    }
  });
  if (need.population) {
    const ranks = c.ranks.length ? c.ranks : c.metrics;
    ranks.forEach((r, i) => {
      if (!r.isRank)
        out.push({
          path: [c.ranks.length ? 'ranks' : 'metrics', i],
          expected: `a rank metric (unit rank)`,
          found: r.unitLabel,
        });
      else if (!r.population) {
        out.push({
          path: [c.ranks.length ? 'ranks' : 'metrics', i],
          expected: `a rank with its population (indicators.${r.id}.of: how many were ranked)`,
          found: 'no population',
        });
      }
    });
  }
  return out;
}

/**
 * `chart: auto`: the most specific honest kind for these metrics, or undefined when none fits
 * (a single figure needs no chart).
 */
export function autoKind(metrics: MetricFacts[]): ChartKind | undefined {
  if (!metrics.length) return undefined;
  const fits = (kind: ChartKind) => checkChart({ kind, metrics, ranks: [] }).length === 0;
  if (metrics.every((m) => m.isRank)) return fits('rank') ? 'rank' : undefined;
  if (metrics.every((m) => m.hasTarget)) return 'progress';
  if (metrics.length === 1) return fits('series') ? 'series' : fits('before-after') ? 'before-after' : undefined;
  if (fits('before-after')) return 'before-after';
  if (fits('bars')) return 'bars';
  return undefined;
}
