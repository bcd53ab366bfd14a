/**
 * Glyph masks are cached by exact size: a mask drawn for one size is never handed to a size a
 * hair away, so a picture does not depend on which of two near sizes was painted first (the
 * paint order differs between a one-thread and a two-thread build).
 */
import { describe, expect, it } from 'vitest';
import { clearGlyphMasks, glyphMask } from '../../../src/render/raster/glyphmask.js';
import { getFace } from '../../../src/text/fonts.js';

describe('glyph mask cache', () => {
  const face = getFace();
  const glyph = face.font.glyphForCodePoint('数'.codePointAt(0)!).id;
  const a = 31.2345;
  const b = 31.2347; // within 1/1000 px of a

  it('gives each size its own mask, whatever was drawn before', () => {
    clearGlyphMasks();
    const alone = glyphMask(face, glyph, b, 1, 2);
    clearGlyphMasks();
    glyphMask(face, glyph, a, 1, 2);
    const after = glyphMask(face, glyph, b, 1, 2);
    expect(after).not.toBeNull();
    expect(Buffer.from(after!.data).equals(Buffer.from(alone!.data))).toBe(true);
    expect([after!.left, after!.top, after!.width, after!.height]).toEqual([
      alone!.left,
      alone!.top,
      alone!.width,
      alone!.height,
    ]);
  });

  it('near sizes do differ somewhere (the test above would catch a shared mask)', () => {
    clearGlyphMasks();
    const ma = glyphMask(face, glyph, a, 1, 2)!;
    const mb = glyphMask(face, glyph, b, 1, 2)!;
    expect(Buffer.from(ma.data).equals(Buffer.from(mb.data))).toBe(false);
  });
});
