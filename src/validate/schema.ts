/**
 * The dataset format (`datapress/1`, extended additively): one zod schema that `validate`
 * parses with, that the JSON Schema (`npm run schema`: schema/dataset.schema.json) is
 * generated from, and whose string builders carry every text check (text.ts).
 *
 * Only what every article has is required: format, id, langs, meta.title, meta.date and
 * highlights (each with an id, a title, and facts or a headline). Everything else is optional
 * (docs/dataset-format.md, README "Dataset format").
 */
import { z } from 'zod';
import { PER_UNITS, QUALIFIERS, TARGET_KINDS, parseDate, parsePeriod, parseUnit } from '../format/index.js';
import { LIMITS } from './limits.js';
import { checkLangMap, checkString } from './text.js';

export { LIMITS } from './limits.js';

/** Ids become file names: lower-case slugs only (no '/', '..', NUL, spaces, reserved names). */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const METRIC_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
/** BCP 47 language tags as datasets write them: zh, en, zh-Hant, zh-HK, en-GB, zh-Hant-HK. */
export const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/;

/** Windows device names: never a folder or file name, so outputs copy to any system. */
export const RESERVED_SLUG = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

type Ctx = z.core.$RefinementCtx<unknown>;
const report = (ctx: Ctx, issues: { path: (string | number)[]; expected: string; found: string }[]) => {
  for (const i of issues)
    ctx.addIssue({ code: 'custom', path: i.path, message: i.expected, params: { found: i.found } });
};

/** A plain string (a path, a URL, a name): checked for control characters. */
export const str = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => report(ctx, checkString(s)));

const langKey = z.string().regex(LANG, 'a language code such as zh, en or zh-Hant');

/** Text in every language of the dataset: {zh: …, en: …}. */
export const text = (max: number = LIMITS.textLength) =>
  z.record(langKey, z.string().min(1).max(max)).superRefine((m, ctx) => report(ctx, checkLangMap(m, true)));

/** Words per language, not every language required: a counter, a currency symbol. */
export const words = (max: number) =>
  z.record(langKey, z.string().min(1).max(max)).superRefine((m, ctx) => report(ctx, checkLangMap(m, false)));

const slug = z
  .string()
  .regex(SLUG, 'a slug (a-z, 0-9 and -, at most 64 characters)')
  .refine(
    (s) => !RESERVED_SLUG.test(s),
    'a slug that is not a reserved device name (con, prn, aux, nul, com1…, lpt1…)',
  );
const metricId = z.string().max(80).regex(METRIC_ID, 'a metric id such as "pension.insured"');
const year = z.number().int().min(1900).max(2100);

/** A period as the data writes it: 2023, 2023-H1, 2023-Q3, 2023-06, 2023-06-30, 2016/2020, [2016, 2020]. */
const period = z
  .union([
    z.string().max(40),
    z.number().int(),
    z.tuple([z.union([z.number().int(), z.string().max(20)]), z.union([z.number().int(), z.string().max(20)])]),
  ])
  .superRefine((p, ctx) => {
    const r = parsePeriod(p);
    if (typeof r === 'string') report(ctx, [{ path: [], expected: r, found: JSON.stringify(p) }]);
  });
/** A calendar point: 2023, 2023-06, 2023-06-30 (also a half or quarter). */
const point = z.union([z.string().max(20), z.number().int()]).superRefine((p, ctx) => {
  const r = parsePeriod(p);
  if (typeof r === 'string' || r.kind === 'range')
    report(ctx, [
      { path: [], expected: typeof r === 'string' ? r : 'one point, not a range', found: JSON.stringify(p) },
    ]);
});
const date = z.union([z.string().max(10), z.number().int(), z.date()]).superRefine((d, ctx) => {
  const r = parseDate(d);
  if (typeof r === 'string' || r.precision === 'half' || r.precision === 'quarter') {
    report(ctx, [{ path: [], expected: 'a date as YYYY, YYYY-MM or YYYY-MM-DD', found: JSON.stringify(d) }]);
  }
});

