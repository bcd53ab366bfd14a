/**
 * Line breaking: UAX #14 opportunities (the `linebreak` package), filtered by the
 * Chinese rules in rules.ts (kinsoku, numbers with units), filled greedily with
 * widths from `measure`.
 */
import LineBreaker from 'linebreak';
import type { Face } from './fonts.js';
import { measureRuns, runEms } from './runs.js';
import { NUMBER_WITH_UNIT, TRAILING_SPACE, extraOpportunity, isNoStart, kinsokuAllows } from './rules.js';

export interface Line {
  /** the line's text, trailing spaces removed */
  text: string;
  /** advance width of `text` (trailing spaces not counted) */
  width: number;
  /** ended by a newline or the end of the text (stays ragged when justified) */
  hard: boolean;
  /** offsets of the line in the input string: text === input.slice(start, end).replace(TRAILING_SPACE, '') */
  start: number;
  end: number;
  /**
   * true when a cluster wider than the measure had to be split between characters, or one
   * character is wider than the measure (the line overflows)
   */
  forced?: boolean;
}

export interface BreakOptions {
  face: Face;
  size: number;
  width: number;
  letterSpacing?: number;
  /**
   * The face for the other script (runs.ts): the Latin face for Latin runs in a CJK text, or
   * the CJK face for Chinese inside a Latin text (`latinPrimary`). Widths then add up per run.
   */
  other?: Face;
  latinPrimary?: boolean;
  /**
   * Chinese breaks only between words (Intl.Segmenter's dictionary words: 统计|地区, never 统|计),
   * with the kinsoku rules as always: for titles, headings and source lines. A word wider than
   * the line is still split (and marked `forced`).
   */
  words?: boolean;
  /**
   * Keep the result for the next call with the same text and options (default). A caller with
   * its own cache (the layout's fitting, fit.ts) says false: the lines are not kept twice.
   */
  remember?: boolean;
}

const EPS = 1e-6;
const NEWLINE = /\r\n|[\n\r\u2028\u2029\u0085]/g;
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const wordCache = new Map<string, Set<number>>();

/** Word boundaries of `text` (Intl.Segmenter, ICU's Chinese dictionary), cached. */
export function wordBoundaries(text: string): Set<number> {
  let b = wordCache.get(text);
  if (!b) {
    b = new Set<number>();
    for (const seg of segmenter.segment(text)) b.add(seg.index);
    b.add(text.length);
    if (wordCache.size > 20_000) wordCache.clear();
    wordCache.set(text, b);
  }
  return b;
}

/**
 * Positions (0 < p ≤ text.length) where a line may end. With `words`, a break between two
 * Chinese characters must also be a word boundary.
 */
export function breakOpportunities(text: string, words = false): number[] {
  return opportunities(text, words).slice();
}

/** Break opportunities by text and `words` (the layout fitting breaks one text at many sizes and widths). */
const opportunityCache = new Map<string, readonly number[]>();

function opportunities(text: string, words: boolean): readonly number[] {
  const key = `${words ? 1 : 0}${text}`;
  let hit = opportunityCache.get(key);
  if (!hit) {
    hit = findOpportunities(text, words);
    if (opportunityCache.size >= MAX_TEXTS) opportunityCache.clear();
    opportunityCache.set(key, hit);
  }
  return hit;
}

function findOpportunities(text: string, words: boolean): number[] {
  const allowed = new Set<number>();
  const lb = new LineBreaker(text);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) allowed.add(bk.position);
  for (let p = 1; p < text.length; p++) if (extraOpportunity(text, p)) allowed.add(p);
  const inside = new Set<number>();
  for (const m of text.matchAll(NUMBER_WITH_UNIT)) {
    for (let p = m.index + 1; p < m.index + m[0].length; p++) inside.add(p);
  }
  // spaces hang at the end of a line: a break before a space moves past it (人” |（CNY, not 人”| （CNY)
  const moved = new Set(
    [...allowed].map((p) => {
      while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
      return p;
    }),
  );
  const bounds = words ? wordBoundaries(text) : undefined;
  return [...moved]
    .filter(
      (p) =>
        p === text.length ||
        (p > 0 &&
          !inside.has(p) &&
          kinsokuAllows(text, p) &&
          !(bounds && !bounds.has(p) && HAN_OR_KANA.test(text[p - 1]!) && HAN_OR_KANA.test(text[p]!))),
    )
    .sort((a, b) => a - b);
}

