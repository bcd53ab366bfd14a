import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../../../src/model/index.js';
import type { Model } from '../../../src/model/types.js';
import { loadTheme } from '../../../src/theme/load.js';
import type { Theme } from '../../../src/theme/types.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DATA = path.join(ROOT, 'data/nmg-social-security-2021.yaml');
export const OUT = '/tmp/datapress-pdf-test';

let cached: { model: Model; theme: Theme } | undefined;
export function seed(): { model: Model; theme: Theme } {
  if (!cached) {
    const model = loadModel(DATA, { root: ROOT });
    cached = { model, theme: loadTheme(ROOT, model.theme) };
  }
  return cached;
}

const renders = new Map<string, Promise<Buffer>>();
/** render once per (langs, variant, preset) and keep a copy in /tmp for inspection */
export function report(langs: string[], variant: 'screen' | 'print', preset = 'a4'): Promise<Buffer> {
  const key = `${langs.join('+')}-${variant}-${preset}`;
  let p = renders.get(key);
  if (!p) {
    p = (async () => {
      const { renderReport } = await import('../../../src/render/pdf/render.js');
      const { model, theme } = seed();
      const bytes = await renderReport(model, theme, { langs, variant, preset, root: ROOT });
      mkdirSync(OUT, { recursive: true });
      writeFileSync(path.join(OUT, `${key}.pdf`), bytes);
      return bytes;
    })();
    renders.set(key, p);
  }
  return p;
}
