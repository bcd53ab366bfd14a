/**
 * What a poster or card layout sees: the one module that turns the model into template
 * contexts (the integrator feeds new model fields in here).
 *
 * Every text is a `Multi`: `p`, the text in the primary language (absent when the data has
 * none), and `s`, the same text in each other language (empty for a single-language output),
 * each with its language code for the text's fonts and quotes:
 *
 *   {{#with h.title.p}}<text lang="{{lang}}" …>{{text}}</text>{{/with}}
 *   {{#each h.title.s}}<text lang="{{lang}}" …>{{text}}</text>{{/each}}
 *
 * so an absent part drops out with its element (and a container left with nothing drops
 * too), a bilingual output shows every text in every language, and the order of languages
 * is the output's, whichever it is (zh-en, en-zh, en alone). Lines made of several parts
 * (kicker · region · year) are joined here from the parts present, with each language's
 * own separator: no leading "•", no trailing "/".
 *
 * The context is also the job's input for incremental builds (its hash is the context's
 * hash, with the template, theme, fonts and version): everything a layout can show is in it.
 */
import { chartLines } from '../../charts/article/bind.js';
import { articleChart } from '../../charts/article/source.js';
import { localeFor, say } from '../../format/index.js';
import { formatObservation } from '../../model/figures.js';
import type { ChartRef, FigureParts, Highlight, Model, Observation } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';

/** A text in one language. */
export interface Tx {
  text: string;
  lang: string;
}

/** A text in the primary language (`p`) and in each other language (`s`), absent parts left out. */
export interface Multi {
  p?: Tx;
  s: Tx[];
}

/** `f(lang)` in every language of the output; empty texts are absent. */
export function multi(langs: readonly string[], f: (lang: string) => string | undefined): Multi {
  const tx = (lang: string): Tx | undefined => {
    const text = (f(lang) ?? '').trim();
    return text ? { text, lang } : undefined;
  };
  const p = tx(langs[0]!);
  return { ...(p ? { p } : {}), s: langs.slice(1).flatMap((l) => tx(l) ?? []) };
}

const textOf = (t: Record<string, string> | undefined) => (lang: string) => t?.[lang];

/** Parts present, joined with the language's separator. */
const join = (lang: string, parts: (string | undefined)[]) =>
  parts
    .map((x) => (x ?? '').trim())
    .filter(Boolean)
    .join(say(lang, 'sep.parts'));

export interface FigureTx {
  prefix: string;
  number: string;
  suffix: string;
  text: string;
  lang: string;
  /** the fields this figure also stands for: the other languages that write it alike */
  also?: string;
}

/**
 * The big number alone, scale words with the unit: '1570.6万' + '人' → '1570.6' + '万人';
 * '15.71 million' → '15.71' + ' million'. Keeps every character, in order.
 */
export function displayFigure(f: FigureParts): Omit<FigureTx, 'lang'> {
  let { prefix, number, suffix } = f;
  // the number ends at its last digit; what follows (scale words) goes with the unit
  let end = number.length;
  while (end > 0 && !isDigit(number[end - 1]!)) end--;
  if (end > 0 && end < number.length) {
    suffix = number.slice(end) + suffix;
    number = number.slice(0, end);
  }
  return { prefix, number, suffix, text: f.text };
}
const isDigit = (c: string) => c >= '0' && c <= '9';

export interface HighlightCtx {
  id: string;
  idx: number;
  n: number;
  /** '01' */
  nn: string;
  /** '06': the count, two digits */
  of: string;
  title: Multi;
  /** what the figure measures */
  label: Multi;
  /** the key figure: split for typesetting in the primary language, whole in the others */
  fig?: { p: FigureTx; s: Tx[] };
  /** the figure's time (2020年 / 2020) */
  when: Multi;
  /** what the figure measures and when: label · time */
  caption: Multi;
  /** compare line ('2012年 1228万人 → 2020年 1570.6万人'), or the rank */
  detail: Multi;
  /** lines: what a listing chart draws (0 for a series or a designer's spec), so its box is never too short for them */
  chart?: { highlight: string; title: Multi; lines: number };
  /** the facts, run together */
  facts: Multi;
  /** the group heading it shares with its neighbours ('Economic accounts') */
  group: Multi;
  /** the highlight's quote with its speaker (Chris Sun said: “…”), for a pull quote */
  quote: Multi;
}