/** Bounds of the caches here: texts (paragraphs) and whole results. */
const MAX_TEXTS = 20_000;
const MAX_RESULTS = 50_000;

/**
 * Whole results by text and options: the same label, heading or paragraph is broken at the same
 * size and width by several outputs (each language's poster presets, the screen and print PDFs).
 * Each call returns its own line objects.
 */
const resultCache = new Map<string, Line[]>();

const optionsKey = (o: BreakOptions, withWidth: boolean) =>
  `${o.face.key}|${o.other?.key ?? ''}|${o.latinPrimary ? 1 : 0}|${o.words ? 1 : 0}|${o.size}|${o.letterSpacing ?? 0}|${withWidth ? o.width : ''}|`;

export function breakLines(text: string, opts: BreakOptions): Line[] {
  const out: Line[] = [];
  if (!(opts.width > 0) || !(opts.size > 0))
    throw new RangeError(`breakLines: width ${opts.width} and size ${opts.size} must be > 0`);
  if (text.length === 0) return out;
  const key = opts.remember === false ? '' : optionsKey(opts, true) + text;
  const hit = key ? resultCache.get(key) : undefined;
  if (hit) return hit.map((l) => ({ ...l }));
  let start = 0;
  for (const m of text.matchAll(NEWLINE)) {
    breakParagraph(text, start, m.index, opts, out);
    start = m.index + m[0].length;
  }
  breakParagraph(text, start, text.length, opts, out);
  if (opts.remember === false) return out;
  if (resultCache.size >= MAX_RESULTS) resultCache.clear();
  resultCache.set(
    key,
    out.map((l) => ({ ...l })),
  );
  return out;
}

interface Seg {
  start: number;
  end: number;
  trim: number;
  full: number;
  forced?: boolean;
}

function breakParagraph(all: string, from: number, to: number, o: BreakOptions, out: Line[]): void {
  const first = out.length;
  fillParagraph(all, from, to, o, out);
  avoidOrphan(all, from, o, out, first);
}

const HAN_CHAR = /\p{Script=Han}/u;

/**
 * No paragraph ends on a lone Chinese character (持续扩 / 大): when the last line holds one Han
 * character (plus closing punctuation), the previous line gives up its last segment, if the new
 * last line still fits and the previous line keeps at least two characters.
 */
function avoidOrphan(all: string, from: number, o: BreakOptions, out: Line[], first: number): void {
  if (out.length - first < 2) return;
  const last = out[out.length - 1]!;
  const prev = out[out.length - 2]!;
  if (prev.forced || prev.hard) return;
  const core = [...last.text].filter((c) => !isNoStart(c));
  if (core.length !== 1 || !HAN_CHAR.test(core[0]!)) return;
  const w = (t: string) => measureRuns(t, o, o.size, o.letterSpacing ?? 0);
  const para = all.slice(from, last.end);
  const cuts = opportunities(para, o.words ?? false)
    .map((p) => from + p)
    .filter((p) => p > prev.start && p < prev.end);
  // the previous line gives up its last segment, nothing more
  const b = cuts.at(-1);
  if (b === undefined) return;
  const head = all.slice(prev.start, b).replace(TRAILING_SPACE, '');
  const tail = all.slice(b, last.end).replace(TRAILING_SPACE, '');
  if ([...head].length < 2) return;
  const tw = w(tail);
  if (tw > o.width + EPS) return;
  out[out.length - 2] = { ...prev, text: head, width: w(head), end: b };
  out[out.length - 1] = { ...last, text: tail, width: tw, start: b };
}

