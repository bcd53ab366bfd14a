/**
 * Draw: the paginated flowables into a pdfkit document — fonts from the text engine,
 * tagged structure (screen), outline, running header and page numbers, print boxes and
 * crop marks, every colour through color.ts.
 */
import { createHash } from 'node:crypto';
import type { Face, FacePair } from '../../text/index.js';
import { measureRuns, openedFaces, placeRuns, registerPdfFaces, shortenToWidth } from '../../text/index.js';
import type { Theme } from '../../theme/types.js';
import type { ChartArt } from './charts.js';
import { type CmykConverter, type ColorSpace, colorSpace, enforceCmyk } from './color.js';
import type { Placed } from './flow.js';
import type { Fonts, Meta, Painter, RBox, RLines, TLine } from './measure.js';
import { boxes, cropMarks, type PageGeometry } from './pages.js';
import { declarePdfX, PDF_VERSION, type PdfXVersion, watchTransparency } from './pdfx.js';

/** pdfkit's document plus the internals drawDocument hooks (not in @types/pdfkit) and its own outline memo. */
type Doc = PDFKit.PDFDocument & {
  _write(data: unknown): unknown;
  _finalize(): unknown;
  /** the document ID written in the trailer */
  _id: Buffer;
  /** sections already in the outline */
  __outlined?: Set<string>;
};

export interface DocInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  date: Date;
  /** BCP 47 language of the document */
  lang: string;
  /** what the print file's XMP ids derive from (the inputs) */
  idSeed: string;
}

/** A photo's pixels, ready to embed: a JPEG (RGB, screen) or raw CMYK (print, deflated). */
export interface PhotoData {
  width: number;
  height: number;
  colorSpace: 'DeviceRGB' | 'DeviceCMYK';
  jpeg?: Buffer;
  raw?: Buffer;
}

export interface DrawInput {
  geo: PageGeometry;
  theme: Theme;
  fonts: (lang: string) => Fonts;
  info: DocInfo;
  placed: Placed[];
  pages: number;
  masthead?: RBox;
  /** bookmark title per section id, in order */
  sections: { id: string; bookmark: string }[];
  /** running head per page (the section at its top; '' for none) */
  heads: string[];
  /** photos by file */
  images: Map<string, PhotoData>;
  /** print: the conversion to the print profile's CMYK */
  conv?: CmykConverter;
  /** print: the PDF/X part to declare */
  pdfx?: PdfXVersion;
  /** running header: left text */
  headerLeft: string;
  pageLabel: (n: number, total: number) => string;
  drawChart: (
    doc: unknown,
    art: ChartArt,
    x: number,
    y: number,
    width: number,
    color: (css: string) => string | number[],
  ) => void;
}

/** The BCP 47 tag of a dataset language code: zh → zh-CN, en → en-GB; full tags as written. */
export const bcp47 = (lang: string) => ({ zh: 'zh-CN', en: 'en-GB' })[lang] ?? lang;

/**
 * pdfkit lays out every string it draws with fontkit again, caching the runs per document.
 * A run depends only on the font and the string, so the cache is shared by every document
 * this process writes (the screen and print variants, each language arrangement).
 */
let layouts = new WeakMap<object, Record<string, unknown>>();
let documents = 0;
/** a long-running process (watch, batch) starts the shared caches afresh every few dozen documents */
function nextDocument(): void {
  if (++documents > 32) {
    documents = 0;
    layouts = new WeakMap();
  }
}
function shareLayouts(doc: Doc): void {
  const f = (doc as unknown as { _font?: { font?: object; layoutCache?: Record<string, unknown> } })._font;
  if (!f?.font || !f.layoutCache) return;
  let shared = layouts.get(f.font);
  if (f.layoutCache === shared) return;
  if (!shared) {
    shared = Object.create(null) as Record<string, unknown>;
    layouts.set(f.font, shared);
  }
  f.layoutCache = shared;
}

