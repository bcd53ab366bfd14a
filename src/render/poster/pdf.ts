/**
 * The printer's file of a print poster: the same layout SVG as the PNG (text already outlined
 * with the layout's metrics) drawn as vector art into a pdfkit page of trim + bleed, every colour
 * through the report's one RGB → CMYK conversion (ICC, via libvips), small and neutral-dark type
 * in 100 % K, TrimBox and BleedBox set. Deterministic: dates from the dataset, no clock.
 */
import { drawChartIntoPdf, type PdfLikeDoc } from '../../charts/pdf.js';
import { colorSpace, enforceCmyk, prepareCmyk } from '../pdf/color.js';
import { documentDate } from '../pdf/render.js';
import { layoutPoster, type PosterRequest } from './render.js';

export async function renderPosterPdf(r: PosterRequest): Promise<Buffer> {
  const { svg } = await layoutPoster(r); // its cut-text warnings are reported once, by the PNG
  const { default: PDFDocument } = await import('pdfkit');
  const dpi = r.preset.dpi ?? 72;
  const pt = 72 / dpi;
  const width = r.preset.width * pt;
  const height = r.preset.height * pt;
  const bleed = (r.preset.bleed ?? 0) * pt;
  const colors = [...new Set(svg.match(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/g) ?? [])];
  await prepareCmyk([...colors, ...Object.values(r.theme.colors), ...r.theme.palette]);
  const cs = colorSpace(true, r.theme.colors.paper);
  const date = documentDate(r.model);
  const title = r.langs
    .map((l) => r.model.meta.title[l])
    .filter(Boolean)
    .join(' / ');
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    compress: true,
    info: { Title: title, Creator: 'datapress', Producer: 'datapress (pdfkit)', CreationDate: date, ModDate: date },
  } as PDFKit.PDFDocumentOptions);
  enforceCmyk(doc);
  const page = doc.page.dictionary.data as Record<string, unknown>;
  page.TrimBox = [bleed, bleed, width - bleed, height - bleed];
  page.BleedBox = [0, 0, width, height];
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  drawChartIntoPdf(doc as unknown as PdfLikeDoc, svg, 0, 0, { width, color: cs.chart });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
