/**
 * Text engine benchmark (run by src/bench/run.js via `npm run bench`, not a test).
 * Reports medians in milliseconds.
 */
import {
  breakLines,
  clearMeasureCache,
  clearOutlineCache,
  clearShapeCache,
  getFace,
  outlineText,
  type Line,
} from '../text/index.js';

const PARAGRAPH =
  '2024年末全国人口为140828万人，比上年末减少139万人。全年出生人口954万人，人口出生率为6.77‰；' +
  '死亡人口1093万人，人口死亡率为7.76‰。城镇常住人口94350万人，占全国人口比重（城镇化率）为67.00%，' +
  '比上年末提高0.84个百分点。全国居民人均可支配收入CNY 41,314，比上年增长5.3%。' +
  'The population of China fell for the third year in a row, while urbanisation kept rising. ';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 100) / 100;
}

function time(runs: number, before: () => void, fn: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

export async function benchText(runs = 9): Promise<Record<string, number>> {
  const t0 = performance.now();
  const face = getFace('Noto Sans SC', 400);
  const fontOpenMs = performance.now() - t0;
  const bold = getFace('Noto Sans SC', 900);

  let text = '';
  while (text.length < 10_000) text += PARAGRAPH;
  text = text.slice(0, 10_000);
  const chars = text.length;

  const opts = { face, size: 10.5, width: 420 };
  let lines: Line[] = [];
  const cold = time(runs, clearMeasureCache, () => {
    lines = breakLines(text, opts);
  });
  const warm = time(
    runs,
    () => {},
    () => {
      lines = breakLines(text, opts);
    },
  );

  // one 1080×1080 card: title, a big number, a justified 4-line body, a source line
  const body = breakLines(PARAGRAPH.slice(0, 120), { face, size: 34, width: 960 });
  const card = () =>
    [
      outlineText('人口与城镇化 Population 2024', {
        face: bold,
        size: 64,
        x: 540,
        y: 140,
        align: 'middle',
        fill: '#1a1a1a',
      }),
      outlineText('140828万人', { face: bold, size: 150, x: 540, y: 400, align: 'middle', fill: '#c0392b' }),
      outlineText(body, { face, size: 34, x: 60, y: 560, justifyWidth: 960, lineHeight: 1.5, fill: '#333' }),
      outlineText('来源：国家统计局 Source: NBS', { face, size: 24, x: 1020, y: 1030, align: 'end', fill: '#777' }),
    ].join('');
  const outlineCold = time(
    runs,
    () => {
      clearOutlineCache();
      clearShapeCache();
      clearMeasureCache();
    },
    card,
  );
  const outlineWarm = time(runs, () => {}, card);

  // rasterize the outlined card (sharp, no fonts involved)
  const { default: sharp } = await import('sharp');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080"><rect width="1080" height="1080" fill="#fff"/>${card()}</svg>`,
  );
  const raster: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t1 = performance.now();
    await sharp(svg).png().toBuffer();
    raster.push(performance.now() - t1);
  }

  return {
    fontOpenMs: Math.round(fontOpenMs * 100) / 100,
    breakChars: chars,
    breakLines: lines.length,
    measureAndBreak10kColdMs: cold,
    measureAndBreak10kWarmMs: warm,
    outlineCardColdMs: outlineCold,
    outlineCardWarmMs: outlineWarm,
    outlineCardSvgBytes: card().length,
    rasterCardPngMs: median(raster),
  };
}
