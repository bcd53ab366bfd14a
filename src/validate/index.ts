import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { isChartKindName } from '../charts/kinds/checks.js';
import { InvalidInputError, type Problem } from '../errors.js';
import { parseUnit, unitAccepts } from '../format/index.js';
import { pathString, type DataPath, type Source } from '../load/index.js';
import { msg } from '../messages.js';
import { listThemes, loadTheme } from '../theme/load.js';
import type { Theme } from '../theme/types.js';
import { describeMissing, firstMissingGlyph, themeFaces } from './glyphs.js';
import { checkImage } from './image.js';
import { proseRefs } from './prose.js';
import { datasetSchema, type Dataset } from './schema.js';

export { LIMITS, SLUG } from './schema.js';
export type { Dataset } from './schema.js';

export interface ValidateOptions {
  /** project root, to check chart templates exist */
  root: string;
  /** languages the build asks for (must have text) */
  langs?: string[];
  /** theme whose fonts must draw every text (default: the dataset's, else newspaper) */
  theme?: string;
  /** check every text against the theme's fonts (default true) */
  glyphs?: boolean;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]|\p{Cs}/u;

/** Validate a loaded source; returns the typed dataset or throws InvalidInputError listing every problem. */
export function validate(src: Source, opts: ValidateOptions): Dataset {
  const problems: Problem[] = [];
  const add = (path: DataPath, expected: string, found: string) => {
    const { line, col } = src.position(path);
    problems.push({ file: src.file, line, col, path: pathString(path), expected, found });
  };
  const valueAt = (path: DataPath): unknown =>
    path.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined),
      src.data,
    );

  const parsed = datasetSchema.safeParse(src.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) zodProblem(issue, valueAt, add);
    throw new InvalidInputError(dedupe(problems));
  }
  const d = parsed.data;
  semantic(d, src, opts, add);
  if (problems.length) throw new InvalidInputError(dedupe(problems));
  return d;
}

