/**
 * PDF/X: the print report and the print posters declare PDF/X (X-4, or X-1a:2001 when
 * nothing is transparent) with an OutputIntent embedding the very ICC profile the colours
 * were converted with; checked with qpdf's JSON view of the objects.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmykConverter, toCmykPixels } from '../../../src/render/pdf/color.js';
import { DEFAULT_PROFILE, loadProfile, PROFILES } from '../../../src/render/pdf/icc.js';
import { pdfString, svgHasTransparency } from '../../../src/render/pdf/pdfx.js';
import { posterPlanner } from '../../../src/render/poster/planner.js';
import { report, ROOT, seed } from './helpers.js';

type Obj = { value?: unknown; stream?: { dict: Record<string, unknown> } };

/** qpdf's JSON of every object, and a resolver for `n 0 R` references */
function objects(bytes: Buffer) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dp-pdfx-'));
  const file = path.join(dir, 'x.pdf');
  writeFileSync(file, bytes);
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=none', file], {
      maxBuffer: 256 << 20,
    }).toString(),
  ) as { qpdf: [unknown, Record<string, Obj>] };
  const all = json.qpdf[1];
  const get = (ref: unknown): Record<string, unknown> => {
    const o = all[`obj:${String(ref)}`];
    return (o?.value ?? o?.stream?.dict ?? {}) as Record<string, unknown>;
  };
  const trailer = all.trailer!.value as Record<string, unknown>;
  const stream = (ref: unknown) =>
    execFileSync('qpdf', [`--show-object=${String(ref).replace(/ 0 R$/, '')}`, '--filtered-stream-data', file], {
      maxBuffer: 64 << 20,
    });
  return { all, get, trailer, file, stream };
}

function checkPdfX(bytes: Buffer, profileBytes: Buffer) {
  const { get, trailer, file, stream, all } = objects(bytes);
  const info = get(trailer['/Info']);
  const version = String(info['/GTS_PDFXVersion']).replace(/^u:/, '');
  expect(['PDF/X-4', 'PDF/X-1:2001']).toContain(version);
  expect(info['/Trapped']).toBe('/False');
  expect(String(info['/Title'])).not.toBe('');
  const header = bytes.subarray(0, 8).toString('latin1');
  if (version === 'PDF/X-4') expect(header).toBe('%PDF-1.6');
  else {
    expect(header).toBe('%PDF-1.3');
    expect(String(info['/GTS_PDFXConformance'])).toBe('u:PDF/X-1a:2001');
  }
  const root = get(trailer['/Root']);
  const intents = root['/OutputIntents'] as string[];
  expect(intents).toHaveLength(1);
  const intent = get(intents[0]);
  expect(intent['/S']).toBe('/GTS_PDFX');
  expect(String(intent['/OutputConditionIdentifier'])).toMatch(/^u:\S/);
  const profileRef = intent['/DestOutputProfile'];
  expect(get(profileRef)['/N']).toBe(4);
  // the embedded profile is, byte for byte, the one the colours went through
  const embedded = stream(profileRef);
  expect(createHash('sha256').update(embedded).digest('hex')).toBe(
    createHash('sha256').update(profileBytes).digest('hex'),
  );
  if (version === 'PDF/X-4') {
    const xmp = stream(root['/Metadata']).toString('utf8');
    expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect(xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
    expect(xmp).toMatch(/<xmpMM:DocumentID>uuid:[0-9a-f-]{36}<\/xmpMM:DocumentID>/);
  } else {
    // X-1a: nothing transparent anywhere
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/"\/SMask"|"\/S": "\/Transparency"|"\/ca": 0\.|"\/CA": 0\./);
  }
  // every page: a TrimBox inside a BleedBox inside the MediaBox
  const boxes = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '999', file]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  expect(boxes.match(/Page\s+\d+ TrimBox:/g)?.length).toBe(pages);
  expect(boxes.match(/Page\s+\d+ BleedBox:/g)?.length).toBe(pages);
  // only embedded fonts
  const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
  for (const f of fonts) expect(f).toMatch(/\byes\s+yes\s+yes\b/);
  // qpdf finds nothing wrong with the structure
  execFileSync('qpdf', ['--check', file]);
  return version;
}

