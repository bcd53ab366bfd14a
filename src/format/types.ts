import type { UnitName } from './units.js';

export type Qualifier = 'over' | 'about' | 'under';

/** How an indicator's figures are written; from the dataset's `indicators` entry. */
export interface FormatSpec {
  unit: UnitName;
  /** counter word per language for unit `count`: { zh: '张', en: 'bed|beds' } */
  counter?: Record<string, string>;
  /** pinned scale per language: zh '万' | '亿' | 'none', en 'thousand' | 'million' | 'billion' | 'none' */
  scale?: Record<string, string>;
  /** decimals shown in the short form (en millions default 2) */
  digits?: number;
}

export interface FormatOptions {
  /** all significant digits (alt text, tables), no rounding */
  exact?: boolean;
  /** the number alone, without unit words */
  bare?: boolean;
  qualifier?: Qualifier;
}

export interface LocaleFormat {
  /** language code, e.g. 'zh' */
  lang: string;
  value(value: number, spec: FormatSpec, opts?: FormatOptions): string;
  /** +27.9% */
  change(from: number, to: number, places?: number): string;
  /** a plain year or period: 2020, 2016–2020 */
  year(year: number): string;
  /** a list: 'A、B和C' / 'A, B and C' */
  list(items: string[]): string;
}
