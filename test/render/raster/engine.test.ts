import { describe, expect, it } from 'vitest';
import { chooseColumns, LayoutOverflowError } from '../../../src/layout/flex.js';
import { LayoutMarkupError, parseLayout, prepareTemplate } from '../../../src/layout/markup.js';
import { renderLayout } from '../../../src/render/raster/engine.js';
import { contrast, theme, themes } from './helpers.js';

const opts = {
  layout: 'test',
  file: 'templates/test.layout.hbs',
  preset: 'p',
  width: 540,
  height: 540,
  fonts: theme.fonts,
};
const page = (body: string) => `<page fill="#ffffff" padding="40" gap="20">${body}</page>`;

describe('layout vocabulary', () => {
  it('an unknown element or attribute is an error naming the template file and line', () => {
    expect(() => prepareTemplate('<page>\n  <box/>\n</page>', 'templates/cards/x.layout.hbs')).toThrow(
      /templates\/cards\/x\.layout\.hbs:2: unknown element <box>/,
    );
    expect(() => prepareTemplate('<page>\n\n  <text colour="#000">a</text>\n</page>', 'x.hbs')).toThrow(
      /x\.hbs:3: <text> has no attribute "colour"/,
    );
    expect(() => prepareTemplate('<page><text>a</page>', 'x.hbs')).toThrow(LayoutMarkupError);
  });
  it('values are typed after rendering, a bad one named by its template line', () => {
    const t = prepareTemplate('<page>\n<text size="{{s}}">a</text></page>', 'x.hbs');
    expect(() => parseLayout(t.source.replace('{{s}}', 'big'), 'x.hbs')).toThrow(/x\.hbs:2: <text size="big">/);
    const tree = parseLayout(t.source.replace('{{s}}', '20..30'), 'x.hbs');
    expect(tree.children[0]!.a.size).toEqual([20, 30]);
    // single quotes are attributes like any other (a real XML parser)
    expect(parseLayout("<page gap='5'/>", 'x').a.gap).toBe(5);
  });
});

