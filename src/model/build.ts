import { dirname, isAbsolute, resolve } from 'node:path';
import { type FormatContext, localeFor, parseDate, parseUnit, pointKey, say, type WordKey } from '../format/index.js';
import type { Dataset, HeadlineInput } from '../validate/schema.js';
import {
  findObservation,
  formatObservation,
  indexObservations,
  type ObservationIndex,
  observation,
  parts,
  targetFor,
  targetStatus,
  toObservation,
} from './figures.js';
import { hashOf } from './hash.js';
import { proseRenderer } from './prose.js';
import type { ChartRef, Highlight, Indicator, KeyFigure, Model, Observation, Outlook, Text } from './types.js';

/** datapress/1 chart templates and the chart kinds they are (docs/dataset-format.md "Charts"). */
export const LEGACY_TEMPLATES: Readonly<Record<string, string>> = {
  'before-after': 'before-after',
  'income-spending': 'bars',
  'allowance-rank': 'rank',
  composition: 'part-to-whole',
  'progress-target': 'progress',
};

/**
 * The kind a datapress/1 template draws as. A template whose kind needs what the data lacks
 * draws the values as plain bars: composition without a declared total, allowance-rank without
 * each rank's population. Undefined for a designer's own template.
 */
export function legacyKind(
  template: string,
  total: string | undefined,
  ranksHavePopulation: boolean,
): string | undefined {
  const kind = LEGACY_TEMPLATES[template];
  if (kind === 'part-to-whole' && total === undefined) return 'bars';
  if (kind === 'rank' && !ranksHavePopulation) return 'bars';
  return kind;
}

/**
 * Dataset (validated) → Model: figures indexed by metric and time, prose rendered in every
 * language, key figures derived; absent optional parts stay absent. Chart alt text is not
 * the model's business: the planners describe charts (src/charts), so the model imports no
 * renderer.
 */
