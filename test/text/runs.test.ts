import { describe, expect, it } from 'vitest';
import { breakLines, getFace, measure, measureRuns, splitRuns, typographic } from '../../src/text/index.js';

const sc = getFace('Noto Sans SC', 400);
const latin = getFace('Noto Sans', 400);
const zh = { face: sc, other: latin };
const en = { face: latin, other: sc, latinPrimary: true };

describe('per-run faces', () => {
  it('sets Latin words in Chinese text in the Latin face, figures and full-width quotes in the CJK face', () => {
    const runs = splitRuns('“十四五”规划 Pension insurance 1570.6万人', zh).map((r) => [r.text, r.face.family]);
    expect(runs).toEqual([
      ['“十四五”规划 ', 'Noto Sans SC'],
      ['Pension insurance', 'Noto Sans'],
      [' 1570.6万人', 'Noto Sans SC'],
    ]);
  });
  it('sets English text in the Latin face, Chinese inside it in the CJK face; widths add up by run', () => {
    const runs = splitRuns('Pension 养老 “plan”', en).map((r) => [r.text, r.face.family]);
    expect(runs).toEqual([
      ['Pension ', 'Noto Sans'],
      ['养老', 'Noto Sans SC'],
      [' “plan”', 'Noto Sans'],
    ]);
    expect(measureRuns('“plan”', en, 20)).toBeCloseTo(measure('“plan”', latin, 20), 6);
    // English quotes in the Latin face are proportional, not the CJK face's full-width ones
    expect(measure('“', latin, 20)).toBeLessThan(measure('“', sc, 20) * 0.7);
  });
});

describe('line breaking options', () => {
  const serif = getFace('Noto Serif SC', 900);
  it('with words, Chinese breaks only between words (统计|地区, never 统|计)', () => {
    const text = '全区统计地区优质项目哪些更多';
    for (let width = 60; width < 300; width += 7) {
      const lines = breakLines(text, { face: serif, size: 20, width, words: true });
      for (const l of lines.slice(0, -1)) {
        if (l.forced) continue;
        const at = l.end;
        const pair = text.slice(at - 1, at + 1);
        expect(
          ['统计', '地区', '优质', '项目', '哪些'],
          `${width}: ${lines.map((x) => x.text).join('|')}`,
        ).not.toContain(pair);
      }
    }
  });
  it('a closing quote never starts a line, an opening one never ends one', () => {
    const text = '完善“十四五”社会保障体系下一步更精彩';
    for (let width = 40; width < 400; width += 5) {
      const lines = breakLines(text, { face: sc, size: 20, width, words: true });
      for (const l of lines) {
        expect(l.text.startsWith('”'), `${width}: ${lines.map((x) => x.text).join('|')}`).toBe(false);
        expect(l.text.endsWith('“'), `${width}: ${lines.map((x) => x.text).join('|')}`).toBe(false);
      }
    }
  });
  it('a number keeps its scale word: 15.71 million is never split', () => {
    const text = 'Pension insurance covers 15.71 million people';
    for (let width = Math.ceil(measure('15.71 million', latin, 20)); width < 500; width += 4) {
      const lines = breakLines(text, { face: latin, size: 20, width });
      expect(
        lines.some((l) => l.text.endsWith('15.71')),
        lines.map((x) => x.text).join('|'),
      ).toBe(false);
    }
  });
});

describe('typographic quotes', () => {
  it('turns straight quotes and apostrophes into curly ones in English and Chinese', () => {
    expect(typographic(`It's the "plan" for the '90s ('mostly')`, 'en')).toBe(
      'It’s the “plan” for the ’90s (‘mostly’)',
    );
    expect(typographic('"十四五"规划', 'zh')).toBe('“十四五”规划');
    expect(typographic('"Plan"', 'de')).toBe('"Plan"');
  });
});

describe('run widths in ems', () => {
  it('times the size and added up in order, are measureRuns bit for bit (the breaker relies on it)', async () => {
    const { runEms } = await import('../../src/text/runs.js');
    const zh = getFace('Noto Sans SC', 700),
      en = getFace('Noto Sans', 700);
    const pairs = [{ face: zh, other: en }, { face: en, other: zh, latinPrimary: true }, { face: zh }];
    const texts = [
      '',
      ' ',
      '养老保险参保人数',
      'Pension insurance 养老保险参保',
      '1,570.6万人 ',
      '“十三五”',
      'full-time, year-round ',
      'T-Y',
    ];
    for (const fp of pairs)
      for (const t of texts)
        for (const size of [7, 9.5, 13.37, 14, 28.125, 96, 1234.5]) {
          const q = runEms(t, fp);
          let w = 0;
          for (const e of q) w += e * size;
          expect(w).toBe(measureRuns(t, fp, size));
        }
  });
});