function fillParagraph(all: string, from: number, to: number, o: BreakOptions, out: Line[]): void {
  const para = all.slice(from, to);
  const ls = o.letterSpacing ?? 0;
  const w = (s: string) => measureRuns(s, o, o.size, ls);
  if (para.length === 0) {
    out.push({ text: '', width: 0, hard: true, start: from, end: to });
    return;
  }
  const segs = segments(para, o, w).slice();
  let i = 0;
  while (i < segs.length) {
    let j = i,
      acc = 0;
    for (; j < segs.length; j++) {
      const s = segs[j]!;
      const cand = j === i ? s.trim : acc + ls + s.trim;
      if (cand > o.width + EPS || (j > i && segs[j - 1]!.forced)) break;
      acc = j === i ? s.full : acc + ls + s.full;
    }
    let overwide = false;
    if (j === i) {
      // a single cluster wider than the line: split it between characters
      const pieces = splitCluster(para, segs[i]!, o.width, w);
      if (pieces.length > 1) {
        segs.splice(i, 1, ...pieces);
        continue;
      }
      // one character wider than the line: it takes a line of its own, which it overflows
      j = i + 1;
      overwide = true;
    }
    if (j < segs.length) j = keepShortRun(para, segs, i, j, (t) => w(t) <= o.width + EPS);
    let text = para.slice(segs[i]!.start, segs[j - 1]!.end).replace(TRAILING_SPACE, '');
    let width = lineWidth(para, segs, i, j, ls, w);
    while (width > o.width + EPS && j - 1 > i) {
      // kerning across segment joins made it wider than the sum: give back a segment
      j--;
      text = para.slice(segs[i]!.start, segs[j - 1]!.end).replace(TRAILING_SPACE, '');
      width = lineWidth(para, segs, i, j, ls, w);
    }
    const line: Line = {
      text,
      width,
      hard: j === segs.length,
      start: from + segs[i]!.start,
      end: from + segs[j - 1]!.end,
    };
    if (overwide || segs.slice(i, j).some((s) => s.forced)) line.forced = true;
    out.push(line);
    i = j;
  }
}

