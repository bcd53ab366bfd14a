/** The sample dataset as the model the build makes of it (charts described), and the themes, for the chart tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Model } from '../../src/model/types.js';
import type { Theme } from '../../src/theme/types.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DATA = path.join(ROOT, 'data/nmg-social-security-2021.yaml');

export function loadTheme(name: string): Theme {
  const t = parse(readFileSync(path.join(ROOT, 'templates/themes', `${name}.yaml`), 'utf8')) as Theme;
  t.name = name;
  return t;
}

export async function seedModel(): Promise<Model> {
  const { loadModel } = await import('../../src/model/index.js');
  const { describeCharts } = await import('../../src/charts/article/alt.js');
  const model = loadModel(DATA, { root: ROOT });
  describeCharts(model);
  return model;
}
