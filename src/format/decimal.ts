/**
 * Exact decimal arithmetic on the shortest round-trip string of a JS number.
 * 15706000 / 10^4 is done by moving a decimal point, never by float division,
 * so 1570.6 stays 1570.6 and 0.049 × 100 stays 4.9.
 */
export interface Decimal {
  neg: boolean;
  /** digits without leading zeros (may be '0') */
  digits: string;
  /** value = digits × 10^-scale */
  scale: number;
}

export function toDecimal(n: number): Decimal {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  let s = String(Math.abs(n));
  let exp = 0;
  const e = s.indexOf('e');
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf('.');
  let digits = dot >= 0 ? s.slice(0, dot) + s.slice(dot + 1) : s;
  let scale = (dot >= 0 ? s.length - dot - 1 : 0) - exp;
  digits = digits.replace(/^0+(?=\d)/, '');
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return normalize({ neg: n < 0, digits, scale });
}

function normalize(d: Decimal): Decimal {
  let { digits, scale } = d;
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale > 0 && digits === '0') scale = 0;
  digits = digits.replace(/^0+(?=\d)/, '');
  return { neg: d.neg && digits !== '0', digits, scale };
}

/** Multiply by 10^k exactly. */
export function shift(d: Decimal, k: number): Decimal {
  let { digits, scale } = d;
  scale -= k;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return normalize({ neg: d.neg, digits, scale });
}

/** Round half away from zero to `places` decimals (exact). */
export function round(d: Decimal, places: number): Decimal {
  if (d.scale <= places) return d;
  const drop = d.scale - places;
  const padded = d.digits.padStart(drop + 1, '0');
  const keep = padded.slice(0, padded.length - drop);
  const first = Number(padded[padded.length - drop]);
  let big = BigInt(keep);
  if (first >= 5) big += 1n;
  return normalize({ neg: d.neg, digits: big.toString(), scale: places });
}

/** Plain decimal text: integer part, optional fraction; `minPlaces` pads zeros. */
export function toPlain(d: Decimal, minPlaces = 0): string {
  const padded = d.digits.padStart(d.scale + 1, '0');
  const int = padded.slice(0, padded.length - d.scale);
  let frac = d.scale > 0 ? padded.slice(padded.length - d.scale) : '';
  if (frac.length < minPlaces) frac = frac.padEnd(minPlaces, '0');
  return (d.neg ? '-' : '') + int + (frac ? `.${frac}` : '');
}

/** Thousands separators on the integer part. */
export function group(plain: string, sep = ','): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(plain);
  if (!m) return plain;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (m[3] ?? '');
}

/** (b - a) / a as an exact decimal rounded to `places` decimals of a percentage. */
export function percentChange(a: number, b: number, places = 1): Decimal {
  const da = toDecimal(a);
  const db = toDecimal(b);
  const s = Math.max(da.scale, db.scale);
  const ia = BigInt(da.digits) * 10n ** BigInt(s - da.scale) * (da.neg ? -1n : 1n);
  const ib = BigInt(db.digits) * 10n ** BigInt(s - db.scale) * (db.neg ? -1n : 1n);
  if (ia === 0n) throw new RangeError('percent change from zero');
  // percentage × 10^places, rounded half away from zero
  const num = (ib - ia) * 100n * 10n ** BigInt(places);
  const neg = num < 0n !== ia < 0n;
  const absNum = num < 0n ? -num : num;
  const absDen = ia < 0n ? -ia : ia;
  let q = absNum / absDen;
  if ((absNum % absDen) * 2n >= absDen) q += 1n;
  return normalize({ neg, digits: q.toString(), scale: places });
}

/** Two numbers as integers over one common power of ten: exact arithmetic on their decimal digits. */
function aligned(a: number, b: number): { ia: bigint; ib: bigint; scale: number } {
  const da = toDecimal(a);
  const db = toDecimal(b);
  const s = Math.max(da.scale, db.scale);
  const ia = BigInt(da.digits) * 10n ** BigInt(s - da.scale) * (da.neg ? -1n : 1n);
  const ib = BigInt(db.digits) * 10n ** BigInt(s - db.scale) * (db.neg ? -1n : 1n);
  return { ia, ib, scale: s };
}

function fromBig(n: bigint, scale: number): Decimal {
  const neg = n < 0n;
  return normalize({ neg, digits: (neg ? -n : n).toString(), scale });
}

/** b − a, exactly: 0.031 − 0.05 is −0.019, never −0.018999999. */
export function minus(b: number, a: number): Decimal {
  const { ia, ib, scale } = aligned(a, b);
  return fromBig(ib - ia, scale);
}

/** a / b × 100 rounded half away from zero to `places` decimals: 91.6 for 91.6 of 100. */
export function percentOf(a: number, b: number, places = 1): Decimal {
  const { ia, ib } = aligned(a, b);
  if (ib === 0n) throw new RangeError('percent of zero');
  const num = ia * 100n * 10n ** BigInt(places);
  const neg = num < 0n !== ib < 0n;
  const absNum = num < 0n ? -num : num;
  const absDen = ib < 0n ? -ib : ib;
  let q = absNum / absDen;
  if ((absNum % absDen) * 2n >= absDen) q += 1n;
  return normalize({ neg: neg && q !== 0n, digits: q.toString(), scale: places });
}

/** Round to a multiple of `step` (a power of ten or any whole number): 3912 by 100 is 3900. */
export function roundTo(d: Decimal, step: number): Decimal {
  if (!(step > 0) || !Number.isInteger(step)) return d;
  const whole = round(d, 0);
  const n = BigInt(whole.digits);
  const s = BigInt(step);
  let q = n / s;
  if ((n % s) * 2n >= s) q += 1n;
  return normalize({ neg: d.neg && q !== 0n, digits: (q * s).toString(), scale: 0 });
}

/** The decimal as a JS number (for comparisons only; printing always goes through toPlain). */
export function toNumber(d: Decimal): number {
  return Number(toPlain(d));
}

/** Pad or round to exactly `places` decimals: 5 → 5.0 with 1. */
export function fixed(d: Decimal, places: number): string {
  return toPlain(round(d, places), places);
}

/** (b − a) × 10^factor, exactly: the gap between two fractions in percentage points (factor 2). */
export function pointsBetween(a: number, b: number, factor: number): Decimal {
  return shift(minus(b, a), factor);
}
