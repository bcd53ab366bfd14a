/** A small fake output folder: two datasets, manifests, tiny PNGs (sharp), a 2-page PDF (pdfkit), an SVG. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { ManifestEntry } from '../../src/write/manifest.js';
import { serializeManifest } from '../../src/write/manifest.js';

export const EVIL_ALT = 'Card <script>alert(1)</script> & "quotes"';

async function png(w: number, h: number, color: string): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .png()
    .toBuffer();
}

function pdf(pages: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [200, 280], margin: 20, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 1; i <= pages; i++) {
      if (i > 1) doc.addPage();
      doc.rect(20, 20, 160, 60).fill(i === 1 ? '#b3261e' : '#0b57d0');
      doc.fillColor('black').fontSize(14).text(`page ${i}`, 20, 120);
    }
    doc.end();
  });
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32" viewBox="0 0 64 32"><rect width="40" height="32" fill="#b3261e"/></svg>';

type Spec = Omit<ManifestEntry, 'sha256' | 'bytes' | 'inputHash'> & { bytes?: Buffer | string; skipFile?: boolean };

function write(root: string, id: string, specs: Spec[], extra: Record<string, string> = {}) {
  const files: ManifestEntry[] = specs.map(({ bytes, skipFile, ...e }) => {
    const b = Buffer.from(bytes ?? '');
    if (!skipFile) {
      mkdirSync(dirname(join(root, id, e.path)), { recursive: true });
      writeFileSync(join(root, id, e.path), b);
    }
    return { ...e, sha256: createHash('sha256').update(b).digest('hex'), bytes: b.length, inputHash: 'x' };
  });
  for (const [p, t] of Object.entries(extra)) writeFileSync(join(root, id, p), t);
  writeFileSync(
    join(root, id, 'manifest.json'),
    serializeManifest({ dataset: id, datapress: '0.1.0', dataHash: 'abc123def4567890', files }),
  );
}

/** Returns the output folder. */
export async function makeOutput(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'datapress-gallery-'));
  const report = await pdf(2);
  write(
    root,
    'alpha',
    [
      {
        path: 'report.pdf',
        kind: 'pdf',
        langs: ['zh', 'en'],
        preset: 'a4',
        layout: 'report',
        width: 200,
        height: 280,
        alt: { zh: '报告：社会保障', en: 'Report: social security' },
        bytes: report,
      },
      {
        path: 'posters/a2-zh-en.png',
        kind: 'poster',
        langs: ['zh', 'en'],
        preset: 'a2',
        layout: 'poster',
        width: 40,
        height: 56,
        alt: { zh: '海报', en: 'Poster, Chinese first' },
        bytes: await png(40, 56, '#ddd'),
      },
      {
        path: 'cards/pension-square-zh.png',
        kind: 'card',
        langs: ['zh'],
        preset: 'square',
        layout: 'square',
        highlight: 'pension',
        width: 32,
        height: 32,
        alt: { zh: '养老保险卡片' },
        bytes: await png(32, 32, '#f00'),
      },
      {
        path: 'cards/pension-square-en.png',
        kind: 'card',
        langs: ['en'],
        preset: 'square',
        layout: 'square',
        highlight: 'pension',
        width: 32,
        height: 32,
        alt: { en: EVIL_ALT },
        bytes: await png(32, 32, '#0f0'),
      },
      {
        path: 'cards/pension-og-en.png',
        kind: 'card',
        langs: ['en'],
        preset: 'og',
        layout: 'landscape',
        highlight: 'pension',
        width: 60,
        height: 32,
        alt: { en: 'Pension card, og' },
        bytes: await png(60, 32, '#00f'),
      },
      {
        path: 'cards/medical square-en.png',
        kind: 'card',
        langs: ['en'],
        preset: 'square',
        layout: 'square',
        highlight: 'medical',
        width: 32,
        height: 32,
        alt: { en: 'Medical card' },
        bytes: await png(32, 32, '#0ff'),
      },
      {
        path: 'charts/pension-en.svg',
        kind: 'chart',
        langs: ['en'],
        highlight: 'pension',
        width: 64,
        height: 32,
        alt: { en: 'Bar chart of pensions' },
        bytes: SVG,
      },
      {
        path: 'charts/pension-en.png',
        kind: 'chart',
        langs: ['en'],
        highlight: 'pension',
        width: 64,
        height: 32,
        alt: { en: 'Bar chart of pensions' },
        bytes: await png(64, 32, '#b3261e'),
      },
      {
        path: 'charts/pension-en.pdf',
        kind: 'chart',
        langs: ['en'],
        highlight: 'pension',
        width: 64,
        height: 32,
        alt: { en: 'Bar chart of pensions' },
        bytes: await pdf(1),
      },
    ],
    { 'cards/pension-square-en.txt': `${EVIL_ALT}\n`, 'cards/pension-square-zh.txt': '养老保险卡片\n' },
  );
  write(root, 'beta', [
    {
      path: 'report.pdf',
      kind: 'pdf',
      langs: ['en'],
      preset: 'a4',
      layout: 'report',
      width: 200,
      height: 280,
      alt: { en: 'Beta report' },
      bytes: await pdf(1),
    },
    {
      path: 'cards/gone-square-en.png',
      kind: 'card',
      langs: ['en'],
      preset: 'square',
      highlight: 'gone',
      width: 32,
      height: 32,
      alt: { en: 'A card whose file is missing' },
      bytes: 'x',
      skipFile: true,
    },
  ]);
  mkdirSync(join(root, 'not-a-dataset'));
  return root;
}