const NO_KERN_BESIDE =
  /[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Width of the line of segments [i, j), the last one trimmed, as shaping the whole line gives
 * it: the segments' widths and the letter spacing between them added up, and at each join
 * between two Latin characters (the "-i" of "work-injury", a word split inside) what the two
 * segments shaped together differ from the two apart (the CJK face kerns full-|time by −0.03 em). A
 * join after a space, or beside a Chinese character or full-width mark, adds nothing. Shaping is
 * the text engine's dearest call, and every candidate line of every fitting pass was
 * shaped whole before (23,000 lines for the sample and a census article; the 84 whose width
 * differed from their segments' all had a hyphen join).
 */
function lineWidth(
  para: string,
  segs: readonly Seg[],
  i: number,
  j: number,
  ls: number,
  w: (s: string) => number,
): number {
  let acc = 0;
  for (let q = i; q < j; q++) acc = (q === i ? 0 : acc + ls) + (q === j - 1 ? segs[q]!.trim : segs[q]!.full);
  for (let q = i; q < j - 1; q++) {
    const p = segs[q]!.end;
    const a = para[p - 1]!,
      b = para[p]!;
    if (NO_KERN_BESIDE.test(a) || NO_KERN_BESIDE.test(b)) continue;
    if (SURROGATE.test(a) || SURROGATE.test(b))
      return w(para.slice(segs[i]!.start, segs[j - 1]!.end).replace(TRAILING_SPACE, ''));
    // the two segments whole, so each character takes the face it has in the line
    acc += w(para.slice(segs[q]!.start, segs[q + 1]!.end)) - segs[q]!.full - segs[q + 1]!.full - ls;
  }
  return acc;
}

/**
 * The segments between break opportunities with their widths, by paragraph, faces, size and
 * letter spacing (not width): fitting tries many widths at each size. Callers copy the array.
 */
const segmentCache = new Map<string, readonly Seg[]>();

function segments(para: string, o: BreakOptions, w: (s: string) => number): readonly Seg[] {
  const key = optionsKey(o, false) + para;
  let segs = segmentCache.get(key);
  if (!segs) {
    let made: Seg[] = [];
    if (o.letterSpacing) {
      let prev = 0;
      for (const p of opportunities(para, o.words ?? false)) {
        const s = para.slice(prev, p);
        made.push({ start: prev, end: p, trim: w(s.replace(TRAILING_SPACE, '')), full: w(s) });
        prev = p;
      }
    } else {
      // the widths at this size from the segments' run widths in ems: the same numbers as
      // measuring each segment (runs.ts runEms), without splitting and looking it up again
      const size = o.size;
      const at = (q: readonly number[]) => {
        let x = 0;
        for (const e of q) x += e * size;
        return x;
      };
      made = segmentEms(para, o).map((s) => ({ start: s.start, end: s.end, trim: at(s.trim), full: at(s.full) }));
    }
    if (segmentCache.size >= MAX_TEXTS) segmentCache.clear();
    segmentCache.set(key, made);
    segs = made;
  }
  return segs;
}

/** A segment's run widths in ems, trimmed and whole: its widths at any size without letter spacing. */
interface SegEms {
  start: number;
  end: number;
  trim: readonly number[];
  full: readonly number[];
}

/** Segments in ems by paragraph and faces: one text is broken at many sizes while the fitting searches. */
const emCache = new Map<string, readonly SegEms[]>();

function segmentEms(para: string, o: BreakOptions): readonly SegEms[] {
  const key = `${o.face.key}|${o.other?.key ?? ''}|${o.latinPrimary ? 1 : 0}|${o.words ? 1 : 0}|${para}`;
  let segs = emCache.get(key);
  if (!segs) {
    const made: SegEms[] = [];
    let prev = 0;
    for (const p of opportunities(para, o.words ?? false)) {
      const s = para.slice(prev, p);
      made.push({ start: prev, end: p, trim: runEms(s.replace(TRAILING_SPACE, ''), o), full: runEms(s, o) });
      prev = p;
    }
    if (emCache.size >= MAX_TEXTS) emCache.clear();
    emCache.set(key, made);
    segs = made;
  }
  return segs;
}

const SHORT_RUN = 6;
const SPACE_BEFORE = /\s$/;

/**
 * A short Chinese phrase set after a space (the 养老保险参保 of "Pension insurance 养老保险参保",
 * the 工伤保险 of a bilingual label) moves whole to the next line rather than splitting inside
 * (养老保 / 险参保, 工 / 伤保险), when it fits there; the line then ends at the space. Returns the
 * segment index the line ends before.
 */
function keepShortRun(para: string, segs: Seg[], i: number, j: number, fits: (t: string) => boolean): number {
  const b = segs[j - 1]!.end;
  if (!HAN_CHAR.test(para[b - 1] ?? '') || !HAN_CHAR.test(para[b] ?? '')) return j;
  let start = b;
  while (start > 0 && HAN_CHAR.test(para[start - 1]!)) start--;
  if (start === b || !SPACE_BEFORE.test(para.slice(0, start))) return j;
  let end = b;
  while (end < para.length && HAN_CHAR.test(para[end]!)) end++;
  if ([...para.slice(start, end)].length > SHORT_RUN || !fits(para.slice(start, end))) return j;
  for (let k = j - 1; k > i; k--) if (segs[k]!.start === start) return k;
  return j;
}

/** Split an over-wide segment into pieces that fit, at kinsoku-allowed character boundaries when possible. */
function splitCluster(para: string, seg: Seg, width: number, w: (s: string) => number): Seg[] {
  const bounds: number[] = [seg.start];
  for (const m of para.slice(seg.start, seg.end).matchAll(CLUSTER)) bounds.push(seg.start + m.index + m[0].length);
  const pieces: Seg[] = [];
  let a = 0; // index into bounds
  while (a < bounds.length - 1) {
    let fitAny = a + 1,
      fitOk = -1;
    for (let b = a + 1; b < bounds.length; b++) {
      const s = para.slice(bounds[a], bounds[b]).replace(TRAILING_SPACE, '');
      if (b > a + 1 && w(s) > width + EPS) break;
      fitAny = b;
      if (b === bounds.length - 1 || kinsokuAllows(para, bounds[b]!)) fitOk = b;
    }
    const b = fitOk > a ? fitOk : fitAny;
    const s = para.slice(bounds[a], bounds[b]);
    const last = b === bounds.length - 1;
    pieces.push({
      start: bounds[a]!,
      end: bounds[b]!,
      trim: w(s.replace(TRAILING_SPACE, '')),
      full: w(s),
      forced: !last,
    });
    a = b;
  }
  // trailing spaces stay with the piece before them (they hang at its line's end)
  const tail = pieces[pieces.length - 1]!;
  if (pieces.length > 1 && para.slice(tail.start, tail.end).replace(TRAILING_SPACE, '') === '') {
    pieces.pop();
    const prev = pieces[pieces.length - 1]!;
    prev.end = tail.end;
    prev.full = w(para.slice(prev.start, prev.end));
  }
  // the last piece may share its line with what follows; mark earlier ones as forced breaks
  if (pieces.length > 1) for (const p of pieces.slice(0, -1)) p.forced = true;
  pieces[pieces.length - 1]!.forced = false;
  return pieces;
}
