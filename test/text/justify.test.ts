import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { breakLines, getFace, justifyLine, justifyLines, shape } from '../../src/text/index.js';
import { sampleText } from './gen.js';

const face = getFace('Noto Sans SC', 400);

describe('justify', () => {
  it('justified lines end flush within ±0.5 pt; last lines stay ragged', () => {
    fc.assert(
      fc.property(
        sampleText,
        fc.double({ min: 4, max: 30, noNaN: true }),
        fc.double({ min: 60, max: 500, noNaN: true }),
        ({ text }, size, width) => {
          const lines = breakLines(text, { face, size, width });
          const placed = justifyLines(lines, face, size, width);
          lines.forEach((line, i) => {
            const g = placed[i]!;
            if (g.length === 0) return;
            const natural = shape(line.text, face, size);
            for (let k = 0; k < g.length; k++) {
              expect(g[k]!.x).toBeGreaterThanOrEqual(natural[k]!.x - 1e-9);
              if (k) expect(g[k]!.x).toBeGreaterThanOrEqual(g[k - 1]!.x);
            }
            const end = g.at(-1)!.x + g.at(-1)!.advance;
            if (line.hard) expect(end).toBeCloseTo(line.width, 6);
            else if (g.length > 1) expect(Math.abs(end - width)).toBeLessThanOrEqual(0.5);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spreads space between Chinese characters, not inside Latin words or numbers', () => {
    const g = justifyLine('人口 growth 1570.6万人', face, 10, 200);
    const gap = (a: number) => g[a]!.x - (g[a - 1]!.x + g[a - 1]!.advance);
    const t = g.map((x) => x.text);
    expect(gap(1)).toBeGreaterThan(1); // 人|口
    expect(gap(t.indexOf('r'))).toBeCloseTo(0, 9); // g|r
    expect(gap(t.indexOf('5'))).toBeCloseTo(0, 9); // 1|5
    expect(g.at(-1)!.x + g.at(-1)!.advance).toBeCloseTo(200, 6);
  });
});
