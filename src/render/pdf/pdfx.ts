/**
 * PDF/X for the printer's files (the print report and the print posters): a pdfkit document
 * is declared PDF/X-4 (ISO 15930-7), or PDF/X-1a:2001 (ISO 15930-1) when nothing on its pages
 * is transparent, with
 *  - an OutputIntent (S /GTS_PDFX) that embeds the ICC profile every colour was converted with,
 *  - GTS_PDFXVersion (and, for X-1a, GTS_PDFXConformance) and Trapped /False in the Info
 *    dictionary, as direct objects; for X-4 the same in the XMP metadata (pdfxid, pdf:Trapped,
 *    xmpMM ids, dates),
 *  - TrimBox and BleedBox on every page (the caller sets them),
 *  - only embedded fonts (pdfkit embeds every face it is given as a subset).
 * Everything is derived from the inputs: no clock, no random ids.
 */
import { parseSvg, walk } from '../../charts/svgdom.js';
import { createHash } from 'node:crypto';
import type { PrintProfile } from './icc.js';

export type PdfXVersion = 'PDF/X-4' | 'PDF/X-1a:2001';

/** The PDF header version each PDF/X part is based on. */
export const PDF_VERSION: Readonly<Record<PdfXVersion, '1.3' | '1.6'>> = { 'PDF/X-4': '1.6', 'PDF/X-1a:2001': '1.3' };

export interface PdfXInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  date: Date;
  /** BCP 47 language for dc:title's and dc:description's xml:lang */
  lang?: string;
  /** a stable string the XMP document id is derived from (inputs, not content) */
  idSeed: string;
}

/** A value written directly into the Info dictionary instead of as an indirect object. */
class Direct {
  readonly [Symbol.toStringTag] = 'PdfDirect';
  constructor(readonly pdf: string) {}
  end(): void {}
  toString(): string {
    return this.pdf;
  }
}

/** A PDF text string: literal when ASCII, UTF-16BE with BOM as hex otherwise. */
export function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const b = Buffer.alloc(2 + s.length * 2);
  b.writeUInt16BE(0xfeff, 0);
  for (let i = 0; i < s.length; i++) b.writeUInt16BE(s.charCodeAt(i), 2 + 2 * i);
  return `<${b.toString('hex')}>`;
}

const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
const xmpDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
const xml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function uuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type PdfDoc = {
  info: Record<string, unknown>;
  ref(data?: unknown): { data: Record<string, unknown>; write(b: Uint8Array): unknown; end(): unknown };
  endMetadata(): void;
  _root: { data: Record<string, unknown> };
};

/**
 * Declare `doc` PDF/X (`version`), before doc.end(): Info, XMP, OutputIntent. The document
 * must have been created with `pdfVersion: PDF_VERSION[version]`.
 */
