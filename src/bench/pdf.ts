/**
 * PDF report benchmark: build time (ms) and size (KB) of the report for zh, en, zh+en
 * (screen) and zh+en print. Called by the bench runner (`npm run bench`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'templates', 'report')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export async function benchPdf(): Promise<Record<string, number>> {
  const root = projectRoot();
  const { loadModel } = await import('../model/index.js');
  const { loadTheme } = await import('../theme/load.js');
  const { renderReport } = await import('../render/pdf/render.js');
  const model = loadModel(path.join(root, 'data', 'nmg-social-security-2021.yaml'), { root });
  const theme = loadTheme(root, model.theme);
  const out: Record<string, number> = {};
  const cases: [string, string[], 'screen' | 'print'][] = [
    ['zh', ['zh'], 'screen'],
    ['en', ['en'], 'screen'],
    ['zh+en', ['zh', 'en'], 'screen'],
    ['print', ['zh', 'en'], 'print'],
  ];
  // warm-up: fonts, Vega, sharp's ICC transform
  await renderReport(model, theme, { langs: ['zh', 'en'], variant: 'print', root });
  for (const [name, langs, variant] of cases) {
    const t0 = performance.now();
    const bytes = await renderReport(model, theme, { langs, variant, root });
    out[`pdf.${name}.ms`] = Math.round(performance.now() - t0);
    out[`pdf.${name}.kb`] = Math.round(bytes.length / 1024);
  }
  return out;
}
