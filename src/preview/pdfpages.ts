/**
 * PDF pages as PNG thumbnails for the gallery, drawn by pdf.js (pdfjs-dist) on a Skia canvas
 * (@napi-rs/canvas): npm packages only, no system tool. Fonts are the ones embedded in the PDF,
 * drawn as outlines (no system font is asked for); colours, CMYK included, as pdf.js converts them.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface Pages {
  /** PNG bytes of each page drawn, in order */
  pages: Buffer[];
  /** the PDF has more pages than were drawn */
  truncated: boolean;
}

/** Draw the first `maxPages` pages of a PDF, each scaled so its longest side is `size` px. */
export async function renderPdfPages(pdf: Uint8Array, maxPages: number, size: number): Promise<Pages> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const base = dirname(require.resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf), // pdf.js takes ownership of the bytes it is given
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: `${join(base, 'standard_fonts')}/`,
    cMapUrl: `${join(base, 'cmaps')}/`,
    cMapPacked: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: Buffer[] = [];
    const n = Math.min(doc.numPages, maxPages);
    for (let i = 1; i <= n; i++) {
      const page = await doc.getPage(i);
      const unit = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: size / Math.max(unit.width, unit.height) });
      const factory = doc.canvasFactory as {
        create(w: number, h: number): { canvas: { toBuffer(type: 'image/png'): Buffer }; context: unknown };
      };
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // the DOM canvas types pdf.js declares do not exist under Node's lib: its own canvas factory made these
      type Params = Parameters<typeof page.render>[0];
      await page.render({
        canvas: canvas as unknown as Params['canvas'],
        canvasContext: context as Params['canvasContext'],
        viewport,
        background: 'white',
      }).promise;
      pages.push(canvas.toBuffer('image/png'));
      page.cleanup();
    }
    return { pages, truncated: doc.numPages > n };
  } finally {
    await doc.destroy();
  }
}
