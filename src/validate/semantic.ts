/**
 * What the schema cannot say: references resolve to observed figures at the times named,
 * figures fit their units, charts are honest, files exist. "Valid" means every renderer can
 * draw it: whatever a renderer relies on is checked here, with the field named.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { localeFamily, parsePeriod, parseUnit, QUALIFIERS, type UnitInfo, unitAccepts } from '../format/index.js';
import type { DataPath, Source } from '../load/index.js';
import {
  findObservation,
  indexObservations,
  type ObservationIndex,
  type Role,
  targetFor,
  toObservation,
} from '../model/figures.js';
import type { Observation } from '../model/types.js';
import { legacyKind, timeRef } from '../model/build.js';
import { msg } from '../messages.js';
import { listThemes } from '../theme/load.js';
import { type ChartMetricShape, checkChart, isChartKindName, KIND_NAMES, metricShape } from './charts.js';
import { checkImage } from './image.js';
import { proseRefs } from './prose.js';
import type { Dataset, ObservationInput } from './schema.js';

export type Add = (path: DataPath, expected: string, found: string) => void;

export interface SemanticOptions {
  root: string;
  langs?: string[];
  theme?: string;
}

export function semantic(d: Dataset, src: Source, opts: SemanticOptions, add: Add): void {
  const langs = d.langs;
  for (const l of opts.langs ?? []) {
    if (!langs.includes(l)) add(['langs'], `the requested language "${l}"`, JSON.stringify(langs));
  }
  if (d.theme && !opts.theme) {
    const known = listThemes(opts.root);
    if (!known.includes(d.theme))
      add(['theme'], `a theme in templates/themes (${known.join(', ')})`, JSON.stringify(d.theme));
  }

  // indicators: units parse (schema), scale pins name a scale of their language
  const units = new Map<string, UnitInfo>();
  for (const [id, ind] of Object.entries(d.indicators)) {
    const u = parseUnit(ind.unit, ind.per);
    if (typeof u !== 'string') units.set(id, u);
    for (const [lang, pin] of Object.entries(ind.scale ?? {})) {
      const ok = scalePins(lang);
      if (!ok.includes(pin))
        add(['indicators', id, 'scale', lang], `one of ${ok.join(', ')} for "${lang}"`, JSON.stringify(pin));
    }
  }

  // observations: a defined indicator, a value its unit can say, one result and one target per time
  const observations: Observation[] = [];
  const seen = new Map<string, string>();
  const observe = (o: ObservationInput, path: DataPath) => {
    const u = units.get(o.id);
    if (!d.indicators[o.id]) return add([...path, 'id'], msg.metricUndefined(o.id), JSON.stringify(o.id));
    if (!u) return; // unit reported by the schema
    const bad = unitAccepts(u, o.value, d.indicators[o.id]!.change === true);
    if (bad) add([...path, 'value'], `${bad} for unit ${d.indicators[o.id]!.unit}`, String(o.value));
    if (o.of !== undefined && u.kind !== 'rank')
      add([...path, 'of'], 'of only on a rank', `unit ${d.indicators[o.id]!.unit}`);
    let obs: Observation;
    try {
      obs = toObservation(o, pathText(path));
    } catch {
      return; // the period is reported by the schema
    }
    const k = `${o.id}@${obs.time.key}@${obs.target ? 'target' : 'result'}`;
    const prev = seen.get(k);
    const where = obs.time.key ? `at ${obs.time.key}` : 'without a time';
    if (prev) {
      add(
        [...path, o.asOf !== undefined ? 'asOf' : o.period !== undefined ? 'period' : 'year'],
        `one ${obs.target ? 'target' : 'result'} per metric and time ("${o.id}" ${where} is already given at ${prev})`,
        obs.time.key || 'no time',
      );
    } else seen.set(k, pathText(path));
    observations.push(obs);
  };
  d.highlights.forEach((h, hi) => {
    h.facts?.forEach((f, fi) => {
      f.metrics?.forEach((o, oi) => {
        observe(o, ['highlights', hi, 'facts', fi, 'metrics', oi]);
      });
    });
  });
  d.outlook?.sections.forEach((s, si) => {
    s.metrics?.forEach((o, oi) => {
      observe(o, ['outlook', 'sections', si, 'metrics', oi]);
    });
  });
  const idx = indexObservations(observations);
  const results = (id: string) => (idx.get(id) ?? []).filter((o) => !o.target);

  /** The observation a reference names, or a problem at `path`. */
  const resolveRef = (
    id: string,
    path: DataPath,
    ref: number | string | undefined,
    role: Role,
  ): Observation | undefined => {
    const list = idx.get(id);
    if (!d.indicators[id]) add(path, msg.metricUndefined(id), JSON.stringify(id));
    else if (!list?.length)
      add(path, `a metric with at least one value (no observation of "${id}")`, JSON.stringify(id));
    else if (typeof ref === 'string' && typeof parsePeriod(ref) === 'string') {
      add(path, `a period such as 2023, "2023-H1", "2016/2020" or "asof:2023-06-30"`, JSON.stringify(ref));
    } else return findOrSay(id, list, path, ref, role);
    return undefined;
  };
  const findOrSay = (id: string, list: Observation[], path: DataPath, ref: number | string | undefined, role: Role) => {
    const o = findObservation(idx, id, ref, role);
    if (!o) {
      const have = list
        .filter((x) => (role === 'target' ? x.target : role === 'result' ? !x.target : true))
        .map((x) => x.time.key || 'no time');
      add(
        path,
        `${role === 'target' ? 'a target' : 'a value'} of "${id}"${ref === undefined ? '' : ` at ${ref}`} (it has ${have.length ? [...new Set(have)].join(', ') : 'none'})`,
        ref === undefined ? 'nothing' : String(ref),
      );
    }
    return o;
  };

  // highlights: ids unique; headline, chart and prose references resolve
  const ids = new Set<string>();
  d.highlights.forEach((h, hi) => {
    const p: DataPath = ['highlights', hi];
    if (ids.has(h.id)) add([...p, 'id'], 'a highlight id used once', `"${h.id}" again`);
    ids.add(h.id);
    if (h.headline) headline(h.headline, [...p, 'headline']);
    if (h.chart !== undefined && h.chart !== 'none' && h.chart !== 'auto') chart(h.chart, [...p, 'chart']);
    const factIds = new Set<string>();
    h.facts?.forEach((f, fi) => {
      if (factIds.has(f.id)) add([...p, 'facts', fi, 'id'], 'a fact id used once in its highlight', `"${f.id}" again`);
      factIds.add(f.id);
      prose(f.text, [...p, 'facts', fi, 'text']);
    });
    if (h.quote) prose(h.quote.text, [...p, 'quote', 'text']);
  });

  const t = d.outlook?.targets;
  if (t) {
    let ok = true;
    t.metrics.forEach((m, mi) => {
      if (!resolveRef(m, ['outlook', 'targets', 'metrics', mi], t.year, 'any')) ok = false;
    });
    if (t.chart && !knownChart(t.chart)) {
      ok = false;
      add(
        ['outlook', 'targets', 'chart'],
        `a chart kind (${KIND_NAMES.join(', ')}) or a template in templates/charts/`,
        JSON.stringify(t.chart),
      );
    }
    // the targets chart is honest as any chart: by default (progress) each metric's result against its target
    const kind =
      t.chart === undefined
        ? 'progress'
        : (KIND_NAMES as readonly string[]).includes(t.chart)
          ? t.chart
          : legacyKind(t.chart, undefined, true);
    if (ok && kind !== undefined && (KIND_NAMES as readonly string[]).includes(kind)) {
      for (const prob of checkChart({ kind, metrics: t.metrics.map(shape) }))
        add(['outlook', 'targets', ...prob.path], prob.expected, prob.found);
    }
  }
  d.outlook?.sections.forEach((s, si) => {
    s.body.forEach((b, bi) => {
      prose(b, ['outlook', 'sections', si, 'body', bi]);
    });
  });
  if (d.meta.intro) prose(d.meta.intro, ['meta', 'intro']);
  if (d.outlook?.lede) prose(d.outlook.lede, ['outlook', 'lede']);
  if (d.meta.items && d.meta.items.total < d.highlights.length) {
    add(['meta', 'items', 'total'], `at least the ${d.highlights.length} highlights shown`, String(d.meta.items.total));
  }

  const base = dirname(resolve(src.file));
  const imageAt = (rel: string, path: DataPath, what: string) => {
    const file = isAbsolute(rel) ? rel : join(base, rel);
    if (rel.includes('\0') || !existsSync(file))
      return add(path, `${what} that exists (relative to the data file)`, JSON.stringify(rel));
    const bad = checkImage(file);
    if (bad) add(path, bad.expected, `${JSON.stringify(rel)}: ${bad.found}`);
  };
  d.photos.forEach((ph, i) => {
    if (ph.image) imageAt(ph.image, ['photos', i, 'image'], 'an image file');
  });
  if (d.meta.publisher?.logo) imageAt(d.meta.publisher.logo, ['meta', 'publisher', 'logo'], 'a logo image file');

  function headline(hd: NonNullable<Dataset['highlights'][number]['headline']>, path: DataPath) {
    const now = resolveRef(hd.metric, [...path, 'metric'], timeRef(hd), 'any');
    if (now && hd.compare === 'target') {
      const target = targetFor(idx, now);
      if (!target) {
        add(
          [...path, 'compare'],
          `a target of "${hd.metric}" at ${now.time.key || 'its time'} to compare with`,
          'no target',
        );
      } else if (target.value === 0 && !inPoints(hd.metric)) {
        // the headline says "beat the target by N%": a gap from 0 has no percentage
        add(
          [...path, 'compare'],
          `a target other than 0 to compare with (the gap to a target is a percentage of it)`,
          `0 at ${target.time.key || 'no time'} (${target.path})`,
        );
      }
    } else if (now && hd.compare !== undefined) {
      const then = resolveRef(hd.metric, [...path, 'compare'], hd.compare, 'result');
      if (then && then.time.key === now.time.key)
        add([...path, 'compare'], 'another time than the headline figure', String(hd.compare));
      else if (then) changeable(hd.metric, then, [...path, 'compare']);
    }
    if (hd.rank) {
      const r = resolveRef(hd.rank, [...path, 'rank'], undefined, 'result');
      if (r && units.get(hd.rank)?.kind !== 'rank')
        add([...path, 'rank'], 'a metric with unit rank', `unit ${d.indicators[hd.rank]!.unit}`);
    }
  }

  /** Whether changes and gaps of the metric are in percentage points (percent, permille, pp). */
  function inPoints(id: string): boolean {
    const k = units.get(id)?.kind;
    return k === 'ratio' || k === 'points';
  }

  /** A change in percent from zero has no value: say so at the reference. */
  function changeable(id: string, from: Observation, path: DataPath) {
    const u = units.get(id);
    if (from.value === 0 && u && u.kind !== 'ratio' && u.kind !== 'points') {
      add(path, `a starting value other than 0 (growth from 0 has no percentage)`, `0 at ${from.time.key}`);
    }
  }

  function knownChart(name: string): boolean {
    return isChartKindName(name) || existsSync(join(opts.root, 'templates', 'charts', `${name}.vl.json`));
  }

  function shape(id: string): ChartMetricShape {
    return metricShape(
      id,
      d.indicators[id]!,
      idx.get(id) ?? [],
      results(id).map((o) => o.time.key),
    );
  }

  function chart(c: Exclude<NonNullable<Dataset['highlights'][number]['chart']>, 'auto' | 'none'>, path: DataPath) {
    let ok = true;
    c.metrics.forEach((m, mi) => {
      if (!resolveRef(m, [...path, 'metrics', mi], undefined, 'any')) ok = false;
    });
    c.ranks?.forEach((m, mi) => {
      if (!resolveRef(m, [...path, 'ranks', mi], undefined, 'result')) ok = false;
    });
    if (c.total && c.total !== 'sum' && !resolveRef(c.total, [...path, 'total'], undefined, 'result')) ok = false;
    let kind: string | undefined = c.kind;
    if (c.template !== undefined) {
      if (!knownChart(c.template)) {
        add(
          [...path, 'template'],
          `a chart template in templates/charts/ (no ${c.template}.vl.json)`,
          JSON.stringify(c.template),
        );
        return;
      }
      kind = legacyKind(
        c.template,
        c.total,
        (c.ranks ?? []).every((r) => d.indicators[r] !== undefined && shape(r).population !== undefined),
      );
      if (kind === undefined) return; // a designer's own template: its data is its own business
    }
    if (c.spec !== undefined) {
      const file = resolve(opts.root, c.spec);
      const rel = relative(resolve(opts.root), file);
      if (rel.startsWith('..') || isAbsolute(rel))
        return add([...path, 'spec'], 'a Vega-Lite file inside the project', JSON.stringify(c.spec));
      if (!/\.(vl|vg)\.json$/.test(c.spec) || !existsSync(file)) {
        return add(
          [...path, 'spec'],
          'a Vega-Lite spec file (….vl.json) that exists, relative to the project',
          JSON.stringify(c.spec),
        );
      }
      return;
    }
    if (kind !== undefined && kind !== 'auto' && !(KIND_NAMES as readonly string[]).includes(kind)) {
      return add([...path, 'kind'], `a chart kind (${KIND_NAMES.join(', ')}) or auto`, JSON.stringify(kind));
    }
    if (!ok || kind === undefined) return;
    for (const prob of checkChart({
      kind,
      metrics: c.metrics.map(shape),
      ...(c.ranks?.length ? { ranks: c.ranks.map(shape) } : {}),
      ...(c.total !== undefined ? { total: c.total } : {}),
    })) {
      add([...path, ...prob.path], prob.expected, prob.found);
    }
    if (kind === 'part-to-whole' && c.total !== undefined) {
      // each part is drawn as its share of the whole: a whole of 0 has no shares
      const latest = (id: string) => findObservation(idx, id, undefined, 'result')?.value ?? 0;
      const whole = c.total === 'sum' ? c.metrics.reduce((a, m) => a + latest(m), 0) : latest(c.total);
      if (whole === 0)
        add(
          [...path, 'total'],
          'a whole other than 0 (a part-to-whole chart shows each part as a share of it)',
          c.total === 'sum' ? 'parts that add up to 0' : `"${c.total}" is 0`,
        );
    }
  }

  function prose(text: Record<string, string>, path: DataPath) {
    for (const [lang, s] of Object.entries(text)) {
      let refs: ReturnType<typeof proseRefs>;
      try {
        refs = proseRefs(s);
      } catch (e) {
        add(
          [...path, lang],
          'a prose template with {{v "metric" year}} references',
          (e as Error).message.split('\n')[0]!,
        );
        continue;
      }
      const at: DataPath = [...path, lang];
      for (const r of refs) {
        const q = r.hash.qualifier;
        if (q !== undefined && !(QUALIFIERS as readonly unknown[]).includes(q)) {
          add(at, `a qualifier: ${QUALIFIERS.join(', ')}`, `qualifier=${JSON.stringify(q)}`);
        }
        const round = r.hash.round;
        if (round !== undefined && !(typeof round === 'number' && Number.isInteger(round) && round > 0)) {
          add(at, 'round=N with a whole number N above 0 (round=100)', `round=${JSON.stringify(round)}`);
        }
        const places = r.hash.places;
        if (
          places !== undefined &&
          !(typeof places === 'number' && Number.isInteger(places) && places >= 0 && places <= 3)
        ) {
          add(at, 'places=0 to 3', `places=${JSON.stringify(places)}`);
        }
        if (r.helper === 'period') {
          if (typeof parsePeriod(r.times[0]) === 'string')
            add(at, 'a period such as "2023-H1"', `{{period ${JSON.stringify(r.times[0])}}}`);
          continue;
        }
        if (!r.metric) continue;
        const id = r.metric;
        switch (r.helper) {
          case 'v':
          case 'target': {
            const role: Role = r.helper === 'target' || r.hash.target === true ? 'target' : 'any';
            const o = resolveRef(id, at, r.times[0], role);
            if (o && r.times.length === 0 && role === 'any' && new Set(results(id).map((x) => x.time.key)).size > 1) {
              add(
                at,
                `a year or period for "${id}", which has values for ${[...new Set(results(id).map((x) => x.time.key))].join(', ')}`,
                `{{${r.helper} "${id}"}}`,
              );
            }
            if (o && r.hash.full === true && units.get(id)?.kind !== 'rank')
              add(at, 'full=true only on a rank', `{{${r.helper} "${id}" full=true}}`);
            break;
          }
          case 'change':
          case 'diff': {
            const a = resolveRef(id, at, r.times[0], 'result');
            resolveRef(id, at, r.times[1], 'result');
            if (
              a &&
              r.helper === 'change' &&
              (r.hash.relative === true || !['ratio', 'points'].includes(units.get(id)?.kind ?? ''))
            ) {
              if (a.value === 0)
                add(at, 'a starting value other than 0 (growth from 0 has no percentage)', `{{change "${id}" …}}`);
            }
            break;
          }
          case 'vsTarget':
          case 'ofTarget': {
            const o = resolveRef(id, at, r.times[0], 'result');
            if (o && !targetFor(idx, o))
              add(at, `a target of "${id}" at ${o.time.key || 'its time'}`, `{{${r.helper} "${id}"}}`);
            else if (o && targetFor(idx, o)!.value === 0) add(at, 'a target other than 0', `{{${r.helper} "${id}"}}`);
            break;
          }
        }
      }
    }
  }
}

/** Scale words a language may pin: its own scales and none. */
function scalePins(lang: string): string[] {
  const family = localeFamily(lang);
  if (family === 'en') return ['thousand', 'million', 'billion', 'trillion', 'none'];
  if (family === 'other') return ['none'];
  return family === 'zh-Hans' ? ['万', '亿', '万亿', 'none'] : ['萬', '億', '萬億', '兆', '万', '亿', 'none'];
}

function pathText(path: DataPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

export type { ObservationIndex };