describe('renderLayout', () => {
  it('outlines text (no <text>), fits it, records boxes in px and unescapes data', async () => {
    const src = page(`<text id="a" size="40..80" lines="2" field="f">{{t}}</text><text id="b" size="20">after</text>`);
    const r = await renderLayout(src, { t: 'A & B <i> 养老保险' }, opts);
    expect(r.svg).not.toMatch(/<text[\s>]/);
    expect(r.svg).toContain('<path d="');
    const [a, b] = r.boxes.filter((x) => x.kind === 'text');
    expect(a!.lines).toEqual(['A & B <i> 养老保险']);
    expect(a!.size).toBeCloseTo(40, 0); // 80 design units × 0.5 px per unit
    expect(b!.y).toBeGreaterThan(a!.y + a!.h);
    expect(r.scene).toBeDefined();
  });

  it('shrinks type to fit, then reports what cannot fit naming the field and preset; strict makes it an error', async () => {
    const src = page(
      `<text size="40..50" lines="1" field="highlights[0].title.zh">养老保险制度基本全覆盖养老保险制度基本全覆盖养老保险制度基本全覆盖</text>`,
    );
    const loose = await renderLayout(src, {}, { ...opts, strict: false });
    expect(loose.warnings.join('\n')).toMatch(/test \(preset p\).*highlights\[0\]\.title\.zh/);
    await expect(renderLayout(src, {}, { ...opts, strict: true })).rejects.toThrow(LayoutOverflowError);
    const fits = await renderLayout(
      page(`<text size="20..80" lines="1" field="t">养老保险制度基本全覆盖养老保险制度基本全覆盖</text>`),
      {},
      opts,
    );
    expect(fits.warnings).toEqual([]);
    expect(fits.boxes.find((b) => b.field === 't')!.size!).toBeLessThan(40);
  });

  it('body text marked abridge loses its last sentences with a warning; a headline never does', async () => {
    const body = 'One sentence here. Another sentence there. A third one that is rather long indeed.';
    const src = `<page padding="10 340"><text role="body" size="20" lines="2" abridge="true" lang="en" field="f">${body}</text></page>`;
    const r = await renderLayout(src, {}, { ...opts, strict: false });
    expect(r.warnings.join('\n')).toMatch(/f abridged to \d of 3 sentences/);
    const t = r.boxes.find((b) => b.field === 'f')!;
    expect(t.lines!.join(' ')).not.toContain('…');
  });

  it('an element with nothing to show leaves no box, no gap and no band', async () => {
    const src = page(
      `<stack fill="#c00" padding="10"><text size="20">{{kicker}}</text></stack><text size="20" field="t">x</text>`,
    );
    const r = await renderLayout(src, { kicker: '' }, opts);
    expect(r.boxes.some((b) => b.fill === '#cc0000' || b.fill === '#c00')).toBe(false);
    expect(r.boxes.find((b) => b.field === 't')!.y).toBeCloseTo(20, 0); // at the page's padding, 40 design units
  });

  it("a listing chart's box holds its lines once its headings wrap at its width, or the chart goes", async () => {
    // 8 lines before wraps fit the page (1080 units); at its width the headings wrap to 80, which do not
    const src = page(
      `<text size="20..60" lines="3" field="t">{{t}}</text><stack grow="1" optional="true"><chart id="c" highlight="h" lang="zh" lines="8"/></stack>`,
    );
    const asked: number[] = [];
    const lines = (_h: string, _l: string, width: number, fs: number) => {
      asked.push(fs);
      return width > 2000 ? 8 : 80;
    };
    const base = { ...opts, width: 540, height: 540, minTextPx: 7 };
    const without = await renderLayout(src, { t: '养老保险' }, { ...base, strict: false });
    expect(without.boxes.some((b) => b.kind === 'chart')).toBe(true);
    const r = await renderLayout(src, { t: '养老保险' }, { ...base, strict: false, chartLines: lines });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((fs) => fs === 14)).toBe(true); // 7 px on a 540-px canvas of 1080 units
    expect(r.boxes.some((b) => b.kind === 'chart')).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('<choose> keeps its first arrangement unless another fits with less blank', async () => {
    // a short figure over its caption leaves the width beside it blank: the caption goes beside it
    const src = (n: string, lines = 2) =>
      `<page fill="#ffffff" padding="40" gap="20"><text size="40" field="t">标题</text>
      <choose hole="0.15">
        <stack grow="1" gap="10"><figure size="40..900" fit="box" grow="1" number="${n}" suffix="个" field="f"/><text size="30" field="c">农村幸福院 截至2025年9月底</text></stack>
        <row grow="1" gap="20"><figure size="40..900" fit="box" grow="2" shrink="1" basis="0" number="${n}" suffix="个" field="f"/><stack grow="1" shrink="1" basis="0" justify="end"><text size="30" lines="${lines}" field="c">农村幸福院 截至2025年9月底</text></stack></row>
      </choose></page>`;
    const at = (r: Awaited<ReturnType<typeof renderLayout>>) => ({
      f: r.boxes.find((b) => b.field === 'f')!,
      c: r.boxes.find((b) => b.field === 'c')!,
    });
    const wideCanvas = { ...opts, height: 300 };
    const { f, c } = at(await renderLayout(src('8'), {}, wideCanvas));
    expect(c.x).toBeGreaterThanOrEqual(f.x + f.w); // beside the figure
    expect(c.x).toBeLessThan(f.x + f.w + 20); // right after it: the figure keeps just its width
    expect(c.y + c.h).toBeLessThanOrEqual(f.y + f.h + 1);
    // a wide figure fills the width: the first arrangement is kept
    const wide = at(await renderLayout(src('1570.6'), {}, wideCanvas));
    expect(wide.c.y).toBeGreaterThanOrEqual(wide.f.y + wide.f.h);
    // an arrangement that does not fit is not taken, and trying it is no error under strict
    const tight = at(await renderLayout(src('8', 1), {}, { ...wideCanvas, strict: true }));
    expect(tight.c.y).toBeGreaterThanOrEqual(tight.f.y + tight.f.h);
    expect(() => prepareTemplate('<page>\n<choose></choose></page>', 'x.hbs')).not.toThrow();
    expect(() => parseLayout('<page>\n<choose></choose></page>', 'x.hbs')).toThrow(
      /x\.hbs:2: <choose> holds at least one/,
    );
  });

  it("a short list's chart with max-line keeps its rows together and leaves the room to a figure filling its box", async () => {
    const src = (max: string, figure = '40..900') =>
      `<page fill="#ffffff" padding="40" gap="20" justify="between"><stack grow="1"><figure size="${figure}" fit="box" grow="1" number="8" suffix="个" field="f"/></stack><stack grow="1.6"><chart id="c" highlight="h" lang="zh" ${max}/></stack><text size="20" field="foot">foot</text></page>`;
    const o = { ...opts, chartLines: () => 2 };
    const spread = await renderLayout(src(''), {}, o);
    const tight = await renderLayout(src('max-line="40"'), {}, o);
    const size = (r: typeof spread) => r.boxes.find((b) => b.field === 'f')!.size!;
    const chart = (r: typeof spread) => r.boxes.find((b) => b.kind === 'chart')!;
    expect(size(tight)).toBeGreaterThan(size(spread) * 1.2);
    // two lines of 40 design units: 40 px on this half-size canvas
    expect(chart(tight).h).toBeCloseTo(40, 0);
    expect(chart(spread).h).toBeGreaterThan(100);
    // a figure already at its largest: the room spreads between the parts, the chart stays tight
    const capped = await renderLayout(src('max-line="40"', '40..100'), {}, o);
    expect(chart(capped).h).toBeCloseTo(40, 0);
    expect(capped.boxes.find((b) => b.field === 'foot')!.y).toBeGreaterThan(250);
  });

  it('a grid takes the columns its cells and shape ask for', () => {
    expect(chooseColumns(1, 900, 1000, 20, 1.2, 6)).toBe(1);
    expect(chooseColumns(6, 960, 1100, 20, 1.25, 6)).toBe(2);
    expect(chooseColumns(12, 960, 1100, 20, 1.25, 6)).toBe(3);
    expect(chooseColumns(12, 1300, 950, 18, 1.1, 6)).toBe(4);
  });

  it('English gets typographic quotes and a Latin face; Chinese keeps its own', async () => {
    const src = page(
      `<text size="30" lang="en" field="en">{{en}}</text><text size="30" lang="zh" field="zh">{{zh}}</text>`,
    );
    const r = await renderLayout(src, { en: `It's the "plan"`, zh: '“十四五”规划 Pension' }, opts);
    expect(r.boxes.find((b) => b.field === 'en')!.lines).toEqual(['It’s the “plan”']);
    const faces = r.scene!.paints.flatMap((p) =>
      p.kind === 'text' ? p.group.lines.map((l) => [l.text, l.face.family]) : [],
    );
    expect(faces).toContainEqual(['It’s the “plan”', 'Noto Sans']);
    expect(faces).toContainEqual(['“十四五”规划 ', 'Noto Sans SC']);
    expect(faces).toContainEqual(['Pension', 'Noto Sans']);
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

describe('<image>', () => {
  it('draws a picture cropped to its box, in the PNG and the SVG; a path out of the data folder is refused', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const sharp = (await import('sharp')).default;
    const { loadPicture, picturePath } = await import('../../../src/render/raster/picture.js');
    const { rasterizeLayout } = await import('../../../src/render/raster/compose.js');
    const dir = mkdtempSync(join(tmpdir(), 'dp-picture-'));
    // left half red, right half blue
    const w = 200,
      h = 100,
      px = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) px[i * 3 + (i % w < w / 2 ? 0 : 2)] = 255;
    writeFileSync(
      join(dir, 'p.png'),
      await sharp(px, { raw: { width: w, height: h, channels: 3 } })
        .png()
        .toBuffer(),
    );
    const src =
      '<page fill="#ffffff"><image src="{{src}}" basis="270" grow="0" fit="cover"/><text size="30">x</text></page>';
    const r = await renderLayout(
      src,
      { src: 'p.png' },
      { ...opts, width: 540, height: 540, image: (req) => loadPicture(dir, req) },
    );
    expect(r.scene!.paints.some((p) => p.kind === 'image')).toBe(true);
    expect(r.svg).toContain('<image ');
    const out = await sharp(await rasterizeLayout(r, { background: '#ffffff' }))
      .raw()
      .toBuffer();
    const at = (x: number, y: number) => [...out.subarray((y * 540 + x) * 3, (y * 540 + x) * 3 + 3)];
    expect(at(10, 60)).toEqual([255, 0, 0]);
    expect(at(530, 60)).toEqual([0, 0, 255]);
    expect(() => picturePath(dir, '../elsewhere.png')).toThrow(/outside the data file's folder/);
  });
});
