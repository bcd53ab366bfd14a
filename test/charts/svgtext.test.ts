/**
 * Chart SVG read by the XML parser: self-closing and empty text elements are no text, marks
 * between them survive every pass, entities are decoded once, definition ids are stable.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../src/charts/images.js';
import { parseSvg, renumberIds, serializeSvg } from '../../src/charts/svgdom.js';
import { liftSvgText, outlineSvgText, pdfSvgText, svgSize, svgTextLines } from '../../src/charts/svgtext.js';
import { setDefaultFamily } from '../../src/charts/fonts.js';

setDefaultFamily('DejaVu Sans');

const doc = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100"><g transform="translate(5,5)">${body}</g></svg>`;

// what Vega writes for an empty axis label, a label, an empty element pair, a mark, and a label
const TRICKY = doc(
  '<text text-anchor="end" transform="translate(-7,90)" font-family="sans-serif" font-size="10px" fill="#000" opacity="1"/>' +
    '<text text-anchor="end" transform="translate(-7,80)" font-family="sans-serif" font-size="10px" fill="#000" opacity="1">10,000</text>' +
    '<text transform="translate(0,70)" font-size="10px" fill="#000"></text>' +
    '<path d="M0,0h10v10h-10Z" fill="#4c78a8"/>' +
    '<text transform="translate(20,60)" font-family="sans-serif" font-size="10px" fill="#000">A &amp; B &lt;C&gt; &quot;q&quot;</text>' +
    '<text transform="translate(20,40)" font-size="10px" fill="#000"><tspan x="0" dy="0">line one</tspan><tspan x="0" dy="12">line two</tspan></text>',
);

describe('chart SVG text', () => {
  it('reads self-closing and empty <text> elements as no text, and entities once', () => {
    expect(svgTextLines(TRICKY)).toEqual(['10,000', 'A & B <C> "q"', 'line one', 'line two']);
  });

  it('outlines only real text and keeps the marks between empty texts', () => {
    const out = outlineSvgText(TRICKY);
    expect(out).not.toContain('<text');
    expect(out).not.toContain('&lt;C'); // no character data left: every text is glyph outlines
    expect(out).toContain('<path d="M0,0h10v10h-10Z" fill="#4c78a8"/>');
    // one outlined group per text element, glyphs only where there are characters
    const tree = parseSvg(out);
    const groups = (tree.children[0] as { children: { name: string; children: unknown[] }[] }).children;
    expect(groups.map((g) => `${g.name}:${g.children.length}`)).toEqual(['g:0', 'g:1', 'g:0', 'path:0', 'g:1', 'g:1']);
  });

  it('lifts the texts for the raster fast path, line by line, in root coordinates', () => {
    const { svg, texts } = liftSvgText(TRICKY);
    expect(texts.flatMap((t) => t.lines.map((l) => l.text))).toEqual([
      '10,000',
      'A & B <C> "q"',
      'line one',
      'line two',
    ]);
    const two = texts.at(-1)!.lines;
    expect(two[0]!.y).toBe(45);
    expect(two[1]!.y).toBe(57);
    expect(texts[0]!.lines[0]!.x).toBeLessThan(-2); // anchored at its end, 7 px left of the group's origin
    expect(svg).not.toContain('<text');
    expect(svg).toContain('fill="#4c78a8"');
  });

  it('sets the PDF text in face keys, drops empty texts and keeps every mark', () => {
    const { svg, faces } = pdfSvgText(TRICKY);
    const tree = parseSvg(svg);
    expect(svgTextLines(tree)).toEqual(['10,000', 'A & B <C> "q"', 'line one', 'line two']);
    expect(faces.map((f) => f.family)).toContain('DejaVu Sans');
    expect(svg).toContain('<path d="M0,0h10v10h-10Z" fill="#4c78a8"/>');
    expect(svg.match(/<text/g)).toHaveLength(3);
    expect(svg).toContain('&amp; B &lt;C&gt;');
  });

  it('serializes what it parses', () => {
    const s = serializeSvg(parseSvg(TRICKY));
    expect(svgTextLines(s)).toEqual(svgTextLines(TRICKY));
    expect(svgSize(s)).toEqual({ width: 200, height: 100 });
  });

  it('rejects markup that is not well-formed instead of guessing', () => {
    expect(() => parseSvg('<svg><text>1</svg>')).toThrow(/not well-formed/);
  });

  it('renumbers definition ids and their references in order of appearance', () => {
    const tree = parseSvg(
      doc(
        '<defs><clipPath id="clip17"><rect width="5" height="5"/></clipPath><linearGradient id="gradient_4"/></defs>' +
          '<g clip-path="url(#clip17)"><rect width="9" height="9" fill="url(#gradient_4)"/></g>',
      ),
    );
    renumberIds(tree);
    const out = serializeSvg(tree);
    expect(out).toContain('id="clip1"');
    expect(out).toContain('clip-path="url(#clip1)"');
    expect(out).toContain('id="gradient_1"');
    expect(out).toContain('fill="url(#gradient_1)"');
  });
});

describe('image sizes', () => {
  it('reads the natural size of PNG, GIF, JPEG and SVG images', () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(120, 16);
    png.writeUInt32BE(45, 20);
    expect(imageSize(png)).toEqual({ width: 120, height: 45 });
    const gif = Buffer.from('GIF89a\x20\x00\x10\x00', 'latin1');
    expect(imageSize(gif)).toEqual({ width: 32, height: 16 });
    // SOI, an APP0 segment, then SOF0 with height 60 and width 80
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x3c, 0x00, 0x50, 0x01, 0x01,
      0x11, 0x00,
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 80, height: 60 });
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"/>'))).toEqual({
      width: 30,
      height: 20,
    });
    expect(imageSize(deflateSync(Buffer.from('not an image')))).toBeUndefined();
  });
});
