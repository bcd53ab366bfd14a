import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/model/index.js';
import { posterPlanner } from '../../../src/render/poster/planner.js';
import { loadTheme } from '../../../src/theme/load.js';

const ROOT = process.cwd();
const model = loadModel('data/nmg-social-security-2021.yaml', { root: ROOT });
const theme = loadTheme(ROOT, model.theme);

describe('print poster PDF', () => {
  it('is vector CMYK with trim and bleed boxes, the same layout as the PNG', async () => {
    const jobs = posterPlanner.plan(model, theme, {
      langs: ['zh', 'en'],
      explicitLangs: true,
      strict: false,
      presets: ['a3'],
    });
    const job = jobs.find((j) => j.path === 'posters/highlight-pension-zh-en-a3.pdf')!;
    expect(job).toMatchObject({ kind: 'poster', preset: 'a3', layout: 'highlight', highlight: 'pension' });
    const { bytes } = await job.render({ model, theme, root: ROOT, strict: false, warn: () => {} });
    const dir = mkdtempSync(join(tmpdir(), 'poster-pdf-'));
    const file = join(dir, 'p.pdf');
    writeFileSync(file, bytes);
    const boxes = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
    const box = (name: string) =>
      /\S+:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/
        .exec(boxes.split('\n').find((l) => l.startsWith(name))!)!
        .slice(1)
        .map(Number);
    const mm = (pt: number) => (pt / 72) * 25.4;
    const trim = box('TrimBox');
    const media = box('MediaBox');
    expect(mm(trim[2]! - trim[0]!)).toBeCloseTo(297, 0);
    expect(mm(trim[3]! - trim[1]!)).toBeCloseTo(420, 0);
    expect(mm(trim[0]!)).toBeCloseTo(3, 0);
    expect(box('BleedBox')).toEqual(media);
    // content streams: CMYK operators only, no RGB anywhere
    const qdf = join(dir, 'q.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const text = execFileSync('cat', [qdf], { maxBuffer: 64 << 20 }).toString('latin1');
    expect(text).not.toMatch(/\/DeviceRGB/);
    expect(text).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)/m);
    expect(text).toMatch(/\/DeviceCMYK/);
    // the chart is drawn too (its bars are paths in the page content, not an image)
    expect(text).not.toMatch(/\/Subtype \/Image/);
  });
});
