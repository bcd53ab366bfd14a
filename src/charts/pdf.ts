/**
 * Charts as vector PDF: svg-to-pdfkit draws Vega's SVG with real text in embedded
 * (subset) fonts of the text engine, and every color goes through one hook.
 */
import { createRequire } from 'node:module';
import { parseSvg, svgSizeOf, walk, type SvgEl } from './svgdom.js';
import { registerPdfFaces } from '../text/shaper.js';
import { pdfSvgText } from './svgtext.js';

type SvgToPdf = (doc: unknown, svg: string, x: number, y: number, opts: Record<string, unknown>) => void;
const require = createRequire(import.meta.url);
let svgToPdfKit: SvgToPdf | undefined;

/** A color hook: CSS color string (#rrggbb) → a pdfkit color (CSS string, [r,g,b] or CMYK [c,m,y,k] 0–100). */
export type ColorHook = (color: string) => string | number[];

export interface PdfLikeDoc {
  registerFont(name: string, src: unknown): unknown;
}

export interface DrawChartOptions {
  /** drawn width in PDF points; default the SVG width (1 px = 1 pt) */
  width?: number;
  /** every fill/stroke/gradient color passes through this (e.g. to CMYK for print) */
  color?: ColorHook;
}

const hex2 = (n: number): string =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');

/** Parse a pdfkit-style color result back to svg-to-pdfkit's [[r,g,b] | [c,m,y,k], opacity]. */
function toPdfColor(out: string | number[]): number[] | undefined {
  if (Array.isArray(out)) return out;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(out.trim());
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : undefined;
}

/**
 * svg-to-pdfkit's colorCallback receives [[r,g,b], opacity] (or undefined for none).
 * It also rewrites its module-level default colors in place with our result, so results
 * are remembered and mapped back to their RGB source before the hook sees them again.
 */
const produced = new WeakMap<object, number[]>();
function colorCallback(hook: ColorHook) {
  return (result: [number[], number] | undefined): [number[], number] | undefined => {
    if (!result || !Array.isArray(result[0])) return result;
    const rgb = produced.get(result[0]) ?? result[0];
    const out = toPdfColor(hook(`#${hex2(rgb[0]!)}${hex2(rgb[1]!)}${hex2(rgb[2]!)}`)) ?? rgb.slice();
    produced.set(out, rgb);
    return [out, result[1]];
  };
}

const identity: ColorHook = (c) => c;

/**
 * pdfkit rejects zero dash lengths, which SVG allows: all gaps zero (Vega's "1,0") is a
 * solid line; other zeros become a hair's length (a dot with round caps, as in SVG).
 * Rewrites `stroke-dasharray` in place.
 */
export function pdfSafeDashes(root: SvgEl): SvgEl {
  walk(root, (el) => {
    const v = el.attrs['stroke-dasharray'];
    if (v === undefined) return;
    const xs = v
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    const list = xs.length % 2 ? [...xs, ...xs] : xs;
    if (
      !xs.length ||
      xs.some((x) => !Number.isFinite(x) || x < 0) ||
      xs.every((x) => x === 0) ||
      list.filter((_, i) => i % 2 === 1).every((x) => x === 0)
    )
      delete el.attrs['stroke-dasharray'];
    else if (xs.some((x) => x === 0)) el.attrs['stroke-dasharray'] = xs.map((x) => x || 0.001).join(',');
  });
  return root;
}

/**
 * Draw a chart SVG (Vega's output, images already inlined) into a pdfkit document at
 * (x, y) as vector art. Registers the fonts it needs under their face keys.
 * Returns the drawn size in points.
 */
export function drawChartIntoPdf(
  doc: PdfLikeDoc,
  svg: string | SvgEl,
  x: number,
  y: number,
  opts: DrawChartOptions = {},
): { width: number; height: number } {
  svgToPdfKit ??= require('svg-to-pdfkit') as SvgToPdf;
  const tree = typeof svg === 'string' ? parseSvg(svg) : structuredClone(svg);
  const { svg: pdfSvg, faces } = pdfSvgText(pdfSafeDashes(tree));
  registerPdfFaces(doc, [...faces]);
  const size = svgSizeOf(tree);
  const k = opts.width && size.width ? opts.width / size.width : 1;
  const width = size.width * k,
    height = size.height * k;
  const known = new Set(faces.map((f) => f.key));
  svgToPdfKit(doc, pdfSvg, x, y, {
    width,
    height,
    assumePt: true,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (family: string) => {
      const key = family.replace(/^["']|["']$/g, '');
      if (!known.has(key)) throw new Error(`chart PDF: text font "${family}" was not resolved to a face`);
      return key;
    },
    colorCallback: colorCallback(opts.color ?? identity),
    warningCallback: () => {},
  });
  return { width, height };
}

interface PdfImage {
  obj?: unknown;
  finalize?: (...args: unknown[]) => unknown;
  embed(doc: unknown): void;
}

/**
 * Embed a chart's images in the document one after the other, before it is drawn. pdfkit
 * decodes a PNG with transparency on zlib's thread pool and writes the image when that ends, so
 * two such images were written in whichever order their decoding finished: the same chart gave
 * different bytes from run to run. Embedded here first (pdfkit keeps an image per data URI),
 * the drawing reuses them and the file's order is the SVG's.
 */
export async function embedChartImages(doc: PdfLikeDoc, svg: string | SvgEl): Promise<void> {
  const tree = typeof svg === 'string' ? parseSvg(svg) : svg;
  const hrefs: string[] = [];
  walk(tree, (el) => {
    const href = el.name === 'image' ? (el.attrs['xlink:href'] ?? el.attrs.href) : undefined;
    if (href?.startsWith('data:') && !hrefs.includes(href)) hrefs.push(href);
  });
  const open = (doc as unknown as { openImage(src: string): PdfImage }).openImage.bind(doc);
  for (const href of hrefs) {
    let img: PdfImage;
    try {
      img = open(href);
    } catch {
      continue; // svg-to-pdfkit warns and skips an image pdfkit cannot open
    }
    if (img.obj) continue;
    const finalize = img.finalize;
    if (typeof finalize !== 'function') {
      img.embed(doc);
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      let done = false;
      img.finalize = (...args: unknown[]) => {
        const r = finalize.apply(img, args);
        done = true;
        resolve();
        return r;
      };
      try {
        img.embed(doc);
      } catch (e) {
        reject(e as Error);
      }
      if (done) resolve();
    });
    delete img.finalize;
  }
}

/** A one-page PDF of the chart (page = chart size × scale, in points). Deterministic bytes. */
export async function chartPdf(svg: string | SvgEl, opts: { scale?: number; color?: ColorHook } = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const size = svgSizeOf(typeof svg === 'string' ? parseSvg(svg) : svg);
  const scale = opts.scale ?? 1;
  const doc = new PDFDocument({
    size: [Math.max(1, size.width * scale), Math.max(1, size.height * scale)],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    info: { CreationDate: new Date(0), ModDate: new Date(0), Producer: 'datapress', Creator: 'datapress' },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  await embedChartImages(doc as unknown as PdfLikeDoc, svg);
  drawChartIntoPdf(doc as unknown as PdfLikeDoc, svg, 0, 0, { width: size.width * scale, color: opts.color });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