const targetKind = z.union([z.boolean(), z.enum(TARGET_KINDS)]);

const observation = z
  .strictObject({
    id: metricId,
    year: year.optional(),
    period: period.optional(),
    asOf: point.optional(),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS).optional(),
    target: targetKind.optional(),
    status: z.enum(['met', 'missed']).optional(),
    of: z.number().int().min(1).max(1_000_000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.asOf !== undefined && (o.year !== undefined || o.period !== undefined)) {
      report(ctx, [{ path: ['asOf'], expected: 'asOf alone (without year or period)', found: JSON.stringify(o.asOf) }]);
    }
    if (o.year !== undefined && o.period !== undefined) {
      // datapress/1: `year: 2020, period: [2016, 2020]`, the year naming the range's end
      const p = parsePeriod(o.period);
      if (typeof p !== 'string' && (p.kind !== 'range' || p.year !== o.year)) {
        report(ctx, [
          {
            path: ['year'],
            expected: `either year or period (with both, a range ending in ${o.year})`,
            found: String(o.year),
          },
        ]);
      }
    }
    if (o.status !== undefined && (o.target === undefined || o.target === false)) {
      report(ctx, [
        { path: ['status'], expected: 'status only on a target (target: plan, goal or expected)', found: o.status },
      ]);
    }
  });

const fact = z.strictObject({
  id: slug,
  text: text(),
  metrics: z.array(observation).max(LIMITS.metricsPerFact).optional(),
});

/** `compare`: an earlier year or period, or `target`. */
const compareTo = z.union([year, z.literal('target'), z.string().max(40)]);

const headline = z.strictObject({
  metric: metricId,
  year: year.optional(),
  period: period.optional(),
  asOf: point.optional(),
  compare: compareTo.optional(),
  rank: metricId.optional(),
});

const chartObject = z
  .strictObject({
    kind: slug.optional(),
    template: slug.optional(),
    spec: str(255).optional(),
    metrics: z.array(metricId).min(1).max(12),
    ranks: z.array(metricId).max(12).optional(),
    total: z.union([metricId, z.literal('sum')]).optional(),
    title: text(LIMITS.titleLength).optional(),
  })
  .superRefine((c, ctx) => {
    const n = [c.kind, c.template, c.spec].filter((x) => x !== undefined).length;
    if (n !== 1) {
      report(ctx, [
        {
          path: [],
          expected: 'one of kind (a chart kind), template (datapress/1) or spec (a Vega-Lite file)',
          found: n ? 'more than one' : 'none',
        },
      ]);
    }
  });
const chart = z.union([z.literal('auto'), z.literal('none'), chartObject]);

const quote = z.strictObject({
  text: text(),
  speaker: text(LIMITS.titleLength),
  role: text(LIMITS.titleLength).optional(),
  /** the language the words were said in (the others are translations) */
  original: langKey.optional(),
});

const highlight = z
  .strictObject({
    id: slug,
    number: z.number().int().min(1).max(99).optional(),
    title: text(LIMITS.titleLength),
    group: text(LIMITS.titleLength).optional(),
    headline: headline.optional(),
    chart: chart.optional(),
    facts: z.array(fact).max(LIMITS.factsPerHighlight).optional(),
    quote: quote.optional(),
  })
  .superRefine((h, ctx) => {
    if (!h.headline && !h.facts?.length) {
      report(ctx, [{ path: ['facts'], expected: 'a headline figure or at least one fact', found: 'neither' }]);
    }
  });