/** The lines a highlight's chart lists in `lang` (0 when it lists none or cannot say). */
function listedLines(model: Model, id: string, lang: string): number {
  const chart = articleChart(model, id);
  if (!chart) return 0;
  try {
    return chartLines(model, chart, lang);
  } catch {
    return 0; // the chart's own render names the problem
  }
}

export function highlightCtx(model: Model, h: Highlight, idx: number, langs: string[]): HighlightCtx {
  const key = h.key as Highlight['key'] | undefined;
  const primary = key?.value[langs[0]!];
  const c = key?.compare;
  const chart = h.chart as ChartRef | undefined;
  return {
    id: h.id,
    idx,
    n: h.number,
    nn: String(h.number).padStart(2, '0'),
    of: String(model.highlights.length).padStart(2, '0'),
    title: multi(langs, textOf(h.title)),
    label: multi(langs, (l) => key?.label[l]),
    ...(key && primary
      ? {
          fig: {
            p: {
              ...displayFigure(primary),
              lang: langs[0]!,
              also: langs
                .slice(1)
                .flatMap((l) => (key.value[l]?.text === primary.text ? [`highlights[${idx}].key.value.${l}`] : []))
                .join(' '),
            },
            // a figure written alike in every language (−0.2%, 3.64%) is set once, not repeated under itself
            s: multi(langs, (l) => key.value[l]?.text).s.filter((t) => t.text !== primary.text),
          },
        }
      : {}),
    when: multi(langs, (l) => key?.timeText[l] || undefined),
    caption: multi(langs, (l) => join(l, [key?.label[l], key?.timeText[l] || undefined])),
    // the comparison and its change, each in its own language (+27.9% / −1.9个百分点 / 91.6% of the plan)
    detail: c
      ? multi(langs, (l) => join(l, [c.text[l], c.changeText[l] ?? c.change]))
      : multi(langs, (l) => key?.rank?.[l]),
    ...(chart
      ? {
          chart: {
            highlight: h.id,
            title: multi(langs, textOf(chart.title)),
            lines: listedLines(model, h.id, langs[0]!),
          },
        }
      : {}),
    facts: multi(langs, (l) =>
      h.facts
        .map((f) => f.text[l] ?? '')
        .filter(Boolean)
        .join(say(l, 'sep.run')),
    ),
    group: multi(langs, textOf(h.group)),
    quote: multi(langs, (l) =>
      h.quote?.text[l] && h.quote.speaker[l]
        ? say(l, 'report.quoted', { speaker: h.quote.speaker[l]!, text: h.quote.text[l]! })
        : undefined,
    ),
  };
}

export function creditsLine(model: Model, lang: string): string {
  return model.meta.credits
    .map(
      (c) =>
        `${c.role[lang] ?? ''}${say(lang, 'sep.colon')}${c.names
          .map((n) => n[lang] ?? '')
          .filter(Boolean)
          .join(say(lang, 'sep.names'))}`,
    )
    .join(say(lang, 'sep.credits'));
}

