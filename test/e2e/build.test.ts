/**
 * The README's main job, end to end: build the seed into a temp folder and check the content
 * of what was written (not only that files exist).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { sha256 } from '../../src/model/hash.js';
import type { Manifest } from '../../src/write/manifest.js';
import { pdfText } from './pdftext.js';

const ID = 'nmg-social-security-2021';
let out: string;
let dir: string;
let result: BuildResult;
let manifest: Manifest;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'datapress-e2e-'));
  dir = join(out, ID);
  result = await build({ inputs: ['data/nmg-social-security-2021.yaml'], out });
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}, 600_000);

function walk(d: string): string[] {
  return readdirSync(d).flatMap((e) => {
    const p = join(d, e);
    return statSync(p).isDirectory() ? (e.startsWith('.') ? [] : walk(p)) : [relative(dir, p)];
  });
}

describe('datapress build on the seed', () => {
  it('succeeds with every output kind', () => {
    expect(result.exitCode).toBe(0);
    expect(result.datasets[0].error).toBeUndefined();
    const kinds = new Set(manifest.files.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['card', 'chart', 'pdf', 'poster']);
  });

  it('manifest lists every file written, nothing else, with true hashes and sizes', () => {
    const onDisk = walk(dir)
      .filter((p) => p !== 'manifest.json' && !p.endsWith('.txt'))
      .sort();
    expect(manifest.files.map((f) => f.path).sort()).toEqual(onDisk);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(dir, f.path));
      expect(sha256(bytes), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
      expect(Object.keys(f.alt).length, f.path).toBeGreaterThan(0);
      for (const l of f.langs) expect(f.alt[l], `${f.path} alt.${l}`).toMatch(/\S{3}/);
    }
  });

  it('every PNG has its stated size', async () => {
    const pngs = manifest.files.filter((f) => f.path.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(100);
    for (const f of pngs) {
      const meta = await sharp(join(dir, f.path)).metadata();
      expect([meta.width, meta.height], f.path).toEqual([f.width, f.height]);
    }
  });

  it('writes one card per highlight × preset × language variant, each with an alt-text sidecar', () => {
    const cards = manifest.files.filter((f) => f.kind === 'card');
    expect(cards.length).toBe(6 * 7 * 3);
    const square = cards.filter((c) => c.preset === 'square');
    expect(square.every((c) => c.width === 1080 && c.height === 1080)).toBe(true);
    expect(new Set(square.map((c) => c.highlight)).size).toBe(6);
    for (const c of cards) expect(existsSync(join(dir, c.path.replace(/\.\w+$/, '.txt'))), c.path).toBe(true);
    const pension = cards.find((c) => c.path === 'cards/pension-square-en.png')!;
    expect(pension.alt.en).toContain('15.706 million');
  });

  it('writes bilingual posters 1080x1920 with every figure in both languages in their alt text', () => {
    const story = manifest.files.filter((f) => f.kind === 'poster' && f.width === 1080 && f.height === 1920);
    expect(story.length).toBeGreaterThan(0);
    expect(story.some((p) => p.langs.join(',') === 'zh,en')).toBe(true);
  });

  it("the PDF report has the seed figures in both languages' formats", async () => {
    const text = (await pdfText(join(dir, 'report.pdf'))).join('\n').replace(/\s+/g, '');
    for (const s of [
      '1570.6万人',
      '1228万人',
      '2715元/月',
      '1450亿元',
      '1223亿元',
      '第7位',
      '0.42万张',
      '14.06万张',
      '1630万人',
      '17连涨',
      '15.71million',
      '12.28million',
      'CNY145billion',
      '7th',
      '+27.9%',
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it('charts exist on their own as svg, pdf and png per language', () => {
    const charts = manifest.files.filter((f) => f.kind === 'chart').map((f) => f.path);
    for (const name of [
      'pension',
      'medical',
      'injury-unemployment',
      'assistance',
      'children-disability',
      'eldercare',
      'targets',
    ]) {
      for (const lang of ['zh', 'en'])
        for (const ext of ['svg', 'pdf', 'png']) expect(charts).toContain(`charts/${name}-${lang}.${ext}`);
    }
    const svg = readFileSync(join(dir, 'charts/pension-zh.svg'), 'utf8');
    expect(svg).toContain('1570.6万人');
  });

  it('a second build with nothing changed writes nothing', async () => {
    const before = readFileSync(join(dir, 'manifest.json'));
    const again = await build({ inputs: ['data/nmg-social-security-2021.yaml'], out });
    expect(again.exitCode).toBe(0);
    expect(again.datasets[0].written).toEqual([]);
    expect(readFileSync(join(dir, 'manifest.json'))).toEqual(before);
  });
});
