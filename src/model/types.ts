import type { FormatSpec, Qualifier } from '../format/index.js';

/** Text in every language of the dataset, keyed by language code ('zh', 'en', later 'mn'). */
export type Text = Record<string, string>;

export interface Indicator extends FormatSpec {
  id: string;
  label: Text;
  /** short label for charts and cards; falls back to label */
  short: Text;
}

export interface Observation {
  id: string;
  year: number;
  value: number;
  qualifier?: Qualifier;
  target?: boolean;
  period?: [number, number];
  /** where it sits in the data file, e.g. highlights[0].facts[0].metrics[1] */
  path: string;
}

/** A number split for display: big number, small unit words around it. */
export interface FigureParts {
  prefix: string;
  number: string;
  suffix: string;
  /** prefix + number + suffix */
  text: string;
}

/** The figure a highlight leads with, ready to typeset in each language. */
export interface KeyFigure {
  metric: string;
  year: number;
  label: Record<string, string>;
  value: Record<string, FigureParts>;
  /** 2012 → 2020 comparison, when the highlight names `compare` */
  compare?: {
    year: number;
    value: Record<string, FigureParts>;
    /** '+27.9%' */
    change: string;
    /** '2012年 1228万人 → 2020年 1570.6万人' / '12.28 million (2012) → 15.71 million (2020)' */
    text: Text;
  };
  /** national rank, when the highlight names `rank`: '全国第7位' / '7th in China' */
  rank?: Text;
}

export interface ChartRef {
  template: string;
  metrics: string[];
  ranks?: string[];
  title: Text;
}

export interface Fact {
  id: string;
  /** prose with every figure formatted from the data, per language */
  text: Text;
  metrics: Observation[];
}

export interface Highlight {
  id: string;
  number: number;
  title: Text;
  key: KeyFigure;
  chart: ChartRef;
  facts: Fact[];
  /** data-derived description of the highlight's chart, per language (alt text) */
  alt: Text;
  /** stable hash of everything this highlight shows (for incremental builds) */
  hash: string;
}

export interface Credit {
  role: Text;
  names: Text[];
}

export interface OutlookSection {
  id: string;
  heading: Text;
  /** paragraphs, figures formatted */
  body: Text[];
}

export interface Model {
  id: string;
  /** languages of the dataset; the first is primary */
  langs: string[];
  theme: string;
  file: string;
  meta: {
    title: Text;
    kicker?: Text;
    intro: Text;
    region: Text;
    /** ISO date of publication, used for PDF dates */
    date: string;
    tagline: Text[];
    source: Text;
    keywords: Text[];
    credits: Credit[];
  };
  indicators: Record<string, Indicator>;
  observations: Observation[];
  highlights: Highlight[];
  outlook: {
    title: Text;
    byline: Text;
    lede: Text;
    targets: { year: number; period: Text; chart: string; metrics: string[]; title: Text; alt: Text };
    sections: OutlookSection[];
  };
  photos: { caption: Text; image?: string }[];
  photoCredit?: Text;
  /** stable hash of the whole dataset */
  hash: string;
}