export async function drawDocument(input: DrawInput): Promise<{ bytes: Buffer; transparent: boolean }> {
  const { default: PDFDocument } = await import('pdfkit');
  nextDocument();
  const { geo, theme, info } = input;
  const fonts = input.fonts(info.lang);
  const print = geo.print;
  if (print && !(input.conv && input.pdfx))
    throw new Error('drawDocument: a print PDF needs a CMYK profile and a PDF/X part');
  const cs: ColorSpace = colorSpace(print ? input.conv : undefined, theme.colors.paper);
  const doc = new PDFDocument({
    size: [geo.mediaWidth, geo.mediaHeight],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    pdfVersion: print ? PDF_VERSION[input.pdfx!] : '1.7',
    lang: bcp47(info.lang),
    displayTitle: true,
    ...(print ? {} : { subset: 'PDF/UA', tagged: true }),
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: 'datapress',
      Producer: 'datapress (pdfkit)',
      CreationDate: info.date,
      ModDate: info.date,
    },
  } as PDFKit.PDFDocumentOptions) as Doc;

  // Content-derived document ID: the MD5 of every byte written before the trailer.
  const md5 = createHash('md5');
  const write = doc._write.bind(doc);
  doc._write = (data: unknown) => {
    md5.update(typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : (data as Uint8Array));
    return write(data);
  };
  const finalize = doc._finalize.bind(doc);
  doc._finalize = () => {
    doc._id = md5.copy().digest();
    return finalize();
  };

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  if (print) enforceCmyk(doc, input.conv!);
  const transparency = print ? watchTransparency(doc) : () => false;
  registerPdfFaces(doc, openedFaces());

  const col = theme.colors;
  const tagged = !print;
  const structRoot = tagged ? doc.struct('Document') : undefined;
  if (structRoot) doc.addStructure(structRoot);
  const sects = new Map<string, PDFKit.PDFStructureElement>();
  const elems = new Map<string, PDFKit.PDFStructureElement>();
  const lists = new Map<string, PDFKit.PDFStructureElement>();

  const sectEl = (id: string) => {
    let s = sects.get(id);
    if (!s && structRoot) {
      const b = input.sections.find((x) => x.id === id);
      s = doc.struct('Sect', b?.bookmark ? { title: b.bookmark } : {});
      structRoot.add(s);
      sects.set(id, s);
    }
    return s;
  };
  const parentOf = (m: Meta) => {
    const s = sectEl(m.sect)!; // only tagged documents ask, and they have a structRoot
    if (m.role !== 'LI' || !m.list) return s;
    let l = lists.get(m.list);
    if (!l) {
      l = doc.struct('L');
      s.add(l);
      lists.set(m.list, l);
    }
    return l;
  };
  /** the element content of item `id` goes into (created on first use, kept across pages) */
  const elementFor = (id: string, m: Meta) => {
    let e = elems.get(id);
    if (e) return e;
    const opts: Record<string, string> = { lang: bcp47(m.lang) };
    if (m.alt) opts.alt = m.alt;
    if (m.role === 'LI') {
      const li = doc.struct('LI');
      parentOf(m).add(li);
      e = doc.struct('LBody', opts);
      li.add(e);
    } else {
      e = doc.struct(m.role, opts);
      parentOf(m).add(e);
    }
    elems.set(id, e);
    return e;
  };
  const tag = (id: string, m: Meta, draw: () => void) => {
    if (!tagged) return draw();
    const e = elementFor(id, m);
    const content = doc.markStructureContent(m.role === 'LI' ? 'LBody' : m.role, { lang: bcp47(m.lang) });
    draw();
    doc.endMarkedContent();
    e.add(content);
  };
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') => {
    if (!tagged) return draw();
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };

  const painter: Painter = {
    theme,
    text(s, x, baseline, face, size, color) {
      if (!s) return;
      if (!('key' in face)) {
        for (const r of placeRuns(s, face, size)) painter.text(r.text, x + r.x, baseline, r.face, size, color);
        return;
      }
      doc.font(face.key);
      shareLayouts(doc);
      doc.fontSize(size).fillColor(cs.text(color, size, col.ink) as never);
      doc.text(s, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    },
    rect(x, y, w, h, color) {
      doc.rect(x, y, w, h).fill(cs.fill(color) as never);
    },
    rule(x1, y1, x2, y2, color, width) {
      doc
        .moveTo(x1, y1)
        .lineTo(x2, y2)
        .lineWidth(width)
        .strokeColor((width < 1 && print ? [0, 0, 0, 100] : cs.fill(color)) as never)
        .stroke();
    },
    lines(lines: TLine[], x, y, lh) {
      lines.forEach((l, k) => {
        const top = y + k * lh;
        if (l.bullet) {
          const b = l.size * 0.36;
          painter.rect(x + l.dx - l.size * 1.05, top + l.baseline - l.size * 0.33 - b / 2, b, b, col.primary);
        }
        for (const r of l.runs) painter.text(r.text, x + l.dx + r.x, top + l.baseline, r.face, l.size, l.color);
      });
    },
    chart(art, x, y, w) {
      input.drawChart(doc, art, x, y, w, (css) => cs.chart(css));
    },
    image(file, x, y, w, h) {
      const { ref, name } = photoXObject(file);
      doc.page.xobjects[name] = ref;
      doc.save();
      doc.transform(w, 0, 0, -h, x, y + h);
      doc.addContent(`/${name} Do`);
      doc.restore();
    },
  };
  /** one XObject per photo, shared by every page that shows it */
  const photoRefs = new Map<string, { ref: PDFKit.PDFKitReference; name: string }>();
  function photoXObject(file: string): { ref: PDFKit.PDFKitReference; name: string } {
    let e = photoRefs.get(file);
    if (e) return e;
    const d = input.images.get(file);
    if (!d) throw new Error(`drawDocument: photo ${file} was not prepared`);
    const ref = (doc as unknown as { ref(data: unknown): PDFKit.PDFKitReference & { end(b: Buffer): void } }).ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: d.width,
      Height: d.height,
      ColorSpace: d.colorSpace,
      BitsPerComponent: 8,
      ...(d.jpeg ? { Filter: 'DCTDecode' } : {}),
    });
    ref.end((d.jpeg ?? d.raw)!);
    e = { ref, name: `Photo${photoRefs.size + 1}` };
    photoRefs.set(file, e);
    return e;
  }

  const o = geo.offset;
  const bx = boxes(geo);
  const S = geo.preset.bodySize;
  const firstOf = new Map<string, number>();
  for (const p of input.placed) {
    const m = (p.item as RLines | RBox).meta;
    if (m.sect && !firstOf.has(m.sect)) firstOf.set(m.sect, p.page);
  }

  let k = 0;
  for (let page = 0; page < input.pages; page++) {
    doc.addPage({ size: [geo.mediaWidth, geo.mediaHeight], margin: 0 });
    if (print) {
      const dict = doc.page.dictionary.data as Record<string, unknown>;
      dict.TrimBox = bx.trim;
      dict.BleedBox = bx.bleed;
    }
    doc.save();
    doc.translate(o, o);
    if (!print) artifact(() => painter.rect(0, 0, geo.width, geo.height, col.paper), 'Layout');
    if (page === 0 && input.masthead) {
      const mh = input.masthead;
      sectEl('masthead');
      tag('masthead', mh.meta, () =>
        mh.draw(painter, geo.margins.left, 0, geo.width - geo.margins.left - geo.margins.right),
      );
      doc.outline.addItem(info.title);
    }
    // running header (not on the first page) and the page number
    artifact(() => {
      const hs = S - 2;
      const left = geo.margins.left,
        right = geo.width - geo.margins.right;
      if (page > 0) {
        const hy = geo.margins.top * 0.55;
        painter.text(input.headerLeft, left, hy, fonts.sansBold, hs, col.primary);
        const room = right - left - measureRuns(input.headerLeft, fonts.sansBold, hs) - 24;
        const width = (s: string) => measureRuns(s, fonts.sans, hs);
        // a running head too long for its line is shortened at a word (the heading is whole on its page)
        const sec = shortenToWidth(input.heads[page] ?? '', room, width);
        if (sec) {
          const w = width(sec);
          painter.text(sec, right - w, hy, fonts.sans, hs, col.muted);
        }
        painter.rule(left, hy + hs * 0.6, right, hy + hs * 0.6, col.rule, 0.5);
      }
      const label = input.pageLabel(page + 1, input.pages);
      const lw = measureRuns(label, fonts.sans, hs);
      painter.text(label, (geo.width - lw) / 2, geo.height - geo.margins.bottom * 0.45, fonts.sans, hs, col.muted);
    }, 'Pagination');

    const bookmarked = new Set<string>();
    for (; k < input.placed.length && input.placed[k]!.page === page; k++) {
      const p = input.placed[k]!;
      const it = p.item as RLines | RBox;
      const m = it.meta;
      if (m.sect && firstOf.get(m.sect) === page && !bookmarked.has(m.sect) && !doc.__outlined?.has(m.sect)) {
        const b = input.sections.find((s) => s.id === m.sect);
        if (b?.bookmark) doc.outline.addItem(b.bookmark);
        bookmarked.add(m.sect);
        doc.__outlined ??= new Set();
        doc.__outlined.add(m.sect);
      }
      if (it.kind === 'box' && it.parts) {
        for (const part of it.parts) tag(part.id, part.meta, () => part.draw(painter, p.x, p.y));
      } else if (it.kind === 'box') {
        tag(it.id, m, () => it.draw(painter, p.x, p.y, p.width));
      } else {
        const lines = it.lines.slice(p.from, p.to);
        const key = it.id;
        if (it.deco === 'summary') {
          artifact(() => painter.rect(p.x, p.y + 2, 2, lines.length * it.lineHeight - 4, col.accent));
        } else if (it.deco === 'pull') {
          // a pull quote and its attribution: one bar in the primary colour down their left edge
          artifact(() => painter.rect(p.x, p.y, 3.5, lines.length * it.lineHeight, col.primary));
        }
        tag(key, m, () => painter.lines(lines, p.x, p.y, it.lineHeight));
      }
    }
    doc.restore();
    if (print) {
      // crop marks in the slug (registration: on every separation)
      doc.save();
      doc.translate(o, o);
      for (const [x1, y1, x2, y2] of cropMarks(geo)) {
        doc
          .moveTo(x1, y1)
          .lineTo(x2, y2)
          .lineWidth(0.25)
          .strokeColor([100, 100, 100, 100] as never)
          .stroke();
      }
      doc.restore();
    }
  }
  structRoot?.end();
  const transparent = transparency();
  if (print)
    declarePdfX(doc, input.pdfx!, input.conv!.profile, {
      title: info.title,
      author: info.author,
      subject: info.subject,
      keywords: info.keywords,
      creator: 'datapress',
      producer: 'datapress (pdfkit)',
      date: info.date,
      lang: bcp47(info.lang),
      idSeed: info.idSeed,
    });
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), transparent };
}

export type { Face, FacePair };