export interface MetaCtx {
  title: Multi;
  /** series line: kicker · region · year, from the parts present */
  kicker: Multi;
  intro: Multi;
  region: Multi;
  source: Multi;
  credits: Multi;
  tagline: Multi;
  /** the publisher: the dataset's publisher name, else the theme's logo text */
  logo: Multi;
  /** the data field the publisher comes from, for fit reports */
  logoField: string;
  year: string;
  subtitle: Multi;
  /** the dateline (2021年6月30日 / 30 June 2021) */
  dateline: Multi;
  /** the source's short host (stats.govt.nz), when the data gives a source URL */
  host?: string;
  /** "8 of 10 projects shown", when the data says how many there are */
  shown: Multi;
  /** the footer's stamp: the dateline, and after the primary language's the source's host */
  stamp: Multi;
  /** a footer line in one: the source, then the stamp (a card's foot has no room for a line more) */
  foot: Multi;
  /** the data field the foot line comes from, for fit reports */
  footField: string;
}

/** A URL's host without `www.`: what a footer has room for. */
export function shortHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}

export function metaCtx(model: Model, theme: Theme, langs: string[]): MetaCtx {
  const m = model.meta;
  const year = m.date.slice(0, 4);
  const host = shortHost(m.sourceUrl);
  const stamp = (l: string) => (l === langs[0] ? join(l, [m.dateText[l], host]) : m.dateText[l]);
  return {
    title: multi(langs, textOf(m.title)),
    kicker: multi(langs, (l) => join(l, [m.kicker?.[l], m.region?.[l], localeFor(l).year(Number(year))])),
    intro: multi(langs, textOf(m.intro)),
    region: multi(langs, textOf(m.region)),
    source: multi(langs, textOf(m.source)),
    credits: multi(langs, (l) => (m.credits?.length ? creditsLine(model, l) : undefined)),
    tagline: multi(langs, (l) =>
      (m.tagline ?? [])
        .map((t) => t[l] ?? '')
        .filter(Boolean)
        .join(' '),
    ),
    // a publisher named in the data replaces the theme's desk name, in every language it has
    // (a name it lacks in one language is given in another: a proper name, not a missing text)
    logo: m.publisher
      ? multi(langs, (l) => m.publisher!.name[l] || Object.values(m.publisher!.name).find(Boolean))
      : multi(langs, textOf(theme.logo.text)),
    logoField: m.publisher ? 'meta.publisher.name' : 'theme.logo',
    year,
    subtitle: multi(langs, textOf(m.subtitle)),
    dateline: multi(langs, textOf(m.dateText)),
    ...(host ? { host } : {}),
    shown: multi(langs, textOf(m.items?.shown)),
    stamp: multi(langs, stamp),
    foot: multi(langs, (l) => join(l, [m.source?.[l], stamp(l)])),
    footField: langs.some((l) => m.source?.[l]?.trim()) ? 'meta.source' : 'meta.dateText',
  };
}

/** Theme bits a layout uses (colours and fonts): part of every job's inputs. */
export function themeCtx(theme: Theme) {
  return { name: theme.name, colors: theme.colors, fonts: theme.fonts, palette: theme.palette, logo: theme.logo };
}

/** The output's languages: `p` the primary, `all` in order, `bi` when there are several. */
export function langCtx(langs: string[]) {
  return { p: langs[0]!, all: langs, bi: langs.length > 1 };
}

/** Each target against the latest result before the target year, formatted in each language (qualifiers kept). */
export function targetsCtx(model: Model, langs: string[]) {
  const t = model.outlook?.targets;
  if (!t) return [];
  return t.metrics.flatMap((id, i) => {
    const ind = model.indicators[id];
    const now = model.observations
      .filter((o) => o.id === id && !o.target && o.year < t.year)
      .sort((a, b) => b.year - a.year)[0];
    const goal =
      model.observations.find((o) => o.id === id && o.year === t.year && o.target) ??
      model.observations.find((o) => o.id === id && o.year === t.year);
    if (!ind || !goal) return [];
    return [
      {
        idx: i,
        label: multi(langs, (l) => ind.short[l] ?? ind.label[l] ?? id),
        now: now
          ? multi(langs, (l) => `${localeFor(l).year(now.year)}${say(l, 'sep.colon')}${formatObservation(ind, now, l)}`)
          : multi(langs, () => undefined),
        goal: {
          p: { text: formatObservation(ind, goal, langs[0]!), lang: langs[0]! },
          s: multi(langs, (l) => formatObservation(ind, goal, l)).s,
        },
        when: multi(langs, (l) => localeFor(l).year(t.year)),
        change: now ? localeFor(langs[0]!).change(now.value, goal.value) : '',
      },
    ];
  });
}

