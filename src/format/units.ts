/**
 * Units a figure can carry. Each is a small descriptor; the per-language
 * wording lives in the locale files (zh.ts, en.ts) keyed by these names.
 */
export const UNITS = {
  person: { kind: 'count', description: 'people (counts of persons)' },
  count: { kind: 'count', description: 'things counted with a counter word (beds, homes, children)' },
  yuan: { kind: 'money', description: 'an amount in yuan (CNY)' },
  'yuan/month': { kind: 'money', description: 'yuan per month' },
  'yuan/year': { kind: 'money', description: 'yuan per year' },
  'yuan/person/month': { kind: 'money', description: 'yuan per person per month' },
  percent: { kind: 'ratio', description: 'a ratio written as a fraction: 0.95 is 95%' },
  rank: { kind: 'rank', description: 'a national ranking: 7 is 7th' },
  streak: { kind: 'streak', description: 'consecutive annual increases: 17 is 17 in a row' },
} as const;

export type UnitName = keyof typeof UNITS;
export type UnitKind = (typeof UNITS)[UnitName]['kind'];
export const UNIT_NAMES = Object.keys(UNITS) as UnitName[];

export function isUnit(u: string): u is UnitName {
  return Object.hasOwn(UNITS, u);
}

/** Which values a unit may take. */
export function unitAccepts(unit: UnitName, value: number): string | undefined {
  const kind = UNITS[unit].kind;
  if (kind === 'rank' || kind === 'streak') {
    if (!Number.isInteger(value) || value < 1) return 'a whole number of 1 or more';
  } else if (kind === 'count' || kind === 'money') {
    if (value < 0) return 'a number of 0 or more';
  } else if (kind === 'ratio') {
    if (value < -10 || value > 10) return 'a fraction such as 0.95 for 95%';
  }
  return undefined;
}