function zodProblem(
  issue: z.core.$ZodIssue,
  valueAt: (p: DataPath) => unknown,
  add: (p: DataPath, e: string, f: string) => void,
) {
  const path = issue.path as DataPath;
  const found = valueAt(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'number' && typeof found === 'string'
          ? `a number (write 15706000 or 0.95, without commas, units or quotes)`
          : issue.expected === 'number' && typeof found === 'number'
            ? 'a finite number'
            : issue.expected === 'record' && ['indicators', 'counter', 'scale'].includes(String(path[path.length - 1]))
              ? 'a map of fields (key: value)'
              : `${article(issue.expected)}`;
      return add(path, expected, found === undefined ? 'nothing (the field is missing)' : msg.describe(found));
    }
    case 'unrecognized_keys':
      for (const key of issue.keys)
        add([...path, key], 'only known fields (check the spelling; see README "Dataset format")', `"${key}"`);
      return;
    case 'invalid_value':
      return add(path, `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, msg.describe(found));
    case 'too_small':
      return add(
        path,
        issue.origin === 'array'
          ? `at least ${issue.minimum} item(s)`
          : issue.origin === 'string'
            ? 'a non-empty text'
            : `at least ${issue.minimum}`,
        msg.describe(found),
      );
    case 'too_big':
      return add(
        path,
        issue.origin === 'array'
          ? `at most ${issue.maximum} item(s) (see README "Limits")`
          : issue.origin === 'string'
            ? `at most ${issue.maximum} characters (see README "Limits")`
            : `at most ${issue.maximum}`,
        typeof found === 'string' ? `${found.length} characters` : msg.describe(found),
      );
    case 'invalid_format':
      return add(path, issue.message.startsWith('Invalid') ? `a ${issue.format}` : issue.message, msg.describe(found));
    case 'invalid_key':
      return add(path, `${issue.issues[0]?.message ?? 'a valid key'} as the key`, msg.describe(path[path.length - 1]));
    default:
      return add(path, issue.message, msg.describe(found));
  }
}

const TYPE_NAMES: Record<string, string> = {
  record: 'a map such as {zh: …, en: …}',
  object: 'a map of fields (key: value)',
  array: 'a list',
  tuple: 'a list',
  string: 'a text',
  boolean: 'true or false',
  int: 'a whole number',
};

function article(t: string): string {
  return TYPE_NAMES[t] ?? (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.line}:${p.col}:${p.path}:${p.expected}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Add = (path: DataPath, expected: string, found: string) => void;

function semantic(d: Dataset, src: Source, opts: ValidateOptions, add: Add) {
  const langs = d.langs;
  for (const l of opts.langs ?? [])
    if (!langs.includes(l)) add(['langs'], `the requested language "${l}"`, JSON.stringify(langs));

  // every text: all languages, no control characters
  walkTexts(src.data, [], (path, t) => {
    for (const l of langs)
      if (!(l in t)) add([...path, l], `text in "${l}" (the dataset's langs are ${langs.join(', ')})`, 'nothing');
    for (const [l, s] of Object.entries(t)) {
      if (typeof s !== 'string') continue;
      const m = CONTROL.exec(s);
      if (m)
        add(
          [...path, l],
          'text without control or bidi-override characters',
          `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${m.index + 1}`,
        );
    }
  });

  if (d.theme && !opts.theme) {
    const known = listThemes(opts.root);
    if (!known.includes(d.theme))
      add(['theme'], `a theme in templates/themes (${known.join(', ')})`, JSON.stringify(d.theme));
  }

  // every text (and unit counter) drawable by the theme's fonts
  if (opts.glyphs !== false) {
    const faces = glyphFaces(d, opts);
    if (faces.length) {
      const check = (path: DataPath, s: string) => {
        if (CONTROL.test(s)) return; // reported above
        const miss = firstMissingGlyph(s, faces);
        if (miss)
          add(
            path,
            'text the fonts can draw',
            describeMissing(miss) + (s.length > 1 ? ` at character ${[...s.slice(0, miss.index)].length + 1}` : ''),
          );
      };
      walkTexts(src.data, [], (path, t) => {
        for (const [l, s] of Object.entries(t)) check([...path, l], s);
      });
      for (const [id, ind] of Object.entries(d.indicators))
        for (const [l, s] of Object.entries(ind.counter ?? {})) check(['indicators', id, 'counter', l], s);
    }
  }

  // observations: known indicator, value fits the unit, (id, year) unique
  const years = new Map<string, number[]>();
  const seen = new Map<string, string>();
  const observe = (obs: { id: string; year: number; value: number }, path: DataPath) => {
    const ind = d.indicators[obs.id];
    if (!ind) return add([...path, 'id'], msg.metricUndefined(obs.id), JSON.stringify(obs.id));
    const unit = parseUnit(ind.unit);
    const bad = typeof unit === 'string' ? undefined : unitAccepts(unit, obs.value);
    if (bad) add([...path, 'value'], `${bad} for unit ${ind.unit}`, String(obs.value));
    const key = `${obs.id}@${obs.year}`;
    const prev = seen.get(key);
    if (prev)
      add(
        [...path, 'year'],
        `one value per metric and year ("${obs.id}" ${obs.year} is already given at ${prev})`,
        String(obs.year),
      );
    else seen.set(key, pathString(path));
    years.set(obs.id, [...(years.get(obs.id) ?? []), obs.year]);
  };
  d.highlights.forEach((h, hi) => {
    h.facts.forEach((f, fi) => {
      f.metrics?.forEach((o, oi) => {
        observe(o, ['highlights', hi, 'facts', fi, 'metrics', oi]);
      });
    });
  });
  d.outlook.sections.forEach((s, si) => {
    s.metrics?.forEach((o, oi) => {
      observe(o, ['outlook', 'sections', si, 'metrics', oi]);
    });
  });

  const hasMetric = (id: string, path: DataPath, year?: number) => {
    const ys = years.get(id);
    if (!ys) {
      add(
        path,
        d.indicators[id] ? `a metric with at least one value (no observation of "${id}")` : msg.metricMissing(id),
        JSON.stringify(id),
      );
      return false;
    }
    if (year !== undefined && !ys.includes(year)) {
      add(path, msg.yearMissing(id, ys), String(year));
      return false;
    }
    return true;
  };

  // ids unique, references resolve
  const ids = new Set<string>();
  d.highlights.forEach((h, hi) => {
    const p: DataPath = ['highlights', hi];
    if (ids.has(h.id)) add([...p, 'id'], 'a highlight id used once', `"${h.id}" again`);
    ids.add(h.id);
    hasMetric(h.headline.metric, [...p, 'headline', 'metric'], h.headline.year);
    if (h.headline.compare !== undefined)
      hasMetric(h.headline.metric, [...p, 'headline', 'compare'], h.headline.compare);
    if (h.headline.rank) hasMetric(h.headline.rank, [...p, 'headline', 'rank']);
    h.chart.metrics.forEach((m, mi) => {
      hasMetric(m, [...p, 'chart', 'metrics', mi]);
    });
    h.chart.ranks?.forEach((m, mi) => {
      hasMetric(m, [...p, 'chart', 'ranks', mi]);
    });
    chartExists(h.chart.template, [...p, 'chart', 'template']);
    const factIds = new Set<string>();
    h.facts.forEach((f, fi) => {
      if (factIds.has(f.id)) add([...p, 'facts', fi, 'id'], 'a fact id used once in its highlight', `"${f.id}" again`);
      factIds.add(f.id);
      prose(f.text, [...p, 'facts', fi, 'text']);
    });
  });
  d.outlook.targets.metrics.forEach((m, mi) => {
    hasMetric(m, ['outlook', 'targets', 'metrics', mi], d.outlook.targets.year);
  });
  chartExists(d.outlook.targets.chart, ['outlook', 'targets', 'chart']);
  d.outlook.sections.forEach((s, si) => {
    s.body.forEach((b, bi) => {
      prose(b, ['outlook', 'sections', si, 'body', bi]);
    });
  });
  prose(d.meta.intro, ['meta', 'intro']);
  prose(d.outlook.lede, ['outlook', 'lede']);

  d.photos.forEach((ph, i) => {
    if (!ph.image) return;
    const base = dirname(resolve(src.file));
    const file = isAbsolute(ph.image) ? ph.image : join(base, ph.image);
    if (ph.image.includes('\0') || !existsSync(file)) {
      add(['photos', i, 'image'], 'an image file that exists (relative to the data file)', JSON.stringify(ph.image));
      return;
    }
    const bad = checkImage(file);
    if (bad) add(['photos', i, 'image'], bad.expected, `${JSON.stringify(ph.image)}: ${bad.found}`);
  });

  function chartExists(name: string, path: DataPath) {
    if (isChartKindName(name)) return; // a chart kind, or a datapress/1 name for one (src/charts/kinds)
    const file = join(opts.root, 'templates', 'charts', `${name}.vl.json`);
    if (!existsSync(file))
      add(path, `a chart template in templates/charts/ (no ${name}.vl.json)`, JSON.stringify(name));
  }

  function prose(t: Record<string, string>, path: DataPath) {
    for (const [lang, s] of Object.entries(t)) {
      let refs: ReturnType<typeof proseRefs>;
      try {
        refs = proseRefs(s);
      } catch (e) {
        add(
          [...path, lang],
          'a prose template with {{v "metric" year}} references',
          (e as Error).message.split('\n')[0],
        );
        continue;
      }
      for (const r of refs) {
        if (!r.metric) continue;
        if (!hasMetric(r.metric, [...path, lang], r.years[0])) continue;
        if (r.years.length === 0 && (years.get(r.metric)?.length ?? 0) > 1) {
          add(
            [...path, lang],
            `a year for "${r.metric}", which has values for ${years.get(r.metric)!.join(', ')}`,
            `{{${r.helper} "${r.metric}"}}`,
          );
        }
        for (const y of r.years.slice(1)) hasMetric(r.metric, [...path, lang], y);
      }
    }
  }
}

/** Faces of the theme the build will use; none (no check) when the theme is unknown (reported elsewhere). */
function glyphFaces(d: Dataset, opts: ValidateOptions) {
  let theme: Theme;
  try {
    theme = loadTheme(opts.root, opts.theme ?? d.theme ?? 'newspaper');
  } catch {
    return [];
  }
  return themeFaces(theme.fonts ?? {});
}

/** Calls fn for every {lang: text} object: detected as the schema's text fields by shape. */
function walkTexts(v: unknown, path: DataPath, fn: (path: DataPath, t: Record<string, string>) => void) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      walkTexts(x, [...path, i], fn);
    });
    return;
  }
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const isText =
    keys.length > 0 &&
    keys.every((k) => /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/.test(k)) &&
    Object.values(o).every((x) => typeof x === 'string');
  const parent = path[path.length - 1];
  if (isText && parent !== 'counter' && parent !== 'scale') return fn(path, o as Record<string, string>);
  for (const k of keys) if (!(path.length === 0 && k === 'langs')) walkTexts(o[k], [...path, k], fn);
}
