/**
 * Time as newsrooms write it: a year, a half, a quarter, a month, a day, a range of those,
 * an "as of" point, or no time at all. Parsed once from the data into a `Period` with a
 * canonical key ('2023', '2023-H1', '2016/2020', 'asof:2023-06-30', '' for timeless) that
 * prose references, uniqueness and charts use; worded per language by the locales.
 */

export type Precision = 'year' | 'half' | 'quarter' | 'month' | 'day';

/** One point on the calendar at a precision: 2023, 2023-H1, 2023-Q3, 2023-06, 2023-06-30. */
export interface PeriodPoint {
  precision: Precision;
  year: number;
  /** half 1–2, quarter 1–4, month 1–12 (undefined for a year) */
  part?: number;
  /** day of the month (precision day) */
  day?: number;
}

export type PeriodKind = Precision | 'range' | 'asof' | 'none';

export interface Period {
  kind: PeriodKind;
  /** canonical key: '2023', '2023-H1', '2023-Q3', '2023-06', '2023-06-30', '2016/2020', 'asof:2023-06', '' */
  key: string;
  /** the point (a point or an "as of"), or the end of a range */
  at?: PeriodPoint;
  /** the start of a range */
  from?: PeriodPoint;
  /** calendar year of the end (undefined when timeless) */
  year?: number;
  /** first and last day covered, as days since 1970-01-01 (0 when timeless) */
  start: number;
  end: number;
}

export const TIMELESS: Period = { kind: 'none', key: '', start: 0, end: 0 };

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

const pad2 = (n: number) => String(n).padStart(2, '0');
const days = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const monthLength = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** First and last month of a point. */
function months(p: PeriodPoint): [number, number] {
  switch (p.precision) {
    case 'year':
      return [1, 12];
    case 'half':
      return p.part === 1 ? [1, 6] : [7, 12];
    case 'quarter':
      return [(p.part! - 1) * 3 + 1, p.part! * 3];
    default:
      return [p.part!, p.part!];
  }
}

export function pointStart(p: PeriodPoint): number {
  return p.precision === 'day' ? days(p.year, p.part!, p.day!) : days(p.year, months(p)[0], 1);
}

export function pointEnd(p: PeriodPoint): number {
  if (p.precision === 'day') return days(p.year, p.part!, p.day!);
  const m = months(p)[1];
  return days(p.year, m, monthLength(p.year, m));
}

export function pointKey(p: PeriodPoint): string {
  switch (p.precision) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year}-H${p.part}`;
    case 'quarter':
      return `${p.year}-Q${p.part}`;
    case 'month':
      return `${p.year}-${pad2(p.part!)}`;
    case 'day':
      return `${p.year}-${pad2(p.part!)}-${pad2(p.day!)}`;
  }
}

const POINT = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})(?:-(\d{2}))?))?$/;

/** Why `s` is not a calendar point, or the point. */
export function parsePoint(s: string | number): PeriodPoint | string {
  const text = String(s).trim();
  const m = POINT.exec(text);
  if (!m) return 'a year (2023), half (2023-H1), quarter (2023-Q3), month (2023-06) or day (2023-06-30)';
  const year = Number(m[1]);
  if (year < YEAR_MIN || year > YEAR_MAX) return `a year from ${YEAR_MIN} to ${YEAR_MAX}`;
  if (m[2]) return { precision: 'half', year, part: Number(m[2]) };
  if (m[3]) return { precision: 'quarter', year, part: Number(m[3]) };
  if (m[4]) {
    const month = Number(m[4]);
    if (month < 1 || month > 12) return 'a month from 01 to 12';
    if (m[5] === undefined) return { precision: 'month', year, part: month };
    const day = Number(m[5]);
    if (day < 1 || day > monthLength(year, month))
      return `a day that exists (${year}-${pad2(month)} has ${monthLength(year, month)} days)`;
    return { precision: 'day', year, part: month, day };
  }
  return { precision: 'year', year };
}

function pointPeriod(p: PeriodPoint): Period {
  return { kind: p.precision, key: pointKey(p), at: p, year: p.year, start: pointStart(p), end: pointEnd(p) };
}

/** A range of two points of the same precision, the first before the second. */
export function rangePeriod(from: PeriodPoint, to: PeriodPoint): Period | string {
  if (from.precision !== to.precision) return 'a range of two points of the same kind (2016/2020, 2023-07/2023-09)';
  if (pointStart(to) <= pointStart(from)) return 'a range whose end comes after its start';
  return {
    kind: 'range',
    key: `${pointKey(from)}/${pointKey(to)}`,
    from,
    at: to,
    year: to.year,
    start: pointStart(from),
    end: pointEnd(to),
  };
}

/** An "as of" point: the figure stands at the end of the point. */
export function asOfPeriod(p: PeriodPoint): Period {
  const end = pointEnd(p);
  return { kind: 'asof', key: `asof:${pointKey(p)}`, at: p, year: p.year, start: end, end };
}

/**
 * Parse what the data says: `period: 2023-H1 | 2016/2020 | [2016, 2020]`, `year: 2023`, or a
 * period key such as 'asof:2023-06' (prose). Returns the period or why it is not one.
 */
export function parsePeriod(input: unknown): Period | string {
  if (input === undefined || input === null || input === '') return TIMELESS;
  if (Array.isArray(input)) {
    if (input.length !== 2) return 'a range written as [start, end]';
    const a = parsePoint(input[0] as string | number);
    const b = parsePoint(input[1] as string | number);
    if (typeof a === 'string') return a;
    if (typeof b === 'string') return b;
    return rangePeriod(a, b);
  }
  if (typeof input !== 'string' && typeof input !== 'number') return 'a period such as 2023, 2023-H1 or 2016/2020';
  const text = String(input).trim();
  if (text.startsWith('asof:')) {
    const p = parsePoint(text.slice(5));
    return typeof p === 'string' ? p : asOfPeriod(p);
  }
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const a = parsePoint(text.slice(0, slash));
    const b = parsePoint(text.slice(slash + 1));
    if (typeof a === 'string') return a;
    if (typeof b === 'string') return b;
    return rangePeriod(a, b);
  }
  const p = parsePoint(text);
  return typeof p === 'string' ? p : pointPeriod(p);
}

/** A whole year as a period. */
export function yearPeriod(year: number): Period {
  return pointPeriod({ precision: 'year', year });
}

/** Sort key: later periods sort after earlier ones; a longer period ending the same day first. */
export function periodOrder(p: Period): number {
  return p.end + p.start / 1e6;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.end - b.end || a.start - b.start;
}

/** The date a point or period ends on, as YYYY-MM-DD (PDF dates, alt text). */
export function isoDay(d: number): string {
  return new Date(d * 86_400_000).toISOString().slice(0, 10);
}

/** `meta.date`: YYYY, YYYY-MM or YYYY-MM-DD, kept at the precision given. */
export function parseDate(input: unknown): PeriodPoint | string {
  if (input instanceof Date && !Number.isNaN(input.getTime())) return parsePoint(input.toISOString().slice(0, 10));
  if (typeof input !== 'string' && typeof input !== 'number') return 'a date as YYYY, YYYY-MM or YYYY-MM-DD';
  const text = String(input).trim();
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) return 'a date as YYYY, YYYY-MM or YYYY-MM-DD';
  return parsePoint(text);
}
