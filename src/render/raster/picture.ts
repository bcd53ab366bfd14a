/**
 * Pictures for <image> elements (photos): read with sharp from beside the data file, turned
 * upright, cropped to their box (cover) or fitted inside it (contain, margins in the colour
 * behind), decoded to RGBA at the box's output size. Deterministic: the same file and box
 * give the same pixels.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageArt, ImageRequest } from './engine.js';
import { loadSharp, SVG_INPUT } from './rasterize.js';

export class PictureError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'PictureError';
  }
}

/** `src` resolved inside `dir` (the data file's folder); a path that leaves it is refused. */
export function picturePath(dir: string, src: string): string {
  const file = path.resolve(dir, src);
  const rel = path.relative(dir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new PictureError(`image "${src}" is outside the data file's folder`);
  return file;
}

export async function loadPicture(dir: string, req: ImageRequest): Promise<ImageArt> {
  const sharp = await loadSharp();
  const file = picturePath(dir, req.src);
  try {
    const img = sharp(file, { limitInputPixels: SVG_INPUT.limitInputPixels })
      .rotate()
      .resize(req.width, req.height, { fit: req.fit, position: 'centre', background: req.bg })
      .flatten({ background: req.bg })
      .ensureAlpha();
    const [{ data, info }, png] = await Promise.all([
      img.clone().raw().toBuffer({ resolveWithObject: true }),
      img.clone().png({ compressionLevel: 3 }).toBuffer(),
    ]);
    return { rgba: new Uint8Array(data), png: new Uint8Array(png), width: info.width, height: info.height };
  } catch (e) {
    throw new PictureError(`image "${req.src}" (${file}) cannot be read: ${(e as Error).message}`);
  }
}

const hashes = new Map<string, string>();

/** The content hash of a picture (part of its poster's input hash), 'missing' when there is no file. */
export function pictureHash(dir: string, src: string): string {
  const file = picturePath(dir, src);
  let h = hashes.get(file);
  if (h === undefined) {
    h = existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
    hashes.set(file, h);
  }
  return h;
}
