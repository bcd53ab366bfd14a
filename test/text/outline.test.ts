import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import { breakLines, getFace, measure, outlineText, outlinePathData } from '../../src/text/index.js';

const face = getFace('Noto Sans SC', 400);

function xs(d: string): number[] {
  // coordinates alternate x y after each command letter
  const nums = d
    .replace(/[MLQCZ]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return nums.filter((_, i) => i % 2 === 0);
}

describe('outlineText', () => {
  it('returns one <path> with 2-decimal coordinates and the fill', () => {
    const svg = outlineText('人口 Population', { face, size: 20, x: 10, y: 30, fill: '#123456' });
    expect(svg).toMatch(/^<path d="M[^"]+" fill="#123456"\/>$/);
    expect(svg).not.toMatch(/\d\.\d{3}/);
    expect(outlineText('   ', { face, size: 20, x: 0, y: 0 })).toBe('');
  });

  it('places glyphs inside the advance the layout measured, for each alignment', () => {
    const text = '城镇化率 Urban';
    const w = measure(text, face, 30);
    for (const [align, left] of [
      ['start', 100],
      ['middle', 100 - w / 2],
      ['end', 100 - w],
    ] as const) {
      const x = xs(outlinePathData(text, { face, size: 30, x: 100, y: 50, align }));
      expect(Math.min(...x)).toBeGreaterThanOrEqual(left - 1e-2);
      expect(Math.max(...x)).toBeLessThanOrEqual(left + w + 1e-2);
      expect(Math.max(...x)).toBeGreaterThan(left + w - 3); // 'n' nearly reaches the end
    }
  });

  it('justifies soft lines to the width and stacks lines by lineHeight', () => {
    const lines = breakLines('人口总量连续三年下降，城镇化率继续提高。', { face, size: 10, width: 75 });
    expect(lines.length).toBeGreaterThan(1);
    const d = outlinePathData(lines, { face, size: 10, x: 0, y: 10, justifyWidth: 75, lineHeight: 2 });
    const ys = d
      .replace(/[MLQCZ]/g, ' ')
      .trim()
      .split(/\s+/)
      .map(Number)
      .filter((_, i) => i % 2 === 1);
    expect(Math.max(...ys)).toBeGreaterThan(10 + (lines.length - 1) * 20 - 1);
    expect(
      Math.max(...xs(outlinePathData([lines[0]!], { face, size: 10, x: 0, y: 10, justifyWidth: 75 }))),
    ).toBeGreaterThan(74);
  });

  it('rasterizes right side up with sharp (ink above the baseline, none below)', async () => {
    const path = outlineText('国', { face, size: 80, x: 10, y: 90, fill: '#000' });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120"><rect width="100" height="120" fill="#fff"/>${path}</svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
    let above = 0,
      below = 0;
    for (let y = 0; y < info.height; y++)
      for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 128) y < 90 ? above++ : below++;
    expect(above).toBeGreaterThan(500);
    expect(below).toBeLessThan(above / 10); // 国 sits on the baseline (ideographic descent ≈ 0.12 em)
    // 'T': the crossbar is at the top
    const t = outlineText('T', { face, size: 100, x: 20, y: 100, fill: '#000' });
    const tsvg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120"><rect width="100" height="120" fill="#fff"/>${t}</svg>`;
    const r = await sharp(Buffer.from(tsvg)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const row = (y: number) => {
      let n = 0;
      for (let x = 0; x < r.info.width; x++) if (r.data[y * r.info.width + x]! < 128) n++;
      return n;
    };
    let widest = 0;
    for (let y = 0; y < r.info.height; y++) if (row(y) > row(widest)) widest = y;
    expect(widest).toBeGreaterThan(20); // cap height ≈ 0.73 em: the crossbar is just below y = 27
    expect(widest).toBeLessThan(40);
  });
});
