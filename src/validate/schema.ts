import { z } from 'zod';
import { UNIT_NAMES } from '../format/index.js';

export { LIMITS } from './limits.js';
import { LIMITS } from './limits.js';

/** Ids become file names: lower-case slugs only (no '/', '..', NUL, spaces, reserved names). */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const METRIC_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
export const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

/** Windows device names: never a folder or file name, so outputs copy to any system. */
export const RESERVED_SLUG = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const slug = z
  .string()
  .regex(SLUG, 'a slug (a-z, 0-9 and -, at most 64 characters)')
  .refine(
    (s) => !RESERVED_SLUG.test(s),
    'a slug that is not a reserved device name (con, prn, aux, nul, com1…, lpt1…)',
  );
const metricId = z.string().max(80).regex(METRIC_ID, 'a metric id such as "pension.insured"');
const year = z.number().int().min(1900).max(2100);
const text = (max: number = LIMITS.textLength) =>
  z.record(z.string().regex(LANG, 'a language code such as zh or en'), z.string().min(1).max(max));

const observation = z.strictObject({
  id: metricId,
  year,
  value: z.number(),
  qualifier: z.enum(['over', 'about', 'under']).optional(),
  target: z.boolean().optional(),
  period: z.tuple([year, year]).optional(),
});

const fact = z.strictObject({
  id: slug,
  text: text(),
  metrics: z.array(observation).max(LIMITS.metricsPerFact).optional(),
});

const chartRef = z.strictObject({
  template: slug,
  metrics: z.array(metricId).min(1).max(12),
  ranks: z.array(metricId).max(12).optional(),
  title: text(LIMITS.titleLength),
});

const highlight = z.strictObject({
  id: slug,
  number: z.number().int().min(1).max(99),
  title: text(LIMITS.titleLength),
  headline: z.strictObject({
    metric: metricId,
    year: year.optional(),
    compare: year.optional(),
    rank: metricId.optional(),
  }),
  chart: chartRef,
  facts: z.array(fact).min(1).max(LIMITS.factsPerHighlight),
});

const indicator = z.strictObject({
  label: text(LIMITS.titleLength),
  short: text(60).optional(),
  unit: z.enum(UNIT_NAMES as [string, ...string[]]),
  counter: z.record(z.string(), z.string().min(1).max(40)).optional(),
  scale: z.record(z.string(), z.enum(['万', '亿', 'none', 'thousand', 'million', 'billion'])).optional(),
  digits: z.number().int().min(0).max(6).optional(),
});

const isoDate = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
]);

export const datasetSchema = z.strictObject({
  format: z.literal('datapress/1'),
  id: slug,
  langs: z.array(z.string().regex(LANG, 'a language code such as zh or en')).min(1).max(LIMITS.langs),
  theme: slug.optional(),
  meta: z.strictObject({
    title: text(LIMITS.titleLength),
    kicker: text(LIMITS.titleLength).optional(),
    intro: text(),
    region: text(LIMITS.titleLength),
    date: isoDate,
    tagline: z.array(text(40)).max(8).default([]),
    source: text(LIMITS.titleLength * 2),
    keywords: z.array(text(60)).max(20).default([]),
    credits: z
      .array(z.strictObject({ role: text(60), names: z.array(text(60)).min(1).max(20) }))
      .max(20)
      .default([]),
  }),
  indicators: z
    .record(metricId, indicator)
    .refine((r) => Object.keys(r).length <= LIMITS.indicators, `at most ${LIMITS.indicators} indicators`),
  highlights: z.array(highlight).min(1).max(LIMITS.highlights),
  outlook: z.strictObject({
    title: text(LIMITS.titleLength),
    byline: text(LIMITS.titleLength),
    lede: text(),
    targets: z.strictObject({
      year,
      period: text(LIMITS.titleLength),
      chart: slug,
      metrics: z.array(metricId).min(1).max(12),
      title: text(LIMITS.titleLength).optional(),
    }),
    sections: z
      .array(
        z.strictObject({
          id: slug,
          heading: text(LIMITS.titleLength),
          body: z.array(text()).min(1).max(20),
          metrics: z.array(observation).max(LIMITS.metricsPerFact).optional(),
        }),
      )
      .max(12),
  }),
  photos: z
    .array(z.strictObject({ caption: text(LIMITS.titleLength), image: z.string().max(255).optional() }))
    .max(24)
    .default([]),
  photoCredit: text(LIMITS.titleLength).optional(),
});

export type DatasetInput = z.input<typeof datasetSchema>;
export type Dataset = z.output<typeof datasetSchema>;
export type ObservationInput = z.output<typeof observation>;
