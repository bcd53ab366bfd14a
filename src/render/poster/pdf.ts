/**
 * The printer's file of a print poster: the same layout SVG as the PNG (text already outlined
 * with the layout's metrics) drawn as vector art into a pdfkit page of trim + bleed, every colour
 * through the report's one RGB → CMYK conversion (ICC, via libvips, to the theme's print
 * profile), small and neutral-dark type in 100 % K, TrimBox and BleedBox set, declared PDF/X
 * (X-1a when nothing is transparent, else X-4) with the profile as its OutputIntent.
 * Deterministic: dates from the dataset, no clock.
 */
import { drawChartIntoPdf, type PdfLikeDoc } from '../../charts/pdf.js';
import { cmykConverter, colorSpace, enforceCmyk } from '../pdf/color.js';
import { loadProfile, profileName } from '../pdf/icc.js';
import { declarePdfX, PDF_VERSION, type PdfXVersion, svgHasTransparency, watchTransparency } from '../pdf/pdfx.js';
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
  const conv = cmykConverter(await loadProfile(r.root, profileName(r.theme)));
  await conv.prepare([...colors, ...Object.values(r.theme.colors), ...r.theme.palette]);
  const cs = colorSpace(conv, r.theme.colors.paper);
  const date = documentDate(r.model);
  const title = r.langs
    .map((l) => r.model.meta.title[l])
    .filter(Boolean)
    .join(' / ');
  const draw = async (pdfx: PdfXVersion) => {
    const doc = new PDFDocument({
      size: [width, height],
      margin: 0,
      compress: true,
      pdfVersion: PDF_VERSION[pdfx],
    } as PDFKit.PDFDocumentOptions);
    enforceCmyk(doc, conv);
    const transparent = watchTransparency(doc);
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
    const seen = transparent();
    declarePdfX(doc, pdfx, conv.profile, {
      title,
      creator: 'datapress',
      producer: 'datapress (pdfkit)',
      date,
      idSeed: `${r.model.hash}\0poster\0${r.layout}\0${r.highlight ?? ''}\0${r.langs.join(',')}\0${r.preset.name}`,
    });
    doc.end();
    await done;
    return { bytes: Buffer.concat(chunks), transparent: seen };
  };
  // PDF/X-1a when nothing is transparent, else PDF/X-4; checked against what was drawn
  const predicted = svgHasTransparency(svg);
  let out = await draw(predicted ? 'PDF/X-4' : 'PDF/X-1a:2001');
  if (!predicted && out.transparent) out = await draw('PDF/X-4');
  return out.bytes;
}