const indicator = z
  .strictObject({
    label: text(LIMITS.titleLength),
    short: text(60).optional(),
    unit: str(40),
    per: z.union([z.enum(PER_UNITS), z.array(z.enum(PER_UNITS)).min(1).max(2)]).optional(),
    counter: words(40).optional(),
    scale: z.record(langKey, z.string().min(1).max(12)).optional(),
    digits: z.number().int().min(0).max(6).optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    better: z.enum(['higher', 'lower']).optional(),
    change: z.boolean().optional(),
    of: z.number().int().min(1).max(1_000_000).optional(),
    among: text(60).optional(),
    scope: text(60).optional(),
  })
  .superRefine((ind, ctx) => {
    const u = parseUnit(ind.unit, ind.per);
    if (typeof u === 'string') report(ctx, [{ path: ['unit'], expected: u, found: JSON.stringify(ind.unit) }]);
    else if ((ind.of !== undefined || ind.among || ind.scope) && u.kind !== 'rank') {
      report(ctx, [
        {
          path: [ind.of !== undefined ? 'of' : ind.among ? 'among' : 'scope'],
          expected: 'of, among and scope only on a rank',
          found: `unit ${ind.unit}`,
        },
      ]);
    }
  });

const url = str(2000).refine((s) => /^https?:\/\/[^\s]+$/.test(s), 'a web address starting with http:// or https://');

export const datasetSchema = z.strictObject({
  format: z.literal('datapress/1'),
  id: slug,
  langs: z
    .array(langKey)
    .min(1)
    .max(LIMITS.langs)
    .refine((l) => new Set(l).size === l.length, 'each language once'),
  theme: slug.optional(),
  meta: z.strictObject({
    title: text(LIMITS.titleLength),
    subtitle: text(LIMITS.titleLength * 2).optional(),
    kicker: text(LIMITS.titleLength).optional(),
    intro: text().optional(),
    region: text(LIMITS.titleLength).optional(),
    date,
    tagline: z.array(text(40)).max(8).default([]),
    source: text(LIMITS.titleLength * 2).optional(),
    sourceUrl: url.optional(),
    keywords: z.array(text(60)).max(20).default([]),
    credits: z
      .array(z.strictObject({ role: text(60), names: z.array(text(60)).min(1).max(20) }))
      .max(20)
      .default([]),
    publisher: z.strictObject({ name: text(60), logo: str(255).optional(), url: url.optional() }).optional(),
    items: z.strictObject({ total: z.number().int().min(1).max(100_000), noun: text(40) }).optional(),
    currencies: z.record(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as CAD'), words(12)).optional(),
  }),
  indicators: z
    .record(metricId, indicator)
    .refine((r) => Object.keys(r).length <= LIMITS.indicators, `at most ${LIMITS.indicators} indicators`)
    .default({}),
  highlights: z.array(highlight).min(1).max(LIMITS.highlights),
  outlook: z
    .strictObject({
      title: text(LIMITS.titleLength),
      byline: text(LIMITS.titleLength).optional(),
      lede: text().optional(),
      targets: z
        .strictObject({
          year,
          period: text(LIMITS.titleLength).optional(),
          chart: slug.optional(),
          metrics: z.array(metricId).min(1).max(12),
          title: text(LIMITS.titleLength).optional(),
        })
        .optional(),
      sections: z
        .array(
          z.strictObject({
            id: slug,
            heading: text(LIMITS.titleLength).optional(),
            body: z.array(text()).max(20).default([]),
            metrics: z.array(observation).max(LIMITS.metricsPerFact).optional(),
          }),
        )
        .max(12)
        .default([]),
    })
    .optional(),
  photos: z
    .array(
      z.strictObject({
        caption: text(LIMITS.titleLength),
        image: str(255).optional(),
        credit: text(LIMITS.titleLength).optional(),
      }),
    )
    .max(24)
    .default([]),
  photoCredit: text(LIMITS.titleLength).optional(),
});

export type DatasetInput = z.input<typeof datasetSchema>;
export type Dataset = z.output<typeof datasetSchema>;
export type ObservationInput = z.output<typeof observation>;
export type ChartInput = z.output<typeof chart>;
export type HeadlineInput = z.output<typeof headline>;
