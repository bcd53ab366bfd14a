/**
 * Photos: a copy of the sample with two small generated images beside it. They are placed
 * with their captions (both languages) and the credit, scaled to fit and never distorted;
 * the screen PDF carries them as RGB, the print PDF as CMYK through the print profile with no
 * RGB left. A missing or unreadable image is a validation error naming the field; a photo over
 * 50 megapixels is refused by name before it is decoded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadModel } from '../../../src/model/index.js';
import type { Model } from '../../../src/model/types.js';
import { renderReport } from '../../../src/render/pdf/render.js';
import { loadTheme } from '../../../src/theme/load.js';
import { validateFiles } from '../../../src/validate-command.js';
import { DATA, ROOT } from './helpers.js';
import { pdfItems, squash } from './pdfjs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dp-photos-'));
const file = path.join(dir, 'photos.yaml');

/** the sample with `images` as its first photos' files */
function dataset(images: (string | undefined)[], name = file): string {
  const d = parse(readFileSync(DATA, 'utf8')) as { photos: { caption: unknown; image?: string }[] };
  images.forEach((img, i) => {
    if (img) d.photos[i]!.image = img;
  });
  writeFileSync(name, stringify(d));
  return name;
}

/** qpdf's uncompressed view of a PDF */
function qdf(bytes: Buffer): string {
  const f = path.join(dir, `q-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, bytes);
  return execFileSync('qpdf', ['--qdf', '--object-streams=disable', f, '-'], { maxBuffer: 256 << 20 }).toString(
    'latin1',
  );
}

/** every photo placement: the image's pixel size and the drawn width and height */
function placements(text: string): { w: number; h: number; pw: number; ph: number; cs: string }[] {
  const out: { w: number; h: number; pw: number; ph: number; cs: string }[] = [];
  const images = new Map<string, { w: number; h: number; cs: string }>();
  for (const m of text.matchAll(/\/(Photo\d+) (\d+) 0 R/g)) {
    const obj = new RegExp(`\\n${m[2]} 0 obj\\n<<([\\s\\S]*?)>>`).exec(text)![1]!;
    images.set(m[1]!, {
      w: Number(/\/Width (\d+)/.exec(obj)![1]),
      h: Number(/\/Height (\d+)/.exec(obj)![1]),
      cs: /\/ColorSpace \/(\w+)/.exec(obj)![1]!,
    });
  }
  for (const m of text.matchAll(/([\d.]+) 0 0 (-?[\d.]+) [\d.-]+ [\d.-]+ cm\n\/(Photo\d+) Do/g)) {
    const img = images.get(m[3]!)!;
    out.push({ w: img.w, h: img.h, cs: img.cs, pw: Number(m[1]), ph: Math.abs(Number(m[2])) });
  }
  return out;
}

let model: Model;
beforeAll(async () => {
  // a landscape JPEG and a portrait PNG with transparency
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7bd5' } })
    .composite([
      { input: Buffer.from('<svg width="300" height="200"><circle cx="150" cy="100" r="80" fill="#e0a030"/></svg>') },
    ])
    .jpeg()
    .toFile(path.join(dir, 'a.jpg'));
  await sharp({ create: { width: 160, height: 240, channels: 4, background: { r: 200, g: 40, b: 60, alpha: 0.6 } } })
    .png()
    .toFile(path.join(dir, 'b.png'));
  dataset(['a.jpg', 'b.png']);
  model = loadModel(file, { root: ROOT });
});

describe('photos in the report', () => {
  it('screen: placed with captions in both languages and the credit, RGB, aspect kept', async () => {
    const theme = loadTheme(ROOT, model.theme);
    const bytes = await renderReport(model, theme, { langs: ['zh', 'en'], variant: 'screen', root: ROOT });
    const text = qdf(bytes);
    const placed = placements(text);
    expect(placed).toHaveLength(2);
    for (const p of placed) {
      expect(p.cs).toBe('DeviceRGB');
      expect(p.pw / p.ph).toBeCloseTo(p.w / p.h, 2);
    }
    expect(placed.map((p) => Math.round((p.w / p.h) * 100) / 100)).toEqual([1.5, 0.67]);
    const { pages } = await pdfItems(bytes);
    const all = squash(
      pages
        .flat()
        .map((i) => i.str)
        .join(''),
    );
    for (const c of ['安享晚年。', 'A contented old age.', '快乐学习。', 'Happy learning.', '本报记者 孟和朝鲁 摄'])
      expect(all).toContain(squash(c));
    // the photos are tagged figures with their captions as alt text
    expect(text).toMatch(/\/Alt \(A contented old age\.|\/Alt <feff/);
  });

  it('print: the photos are CMYK through the print profile, and nothing is RGB', async () => {
    const theme = loadTheme(ROOT, model.theme);
    const bytes = await renderReport(model, theme, { langs: ['zh', 'en'], variant: 'print', root: ROOT });
    const text = qdf(bytes);
    const placed = placements(text);
    expect(placed).toHaveLength(2);
    for (const p of placed) {
      expect(p.cs).toBe('DeviceCMYK');
      expect(p.pw / p.ph).toBeCloseTo(p.w / p.h, 2);
    }
    expect(text).not.toMatch(/\/DeviceRGB/);
    expect(text).not.toMatch(/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b/m);
  });

  it('a missing or unreadable image is a validation error naming the field', () => {
    writeFileSync(path.join(dir, 'broken.png'), 'not a png');
    const f = dataset(['a.jpg', 'missing.jpg', 'broken.png'], path.join(dir, 'bad.yaml'));
    const [r] = validateFiles([f], { root: ROOT });
    const paths = r!.problems.map((p) => p.path);
    expect(paths).toContain('photos[1].image');
    expect(paths).toContain('photos[2].image');
    expect(paths).not.toContain('photos[0].image');
  });

  it('a photo over 50 megapixels is refused by name before it is decoded', async () => {
    // a PNG header that claims 8000×7000 (56 megapixels), with no pixels behind it
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(0x0d0a1a0a, 4);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(8000, 16);
    png.writeUInt32BE(7000, 20);
    png.writeUInt8(8, 24);
    png.writeUInt8(2, 25);
    writeFileSync(path.join(dir, 'huge.png'), png);
    const f = dataset(['huge.png'], path.join(dir, 'huge.yaml'));
    const [r] = validateFiles([f], { root: ROOT });
    expect(r!.problems.find((p) => p.path === 'photos[0].image')?.expected).toMatch(/at most 50 megapixels/);
    // and the renderer refuses it too, by field, from the header alone
    const m = { ...model, photos: model.photos.map((p, i) => (i === 0 ? { ...p, image: 'huge.png' } : p)) };
    await expect(
      renderReport(m, loadTheme(ROOT, model.theme), { langs: ['en'], variant: 'screen', root: ROOT }),
    ).rejects.toThrow(/photos\[0\]\.image: expected a photo of at most 50 megapixels, found 8000×7000/);
  });
});
