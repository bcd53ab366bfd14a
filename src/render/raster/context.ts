/**
 * What a poster or card layout sees: the model's text in a primary (`p`) and an optional
 * secondary (`s`) language, figures split for typesetting, theme colours and fonts.
 * Only the slice a layout shows goes in, so it doubles as the job's `inputs`.
 */
import type { FigureParts, Highlight, Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';

export interface Pair {
  p: string;
  s?: string;
}

export interface Figure {
  prefix: string;
  number: string;
  suffix: string;
  text: string;
}

const pair = (t: Record<string, string> | undefined, langs: string[]): Pair => ({
  p: t?.[langs[0]!] ?? '',
  ...(langs[1] ? { s: t?.[langs[1]] ?? '' } : {}),
});

/**
 * The big number alone, scale words with the unit: '1570.6万' + '人' → '1570.6' + '万人';
 * '15.71 million' → '15.71' + ' million'. Keeps every character, in order.
 */
export function displayFigure(f: FigureParts): Figure {
  let { prefix, number, suffix } = f;
  const m = /^(.*?\d)(\s*(?:万亿|亿|万|千|thousand|million|billion|trillion))$/.exec(number);
  if (m) {
    number = m[1]!;
    suffix = m[2]! + suffix;
  }
  return { prefix, number, suffix, text: f.text };
}

export interface HighlightCtx {
  id: string;
  idx: number;
  n: number;
  /** '01' */
  nn: string;
  title: Pair;
  label: Pair;
  fig: { p: Figure; s?: Figure };
  /** compare line ('2012年 1228万人 → 2020年 1570.6万人'), or the rank, per language */
  detail: Pair;
  change?: string;
  rank?: Pair;
  chartTitle: Pair;
  alt: Pair;
  year: number;
}

export function highlightCtx(h: Highlight, idx: number, langs: string[]): HighlightCtx {
  const [p, s] = langs as [string, string | undefined];
  const fig = { p: displayFigure(h.key!.value[p]!), ...(s ? { s: displayFigure(h.key!.value[s]!) } : {}) };
  const c = h.key!.compare;
  const detail: Pair = c
    ? pair(c.text, langs)
    : h.key!.rank
      ? pair(h.key!.rank, langs)
      : { p: '', ...(s ? { s: '' } : {}) };
  return {
    id: h.id,
    idx,
    n: h.number,
    nn: String(h.number).padStart(2, '0'),
    title: pair(h.title, langs),
    label: pair(h.key!.label, langs),
    fig,
    detail,
    ...(c ? { change: c.change } : {}),
    ...(h.key!.rank ? { rank: pair(h.key!.rank, langs) } : {}),
    chartTitle: pair(h.chart!.title, langs),
    alt: pair(h.alt, langs),
    year: h.key!.year,
  };
}

const CREDIT_SEP: Record<string, [string, string]> = { zh: ['：', '　'], en: [': ', ' · '] };

export function creditsLine(model: Model, lang: string): string {
  const [colon, sep] = CREDIT_SEP[lang] ?? CREDIT_SEP.en!;
  return model.meta.credits
    .map((c) => `${c.role[lang] ?? ''}${colon}${c.names.map((n) => n[lang] ?? '').join(lang === 'zh' ? '、' : ', ')}`)
    .join(sep);
}

export interface MetaCtx {
  title: Pair;
  kicker: Pair;
  intro: Pair;
  region: Pair;
  source: Pair;
  credits: Pair;
  logo: Pair;
  year: string;
}

export function metaCtx(model: Model, theme: Theme, langs: string[]): MetaCtx {
  const credits: Pair = { p: creditsLine(model, langs[0]!), ...(langs[1] ? { s: creditsLine(model, langs[1]) } : {}) };
  return {
    title: pair(model.meta.title, langs),
    kicker: pair(model.meta.kicker, langs),
    intro: pair(model.meta.intro, langs),
    region: pair(model.meta.region, langs),
    source: pair(model.meta.source, langs),
    credits,
    logo: pair(theme.logo.text, langs),
    year: model.meta.date.slice(0, 4),
  };
}

/** Theme bits a layout uses (colours and fonts): part of every job's inputs. */
export function themeCtx(theme: Theme) {
  return { name: theme.name, colors: theme.colors, fonts: theme.fonts, palette: theme.palette, logo: theme.logo };
}

/** Language attributes for layouts: `lang.p`, `lang.s`, and `zh`-primary flags. */
export function langCtx(langs: string[]) {
  return { p: langs[0]!, s: langs[1], bi: langs.length > 1, pzh: langs[0] === 'zh', szh: langs[1] === 'zh' };
}
