import { describe, expect, it } from 'vitest';
import { evalExpr } from '../../../src/render/raster/expr.js';
import { renderLayout, LayoutError } from '../../../src/render/raster/engine.js';
import { TextFitError } from '../../../src/text/fit.js';
import { contrast, theme, themes } from './helpers.js';

const opts = { layout: 'test', preset: 'p', width: 540, height: 540, fonts: theme.fonts };

describe('layout expressions', () => {
  it('evaluates arithmetic, variables and box references', () => {
    const scope = {
      vars: { W: 1080, M: 60 },
      box: (id: string) => (id === 't' ? { x: 10, y: 20, w: 100, h: 30 } : undefined),
    };
    expect(evalExpr('W - 2*M', scope)).toBe(960);
    expect(evalExpr('bottom(t) + 24', scope)).toBe(74);
    expect(evalExpr('max(1, min(5, 3)) * -(2)', scope)).toBe(-6);
    expect(() => evalExpr('bottom(nope)', scope)).toThrow(/unknown box "nope"/);
    expect(() => evalExpr('process.exit()', scope)).toThrow();
  });
});

describe('renderLayout', () => {
  it('outlines text (no <text>), fits it, records boxes in px and unescapes data', async () => {
    const src = `<dp:text id="a" x="40" y="40" w="1000" lines="2" size="40..80" field="f">{{t}}</dp:text>
<dp:text id="b" x="40" y="bottom(a)+20" w="1000" size="20">after</dp:text>`;
    const r = await renderLayout(src, { t: 'A & B <i> 养老保险' }, { ...opts });
    expect(r.svg).not.toMatch(/<text[\s>]/);
    expect(r.svg).toContain('<path d="');
    const [a, b] = r.boxes;
    expect(a!.lines).toEqual(['A & B <i> 养老保险']);
    expect(a!.size).toBeCloseTo(40, 0); // 80 design units × 0.5 px per unit
    expect(b!.y).toBeGreaterThan(a!.y + a!.h);
  });

  it('overflow past the smallest size names the field and the preset', async () => {
    const src = `<dp:text x="0" y="0" w="100" lines="1" size="40..50" field="highlights[0].title.zh">养老保险制度基本全覆盖</dp:text>`;
    await expect(renderLayout(src, {}, opts)).rejects.toThrow(TextFitError);
    await expect(renderLayout(src, {}, opts)).rejects.toThrow(/highlights\[0\]\.title\.zh.*preset p/);
  });

  it('refuses an unknown box reference with the layout name', async () => {
    await expect(renderLayout('<dp:rect x="0" y="bottom(x)" w="1" h="1"/>', {}, opts)).rejects.toThrow(LayoutError);
  });
});

describe('themes', () => {
  it('every text/background pair of every theme passes WCAG AA (4.5:1)', () => {
    for (const t of themes) {
      const c = t.colors;
      for (const [fg, bg] of [
        [c.ink, c.paper],
        [c.muted, c.paper],
        [c.primary, c.paper],
        [c.onPrimary, c.primary],
        [c.onAccent, c.accent],
      ]) {
        expect(contrast(fg!, bg!), `${t.name}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
