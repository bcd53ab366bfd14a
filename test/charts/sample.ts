/**
 * The seed dataset as a Model: the lead's loadModel when it exists, else a minimal
 * hand-built model from the YAML (only the fields the chart binding reads).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Indicator, KeyFigure, Model, Observation } from '../../src/model/types.js';
import type { Theme } from '../../src/theme/types.js';
import type { DatasetInput } from '../../src/validate/schema.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DATA = path.join(ROOT, 'data/nmg-social-security-2021.yaml');

export function loadTheme(name: string): Theme {
  const t = parse(readFileSync(path.join(ROOT, 'templates/themes', `${name}.yaml`), 'utf8')) as Theme;
  t.name = name;
  return t;
}

export async function seedModel(): Promise<Model> {
  const idx = path.join(ROOT, 'src/model/index.ts');
  if (existsSync(idx) && !process.env.SEED_FIXTURE) {
    try {
      const m = (await import('../../src/model/index.js')) as { loadModel?: (f: string, o: object) => Model };
      if (m.loadModel) return m.loadModel(DATA, { root: ROOT });
    } catch (e) {
      if (process.env.SEED_STRICT_MODEL) throw e;
      /* fall through to the hand-built model */
    }
  }
  return handModel();
}

export function handModel(): Model {
  const doc = parse(readFileSync(DATA, 'utf8')) as DatasetInput;
  const indicators: Record<string, Indicator> = {};
  for (const [id, v] of Object.entries(doc.indicators)) {
    indicators[id] = { id, ...v, unit: v.unit as Indicator['unit'], short: v.short ?? v.label };
  }
  const observations: Observation[] = [];
  doc.highlights.forEach((h, hi) => {
    (h.facts ?? []).forEach((f, fi) => {
      (f.metrics ?? []).forEach((m, mi) => {
        observations.push({ ...m, path: `highlights[${hi}].facts[${fi}].metrics[${mi}]` });
      });
    });
  });
  doc.outlook.sections.forEach((s, si) => {
    (s.metrics ?? []).forEach((m, mi) => {
      observations.push({ ...m, path: `outlook.sections[${si}].metrics[${mi}]` });
    });
  });
  return {
    id: doc.id,
    langs: doc.langs,
    theme: doc.theme,
    file: DATA,
    meta: doc.meta,
    indicators,
    observations,
    // no key figure: chart binding does not read it
    highlights: doc.highlights.map((h) => ({ ...h, key: {} as KeyFigure, facts: [], alt: {}, hash: h.id })),
    outlook: {
      ...doc.outlook,
      targets: {
        ...doc.outlook.targets,
        title: { zh: '参保人数：2020年与“十四五”目标', en: 'People insured: 2020 and the 2025 targets' },
        alt: {},
      },
    },
    photos: doc.photos,
    hash: 'fixture',
  } as Model;
}