export function buildModel(d: Dataset, file: string): Model {
  const langs = d.langs;
  const format: FormatContext = d.meta.currencies ? { currencies: d.meta.currencies } : {};
  const indicators: Record<string, Indicator> = {};
  for (const [id, ind] of Object.entries(d.indicators)) {
    const unitInfo = parseUnit(ind.unit, ind.per);
    if (typeof unitInfo === 'string') throw new Error(`indicators.${id}.unit: ${unitInfo}`);
    indicators[id] = { id, ...ind, short: ind.short ?? ind.label, unitInfo };
  }
  const observations: Observation[] = [];
  d.highlights.forEach((h, hi) => {
    h.facts?.forEach((f, fi) => {
      f.metrics?.forEach((o, oi) => {
        observations.push(toObservation(o, `highlights[${hi}].facts[${fi}].metrics[${oi}]`));
      });
    });
  });
  d.outlook?.sections.forEach((s, si) => {
    s.metrics?.forEach((o, oi) => {
      observations.push(toObservation(o, `outlook.sections[${si}].metrics[${oi}]`));
    });
  });
  const idx = indexObservations(observations);
  const render = proseRenderer(indicators, idx, format);
  const per = <T>(fn: (l: string) => T) => Object.fromEntries(langs.map((l) => [l, fn(l)])) as Record<string, T>;
  const prose = (t: Text): Text => per((l) => render(t[l]!, l));
  const pick = (t: Text): Text => per((l) => t[l]!);
  const opt = (t: Text | undefined): Text | undefined => (t ? pick(t) : undefined);

  const highlights: Highlight[] = d.highlights.map((h, hi) => {
    const key = h.headline ? keyFigure(h.headline, indicators, idx, langs, format) : undefined;
    const facts = (h.facts ?? []).map((f) => ({
      id: f.id,
      text: prose(f.text),
      metrics: (f.metrics ?? []).map((o) => observation(idx, o.id, timeRef(o), o.target ? 'target' : 'result')),
    }));
    const hasPopulation = (id: string) =>
      indicators[id]?.of !== undefined || (idx.get(id) ?? []).some((o) => o.of !== undefined);
    const chart = chartRef(
      h.chart,
      facts.flatMap((f) => f.metrics.filter((o) => !o.target).map((o) => o.id)),
      pick,
      hasPopulation,
    );
    const used = new Set([
      ...(chart?.metrics ?? []),
      ...(chart?.ranks ?? []),
      ...(chart?.total && chart.total !== 'sum' ? [chart.total] : []),
      ...(h.headline ? [h.headline.metric, ...(h.headline.rank ? [h.headline.rank] : [])] : []),
      ...facts.flatMap((f) => f.metrics.map((m) => m.id)),
    ]);
    const slice = {
      h,
      langs,
      format,
      indicators: [...used].sort().map((id) => indicators[id]),
      obs: [...used].sort().map((id) => idx.get(id)),
    };
    return {
      id: h.id,
      number: h.number ?? hi + 1,
      title: pick(h.title),
      ...(h.group ? { group: pick(h.group) } : {}),
      ...(key ? { key } : {}),
      ...(chart ? { chart } : {}),
      facts,
      ...(h.quote
        ? {
            quote: {
              text: prose(h.quote.text),
              speaker: pick(h.quote.speaker),
              ...(h.quote.role ? { role: pick(h.quote.role) } : {}),
              ...(h.quote.original ? { original: h.quote.original } : {}),
            },
          }
        : {}),
      alt: {},
      hash: hashOf(slice),
    };
  });

  const date = parseDate(d.meta.date);
  if (typeof date === 'string') throw new Error(`meta.date: ${date}`);
  const m = d.meta;
  const base = dirname(resolve(file));
  const model: Model = {
    id: d.id,
    langs,
    theme: d.theme ?? 'newspaper',
    file,
    meta: {
      title: pick(m.title),
      ...(m.subtitle ? { subtitle: pick(m.subtitle) } : {}),
      ...(m.kicker ? { kicker: pick(m.kicker) } : {}),
      ...(m.intro ? { intro: prose(m.intro) } : {}),
      ...(m.region ? { region: pick(m.region) } : {}),
      date: pointKey(date),
      datePoint: date,
      dateText: per((l) => localeFor(l).date(date)),
      tagline: m.tagline.map(pick),
      ...(m.source ? { source: pick(m.source) } : {}),
      ...(m.sourceUrl ? { sourceUrl: m.sourceUrl } : {}),
      keywords: m.keywords.map(pick),
      credits: m.credits.map((c) => ({ role: pick(c.role), names: c.names.map(pick) })),
      ...(m.publisher
        ? {
            publisher: {
              name: pick(m.publisher.name),
              ...(m.publisher.logo
                ? { logo: isAbsolute(m.publisher.logo) ? m.publisher.logo : resolve(base, m.publisher.logo) }
                : {}),
              ...(m.publisher.url ? { url: m.publisher.url } : {}),
            },
          }
        : {}),
      ...(m.items
        ? {
            items: {
              total: m.items.total,
              noun: pick(m.items.noun),
              shown: per((l) =>
                say(l, 'items.shown', { n: highlights.length, total: m.items!.total, noun: m.items!.noun[l]! }),
              ),
            },
          }
        : {}),
    },
    indicators,
    observations,
    highlights,
    ...(d.outlook ? { outlook: outlook(d.outlook, pick, prose, opt, per) } : {}),
    photos: d.photos.map((p) => ({
      caption: pick(p.caption),
      ...(p.image ? { image: p.image, file: isAbsolute(p.image) ? p.image : resolve(base, p.image) } : {}),
      ...(p.credit ? { credit: pick(p.credit) } : {}),
    })),
    ...(d.photoCredit ? { photoCredit: pick(d.photoCredit) } : {}),
    format,
    notes: langs
      .filter((l) => localeFor(l).missing.length)
      .map(
        (l) =>
          `language "${l}" has no locale table: ${localeFor(l).missing.join(', ')} are written in English or through Intl`,
      ),
    hash: '',
  };
  model.hash = hashOf({ ...model, file: undefined });
  return model;
}

type Per = <T>(fn: (l: string) => T) => Record<string, T>;

function outlook(
  o: NonNullable<Dataset['outlook']>,
  pick: (t: Text) => Text,
  prose: (t: Text) => Text,
  opt: (t: Text | undefined) => Text | undefined,
  per: Per,
): Outlook {
  const t = o.targets;
  return {
    title: pick(o.title),
    ...(o.byline ? { byline: pick(o.byline) } : {}),
    ...(o.lede ? { lede: prose(o.lede) } : {}),
    ...(t
      ? {
          targets: {
            year: t.year,
            period: t.period ? pick(t.period) : per((l) => localeFor(l).year(t.year)),
            chart: t.chart ?? 'progress',
            metrics: t.metrics,
            title: t.title ? pick(t.title) : pick(o.title),
            alt: {},
          },
        }
      : {}),
    sections: o.sections.map((s) => ({
      id: s.id,
      ...(s.heading ? { heading: opt(s.heading)! } : {}),
      body: s.body.map(prose),
    })),
  };
}

