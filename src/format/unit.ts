/**
 * Units a figure can carry, as data: a base (a count, a currency, a ratio, a measure, a rank…)
 * and what it is per (a month, a person…). `unit: CAD` + `per: month`, or the legacy
 * spellings `yuan/month` and `yuan/person/month`, are parsed into the same `UnitInfo`; the
 * locales word it. Adding a measure is one entry here and one word in each locale table.
 */

export type UnitKind = 'count' | 'number' | 'money' | 'ratio' | 'points' | 'rate' | 'measure' | 'rank' | 'streak';

interface BaseUnit {
  kind: UnitKind;
  description: string;
}

/** Bases other than currencies (any ISO 4217 code is a base too). */
export const BASE_UNITS: Readonly<Record<string, BaseUnit>> = {
  person: { kind: 'count', description: 'people (counts of persons)' },
  count: { kind: 'count', description: 'things counted, named by `counter` (beds, homes, stations)' },
  number: { kind: 'number', description: 'a plain number (an index, a score), with an optional `counter`' },
  percent: { kind: 'ratio', description: 'a ratio written as a fraction: 0.95 is 95%' },
  permille: { kind: 'ratio', description: 'a ratio written as a fraction, shown per thousand: 0.00677 is 6.77‰' },
  pp: { kind: 'points', description: 'percentage points: 1.9 is 1.9 percentage points' },
  per1000: { kind: 'rate', description: 'a rate per 1,000: 6.77 is 6.77 per 1,000' },
  per100000: { kind: 'rate', description: 'a rate per 100,000: 12.3 is 12.3 per 100,000' },
  km2: { kind: 'measure', description: 'square kilometres' },
  m2: { kind: 'measure', description: 'square metres' },
  ha: { kind: 'measure', description: 'hectares' },
  mu: { kind: 'measure', description: 'mu (亩, 1/15 ha)' },
  km: { kind: 'measure', description: 'kilometres' },
  m: { kind: 'measure', description: 'metres' },
  t: { kind: 'measure', description: 'tonnes' },
  kg: { kind: 'measure', description: 'kilograms' },
  kWh: { kind: 'measure', description: 'kilowatt-hours' },
  m3: { kind: 'measure', description: 'cubic metres' },
  rank: { kind: 'rank', description: 'a position in a ranking: 7 is 7th (with `of`, `among` or `scope`)' },
  streak: { kind: 'streak', description: 'consecutive increases: 17 is 17 in a row' },
};

/** What a rate is per. */
export const PER_UNITS = ['hour', 'day', 'week', 'month', 'quarter', 'year', 'person', 'household'] as const;
export type PerUnit = (typeof PER_UNITS)[number];

/** Spellings kept from datapress/1. */
const ALIASES: Readonly<Record<string, string>> = { yuan: 'CNY', rmb: 'CNY', RMB: 'CNY' };

export interface UnitInfo {
  /** 'person', 'count', 'CNY', 'CAD', 'percent', 't', 'rank'… */
  base: string;
  kind: UnitKind;
  /** ISO 4217 code, for money */
  currency?: string;
  /** per what, in order: ['person', 'month'] for yuan/person/month */
  per: PerUnit[];
}

let currencies: Set<string> | undefined;
/** ISO 4217 codes this runtime's Intl knows (162 on Node 20). */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** Parse `unit` (+ the indicator's `per`) or say what is expected. */
export function parseUnit(unit: string, per?: string | readonly string[]): UnitInfo | string {
  const [head = '', ...tail] = unit.split('/');
  const base = ALIASES[head] ?? head;
  const pers = [...tail, ...(per === undefined ? [] : typeof per === 'string' ? [per] : per)];
  for (const p of pers) {
    if (!(PER_UNITS as readonly string[]).includes(p)) return `a rate per ${PER_UNITS.join(', ')}`;
  }
  if (new Set(pers).size !== pers.length) return 'each "per" once';
  const known = BASE_UNITS[base];
  if (known) {
    if (pers.length && (known.kind === 'rank' || known.kind === 'streak' || known.kind === 'points')) {
      return `no "per" for a ${base} (it is not a rate)`;
    }
    if (known.kind === 'ratio' && pers.some((p) => p === 'person' || p === 'household')) {
      return `a percent per unit of time only (0.8% a year), not per ${pers.join('/')}`;
    }
    return { base, kind: known.kind, per: pers as PerUnit[] };
  }
  if (/^[A-Z]{3}$/.test(base) && isCurrency(base))
    return { base, kind: 'money', currency: base, per: pers as PerUnit[] };
  return `a unit: ${Object.keys(BASE_UNITS).join(', ')}, an ISO 4217 currency code (CNY, USD, CAD, HKD, EUR…) or yuan, optionally with /month, /year…`;
}

/** Every unit name `validate` accepts for documentation and the JSON Schema. */
export const UNIT_NAMES: readonly string[] = [
  ...Object.keys(BASE_UNITS),
  'yuan',
  'yuan/month',
  'yuan/year',
  'yuan/person/month',
];

export function isUnit(u: string): boolean {
  return typeof parseUnit(u) !== 'string';
}

/** Largest magnitude a figure may have, and smallest non-zero one: beyond them no unit reads sensibly. */
export const VALUE_MAX = 1e15;
export const VALUE_MIN = 1e-9;

/**
 * Which values a unit may take, or undefined when `value` is fine. A stated change
 * (`change: true` on the indicator: "−36,000 jobs") may be negative whatever its unit.
 */
export function unitAccepts(u: UnitInfo, value: number, change = false): string | undefined {
  if (!Number.isFinite(value)) return 'a finite number';
  const abs = Math.abs(value);
  if (abs >= VALUE_MAX) return `a number under ${VALUE_MAX.toExponential()} in size`;
  if (abs !== 0 && abs < VALUE_MIN) return `0 or a number of at least ${VALUE_MIN} in size`;
  switch (u.kind) {
    case 'rank':
    case 'streak':
      if (change) return 'no change: of a rank or a streak (give the values instead)';
      if (!Number.isInteger(value) || value < 1 || value > 1_000_000) return 'a whole number from 1 to 1,000,000';
      return undefined;
    case 'count':
    case 'measure':
    case 'rate':
      return value < 0 && !change
        ? 'a number of 0 or more (a change stated as such: change: true on its indicator)'
        : undefined;
    case 'money':
      return undefined; // a balance or a loss may be negative
    case 'ratio':
      if (value < -1 && !change) return 'a fraction of -1 or more (-1 is −100%)';
      if (value > 1000) return 'a fraction such as 0.95 for 95%';
      return undefined;
    default:
      return undefined;
  }
}
