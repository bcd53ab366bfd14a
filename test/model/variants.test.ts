/**
 * "Must show" (issue #15): every variant of the sample a newsroom's next article looks like
 * validates, models and builds whole (exit 0, no failed output, a poster and cards for every
 * highlight): no outlook; no targets; highlights without headline or chart; one highlight;
 * twelve; English first; no kicker, tagline, credits or photos. A variant that leaves a
 * dangling reference is refused by `validate`, naming the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../src/errors.js';
import { parseSource } from '../../src/load/index.js';
import { buildModel } from '../../src/model/build.js';
import { validate } from '../../src/validate/index.js';
import { toYaml } from '../validate/gen-valid.js';
import { problemsOf } from '../validate/helpers.js';
import { buildWhole } from './whole.js';

// biome-ignore lint/suspicious/noExplicitAny: the sample, edited by hand below
type Loose = Record<string, any>;
const seed = (): Loose => parse(readFileSync('data/nmg-social-security-2021.yaml', 'utf8'), { version: '1.2' });
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-variants-'));

/** Drop every target: the outlook's targets block, target observations, and the paragraph that quoted them. */
const dropTargets = (d: Loose) => {
  delete d.outlook.targets;
  const keep = (ms?: Loose[]) => ms?.filter((m) => !m.target);
  for (const h of d.highlights) for (const f of h.facts ?? []) f.metrics = keep(f.metrics);
  for (const s of d.outlook.sections) s.metrics = keep(s.metrics);
};

const VARIANTS: Record<string, (d: Loose) => void> = {
  'no outlook': (d) => {
    delete d.outlook;
  },
  'no targets': (d) => {
    dropTargets(d);
    d.outlook.sections[0].body.splice(1, 1); // it quoted the 2025 targets
  },
  'highlights without headline or chart': (d) => {
    for (const h of d.highlights) {
      delete h.headline;
      delete h.chart;
    }
  },
  'some with a figure and no chart, some with a chart and no figure': (d) => {
    d.highlights.forEach((h: Loose, i: number) => {
      delete h[i % 2 ? 'headline' : 'chart'];
    });
  },
  'one highlight': (d) => {
    d.highlights = d.highlights.slice(0, 1);
    // the targets chart keeps the metrics whose results are still there (the others would chart nothing)
    const kept = new Set(d.highlights[0].facts.flatMap((f: Loose) => (f.metrics ?? []).map((m: Loose) => m.id)));
    d.outlook.targets.metrics = d.outlook.targets.metrics.filter((m: string) => kept.has(m));
  },
  'twelve highlights': (d) => {
    const more = [];
    for (let i = 0; more.length + d.highlights.length < 12; i++) {
      const h = structuredClone(d.highlights[i % d.highlights.length]);
      h.id = `${h.id}-${i + 2}`;
      delete h.number;
      for (const f of h.facts ?? []) delete f.metrics; // its figures are observed once, in the original
      more.push(h);
    }
    d.highlights.forEach((h: Loose) => {
      delete h.number;
    });
    d.highlights.push(...more);
  },
  'English first': (d) => {
    d.langs = ['en', 'zh'];
  },
  'no kicker, tagline, credits or photos': (d) => {
    delete d.meta.kicker;
    delete d.meta.tagline;
    delete d.meta.credits;
    delete d.photos;
    delete d.photoCredit;
  },
};

describe('variants of the sample', () => {
  for (const [name, edit] of Object.entries(VARIANTS)) {
    it(`${name}: validates, models and builds whole`, async () => {
      const d = seed();
      edit(d);
      const file = path.join(tmp, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, toYaml(d));
      expect(problemsOf(toYaml(d)).map(formatProblem)).toEqual([]);
      const model = buildModel(validate(parseSource(toYaml(d), file), { root: '.' }), file);
      expect(model.highlights.map((h) => h.id)).toEqual(d.highlights.map((h: Loose) => h.id));
      const { problems } = await buildWhole(file, d as never, path.join(tmp, 'out'));
      expect(problems).toEqual([]);
    }, 180_000);
  }
});

describe('a variant that leaves a dangling reference is refused, naming the field', () => {
  it('targets dropped but still quoted in the outlook', () => {
    const d = seed();
    dropTargets(d);
    const ps = problemsOf(toYaml(d));
    expect(new Set(ps.map((p) => p.path))).toEqual(
      new Set(['outlook.sections[0].body[1].zh', 'outlook.sections[0].body[1].en']),
    );
    expect(ps.map((p) => p.expected)).toContain('a value of "pension.insured" at 2025 (it has 2012, 2020)');
  });
  it('an observation removed that the headline, the chart and the prose name', () => {
    const d = seed();
    const f = d.highlights[0].facts[0];
    f.metrics = f.metrics.filter((m: Loose) => !(m.id === 'pension.insured' && m.year === 2012));
    const paths = problemsOf(toYaml(d)).map((p) => p.path);
    expect(paths).toContain('highlights[0].headline.compare');
    expect(paths).toContain('highlights[0].facts[0].text.zh');
    expect(paths).toContain('highlights[0].facts[0].text.en');
  });
  it('one highlight left, the outlook still charting metrics whose results went with the others', () => {
    const d = seed();
    d.highlights = d.highlights.slice(0, 1);
    const ps = problemsOf(toYaml(d));
    expect(ps.map((p) => p.path).sort()).toEqual(['outlook.targets.metrics[1]', 'outlook.targets.metrics[2]']);
    expect(ps[0]!.expected).toMatch(/a result for "(unemployment|injury)\.insured"/);
  });
  it('an indicator removed: every reference to it', () => {
    const d = seed();
    delete d.indicators['dibao.urban.rank'];
    const paths = problemsOf(toYaml(d)).map((p) => p.path);
    expect(paths.some((p) => /^highlights\[\d+\]\.facts\[\d+\]\.metrics\[\d+\]\.id$/.test(p))).toBe(true);
    expect(paths.some((p) => /\.(chart\.ranks\[\d+\]|headline\.rank)$/.test(p))).toBe(true);
  });
});
