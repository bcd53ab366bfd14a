import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  breakLines,
  breakOpportunities,
  getFace,
  KINSOKU,
  kinsokuAllows,
  measure,
  TRAILING_SPACE,
} from '../../src/text/index.js';
import { sampleText } from './gen.js';

const face = getFace('Noto Sans SC', 400);
const SIZE = 12;
const texts = (text: string, width: number) => breakLines(text, { face, size: SIZE, width }).map((l) => l.text);

describe('breakLines: examples', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // 4 characters per line would put "，" at the start of line 2 and "（" at the end of line 2
    expect(texts('人口城镇，增长（上年）', 48)).toEqual(['人口城', '镇，增长', '（上年）']);
    expect(texts('人口城（镇化）', 48)).toEqual(['人口城', '（镇化）']);
  });

  it('never ends a paragraph on a lone Chinese character', () => {
    const serif = getFace('Noto Serif SC', 900);
    const title = '工伤、失业保险保障范围持续扩大';
    for (let width = 150; width < 300; width += 2) {
      const lines = breakLines(title, { face: serif, size: 20, width });
      if (lines.length > 1)
        expect([...lines.at(-1)!.text].length, `${width}: ${lines.map((l) => l.text).join('|')}`).toBeGreaterThan(1);
    }
  });

  it('moves a short Chinese phrase after a space whole to the next line (bilingual labels)', () => {
    for (const [label, latin, han] of [
      ['Work-injury insurance 工伤保险', 'Work-injury insurance', '工伤保险'],
      ['Pension insurance 养老保险参保', 'Pension insurance', '养老保险参保'],
    ]) {
      // every width where the Latin part and at least one Han character fit, but not all of it
      for (let width = measure(`${latin} 工`, face, SIZE); width < measure(label!, face, SIZE) - 0.5; width += 2) {
        expect(texts(label!, width), `${width}`).toEqual([latin, han]);
      }
    }
    // a long Chinese run after a space still fills the line
    const long = 'Note 社会保障是民生安全网社会稳定器';
    const lines = texts(long, measure('Note 社会保障', face, SIZE) + 1);
    expect(lines[0]).toBe('Note 社会保障');
  });

  it('keeps numbers with their units together', () => {
    for (const s of ['1570.6万人', '95%', 'CNY 2,715', '2,715元/月', '67.00%']) {
      const text = `全国人口${s}比上年`;
      for (let w = measure(s, face, SIZE); w < 140; w += 3) {
        const lines = texts(text, w);
        expect(
          lines.some((l) => l.includes(s)),
          `${s} at ${w}: ${JSON.stringify(lines)}`,
        ).toBe(true);
      }
    }
  });

  it('breaks Latin text between words only, unless a word is wider than the line', () => {
    expect(texts('The population of China fell', 70)).toEqual(['The', 'population', 'of China fell']);
    const forced = breakLines('supercalifragilistic', { face, size: SIZE, width: 40 });
    expect(forced.length).toBeGreaterThan(1);
    expect(forced.slice(0, -1).every((l) => l.forced && l.width <= 40)).toBe(true);
  });

  it('gives a character wider than the line a line of its own, marked as not fitting (it used to loop forever)', () => {
    for (const words of [true, false])
      for (const text of ['万人', '人', 'ab', '万人次 abc']) {
        const lines = breakLines(text, { face, size: 200, width: 60, words });
        expect(lines.map((l) => l.text).join(''), text).toBe(text.replace(/ /g, ''));
        expect(
          lines.every((l) => l.forced && [...l.text].length === 1),
          JSON.stringify(lines),
        ).toBe(true);
      }
    // a character that fits after one that does not is not marked
    const after = breakLines('万 a', { face, size: 50, width: 45, words: true });
    expect(after.map((l) => [l.text, !!l.forced])).toEqual([
      ['万', true],
      ['a', false],
    ]);
    expect(breakLines('万人', { face, size: 20, width: 30, words: false }).map((l) => [l.text, !!l.forced])).toEqual([
      ['万', false],
      ['人', false],
    ]);
  });

  it('keeps 破折号 and 省略号 whole, and breaks around curly quotes', () => {
    const ops = breakOpportunities('他说——是的……对，“好”吗');
    const text = '他说——是的……对，“好”吗';
    for (const p of ops) expect(['——', '……'].some((d) => text.slice(p - 1, p + 1) === d)).toBe(false);
    expect(ops).toContain(text.indexOf('“'));
  });

  it('never breaks at an apostrophe, but still after a closing quote in Chinese', () => {
    for (const text of ['New Zealand’s economy', 'the ’90s', 'don’t stop', 'Jones”s'])
      for (const p of breakOpportunities(text)) expect(text[p - 1], `${text} at ${p}`).not.toMatch(/[’”]/);
    const zh = '他说‘好’然后“走”了';
    expect(breakOpportunities(zh)).toContain(zh.indexOf('’') + 1);
    expect(breakOpportunities(zh)).toContain(zh.indexOf('”') + 1);
  });

  it('ends paragraphs with hard lines and ignores trailing spaces in width', () => {
    const lines = breakLines('one two \nthree', { face, size: SIZE, width: 1000 });
    expect(lines.map((l) => [l.text, l.hard])).toEqual([
      ['one two', true],
      ['three', true],
    ]);
    expect(lines[0]!.width).toBe(measure('one two', face, SIZE));
    expect(breakLines('a\n\nb', { face, size: SIZE, width: 100 }).map((l) => l.text)).toEqual(['a', '', 'b']);
  });
});

