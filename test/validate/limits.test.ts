/** Limits checked up front: photo headers (size, pixels, format) and a build plan's paths and pixel counts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkImage, imageSize } from '../../src/validate/image.js';
import { checkPlan, LIMITS, unsafeName } from '../../src/validate/limits.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'dp-limits-'));

describe('photos: format, size and pixel count from the header', () => {
  it('reads PNG, JPEG, WebP (lossy and lossless) and GIF sizes as sharp does', async () => {
    const base = sharp({ create: { width: 37, height: 23, channels: 3, background: '#c00' } });
    for (const [fmt, bytes] of [
      ['png', await base.clone().png().toBuffer()],
      ['jpeg', await base.clone().jpeg().withMetadata().toBuffer()],
      ['webp', await base.clone().webp().toBuffer()],
      ['webp', await base.clone().webp({ lossless: true }).toBuffer()],
      ['gif', await base.clone().gif().toBuffer()],
    ] as const) {
      expect(imageSize(bytes), fmt).toEqual({ format: fmt, width: 37, height: 23 });
      const file = path.join(tmp, `ok.${fmt}`);
      writeFileSync(file, bytes);
      expect(checkImage(file)).toBeUndefined();
    }
  });

  it('refuses truncated or foreign files, folders and images over the pixel cap', () => {
    expect(imageSize(Buffer.from([0x89, 0x50]))).toBeUndefined();
    expect(imageSize(Buffer.from('%PDF-1.7'))).toBeUndefined();
    writeFileSync(path.join(tmp, 'text.png'), 'hello');
    expect(checkImage(path.join(tmp, 'text.png'))!.expected).toMatch(/PNG, JPEG/);
    expect(checkImage(tmp)!.found).toBe('a folder');
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(0x0d0a1a0a, 4);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(12_000, 16);
    png.writeUInt32BE(9_000, 20);
    writeFileSync(path.join(tmp, 'big.png'), png);
    const p = checkImage(path.join(tmp, 'big.png'))!;
    expect(p.expected).toMatch(/at most 50 megapixels/);
    expect(p.found).toBe('12000×9000 (108 megapixels)');
    // a photo is capped at 50 megapixels (the report decodes it whole): 8000×7000 is refused
    png.writeUInt32BE(8_000, 16);
    png.writeUInt32BE(7_000, 20);
    writeFileSync(path.join(tmp, 'big.png'), png);
    expect(checkImage(path.join(tmp, 'big.png'))!.found).toBe('8000×7000 (56 megapixels)');
  });
});

describe('plan: output paths and pixel counts before anything renders', () => {
  const out = path.join(tmp, 'out', 'ds');
  it('accepts the usual outputs', () => {
    expect(() =>
      checkPlan(
        [
          { path: 'cards/pension-x-en.png', kind: 'card', width: 1600, height: 900 },
          { path: 'report.pdf', kind: 'pdf', width: 595, height: 842 },
        ],
        out,
      ),
    ).not.toThrow();
  });
  it('refuses paths leaving the folder, absolute, NUL, reserved and over-long names', () => {
    for (const p of [
      '../x.png',
      'cards/../../x.png',
      '/etc/passwd',
      'a\u0000b.png',
      'cards/CON.png',
      'cards/nul',
      `${'x'.repeat(256)}.png`,
      'cards/a:b.png',
      'cards/trailing.',
      '',
    ]) {
      expect(() => checkPlan([{ path: p, kind: 'card' }], out), JSON.stringify(p)).toThrow(UsageError);
    }
    expect(unsafeName('pension-wechat-square-zh-en.png')).toBeUndefined();
    expect(unsafeName('com1.txt')).toMatch(/reserved/);
  });
  it("refuses posters over sharp's pixel limit, with the exit code for bad input", () => {
    let err: unknown;
    try {
      checkPlan([{ path: 'posters/a0.png', kind: 'poster', width: 14_000, height: 19_800 }], out);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/at most 100 megapixels .* found 14000×19800/);
    expect(LIMITS.pixels).toBe(100_000_000);
  });
});
