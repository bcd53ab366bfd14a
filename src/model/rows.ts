/**
 * The one data contract every chart receives: rows of figures already formatted in the
 * chart's language (src/format), so a chart prints exactly what the prose prints. A chart kind
 * (src/charts) or a designer's own Vega-Lite spec (`data: {name: "table"}`) reads these fields
 * and nothing else.
 */
import { localeFor, periodOrder } from '../format/index.js';
import { findObservation, formatObservation, indexObservations, parts, targetFor } from './figures.js';
import type { Model, Observation } from './types.js';

export interface ChartRow {
  /** metric id, its label and short label in the chart's language */
  metric: string;
  label: string;
  short: string;
  /** period key ('2020', '2023-H1', '2016/2020', 'asof:2023-06-30'; '' when timeless), its text, a sort key (later is larger) */
  period: string;
  periodText: string;
  periodOrder: number;
  /** the value as given, its text with unit words, its number with scale words only */
  value: number;
  valueText: string;
  valueShort: string;
  /** every significant digit ('15.706 million'), for alt text */
  valueExact?: string;
  /** unit name ('person', 'CNY', 'percent'…) and the unit words around the number ('万人' / 'people') */
  unit: string;
  unitText: string;
  /** the target for this metric and period, when the data has one */
  target?: number;
  targetText?: string;
  targetKind?: 'goal' | 'plan' | 'expected';
  /** met or missed: decided when the target's period is the result's (or the result already reached it) */
  status?: 'met' | 'missed';
  /** the target's own period when it is not the row's (a 2025 goal shown against the 2020 result) */
  targetPeriod?: string;
  targetPeriodText?: string;
  /** a rank shown beside the value (datapress/1 `ranks`), or the row's own rank; its population and text */
  rank?: number;
  population?: number;
  rankText?: string;
  /** the highlight group or category the row belongs to */
  group?: string;
}

export interface RowOptions {
  /** rank metrics shown beside the values, by position (metrics[i] ↔ ranks[i]) */
  ranks?: readonly string[];
  /** only these periods (keys); default every result */
  periods?: readonly string[];
  /** a group label for every row */
  group?: string;
}

const indexes = new WeakMap<Model, ReturnType<typeof indexObservations>>();
const indexOf = (model: Model) => {
  let idx = indexes.get(model);
  if (!idx) {
    idx = indexObservations(model.observations);
    indexes.set(model, idx);
  }
  return idx;
};

/** The nearest target set for a period after the result's (a 2025 goal for a 2020 result). */
function targetAhead(list: readonly Observation[], o: Observation): Observation | undefined {
  return list.filter((x) => x.target && x.time.end > o.time.end).sort((a, b) => a.time.end - b.time.end)[0];
}

/** One row per metric and time with a result, in the order of `metrics`, then time. */
export function chartRows(model: Model, metrics: readonly string[], lang: string, opts: RowOptions = {}): ChartRow[] {
  const idx = indexOf(model);
  const locale = localeFor(lang);
  const rows: ChartRow[] = [];
  metrics.forEach((id, i) => {
    const ind = model.indicators[id];
    if (!ind) throw new Error(`chart metric "${id}" is not an indicator`);
    const results = (idx.get(id) ?? []).filter((o) => !o.target);
    const list = opts.periods ? results.filter((o) => opts.periods!.includes(o.time.key)) : results;
    // a metric with only targets (a plan not yet reported) charts its targets as rows with no result
    const shown: Observation[] = list.length ? list : (idx.get(id) ?? []).filter((o) => o.target);
    const rankId = opts.ranks?.[i];
    const rankObs = rankId ? findObservation(idx, rankId, undefined, 'result') : undefined;
    const rankInd = rankId ? model.indicators[rankId] : undefined;
    for (const o of shown) {
      const valueText = formatObservation(ind, o, lang, {}, model.format);
      const p = parts(valueText);
      // the target of the row's own period, else one whose period covers it, else the nearest one set ahead
      const target = o.target ? o : (targetFor(idx, o) ?? targetAhead(idx.get(id) ?? [], o));
      const row: ChartRow = {
        metric: id,
        label: ind.label[lang] ?? id,
        short: ind.short[lang] ?? ind.label[lang] ?? id,
        period: o.time.key,
        periodText: locale.period(o.time),
        periodOrder: periodOrder(o.time),
        value: o.value,
        valueText,
        valueShort: formatObservation(ind, o, lang, { bare: true }, model.format),
        valueExact: formatObservation(ind, o, lang, { exact: true }, model.format),
        unit: ind.unit,
        unitText: `${p.prefix} ${p.suffix}`.replace(/\s+/g, ' ').trim(),
        ...(opts.group !== undefined ? { group: opts.group } : {}),
      };
      if (target) {
        row.target = target.value;
        row.targetText = formatObservation(ind, target, lang, {}, model.format);
        row.targetKind = target.target!;
        const reached = ind.better === 'lower' ? o.value <= target.value : o.value >= target.value;
        if (target.time.key !== o.time.key) {
          row.targetPeriod = target.time.key;
          row.targetPeriodText = locale.period(target.time);
        }
        // a target set ahead is neither met nor missed until its period is the result's, unless already reached
        if (!o.target && (target.status || target.time.key === o.time.key || reached)) {
          row.status = target.status ?? (reached ? 'met' : 'missed');
        }
      }
      const ownRank = ind.unitInfo.kind === 'rank' ? o : undefined;
      const r = ownRank ?? rankObs;
      const rInd = ownRank ? ind : rankInd;
      if (r && rInd) {
        row.rank = r.value;
        const population = r.of ?? rInd.of;
        if (population !== undefined) row.population = population;
        // among N is part of what the rank says (1st among 10 provinces); a scope (全国 / in China) is
        // what the chart's label already names (城镇低保标准全国排名), so the rank stands plain there
        row.rankText = formatObservation(rInd, r, lang, { full: !rInd.scope }, model.format);
      }
      rows.push(row);
    }
  });
  return rows;
}