describe('breakLines: line widths', () => {
  it('is the shaped width of the line, kerning across a hyphen join included', () => {
    // the CJK face's Latin letters kern after a hyphen (full-|time: −0.03 em, T-|Y: −0.08 em)
    const sc = getFace('Noto Sans SC', 400);
    const text = 'Earnings, full-time year-round workers: Full-time, year-round T-Y-V-A';
    let kerned = 0;
    for (let width = 60; width < 400; width += 7) {
      for (const l of breakLines(text, { face: sc, size: 40, width: width * 2 })) {
        const shaped = measure(l.text, sc, 40);
        expect(l.width).toBeCloseTo(shaped, 9);
        // the segments alone would add up wider: the join's kerning is what the whole line has
        const parts = l.text.split(/(?<=[- ])/);
        const sum = parts.reduce((a, p) => a + measure(p, sc, 40), 0);
        if (sum - shaped > 0.5) kerned++;
      }
    }
    expect(kerned).toBeGreaterThan(0);
  });
});

describe('breakLines: properties', () => {
  it('no line breaks a rule, for random Chinese/Latin/number text at random widths', () => {
    const noStart = new Set(KINSOKU.noStart),
      noEnd = new Set(KINSOKU.noEnd);
    fc.assert(
      fc.property(
        sampleText,
        fc.double({ min: 3 * SIZE, max: 40 * SIZE, noNaN: true }),
        ({ text, protectedSpans }, width) => {
          const lines = breakLines(text, { face, size: SIZE, width });
          expect(
            lines
              .map((l) => l.text)
              .join('')
              .replace(/\s/g, ''),
          ).toBe(text.replace(/\s/g, ''));
          for (const [i, l] of lines.entries()) {
            expect(l.width).toBeLessThanOrEqual(width + 1e-6);
            expect(l.text).toBe(text.slice(l.start, l.end).replace(TRAILING_SPACE, ''));
            // a line's width is its segments' added up where no join can kern: the same to float noise
            expect(l.width).toBeCloseTo(measure(l.text, face, SIZE), 9);
            const prevSoft = i > 0 && !lines[i - 1]!.hard;
            // a cluster wider than the line with no legal split point at all ('（0%，' in 3 em) is the
            // one place a rule may give way: overflowing the measure would be worse
            const prev = lines[i - 1];
            const noLegalSplit = (from: number, to: number) => {
              for (let q = from + 1; q <= to; q++) if (kinsokuAllows(text, q)) return false;
              return true;
            };
            const exempt = (line: typeof l, next?: typeof l) =>
              Boolean(line.forced) && next !== undefined && noLegalSplit(line.start, next.start);
            if (prevSoft && !exempt(prev!, l))
              expect(
                noStart.has(l.text[0]!),
                `line starts with ${l.text[0]}: ${JSON.stringify(lines.map((x) => x.text))}`,
              ).toBe(false);
            if (!l.hard && !exempt(l, lines[i + 1]))
              expect(noEnd.has(l.text.at(-1)!), `line ends with ${l.text.at(-1)}`).toBe(false);
          }
          // numbers and Latin words are never split unless their unbreakable unit is wider than the line
          const softStarts = lines.filter((_, i) => i > 0 && !lines[i - 1]!.hard).map((l) => l.start);
          for (const s of protectedSpans) {
            const split = softStarts.some((p) => p > s.start && p < s.end);
            if (split) expect(measure(s.unit, face, SIZE), `${s.unit} split at ${width}`).toBeGreaterThan(width);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