/** The time an observation or headline names, as a reference findObservation understands. */
export function timeRef(o: { year?: number; period?: unknown; asOf?: unknown }): number | string | undefined {
  if (o.asOf !== undefined) return `asof:${o.asOf}`;
  if (o.period !== undefined) {
    if (Array.isArray(o.period)) return `${o.period[0]}/${o.period[1]}`;
    return o.period as string | number;
  }
  return o.year;
}

function chartRef(
  c: Dataset['highlights'][number]['chart'],
  observed: string[],
  pick: (t: Text) => Text,
  hasPopulation: (id: string) => boolean,
): ChartRef | undefined {
  if (c === undefined || c === 'none') return undefined;
  if (c === 'auto') {
    const metrics = [...new Set(observed)];
    return metrics.length ? { kind: 'auto', metrics } : undefined;
  }
  const kind =
    c.kind ??
    (c.spec ? 'spec' : (legacyKind(c.template!, c.total, (c.ranks ?? []).every(hasPopulation)) ?? c.template!));
  return {
    kind,
    ...(c.template ? { template: c.template } : {}),
    ...(c.spec ? { spec: c.spec } : {}),
    metrics: c.metrics,
    ...(c.ranks ? { ranks: c.ranks } : {}),
    ...(c.total ? { total: c.total } : {}),
    ...(c.title ? { title: pick(c.title) } : {}),
  };
}

function keyFigure(
  head: HeadlineInput,
  inds: Record<string, Indicator>,
  idx: ObservationIndex,
  langs: string[],
  ctx: FormatContext,
): KeyFigure {
  const ind = inds[head.metric]!;
  const now = observation(idx, head.metric, timeRef(head), 'any');
  const per = <T>(fn: (l: string) => T) => Object.fromEntries(langs.map((l) => [l, fn(l)])) as Record<string, T>;
  const fmt = (o: Observation, l: string) => formatObservation(ind, o, l, {}, ctx);
  const at = (o: Observation, l: string) =>
    o.time.kind === 'none' ? fmt(o, l) : say(l, 'key.at', { time: localeFor(l).period(o.time), value: fmt(o, l) });
  const key: KeyFigure = {
    metric: head.metric,
    time: now.time,
    year: now.year,
    timeText: per((l) => localeFor(l).period(now.time)),
    label: per((l) => ind.short[l] ?? ind.label[l]!),
    value: per((l) => parts(fmt(now, l))),
  };
  if (head.compare === 'target') {
    const target = targetFor(idx, now)!;
    const kind = target.target!;
    const changeText = per((l) => localeFor(l).vsTarget(now.value, target.value, ind, kind));
    key.compare = {
      kind: 'target',
      time: target.time,
      year: target.year,
      timeText: per((l) => localeFor(l).period(target.time)),
      value: per((l) => parts(fmt(target, l))),
      change: changeText[langs[0]!]!,
      changeText,
      text: per((l) => say(l, 'key.vsTarget', { what: say(l, `target.${kind}` as WordKey), target: fmt(target, l) })),
      targetKind: kind,
      status: targetStatus(now, target, ind),
    };
  } else if (head.compare !== undefined) {
    const then = observation(idx, head.metric, head.compare, 'result');
    const changeText = per((l) => localeFor(l).change(then.value, now.value, { spec: ind }));
    key.compare = {
      kind: 'period',
      time: then.time,
      year: then.year,
      timeText: per((l) => localeFor(l).period(then.time)),
      value: per((l) => parts(fmt(then, l))),
      change: changeText[langs[0]!]!,
      changeText,
      text: per((l) => say(l, 'key.compare', { from: at(then, l), to: at(now, l) })),
    };
  }
  if (head.rank) {
    const r = findObservation(idx, head.rank, undefined, 'result')!;
    key.rank = per((l) => formatObservation(inds[head.rank!]!, r, l, { full: true }, ctx));
  }
  return key;
}
