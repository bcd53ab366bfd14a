/**
 * Golden images: one card and one poster rendered from the seed and compared with committed
 * PNGs within a tolerance (fonts are npm files and text is outlined, so machines agree; the
 * tolerance absorbs libvips resampling differences). Regenerate with `UPDATE_GOLDEN=1 npm test`.
 * The same two PNGs illustrate the README.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/index.js';
import { cardPlanner } from '../../src/render/card/planner.js';
import { posterPlanner } from '../../src/render/poster/planner.js';
import { loadTheme } from '../../src/theme/load.js';
import type { OutputJob, Planner } from '../../src/write/job.js';

const ROOT = process.cwd();
const DIR = join(ROOT, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const model = loadModel('data/nmg-social-security-2021.yaml', { root: ROOT });
const theme = loadTheme(ROOT, model.theme);

async function render(planner: Planner, path: string, preset: string): Promise<Buffer> {
  const jobs: OutputJob[] = planner.plan(model, theme, {
    langs: model.langs,
    explicitLangs: false,
    strict: false,
    presets: [preset],
  });
  const job = jobs.find((j) => j.path === path);
  if (!job) throw new Error(`no job ${path} among ${jobs.map((j) => j.path).join(', ')}`);
  const out = await job.render({ model, theme, root: ROOT, strict: false, warn: () => {} });
  return out.bytes;
}

/** Mean absolute difference per channel (0–255) and the share of pixels that differ by more than 48. */
async function diff(a: Buffer, b: Buffer): Promise<{ mean: number; changed: number }> {
  const [ra, rb] = await Promise.all(
    [a, b].map((x) => sharp(x).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  expect([ra.info.width, ra.info.height]).toEqual([rb.info.width, rb.info.height]);
  let sum = 0;
  let changed = 0;
  const px = ra.info.width * ra.info.height;
  for (let i = 0; i < px; i++) {
    let worst = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(ra.data[i * 3 + c] - rb.data[i * 3 + c]);
      sum += d;
      worst = Math.max(worst, d);
    }
    if (worst > 48) changed++;
  }
  return { mean: sum / (px * 3), changed: changed / px };
}

const CASES = [
  {
    name: 'card-pension-square-zh-en.png',
    planner: cardPlanner,
    path: 'cards/pension-square-zh-en.png',
    preset: 'square',
    width: 540,
  },
  {
    name: 'poster-overview-story-zh-en.png',
    planner: posterPlanner,
    path: 'posters/overview-zh-en-story.png',
    preset: 'story',
    width: 540,
  },
];

describe('golden images', () => {
  it.each(CASES)('$name matches the committed image', async ({ name, planner, path, preset, width }) => {
    const full = await render(planner, path, preset);
    const small = await sharp(full)
      .resize({ width, kernel: 'lanczos3' })
      .png({ compressionLevel: 9, palette: false })
      .toBuffer();
    const file = join(DIR, name);
    if (UPDATE || !existsSync(file)) {
      writeFileSync(file, small);
      if (!UPDATE) throw new Error(`golden image ${name} was missing and has been written; commit it and run again`);
      return;
    }
    const { mean, changed } = await diff(small, await sharp(file).toBuffer());
    expect(mean, `mean channel difference for ${name} (UPDATE_GOLDEN=1 regenerates)`).toBeLessThan(1.5);
    expect(changed, `share of changed pixels for ${name}`).toBeLessThan(0.01);
  });
});
