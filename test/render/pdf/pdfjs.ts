/** Text items of each page of a PDF with their positions (pdfjs: what a reader's copy/paste sees). */
export interface TextItem {
  str: string;
  x: number;
  /** from the page's top edge, in pt */
  y: number;
  size: number;
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
