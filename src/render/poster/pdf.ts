/**
 * The printer's file of a print poster, written from the same laid-out tree as the PNG (the
 * third writer of the layout's scene): a pdfkit page of trim + bleed, boxes and rules as vector
 * paths, text as outlines at the layout's positions, charts as vector art (svg-to-pdfkit), every
 * colour through the report's one RGB → CMYK conversion (ICC, via libvips, to the theme's print
 * profile), small and neutral-dark type in 100 % K, pictures as CMYK JPEG through the same profile;
 * TrimBox and BleedBox set, declared PDF/X (X-1a when nothing is transparent, else X-4) with the
 * profile as its OutputIntent. Deterministic: dates from the dataset, no clock.
 */
import { drawChartIntoPdf, type PdfLikeDoc } from '../../charts/pdf.js';
import { placement, readSvg } from '../../layout/svgdoc.js';
import { outlinePathData } from '../../text/outline.js';
import { cmykConverter, colorSpace, enforceCmyk } from '../pdf/color.js';
import { loadProfile, profileName } from '../pdf/icc.js';
import { declarePdfX, PDF_VERSION, type PdfXVersion, svgHasTransparency, watchTransparency } from '../pdf/pdfx.js';
import { documentDate } from '../pdf/render.js';
import { loadSharp } from '../raster/rasterize.js';
import { layoutPoster, type PosterRequest } from './render.js';

interface PdfDoc {
  page: { dictionary: { data: Record<string, unknown> } };
  save(): PdfDoc;
  restore(): PdfDoc;
  scale(s: number): PdfDoc;
  rect(x: number, y: number, w: number, h: number): PdfDoc;
  roundedRect(x: number, y: number, w: number, h: number, r: number): PdfDoc;
  moveTo(x: number, y: number): PdfDoc;
  lineTo(x: number, y: number): PdfDoc;
  path(d: string): PdfDoc;
  lineWidth(w: number): PdfDoc;
  dash(len: number, o: { space: number }): PdfDoc;
  undash(): PdfDoc;
  fillColor(c: unknown, opacity?: number): PdfDoc;
  strokeColor(c: unknown, opacity?: number): PdfDoc;
  fill(rule?: string): PdfDoc;
  stroke(): PdfDoc;
  image(src: Buffer, x: number, y: number, o: { width: number; height: number }): PdfDoc;
  on(event: string, f: (x: Buffer) => void): void;
  end(): void;
}

