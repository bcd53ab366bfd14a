/** Alt text of a seed chart from the data, exact figures, per language (no renderer imports). */
import { localeFor, type Qualifier } from '../../format/index.js';
import type { Model } from '../../model/types.js';
import {
  add,
  beforeAfter,
  indicatorOf,
  latest,
  lower,
  RANKED_REGIONS,
  rankSubject,
  ratioPercent,
  resolveChart,
  targetOf,
  type SeedChart,
} from './bind.js';

/**
 * Alt text of a chart from the data, exact figures:
 * 'Bar chart: people with basic pension insurance rose from 12.28 million in 2012 to
 * 15.706 million in 2020 (+27.9%); …'
 */
export function chartAlt(model: Model, chart: SeedChart, lang: string): string {
  const c = resolveChart(model, chart);
  const f = localeFor(lang);
  const zh = lang === 'zh';
  const exact = (id: string, value: number, qualifier?: Qualifier) =>
    f.value(value, indicatorOf(model, id), { exact: true, qualifier });
  const label = (id: string) => indicatorOf(model, id).label[lang] ?? id;
  const sep = zh ? '；' : '; ';
  const end = zh ? '。' : '.';
  switch (c.template) {
    case 'before-after': {
      const parts = c.metrics.map((id) => {
        const [a, b] = beforeAfter(model, id);
        const verb = b.value >= a.value ? (zh ? '增加到' : 'rose from') : zh ? '减少到' : 'fell from';
        const ch = f.change(a.value, b.value);
        return zh
          ? `${label(id)}从${f.year(a.year)}的${exact(id, a.value, a.qualifier)}${verb}${f.year(b.year)}的${exact(id, b.value, b.qualifier)}（${ch}）`
          : `${lower(label(id), lang)} ${verb} ${exact(id, a.value, a.qualifier)} in ${a.year} to ${exact(id, b.value, b.qualifier)} in ${b.year} (${ch})`;
      });
      return (zh ? '柱状图：' : 'Bar chart: ') + parts.join(sep) + end;
    }
    case 'income-spending':
    case 'composition': {
      const obs = c.metrics.map((id) => latest(model, id));
      const total = obs.reduce((s, o) => add(s, o.value), 0); // exact, as the chart's own total
      const parts = c.metrics.map((id, i) => {
        const o = obs[i]!;
        const share =
          c.template === 'composition'
            ? zh
              ? `（占${ratioPercent(o.value, total)}%）`
              : ` (${ratioPercent(o.value, total)}%)`
            : '';
        const name = c.template === 'composition' ? (indicatorOf(model, id).short?.[lang] ?? label(id)) : label(id);
        return zh
          ? `${name}${exact(id, o.value, o.qualifier)}${share}`
          : `${lower(name, lang)}: ${exact(id, o.value, o.qualifier)}${share}`;
      });
      const period = obs[0]?.period
        ? zh
          ? `${obs[0].period[0]}–${obs[0].period[1]}年`
          : `${obs[0].period[0]}–${obs[0].period[1]}`
        : '';
      const head =
        c.template === 'composition'
          ? zh
            ? `条形图（合计${f.value(total, indicatorOf(model, c.metrics[0]!), { exact: true })}）：`
            : `Bar chart (total ${f.value(total, indicatorOf(model, c.metrics[0]!), { exact: true })}): `
          : zh
            ? `条形图${period ? `（${period}）` : ''}：`
            : `Bar chart${period ? ` (${period})` : ''}: `;
      return head + parts.join(sep) + end;
    }
    case 'allowance-rank': {
      const parts = c.metrics.map((id, i) => {
        const o = latest(model, id);
        const rankId = c.ranks[i];
        const rank = rankId ? latest(model, rankId) : undefined;
        const r = rank && rankId ? f.value(rank.value, indicatorOf(model, rankId)) : '';
        const subject = rankId ? rankSubject(model, rankId) : undefined;
        const other = subject && subject.id !== id ? subject : undefined;
        const of = other?.label[lang] ?? '';
        return zh
          ? `${label(id)}${exact(id, o.value, o.qualifier)}${r ? `，${of}全国排名${r}` : ''}`
          : `${lower(label(id), lang)}: ${exact(id, o.value, o.qualifier)}${r ? `, ${other ? `${lower(of, lang)} ` : ''}ranked ${r} of ${RANKED_REGIONS} provincial-level regions` : ''}`;
      });
      return (zh ? `排名图（全国${RANKED_REGIONS}个省区市）：` : 'Rank chart: ') + parts.join(sep) + end;
    }
    case 'progress-target': {
      const year = c.targetYear ?? model.outlook?.targets?.year ?? 0;
      const parts = c.metrics.map((id) => {
        const now = latest(model, id);
        const t = targetOf(model, id, year);
        const pct = ratioPercent(now.value, t.value);
        return zh
          ? `${label(id)}${f.year(now.year)}为${exact(id, now.value, now.qualifier)}，${f.year(year)}目标${exact(id, t.value)}，已完成${pct}%`
          : `${lower(label(id), lang)}: ${exact(id, now.value, now.qualifier)} in ${now.year}, target ${exact(id, t.value)} by ${year} (${pct}% reached)`;
      });
      return (zh ? '进度图：' : 'Progress chart: ') + parts.join(sep) + end;
    }
    default:
      throw new Error(`Unknown chart template "${c.template}"`);
  }
}

const described = new WeakSet<Model>();

/**
 * Describe every chart of the model in each language (alt text), once per model: each planner
 * calls it before planning, so the model itself imports no chart code.
 */
export function describeCharts(model: Model): void {
  if (described.has(model)) return;
  described.add(model);
  const per = (chart: SeedChart) => Object.fromEntries(model.langs.map((l) => [l, chartAlt(model, chart, l)]));
  for (const h of model.highlights) if (h.chart) h.alt = per(h.chart);
  if (model.outlook?.targets) model.outlook.targets.alt = per('targets');
}
