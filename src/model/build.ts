import { chartAlt } from '../charts/article/alt.js';
import { localeFor } from '../format/index.js';
import type { Dataset } from '../validate/index.js';
import { formatObservation, indexObservations, observation, parts, type ObservationIndex } from './figures.js';
import { hashOf } from './hash.js';
import { proseRenderer } from './prose.js';
import type { Highlight, Indicator, KeyFigure, Model, Observation, Text } from './types.js';

/** Dataset (validated) → Model: figures indexed, prose rendered in every language, key figures and alt text derived. */
export function buildModel(d: Dataset, file: string): Model {
  const langs = d.langs;
  const indicators: Record<string, Indicator> = {};
  for (const [id, ind] of Object.entries(d.indicators)) {
    indicators[id] = { id, ...ind, unit: ind.unit as Indicator['unit'], short: ind.short ?? ind.label };
  }
  const observations: Observation[] = [];
  d.highlights.forEach((h, hi) => {
    h.facts.forEach((f, fi) => {
      f.metrics?.forEach((o, oi) => {
        observations.push({ ...o, path: `highlights[${hi}].facts[${fi}].metrics[${oi}]` });
      });
    });
  });
  d.outlook.sections.forEach((s, si) => {
    s.metrics?.forEach((o, oi) => {
      observations.push({ ...o, path: `outlook.sections[${si}].metrics[${oi}]` });
    });
  });
  const idx = indexObservations(observations);
  const render = proseRenderer(indicators, idx);
  const prose = (t: Text): Text => Object.fromEntries(langs.map((l) => [l, render(t[l], l)]));
  const pick = (t: Text): Text => Object.fromEntries(langs.map((l) => [l, t[l]]));

  const highlights: Highlight[] = d.highlights.map((h) => {
    const key = keyFigure(h.headline, indicators, idx, langs);
    const facts = h.facts.map((f) => ({
      id: f.id,
      text: prose(f.text),
      metrics: (f.metrics ?? []).map((o) => observation(idx, o.id, o.year)),
    }));
    const chart = {
      template: h.chart.template,
      metrics: h.chart.metrics,
      ranks: h.chart.ranks,
      title: pick(h.chart.title),
    };
    const used = new Set([
      ...chart.metrics,
      ...(chart.ranks ?? []),
      h.headline.metric,
      ...(h.headline.rank ? [h.headline.rank] : []),
      ...facts.flatMap((f) => f.metrics.map((m) => m.id)),
    ]);
    const slice = {
      h,
      indicators: [...used].sort().map((id) => indicators[id]),
      obs: [...used].sort().map((id) => idx.get(id)),
    };
    return {
      id: h.id,
      number: h.number,
      title: pick(h.title),
      key,
      chart,
      facts,
      alt: {}, // described from the chart below, once the model is whole
      hash: hashOf(slice),
    };
  });

  const t = d.outlook.targets;
  const model: Model = {
    id: d.id,
    langs,
    theme: d.theme ?? 'newspaper',
    file,
    meta: {
      title: pick(d.meta.title),
      kicker: d.meta.kicker && pick(d.meta.kicker),
      intro: prose(d.meta.intro),
      region: pick(d.meta.region),
      date: d.meta.date,
      tagline: d.meta.tagline.map(pick),
      source: pick(d.meta.source),
      keywords: d.meta.keywords.map(pick),
      credits: d.meta.credits.map((c) => ({ role: pick(c.role), names: c.names.map(pick) })),
    },
    indicators,
    observations,
    highlights,
    outlook: {
      title: pick(d.outlook.title),
      byline: pick(d.outlook.byline),
      lede: prose(d.outlook.lede),
      targets: {
        year: t.year,
        period: pick(t.period),
        chart: t.chart,
        metrics: t.metrics,
        title: t.title ? pick(t.title) : pick(d.outlook.title),
        alt: {},
      },
      sections: d.outlook.sections.map((s) => ({ id: s.id, heading: pick(s.heading), body: s.body.map(prose) })),
    },
    photos: d.photos.map((p) => ({ caption: pick(p.caption), image: p.image })),
    photoCredit: d.photoCredit && pick(d.photoCredit),
    hash: '',
  };
  // alt text says what each chart shows, with exact figures: one describer for every output
  const describe = (chart: Parameters<typeof chartAlt>[1]): Text =>
    Object.fromEntries(langs.map((l) => [l, chartAlt(model, chart, l)]));
  for (const h of model.highlights) h.alt = describe(h.chart);
  model.outlook.targets.alt = describe('targets');
  model.hash = hashOf({ ...model, file: undefined });
  return model;
}

function keyFigure(
  head: Dataset['highlights'][number]['headline'],
  inds: Record<string, Indicator>,
  idx: ObservationIndex,
  langs: string[],
): KeyFigure {
  const ind = inds[head.metric];
  const now = observation(idx, head.metric, head.year);
  const per = <T>(fn: (l: string) => T) => Object.fromEntries(langs.map((l) => [l, fn(l)])) as Record<string, T>;
  const key: KeyFigure = {
    metric: head.metric,
    year: now.year,
    label: per((l) => ind.short[l] ?? ind.label[l]),
    value: per((l) => parts(formatObservation(ind, now, l))),
  };
  if (head.compare !== undefined) {
    const then = observation(idx, head.metric, head.compare);
    const change = localeFor(langs[0]).change(then.value, now.value);
    key.compare = {
      year: then.year,
      value: per((l) => parts(formatObservation(ind, then, l))),
      change,
      text: per((l) =>
        l === 'zh'
          ? `${then.year}年 ${formatObservation(ind, then, l)} → ${now.year}年 ${formatObservation(ind, now, l)}`
          : `${formatObservation(ind, then, l)} (${then.year}) → ${formatObservation(ind, now, l)} (${now.year})`,
      ),
    };
  }
  if (head.rank) {
    const r = observation(idx, head.rank);
    key.rank = per((l) =>
      l === 'zh'
        ? `全国${formatObservation(inds[head.rank!], r, l)}`
        : `${formatObservation(inds[head.rank!], r, l)} in China`,
    );
  }
  return key;
}
