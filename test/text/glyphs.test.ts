import { describe, it, expect } from 'vitest';
import {
  checkGlyphs,
  fontStack,
  getFace,
  missingGlyphs,
  MissingGlyphError,
  outlineText,
} from '../../src/text/index.js';

describe('missing glyphs fail loudly', () => {
  const sans = getFace('Noto Sans SC', 400);

  it('names U+20000, the field and the font', () => {
    let err: unknown;
    try {
      checkGlyphs('人口\u{20000}增长', [sans], { field: 'highlights[2].title.zh' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingGlyphError);
    const m = err as MissingGlyphError;
    expect(m.code).toBe('MISSING_GLYPH');
    expect(m.codePoint).toBe(0x20000);
    expect(m.message).toBe(
      'Missing glyph U+20000 "\u{20000}" in highlights[2].title.zh: not in Noto Sans SC 400 (…/NotoSansSC_400Regular.ttf)',
    );
  });

  it('names the layout and every font of the stack', () => {
    expect(() =>
      checkGlyphs('x\u{20000}', fontStack(['Noto Sans SC', 'DejaVu Sans'], 700), {
        field: 'title.en',
        layout: 'card-square',
      }),
    ).toThrow(
      'Missing glyph U+20000 "\u{20000}" in title.en (layout card-square): not in Noto Sans SC 700 (…/NotoSansSC_700Bold.ttf), DejaVu Sans 700 (…/DejaVuSans-Bold.ttf)',
    );
  });

  it('accepts whitespace, newlines and characters covered by a fallback face', () => {
    expect(() => checkGlyphs('人口\n 增长\t2024　年\u200B', [sans], { field: 'f' })).not.toThrow();
    expect(() => checkGlyphs('℁', [sans], { field: 'f' })).toThrow(/U\+2101/);
    expect(() => checkGlyphs('℁ 人口', fontStack(['Noto Sans SC', 'DejaVu Sans']), { field: 'f' })).not.toThrow();
    expect(missingGlyphs('a\u{20000}b\u{20000}\u{20001}', [sans])).toEqual([0x20000, 0x20001]);
  });

  it('outlining never draws a tofu box', () => {
    expect(() => outlineText('人\u{20000}', { face: sans, size: 12, x: 0, y: 12, field: 'body.zh' })).toThrow(
      /Missing glyph U\+20000 .* in body\.zh/,
    );
  });
});

describe('faceForText', () => {
  it('picks the first face covering the whole text', async () => {
    const { faceForText, isIgnorable } = await import('../../src/text/index.js');
    const stack = fontStack(['Noto Sans SC', 'DejaVu Sans']);
    expect(faceForText('人口 2024', stack)?.key).toBe('NotoSansSC-400');
    expect(faceForText('℁ 2024', stack)?.key).toBe('DejaVuSans-400');
    expect(faceForText('℁人', stack)).toBeUndefined();
    expect(isIgnorable('\u3000')).toBe(true);
  });
});
