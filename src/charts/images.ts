/**
 * Image marks, offline. Vega sizes an image mark without width/height from the image itself
 * (`new Image()`, then its natural width and height), and in Node it has no Image unless the
 * `canvas` package is installed, so such marks were drawn 0×0. `imageClass` is the Image Vega
 * gets during a render: it reads the file under --base (or a data URI), knows its natural size
 * (PNG, JPEG, GIF, WebP, SVG) and hands Vega the bytes as a data URI, so the SVG is
 * self-contained and every format draws the same picture.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveLocal } from './loader.js';
import { imageSize as rasterSize } from '../validate/image.js';
import { parseSvg, svgSizeOf } from './svgdom.js';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** Natural size of an image in CSS px, or undefined when the bytes are not a format read here. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  // PNG, JPEG, GIF, WebP: the validator's header reader (one reader for every raster format)
  const raster = rasterSize(bytes);
  if (raster) return { width: raster.width, height: raster.height };
  const b = bytes;
  // SVG: the root's width and height, else its viewBox
  const head = b.toString('utf8', 0, Math.min(b.length, 512)).trimStart();
  if (head.startsWith('<')) {
    try {
      const root = parseSvg(b.toString('utf8'));
      if (root.name !== 'svg') return undefined;
      const { width, height } = svgSizeOf(root);
      if (width > 0 && height > 0) return { width, height };
      const vb = (root.attrs.viewBox ?? '').split(/[\s,]+/).map(Number);
      if (vb.length === 4 && vb[2]! > 0 && vb[3]! > 0) return { width: vb[2]!, height: vb[3]! };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function mimeOf(bytes: Buffer, file: string): string {
  const ext = MIME[path.extname(file).toLowerCase()];
  if (ext) return ext;
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.toString('latin1', 0, 3) === 'GIF') return 'image/gif';
  return 'application/octet-stream';
}

function decodeDataUri(uri: string): { mime: string; bytes: Buffer } {
  const comma = uri.indexOf(',');
  const meta = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  const base64 = meta.endsWith(';base64');
  return {
    mime: (base64 ? meta.slice(0, -7) : meta).split(';')[0] || 'text/plain',
    bytes: base64 ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8'),
  };
}

/** What Vega reads of an HTML image element. */
export interface ImageLike {
  src: string;
  width: number;
  height: number;
  naturalWidth: number;
  naturalHeight: number;
  complete: boolean;
  crossOrigin: string | null;
  onload: (() => void) | null;
  onerror: (() => void) | null;
}

/**
 * An Image class for one render: URLs resolve under `base` by the offline rules; a URL that
 * would need the network is recorded in `errors` (the render then fails naming it); a missing
 * file draws nothing, as a broken image does in a browser.
 */
export function imageClass(base: string, errors: Error[]): new () => ImageLike {
  return class OfflineImage implements ImageLike {
    width = 0;
    height = 0;
    naturalWidth = 0;
    naturalHeight = 0;
    complete = false;
    crossOrigin: string | null = null;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    #src = '';
    get src(): string {
      return this.#src;
    }
    set src(url: string) {
      let ok = false;
      try {
        let bytes: Buffer, mime: string;
        if (url.startsWith('data:')) ({ bytes, mime } = decodeDataUri(url));
        else {
          const file = path.isAbsolute(url) ? url : resolveLocal(url, base);
          bytes = readFileSync(file);
          mime = mimeOf(bytes, file);
        }
        const size = imageSize(bytes);
        this.#src = url.startsWith('data:') ? url : `data:${mime};base64,${bytes.toString('base64')}`;
        if (size) {
          this.width = this.naturalWidth = size.width;
          this.height = this.naturalHeight = size.height;
        }
        this.complete = true;
        ok = true;
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code !== 'ENOENT' && err.code !== 'EISDIR' && err.code !== 'EACCES') errors.push(err);
        this.#src = '';
      }
      // as a browser does: the event after the assignment returns
      queueMicrotask(() => (ok ? this.onload : this.onerror)?.());
    }
  };
}
