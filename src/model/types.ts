import type {
  FormatContext,
  FormatSpec,
  Period,
  PeriodPoint,
  Qualifier,
  TargetKind,
  UnitInfo,
} from '../format/index.js';

/** Text in every language of the dataset, keyed by language code ('zh', 'en', 'zh-Hant'…). */
export type Text = Record<string, string>;

export interface Indicator extends FormatSpec {
  id: string;
  label: Text;
  /** short label for charts and cards; falls back to label */
  short: Text;
  /** the unit parsed: base, kind, currency, per */
  unitInfo: UnitInfo;
}

export interface Observation {
  id: string;
  /** when: a year, a period, an "as of" point, or timeless (kind 'none') */
  time: Period;
  /** datapress/1: the year (the period's end year; 0 when timeless) */
  year: number;
  /** datapress/1: a range of whole years, [2016, 2020] */
  period?: [number, number];
  value: number;
  qualifier?: Qualifier;
  /** a target (goal, plan or expected), not a result */
  target?: TargetKind;
  /** a target's status when the data says so */
  status?: 'met' | 'missed';
  /** a rank's population, when the observation gives its own */
  of?: number;
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

export interface KeyCompare {
  /** with an earlier period, or with the target of the same period */
  kind: 'period' | 'target';
  time: Period;
  /** datapress/1 */
  year: number;
  timeText: Text;
  value: Record<string, FigureParts>;
  /** the change in the primary language ('+27.9%'); datapress/1 */
  change: string;
  /** the change per language: '+27.9%', '−1.9个百分点' / '−1.9 percentage points', '完成计划的91.6%' / '91.6% of the plan' */
  changeText: Text;
  /** '2012年 1228万人 → 2020年 1570.6万人' / '12.28 million (2012) → 15.71 million (2020)', or the target line */
  text: Text;
  targetKind?: TargetKind;
  status?: 'met' | 'missed';
}

/** The figure a highlight leads with, ready to typeset in each language. */
export interface KeyFigure {
  metric: string;
  time: Period;
  /** datapress/1: the year of the figure (0 when timeless) */
  year: number;
  /** '2020年' / '2020', 'H1 2023', '截至2023年6月30日'; '' when timeless */
  timeText: Text;
  label: Text;
  value: Record<string, FigureParts>;
  compare?: KeyCompare;
  /** the rank with its scope, when the headline names `rank`: '全国第7位' / '7th in China' */
  rank?: Text;
}

export interface ChartRef {
  /** a chart kind (before-after, bars, series, progress, rank, part-to-whole), 'auto', or 'spec' */
  kind: string;
  /** datapress/1 template name, when the dataset gave one */
  template?: string;
  /** a designer's Vega-Lite file, relative to the project root */
  spec?: string;
  metrics: string[];
  ranks?: string[];
  /** part-to-whole: the metric that is the whole, or 'sum' (the parts are the whole) */
  total?: string;
  title?: Text;
}

export interface Fact {
  id: string;
  /** prose with every figure formatted from the data, per language */
  text: Text;
  metrics: Observation[];
}

export interface Quote {
  text: Text;
  speaker: Text;
  role?: Text;
  /** the language the words were said in; the others are translations */
  original?: string;
}

export interface Highlight {
  id: string;
  number: number;
  title: Text;
  /** group heading shared with neighbouring highlights ('Economic accounts') */
  group?: Text;
  /** absent for a text-only highlight */
  key?: KeyFigure;
  /** absent when the highlight has no chart */
  chart?: ChartRef;
  facts: Fact[];
  quote?: Quote;
  /** description of the highlight's chart, per language (alt text); filled at planning */
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
  heading?: Text;
  /** paragraphs, figures formatted */
  body: Text[];
}

export interface Targets {
  year: number;
  /** the target period's name ('“十四五”末'), or the year in each language */
  period: Text;
  /** chart kind or datapress/1 template */
  chart: string;
  metrics: string[];
  title: Text;
  alt: Text;
}

export interface Outlook {
  title: Text;
  byline?: Text;
  lede?: Text;
  targets?: Targets;
  sections: OutlookSection[];
}

export interface Photo {
  caption: Text;
  /** as written in the data, relative to the data file */
  image?: string;
  /** absolute path of the image */
  file?: string;
  credit?: Text;
}

export interface Model {
  id: string;
  /** languages of the dataset; the first is primary */
  langs: string[];
  theme: string;
  file: string;
  meta: {
    title: Text;
    subtitle?: Text;
    kicker?: Text;
    intro?: Text;
    region?: Text;
    /** publication date as YYYY-MM-DD (the first day of a year or month given alone): PDF dates */
    date: string;
    /** the date at the precision the data gives */
    datePoint: PeriodPoint;
    /** the dateline in each language: 2021年 / 2021, 2021年6月30日 / 30 June 2021 */
    dateText: Text;
    tagline: Text[];
    source?: Text;
    sourceUrl?: string;
    keywords: Text[];
    credits: Credit[];
    publisher?: { name: Text; logo?: string; url?: string };
    /** "8 of 10 projects shown" per language, when the data says how many there are */
    items?: { total: number; noun: Text; shown: Text };
  };
  indicators: Record<string, Indicator>;
  observations: Observation[];
  highlights: Highlight[];
  outlook?: Outlook;
  photos: Photo[];
  photoCredit?: Text;
  /** the dataset's choices for writing figures (currency symbols) */
  format: FormatContext;
  /** notes for the build (a language formatted through Intl, naming what it lacks) */
  notes: string[];
  /** stable hash of the whole dataset */
  hash: string;
}