/** Photos with a file: `src` (relative to the data file) and the caption in every language. */
export function photosCtx(model: Model, langs: string[]) {
  return (model.photos ?? [])
    .filter((p) => p.image)
    .map((p, i) => ({ idx: i, src: p.image!, caption: multi(langs, textOf(p.caption)) }));
}

export interface PosterCtxInput {
  model: Model;
  theme: Theme;
  langs: string[];
  layout: 'overview' | 'targets' | 'highlight';
  highlight?: number;
  preset: { name: string; print?: boolean };
}

/** A poster's context: the article, every highlight (overview), one highlight, or the targets. */
export function posterContext(r: PosterCtxInput): Record<string, unknown> {
  const m = r.model;
  const base = {
    meta: metaCtx(m, r.theme, r.langs),
    lang: langCtx(r.langs),
    preset: r.preset.name,
    print: !!r.preset.print,
  };
  if (r.layout === 'overview')
    return {
      ...base,
      highlights: m.highlights.map((h, i) => highlightCtx(m, h, i, r.langs)),
      total: m.highlights.length,
      photos: photosCtx(m, r.langs),
    };
  if (r.layout === 'targets') {
    const o = m.outlook;
    return {
      ...base,
      outlook: {
        title: multi(r.langs, textOf(o?.title)),
        lede: multi(r.langs, textOf(o?.lede)),
        byline: multi(r.langs, textOf(o?.byline)),
        period: multi(r.langs, textOf(o?.targets?.period)),
        chart: o?.targets ? { highlight: 'targets', title: multi(r.langs, textOf(o.targets.title)) } : undefined,
        targets: targetsCtx(m, r.langs),
      },
    };
  }
  const i = r.highlight ?? 0;
  return { ...base, h: highlightCtx(m, m.highlights[i]!, i, r.langs), total: m.highlights.length };
}

export interface CardCtxInput {
  model: Model;
  theme: Theme;
  langs: string[];
  highlight: number;
  preset: { name: string; chart: boolean };
}

export function cardContext(r: CardCtxInput): Record<string, unknown> {
  const h = r.model.highlights[r.highlight]!;
  return {
    h: highlightCtx(r.model, h, r.highlight, r.langs),
    meta: metaCtx(r.model, r.theme, r.langs),
    lang: langCtx(r.langs),
    total: r.model.highlights.length,
    // a chart is drawn: the preset has room for one and the highlight has one
    showChart: r.preset.chart && !!h.chart,
    preset: r.preset.name,
  };
}

/**
 * What a chart slot draws beyond the context: the chart's definition and the observations
 * and indicators of its metrics (the chart is bound to the model by src/charts/article).
 */
export function chartInputs(model: Model, ids: string[]): unknown {
  return ids.map((id) => {
    if (id === 'targets') {
      const t = model.outlook?.targets;
      return {
        id,
        targets: t,
        observations: model.observations.filter((o: Observation) => t?.metrics.includes(o.id)),
        indicators: (t?.metrics ?? []).map((x) => model.indicators[x]),
      };
    }
    const h = model.highlights.find((x) => x.id === id);
    const chart = h?.chart as ChartRef | undefined;
    const metrics = chart ? [...chart.metrics, ...(chart.ranks ?? [])] : [];
    return {
      id,
      chart,
      alt: h?.alt,
      observations: model.observations.filter((o) => metrics.includes(o.id)),
      indicators: metrics.map((x) => model.indicators[x]),
    };
  });
}
