import { describe, it, expect, afterAll } from 'vitest';
import * as vega from 'vega';
import {
  getFace,
  installVegaTextMetrics,
  measure,
  defaultVegaFaceResolver,
  type VegaLike,
} from '../../src/text/index.js';

// vega's typings leave out its textMetrics export
const uninstall = installVegaTextMetrics(vega as unknown as VegaLike);
afterAll(() => uninstall());

const labels = ['城镇人口', '乡村人口', '出生率', 'Population', '总人口（万人）'];

function spec(limit = 0): vega.Spec {
  return {
    width: 300,
    height: 200,
    padding: 5,
    data: [{ name: 't', values: labels.map((c, i) => ({ c, v: (i + 1) * 10 })) }],
    scales: [
      { name: 'y', type: 'band', domain: { data: 't', field: 'c' }, range: 'height' },
      { name: 'x', type: 'linear', domain: { data: 't', field: 'v' }, range: 'width' },
    ],
    axes: [
      {
        orient: 'left',
        scale: 'y',
        labelFont: 'Noto Sans SC',
        labelFontSize: 13,
        ...(limit ? { labelLimit: limit } : {}),
      },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 't' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'c' },
            height: { scale: 'y', band: 1 },
            x: { value: 0 },
            x2: { scale: 'x', field: 'v' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 't' },
        encode: {
          enter: {
            text: { field: 'c' },
            font: { value: 'Noto Sans SC' },
            fontWeight: { value: 'bold' },
            fontSize: { value: 16 },
            x: { value: 0 },
            y: { scale: 'y', field: 'c' },
          },
        },
      },
    ],
  } as vega.Spec;
}

/** All text items of a scenegraph (marks hold items; group items hold marks). */
function textItems(mark: vega.Scene, out: vega.SceneText[] = []): vega.SceneText[] {
  if (mark.marktype === 'text') out.push(...(mark.items as unknown as vega.SceneText[]));
  if (mark.marktype === 'group') for (const g of mark.items) for (const m of g.items ?? []) textItems(m, out);
  return out;
}

/** The root mark: vega's typings call scenegraph() the root Scene, but it is the Scenegraph that holds it. */
const rootMark = (v: vega.View) => (v.scenegraph() as unknown as { root: vega.Scene }).root;

async function view(s: vega.Spec) {
  const v = new vega.View(vega.parse(s), { renderer: 'none' });
  await v.runAsync();
  return v;
}

describe('Vega text metrics', () => {
  it('label bounds equal the font advances (axis labels and text marks)', async () => {
    const v = await view(spec());
    const items = textItems(rootMark(v));
    const regular = getFace('Noto Sans SC', 400),
      bold = getFace('Noto Sans SC', 700);
    let axis = 0,
      marks = 0;
    for (const it of items.filter((i) => labels.includes(i.text))) {
      const face = it.fontWeight === 'bold' ? bold : regular;
      const w = it.bounds.x2 - it.bounds.x1;
      expect(w).toBeCloseTo(measure(it.text, face, it.fontSize), 9);
      if (it.fontSize === 13) axis++;
      else marks++;
    }
    expect(axis).toBe(labels.length);
    expect(marks).toBe(labels.length);
    // ~22% wider than Vega's 0.8 × length × size estimate for Chinese
    expect(measure('城镇人口', regular, 13)).toBeGreaterThan(0.8 * 4 * 13 * 1.2);
    v.finalize();
  });

  it("Vega's truncate still works with our widths; truncated bounds are the limit", async () => {
    const v = await view(spec(40));
    const items = textItems(rootMark(v)).filter((i) => i.fontSize === 13 && labels.includes(i.text));
    const face = getFace('Noto Sans SC', 400);
    const svg = await v.toSVG();
    let truncated = 0;
    for (const it of items) {
      const w = it.bounds.x2 - it.bounds.x1;
      const full = measure(it.text, face, 13);
      if (full < 40) {
        expect(w).toBeCloseTo(full, 9);
        expect(svg).toContain(`>${it.text}<`);
      } else {
        expect(w).toBe(40);
        // the rendered text is a prefix plus an ellipsis, no wider than the limit
        const shown = [...svg.matchAll(/>([^<>]*…)</g)]
          .map((m) => m[1]!)
          .find((s) => it.text.startsWith(s.slice(0, -1)));
        expect(shown, `${it.text} truncated in ${svg.length} chars of SVG`).toBeDefined();
        expect(measure(shown!, face, 13)).toBeLessThan(40);
        // Vega keeps the longest prefix narrower than limit − width('…')
        const prefix = shown!.slice(0, -1),
          room = 40 - measure('…', face, 13);
        expect(measure(prefix, face, 13)).toBeLessThan(room);
        expect(measure(it.text.slice(0, prefix.length + 1), face, 13)).toBeGreaterThanOrEqual(room);
        truncated++;
      }
    }
    expect(truncated).toBeGreaterThanOrEqual(3);
    v.finalize();
  });

  it('resolves CSS font lists and generic families', () => {
    expect(defaultVegaFaceResolver('"Noto Serif SC", serif', 'bold').key).toBe('NotoSerifSC-700');
    expect(defaultVegaFaceResolver('Helvetica, sans-serif', undefined).key).toBe('NotoSansSC-400');
    expect(defaultVegaFaceResolver(undefined, 900).key).toBe('NotoSansSC-900');
  });
});