describe('PDF/X print files', () => {
  it('the default profile ships with its licence and is a CMYK output profile', async () => {
    const p = await loadProfile(ROOT, DEFAULT_PROFILE);
    expect(p.bytes.toString('latin1', 12, 20)).toBe('prtrCMYK');
    expect(readFileSync(path.join(ROOT, 'templates/icc/README.md'), 'utf8')).toContain(
      path.basename(PROFILES[DEFAULT_PROFILE]!.file!),
    );
    // libvips's own profile is the fallback: read from libvips, not guessed
    const v = await loadProfile(ROOT, 'libvips');
    expect(v.bytes.toString('latin1', 16, 20)).toBe('CMYK');
    expect(v.hash).not.toBe(p.hash);
  });

  it('colours go through the profile the file embeds (two profiles give two answers)', async () => {
    const red = Buffer.from([179, 25, 31]);
    const a = await toCmykPixels(await loadProfile(ROOT, 'coated-fogra39'), red, 1, 1);
    const b = await toCmykPixels(await loadProfile(ROOT, 'libvips'), red, 1, 1);
    expect([...a]).not.toEqual([...b]);
    const conv = cmykConverter(await loadProfile(ROOT, 'coated-fogra39'));
    await conv.prepare(['#b3191f']);
    expect(conv.convert([179, 25, 31]).map((v) => Math.round((v / 100) * 255))).toEqual(
      [...a].map((v) => Math.round(v)),
    );
  });

  it('report-print.pdf: OutputIntent with the embedded profile, version keys, boxes, embedded fonts', async () => {
    const profile = await loadProfile(ROOT, DEFAULT_PROFILE);
    const bytes = await report(['zh', 'en'], 'print');
    checkPdfX(bytes, profile.bytes);
  });

  it('a theme that names the libvips profile embeds that one', async () => {
    const { renderReport } = await import('../../../src/render/pdf/render.js');
    const { model, theme } = seed();
    const bytes = await renderReport(
      model,
      { ...theme, print: { profile: 'libvips' } },
      {
        langs: ['en'],
        variant: 'print',
        root: ROOT,
      },
    );
    checkPdfX(bytes, (await loadProfile(ROOT, 'libvips')).bytes);
    await expect(
      renderReport(model, { ...theme, print: { profile: 'nope' } }, { langs: ['en'], variant: 'print', root: ROOT }),
    ).rejects.toThrow(/print\.profile.*nope/);
  });

  it('print posters are PDF/X too', async () => {
    const { model, theme } = seed();
    const jobs = posterPlanner.plan(model, theme, {
      langs: ['zh', 'en'],
      explicitLangs: true,
      strict: false,
      presets: ['a3'],
    });
    const job = jobs.find((j) => j.path.endsWith('.pdf') && j.layout === 'targets')!;
    const { bytes } = await job.render({ model, theme, root: ROOT, strict: false, warn: () => {} });
    checkPdfX(bytes, (await loadProfile(ROOT, DEFAULT_PROFILE)).bytes);
  });

  it('PDF/X-1a:2001 when nothing is transparent: PDF 1.3, the conformance key, no XMP needed', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { declarePdfX, PDF_VERSION, watchTransparency } = await import('../../../src/render/pdf/pdfx.js');
    const profile = await loadProfile(ROOT, DEFAULT_PROFILE);
    const draw = async (alpha: number) => {
      const doc = new PDFDocument({
        size: [200, 200],
        margin: 0,
        compress: true,
        pdfVersion: PDF_VERSION['PDF/X-1a:2001'],
      });
      const seen = watchTransparency(doc);
      const page = doc.page.dictionary.data as Record<string, unknown>;
      page.TrimBox = [10, 10, 190, 190];
      page.BleedBox = [0, 0, 200, 200];
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => doc.on('end', r));
      doc
        .rect(20, 20, 50, 50)
        .fillOpacity(alpha)
        .fill([0, 100, 100, 0] as never);
      const transparent = seen();
      declarePdfX(doc, 'PDF/X-1a:2001', profile, {
        title: 'Test',
        creator: 'datapress',
        producer: 'datapress',
        date: new Date(0),
        idSeed: 'x',
      });
      doc.end();
      await done;
      return { bytes: Buffer.concat(chunks), transparent };
    };
    const opaque = await draw(1);
    expect(opaque.transparent).toBe(false);
    expect(checkPdfX(opaque.bytes, profile.bytes)).toBe('PDF/X-1:2001');
    // an alpha below 1 is seen, so the renderers switch to PDF/X-4
    expect((await draw(0.5)).transparent).toBe(true);
  });

  it('transparency is found in SVG, and text strings are written safely', () => {
    expect(svgHasTransparency('<rect fill-opacity="0.5"/>')).toBe(true);
    expect(svgHasTransparency('<rect style="opacity: 0.3"/>')).toBe(true);
    expect(svgHasTransparency('<rect opacity="1"/><path stroke-opacity="1"/>')).toBe(false);
    expect(pdfString('a (b)')).toBe('(a \\(b\\))');
    expect(pdfString('社')).toBe('<feff793e>');
  });
});
