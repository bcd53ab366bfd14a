/**
 * What a language knows how to write: figures with their units and qualifiers, changes and
 * differences, targets, periods and dates, lists, and every built-in word. One engine per
 * family (chinese.ts, english.ts, intl.ts for languages without a table) reads a table per
 * locale (src/format/locales/).
 */
import type { Period, PeriodPoint } from './period.js';
import type { PerUnit } from './unit.js';
import type { Words } from './words.js';

export const QUALIFIERS = [
  'over',
  'about',
  'around',
  'under',
  'almost',
  'nearly',
  'just-over',
  'at-least',
  'more-than',
  'less-than',
  'estimated',
  'up-to',
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const TARGET_KINDS = ['goal', 'plan', 'expected'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** How an indicator's figures are written; from the dataset's `indicators` entry. */
export interface FormatSpec {
  /** unit name: 'person', 'count', 'CNY', 'CAD', 'percent', 't', 'rank', legacy 'yuan/month'… (see unit.ts) */
  unit: string;
  /** a rate per day, month, person… */
  per?: PerUnit | readonly PerUnit[];
  /** noun per language for counts and custom units: { zh: '张', en: 'bed|beds' } */
  counter?: Readonly<Record<string, string>>;
  /** pinned scale per language: zh '万' | '亿' | 'none', en 'thousand' | 'million' | 'billion' | 'none' */
  scale?: Readonly<Record<string, string>>;
  /** decimals in short forms (rounds; en millions default 2) */
  digits?: number;
  /** exactly this many decimals everywhere but exact forms (pads: 5.0%) */
  decimals?: number;
  /** a rank's population: 7 of 31 */
  of?: number;
  /** a rank's population as words: { zh: '个省份', en: 'provinces' } → 10个省份中第1 / 1st among 10 provinces */
  among?: Readonly<Record<string, string>>;
  /** a rank's scope: { zh: '全国', en: 'in China' } → 全国第7位 / 7th in China */
  scope?: Readonly<Record<string, string>>;
  /** which way is better (targets met, change words): higher (default) or lower */
  better?: 'higher' | 'lower';
  /** the figures are changes as the source states them: signed (+43,000 / −36,000), in words with `words` */
  change?: boolean;
}

/** Choices a dataset makes for all its figures. */
export interface FormatContext {
  /** how each currency is written per language: { CAD: { en: 'C$' } } */
  currencies?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface FormatOptions {
  /** all significant digits (alt text, tables), no rounding */
  exact?: boolean;
  /** the number alone, without unit words */
  bare?: boolean;
  qualifier?: Qualifier;
  /** a rank with its scope or population (全国第7位, 1st among 10 provinces) */
  full?: boolean;
  /** a rank's population, when the observation gives its own */
  of?: number;
  /** round to a multiple of this (round=100: 3912 → 3900) */
  round?: number;
  /** a stated change in words: up 43,000 / 增加4.3万人 (indicators with `change: true`) */
  words?: boolean;
}

export interface ChangeOptions {
  /** the indicator: percent figures change in percentage points */
  spec?: FormatSpec;
  /** growth in percent even between percent figures */
  relative?: boolean;
  /** in words: up 27.9% / 增长27.9%, down 1.9 percentage points / 下降1.9个百分点 */
  words?: boolean;
  /** decimals of the change (default: 1, or as many as the figures have in their unit, 3.67% → 3.64% is −0.03 points) */
  places?: number;
}

export interface DiffOptions extends FormatOptions {
  /** up by 3,900 / 增加3900人 */
  words?: boolean;
}

export interface Locale {
  /** the language tag as the dataset wrote it */
  tag: string;
  /** writing system, for fonts: Hans, Hant (Taiwan forms), HK (Hong Kong forms), Latn, or other */
  script: 'Hans' | 'Hant' | 'HK' | 'Latn' | 'other';
  /** idioms this locale lacks and writes through Intl or in English instead (empty for a full locale) */
  missing: readonly string[];
  value(value: number, spec: FormatSpec, opts?: FormatOptions, ctx?: FormatContext): string;
  /** +27.9%, −1.9 percentage points, up 27.9% … */
  change(from: number, to: number, opts?: ChangeOptions): string;
  /** the absolute difference with its unit: 3,912 / up by around 3,900 */
  diff(from: number, to: number, spec: FormatSpec, opts?: DiffOptions, ctx?: FormatContext): string;
  /** beat the target by 12% / fell 8% short of the plan */
  vsTarget(result: number, target: number, spec: FormatSpec, kind: TargetKind): string;
  /** 91.6% of the plan */
  ofTarget(result: number, target: number, kind: TargetKind): string;
  /** 2023年上半年 / H1 2023 */
  period(p: Period): string;
  /** a calendar point: 2021年6月30日 / 30 June 2021 */
  date(p: PeriodPoint): string;
  /** a plain year: 2020年 / 2020 */
  year(year: number): string;
  /** A、B和C / A, B and C */
  list(items: readonly string[]): string;
  /** English-style capitalisation of a sentence start; identity for Chinese */
  capitalize(s: string): string;
  words: Words;
}

/** @deprecated datapress/1's name for a Locale */
export type LocaleFormat = Locale;