export async function renderPosterPdf(r: PosterRequest): Promise<Buffer> {
  const layout = await layoutPoster(r); // what did not fit is reported once, by the PNG
  const { default: PDFDocument } = await import('pdfkit');
  const dpi = r.preset.dpi ?? 72;
  const pt = 72 / dpi;
  const width = r.preset.width * pt;
  const height = r.preset.height * pt;
  const bleed = (r.preset.bleed ?? 0) * pt;
  const scene = layout.scene;
  const colors = new Set<string>([...Object.values(r.theme.colors), ...r.theme.palette]);
  for (const p of scene?.paints ?? []) {
    if (p.kind === 'rect') for (const c of [p.fill, p.stroke]) if (c && c !== 'none') colors.add(c);
    if (p.kind === 'line') colors.add(p.stroke);
    if (p.kind === 'text') colors.add(p.group.fill);
  }
  const conv = cmykConverter(await loadProfile(r.root, profileName(r.theme)));
  await conv.prepare([...colors]);
  const cs = colorSpace(conv, r.theme.colors.paper);
  const date = documentDate(r.model);
  const title = r.langs
    .map((l) => r.model.meta.title[l])
    .filter(Boolean)
    .join(' / ');
  // PDF/X-1a when nothing is transparent, else PDF/X-4; checked against what was drawn
  const charts = (scene?.paints ?? []).flatMap((p) => (p.kind === 'svg' ? [layout.chartArt(p) ?? ''] : []));
  const predicted =
    !scene ||
    scene.paints.some(
      (p) =>
        (p.kind === 'rect' && p.opacity < 1) ||
        (p.kind === 'text' && p.group.opacity !== undefined && Number(p.group.opacity) < 1) ||
        p.kind === 'image',
    ) ||
    charts.some(svgHasTransparency) ||
    svgHasTransparency(scene ? '' : layout.svg);
  const draw = async (pdfx: PdfXVersion) => {
    const doc = new PDFDocument({
      size: [width, height],
      margin: 0,
      compress: true,
      pdfVersion: PDF_VERSION[pdfx],
    } as PDFKit.PDFDocumentOptions) as unknown as PdfDoc;
    enforceCmyk(doc, conv);
    const transparent = watchTransparency(doc);
    const page = doc.page.dictionary.data;
    page.TrimBox = [bleed, bleed, width - bleed, height - bleed];
    page.BleedBox = [0, 0, width, height];
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject as (x: Buffer) => void);
    });
    if (!scene) {
      // a layout the scene cannot hold goes as its SVG
      drawChartIntoPdf(doc as unknown as PdfLikeDoc, layout.svg, 0, 0, { width, color: cs.chart });
    } else {
      // design units → points
      const s = (scene.scale * 72) / dpi;
      const paper = r.theme.colors.paper;
      const sharp = await loadSharp();
      for (const p of scene.paints) {
        doc.save();
        doc.scale(s);
        switch (p.kind) {
          case 'rect': {
            const shape = () => (p.rx > 0 ? doc.roundedRect(p.x, p.y, p.w, p.h, p.rx) : doc.rect(p.x, p.y, p.w, p.h));
            if (p.fill && p.fill !== 'none') shape().fillColor(cs.fill(p.fill), p.opacity).fill();
            if (p.stroke && p.sw > 0) shape().lineWidth(p.sw).strokeColor(cs.fill(p.stroke), p.opacity).stroke();
            break;
          }
          case 'line': {
            doc.moveTo(p.x1, p.y1).lineTo(p.x2, p.y2).lineWidth(p.sw).strokeColor(cs.chart(p.stroke));
            if (p.dash?.length && p.dash.some((d) => d > 0)) doc.dash(p.dash[0]!, { space: p.dash[1] ?? p.dash[0]! });
            doc.stroke();
            doc.undash();
            break;
          }
          case 'text': {
            const opacity = p.group.opacity === undefined ? 1 : Number(p.group.opacity);
            for (const l of p.group.lines) {
              const d = outlinePathData([l.text], { face: l.face, size: l.size, x: l.x, y: l.y, align: 'start' });
              if (d)
                doc
                  .path(d)
                  .fillColor(cs.text(p.group.fill, l.size * s, r.theme.colors.ink), opacity)
                  .fill('nonzero');
            }
            break;
          }
          case 'svg': {
            const art = layout.chartArt(p);
            if (!art) break;
            doc.restore();
            doc.save();
            const { root } = readSvg(art);
            const { tx, ty, k } = placement(root, p.box);
            const vb = (root.viewBox ?? '')
              .trim()
              .split(/[\s,]+/)
              .map(Number);
            const vw = vb.length === 4 ? vb[2]! : Number.parseFloat(root.width ?? String(p.box.w));
            drawChartIntoPdf(doc as unknown as PdfLikeDoc, art, tx * s, ty * s, { width: vw * k * s, color: cs.chart });
            break;
          }
          case 'image': {
            const jpeg = await sharp(Buffer.from(p.rgba), { raw: { width: p.width, height: p.height, channels: 4 } })
              .flatten({ background: paper })
              .withIccProfile(conv.profile.sharpProfile)
              .jpeg({ quality: 92 })
              .toBuffer();
            const k = scene.scale;
            doc.image(jpeg, p.left / k, p.top / k, { width: p.width / k, height: p.height / k });
            break;
          }
        }
        doc.restore();
      }
    }
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
  let out = await draw(predicted ? 'PDF/X-4' : 'PDF/X-1a:2001');
  if (!predicted && out.transparent) out = await draw('PDF/X-4');
  return out.bytes;
}