export function declarePdfX(docIn: unknown, version: PdfXVersion, profile: PrintProfile, info: PdfXInfo): void {
  const doc = docIn as PdfDoc;
  // Info: direct values, Trapped as a name
  const entries: Record<string, Direct> = {
    Title: new Direct(pdfString(info.title)),
    ...(info.author ? { Author: new Direct(pdfString(info.author)) } : {}),
    ...(info.subject ? { Subject: new Direct(pdfString(info.subject)) } : {}),
    ...(info.keywords ? { Keywords: new Direct(pdfString(info.keywords)) } : {}),
    Creator: new Direct(pdfString(info.creator)),
    Producer: new Direct(pdfString(info.producer)),
    CreationDate: new Direct(pdfDate(info.date)),
    ModDate: new Direct(pdfDate(info.date)),
    Trapped: new Direct('/False'),
    GTS_PDFXVersion: new Direct(pdfString(version === 'PDF/X-4' ? 'PDF/X-4' : 'PDF/X-1:2001')),
    ...(version === 'PDF/X-1a:2001' ? { GTS_PDFXConformance: new Direct(pdfString('PDF/X-1a:2001')) } : {}),
  };
  doc.info = entries;
  const ref = doc.ref.bind(doc);
  doc.ref = ((data?: unknown) => (data instanceof Direct ? data : ref(data))) as PdfDoc['ref'];

  // OutputIntent with the profile the colours were converted with
  const icc = doc.ref({ N: 4 });
  icc.write(profile.bytes);
  icc.end();
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(profile.condition),
    OutputCondition: new String(profile.conditionText),
    ...(profile.registry ? { RegistryName: new String(profile.registry) } : {}),
    Info: new String(profile.info),
    DestOutputProfile: icc,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];

  // XMP (PDF 1.4+; X-1a:2001 is PDF 1.3, which has no metadata streams)
  doc.endMetadata = () => {
    if (version !== 'PDF/X-4') return;
    const lang = info.lang ?? 'x-default';
    const id = uuid(`${info.idSeed}\0document`);
    const packet = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <xmp:CreateDate>${xmpDate(info.date)}</xmp:CreateDate>
   <xmp:ModifyDate>${xmpDate(info.date)}</xmp:ModifyDate>
   <xmp:MetadataDate>${xmpDate(info.date)}</xmp:MetadataDate>
   <xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>
   <pdf:Producer>${xml(info.producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>${info.keywords ? `\n   <pdf:Keywords>${xml(info.keywords)}</pdf:Keywords>` : ''}
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.title)}</rdf:li>${lang !== 'x-default' ? `<rdf:li xml:lang="${xml(lang)}">${xml(info.title)}</rdf:li>` : ''}</rdf:Alt></dc:title>${info.author ? `\n   <dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>` : ''}${info.subject ? `\n   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.subject)}</rdf:li></rdf:Alt></dc:description>` : ''}
   <xmpMM:DocumentID>uuid:${id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${uuid(`${info.idSeed}\0instance`)}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
    const bytes = Buffer.from(packet, 'utf8');
    const meta = ref({ Length: bytes.length, Type: 'Metadata', Subtype: 'XML' }) as ReturnType<PdfDoc['ref']> & {
      compress?: boolean;
    };
    meta.compress = false;
    meta.write(bytes);
    meta.end();
    doc._root.data.Metadata = meta;
  };
}

/**
 * Watches what a pdfkit document writes for transparency: a soft mask, a constant alpha
 * below 1, a transparency group or a blend mode other than Normal. PDF/X-1a allows none.
 */
export function watchTransparency(docIn: unknown): () => boolean {
  const doc = docIn as { ref(data?: unknown): unknown };
  let seen = false;
  const ref = doc.ref.bind(doc);
  const alpha = (v: unknown) => typeof v === 'number' && v < 1;
  doc.ref = (data?: unknown) => {
    if (data && typeof data === 'object' && !(data instanceof Direct)) {
      const d = data as Record<string, unknown>;
      const group = d.Group as { S?: unknown } | undefined;
      if (
        alpha(d.ca) ||
        alpha(d.CA) ||
        (d.SMask !== undefined && d.SMask !== 'None') ||
        group?.S === 'Transparency' ||
        (d.BM !== undefined && d.BM !== 'Normal')
      )
        seen = true;
    }
    return ref(data);
  };
  return () => seen;
}

const OPACITY = ['opacity', 'fill-opacity', 'stroke-opacity'];

/** Does this SVG ask for transparency (opacity below 1, masks, filters, blending)? Used to pick X-1a or X-4 up front. */
export function svgHasTransparency(svg: string): boolean {
  if (!svg) return false;
  let found = false;
  walk(
    parseSvg(svg, { fragment: !svg.trimStart().startsWith('<svg') && !svg.trimStart().startsWith('<?xml') }),
    (el) => {
      if (found) return;
      if (el.name === 'mask' || el.name === 'filter' || el.attrs.mask || el.attrs.filter) found = true;
      for (const a of OPACITY) if (el.attrs[a] !== undefined && Number.parseFloat(el.attrs[a]!) < 1) found = true;
      // inline style declarations (opacity: 0.5; mix-blend-mode: multiply)
      for (const decl of (el.attrs.style ?? '').split(';')) {
        const [k = '', v = ''] = decl.split(':').map((x) => x.trim());
        if (OPACITY.includes(k) && Number.parseFloat(v) < 1) found = true;
        if (k === 'mix-blend-mode' && v !== 'normal') found = true;
      }
    },
  );
  return found;
}
