/** Text items of each page of a PDF with their positions (pdfjs: what a reader's copy/paste sees). */
export interface TextItem {
  str: string;
  x: number;
  /** from the page's top edge, in pt */
  y: number;
  size: number;
  /** advance width, in pt */
  width: number;
}

export async function pdfItems(bytes: Buffer): Promise<{ pages: TextItem[][]; height: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: TextItem[][] = [];
  let height = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const view = page.view;
    height = view[3]! - view[1]!;
    const tc = await page.getTextContent();
    pages.push(
      tc.items
        .filter((it): it is Extract<typeof it, { str: string }> => 'str' in it)
        .map((it) => ({
          str: it.str,
          x: it.transform[4] as number,
          y: height - (it.transform[5] as number),
          size: Math.hypot(it.transform[2] as number, it.transform[3] as number),
          width: it.width,
        })),
    );
  }
  await doc.destroy();
  return { pages, height };
}

/** whitespace out: lines of justified or ragged text compare as one string */
export const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The body text of a report, squashed: running heads and page numbers left out (they would split
 * paragraphs that cross a page); the first page whole.
 */
export function bodyText(
  pages: TextItem[][],
  geo: { height: number; margins: { top: number; bottom: number } },
): string {
  return squash(
    pages
      .map((items, p) =>
        items
          .filter((it) => (p === 0 || it.y > geo.margins.top) && it.y < geo.height - geo.margins.bottom * 0.7)
          .map((it) => it.str)
          .join(''),
      )
      .join(''),
  );
}

/**
 * Pairs of texts on a page whose glyph boxes (ascent 0.75, descent 0.1 of the size) overlap by more
 * than 15% of the smaller one: a label set over a figure, a badge run into a chart.
 */
export function overlappingTexts(items: TextItem[]): [string, string][] {
  const boxes = items
    .filter((it) => it.str.trim())
    .map((it) => ({ s: it.str, x0: it.x, x1: it.x + it.width, y0: it.y - 0.75 * it.size, y1: it.y + 0.1 * it.size }));
  const out: [string, string][] = [];
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const A = boxes[a]!,
        B = boxes[b]!;
      const w = Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0),
        h = Math.min(A.y1, B.y1) - Math.max(A.y0, B.y0);
      if (w <= 1 || h <= 1) continue;
      const smaller = Math.min((A.x1 - A.x0) * (A.y1 - A.y0), (B.x1 - B.x0) * (B.y1 - B.y0));
      if (w * h > 0.15 * smaller) out.push([A.s, B.s]);
    }
  return out;
}
