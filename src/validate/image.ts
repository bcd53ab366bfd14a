/**
 * Photos are checked before any rendering: a regular file (never a device, FIFO or socket),
 * a known format, a capped file size and a capped pixel count (the same cap sharp is given),
 * read from the file header only, through src/load/files.ts.
 */
import { readUserFile } from '../load/files.js';
import { LIMITS } from './limits.js';

export interface ImageProblem {
  expected: string;
  found: string;
}

export interface ImageSize {
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  width: number;
  height: number;
}

/** A problem with the image file, or undefined when it is usable. */
export function checkImage(file: string): ImageProblem | undefined {
  // through the one door for user-named files: stat, open without blocking, fstat, then read the header
  const r = readUserFile(file, {
    maxBytes: LIMITS.imageBytes,
    what: 'an image file',
    capNote: 'see README "Limits"',
    head: 256 * 1024,
  });
  if (r.problem) return r.problem;
  const dim = imageSize(r.bytes);
  if (!dim) return { expected: 'a PNG, JPEG, WebP or GIF image', found: 'a file of another or broken format' };
  if (dim.width < 1 || dim.height < 1)
    return { expected: 'an image with a width and height', found: `${dim.width}×${dim.height}` };
  if (dim.width * dim.height > LIMITS.photoPixels || Math.max(dim.width, dim.height) > LIMITS.side) {
    return {
      expected: `an image of at most ${LIMITS.photoPixels / 1e6} megapixels and ${LIMITS.side} px a side (see README "Limits")`,
      found: `${dim.width}×${dim.height} (${Math.round((dim.width * dim.height) / 1e5) / 10} megapixels)`,
    };
  }
  return undefined;
}

/** Width and height from a PNG, JPEG, WebP or GIF header; undefined when unrecognised or truncated. */
export function imageSize(b: Buffer): ImageSize | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF') {
    return { format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const kind = b.toString('latin1', 12, 16);
    if (kind === 'VP8X') return { format: 'webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (kind === 'VP8 ')
      return { format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (kind === 'VP8L' && b.length >= 25) {
      const bits = b.readUInt32LE(21);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return undefined;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      if (len < 2) return undefined;
      i += 2 + len;
    }
    return undefined;
  }
  return undefined;
}
