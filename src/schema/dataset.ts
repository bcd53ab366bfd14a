/**
 * The JSON Schema of the dataset format, generated from the zod schema `validate` parses with
 * (src/validate/schema.ts), for editors: VS Code (with the YAML extension) completes and checks
 * fields while the user types, through the `# yaml-language-server: $schema=…` line that
 * `datapress init` writes.
 *
 * The shapes, patterns, lengths and required fields come from zod (`z.toJSONSchema`). What the
 * JSON Schema cannot say (references between fields, units against values, every language of
 * `langs` in every text, glyphs) `validate` checks; refinements are left out here, and where
 * the schema would accept anything for want of a JSON form (a JavaScript Date), the string
 * form is written instead. Every field carries a description (a test checks), and the unit and
 * period fields a pattern that accepts exactly what `validate` accepts.
 *
 * `npm run schema` writes schema/dataset.schema.json (committed; a test checks it is current).
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BASE_UNITS, PER_UNITS, QUALIFIERS } from '../format/index.js';
import { KIND_NAMES } from '../validate/charts.js';
import { LIMITS } from '../validate/limits.js';
import { datasetSchema } from '../validate/schema.js';
import { packageRoot } from '../version.js';

/** Where the schema file lives in the package. */
export const SCHEMA_FILE = join('schema', 'dataset.schema.json');

type JsonSchema = { [k: string]: unknown };

const TEXT = 'Text in every language of `langs`: {zh: …, en: …}.';
const PROSE = `${TEXT} Prose: figures through {{v "metric" 2020}}, {{change …}}, {{diff …}}, {{target …}}, {{vsTarget …}}, {{ofTarget …}}, {{year 2020}}, {{period "2023-H1"}}. Quote a text that starts with {{.`;
const POINT = String.raw`\d{4}(?:-(?:H[12]|Q[1-4]|\d{2}(?:-\d{2})?))?`;

/** A unit as `validate` reads it: a base or an ISO 4217 code, optionally /per…. */
const UNIT_PATTERN = `^(?:${[...Object.keys(BASE_UNITS), 'yuan', 'rmb', 'RMB'].join('|')}|[A-Z]{3})(?:/(?:${PER_UNITS.join('|')}))*$`;

/** One observation (a fact's or a section's `metrics[]`). */
const OBSERVATION: Record<string, string> = {
  '': 'One figure: a metric at a time, with its value. A metric has one result and at most one target per time.',
  id: 'The metric id, defined under `indicators`.',
  year: 'The year of the figure (1900–2100). At most one of year, period and asOf; with none the figure is timeless.',
  period:
    'The period: 2023-H1 (a half), 2023-Q3 (a quarter), 2023-06 (a month), 2023-06-30 (a day), 2016/2020 or [2016, 2020] (a range), 2023-07/2023-09 (a range of months).',
  asOf: 'An "as of" point: 2023-06-30 (截至2023年6月30日 / as of 30 June 2023), 2023-06 or 2023 (the end of the month or year).',
  value:
    'The number, never a string: 15706000, 0.95 for 95% (percent and permille are fractions). Under 1e15 in size; a percent not below -1 (−100%).',
  qualifier: `How exact the figure is: ${QUALIFIERS.join(', ')} (95%以上 / over 95%, 约 / about…).`,
  target:
    'This value is a target, not a result: true (= goal), goal, plan or expected. A result and its target may share a time.',
  status: 'For a target: met or missed, when the data says so without giving the result.',
  of: 'For a rank: the size of the population ranked (overrides the indicator’s `of`).',
};

/** Descriptions by path: `.` between keys, `[]` for list items, `*` for any key of a map. */
const DESCRIPTIONS: Record<string, string> = {
  '': 'A datapress dataset: one article, every figure as data, prose bound to the figures. Reference: README "Dataset format".',
  format: 'The file format and its version: always datapress/1.',
  id: 'A slug (a-z, 0-9 and -, at most 64 characters): the output folder output/<id>/ and file names.',
  langs: `The languages of every text, primary first, each once (1–${LIMITS.langs}): zh (Simplified), zh-Hant (Traditional), zh-HK, en; another language formats numbers through Intl.`,
  'langs[]': 'A language code: zh, zh-Hant, zh-HK, en, en-GB…',
  theme: 'A theme from templates/themes (newspaper, neutral). Optional: newspaper.',
  meta: 'What the article is: title, date, source, credits, publisher.',
  'meta.title': `The headline of the report, posters and cards. ${TEXT}`,
  'meta.subtitle': `Optional: a line under the title. ${TEXT}`,
  'meta.kicker': `Optional: the short line above the title (a column or series name). ${TEXT}`,
  'meta.intro': `Optional: the standfirst paragraph. ${PROSE}`,
  'meta.region': `Optional: the place the figures describe. ${TEXT}`,
  'meta.date': 'The publication date at the precision known: 2021, 2021-06 or 2021-06-30 (printed as given).',
  'meta.tagline': 'Optional: short words printed along a poster’s edge (at most 8).',
  'meta.tagline[]': TEXT,
  'meta.source': `Optional: the source line printed under charts and on every output. ${TEXT}`,
  'meta.sourceUrl': 'Optional: the web address of the source (http:// or https://).',
  'meta.keywords': 'Optional: document keywords (PDF metadata), at most 20.',
  'meta.keywords[]': TEXT,
  'meta.credits': 'Optional: who made the article, one entry per role.',
  'meta.credits[]': 'One role and its names.',
  'meta.credits[].role': `The role as printed (Text, Graphics…). ${TEXT}`,
  'meta.credits[].names': 'One or more names.',
  'meta.credits[].names[]': TEXT,
  'meta.publisher': 'Optional: the publisher named on every output, instead of the theme’s logo text.',
  'meta.publisher.name': `The publisher’s name. ${TEXT}`,
  'meta.publisher.logo': 'Optional: a logo image (PNG, JPEG or WebP), relative to the data file.',
  'meta.publisher.url': 'Optional: the publisher’s web address.',
  'meta.items': 'Optional: how many items the article covers when it shows only some ("8 of 10 projects shown").',
  'meta.items.total': 'How many items there are in all (at least the number of highlights).',
  'meta.items.noun': `What the items are: {zh: 项民生实事, en: projects}. ${TEXT}`,
  'meta.currencies': 'Optional: how a currency is written per language, by ISO 4217 code: {CAD: {en: C$}}.',
  'meta.currencies.*': 'The currency’s symbol per language: {en: C$}.',
  'meta.currencies.*.*': 'The symbol or word in that language.',
  indicators: 'Every metric: its label, unit and how its figures are written, by metric id (pension.insured).',
  'indicators.*': 'One metric: label and unit required, the rest optional.',
  'indicators.*.label': `The full label, in charts and alt text. ${TEXT}`,
  'indicators.*.short': `Optional: a short label for chart rows and cards. ${TEXT}`,
  'indicators.*.unit': `The unit: ${Object.keys(BASE_UNITS).join(', ')}, an ISO 4217 currency code (CNY, USD, CAD, HKD, EUR…) or yuan; optionally /month, /year… (yuan/month).`,
  'indicators.*.per': `Optional: makes the unit a rate: ${PER_UNITS.join(', ')} (or a list of two: [person, month]).`,
  'indicators.*.per[]': `One of ${PER_UNITS.join(', ')}.`,
  'indicators.*.counter':
    'For count, number and custom units: the noun per language, English singular|plural: {zh: 张, en: bed|beds}.',
  'indicators.*.counter.*': 'The noun in that language; in English singular|plural.',
  'indicators.*.scale':
    'Optional: pin a scale word per language: zh 万, 亿 or none; zh-Hant 萬, 億 or none; en thousand, million, billion or none.',
  'indicators.*.scale.*': 'The scale word in that language, or none.',
  'indicators.*.digits': 'Optional: decimals in short forms (15.71 million); rounds, no padding (0–6).',
  'indicators.*.decimals': 'Optional: always exactly this many decimals (5.0%) (0–6).',
  'indicators.*.better': 'Optional: which way is better, for targets met and change words: higher (default) or lower.',
  'indicators.*.change':
    'Optional: the figures are changes as the source states them (+43,000 / −36,000); may be negative.',
  'indicators.*.of': 'For a rank: the size of the population ranked (31). Required for a rank chart.',
  'indicators.*.among': `For a rank: who was ranked, "1st among 10 provinces" / "10个省份中第1". ${TEXT}`,
  'indicators.*.scope': `For a rank: its scope, "7th in China" / "全国第7位". ${TEXT}`,
  highlights: `The story in numbered highlights (1–${LIMITS.highlights}): each a report section, a poster and a card per preset.`,
  'highlights[]': 'One highlight: an id, a title, and facts or a headline figure (or both).',
  'highlights[].id': 'A slug, unique in the file: used in card and chart file names.',
  'highlights[].number': 'Optional: the number printed beside the title (1–99). Default: its position.',
  'highlights[].title': `The highlight’s title. ${TEXT}`,
  'highlights[].group': `Optional: a group heading, shared by consecutive highlights ("Economic accounts"). ${TEXT}`,
  'highlights[].headline':
    'Optional: the big figure cards and posters lead with: {metric, year?, compare?, rank?}. A highlight without one is text only.',
  'highlights[].headline.metric': 'The metric id of the figure.',
  'highlights[].headline.year': 'Optional: the year of the figure (default: the latest).',
  'highlights[].headline.period': 'Optional: the period of the figure (2023-H1, 2016/2020…).',
  'highlights[].headline.asOf': 'Optional: the "as of" point of the figure.',
  'highlights[].headline.compare':
    'Optional: an earlier year or period to show the change from (2012, "2022-H1"), or target to compare with the target of the same time.',
  'highlights[].headline.rank':
    'Optional: a rank metric shown beside the figure, with its scope (全国第7位 / 7th in China).',
  'highlights[].chart': `Optional: the chart. auto (a kind from the data’s shape), none, or {kind, metrics, …}: kinds ${KIND_NAMES.join(', ')}; or {template, …} (datapress/1), or {spec: a Vega-Lite file}.`,
  'highlights[].chart.kind': `A chart kind: ${KIND_NAMES.join(', ')}.`,
  'highlights[].chart.template':
    'datapress/1: a template in templates/charts (before-after, income-spending, composition, allowance-rank, progress-target).',
  'highlights[].chart.spec': 'A designer’s own Vega-Lite file (….vl.json), relative to the project.',
  'highlights[].chart.metrics': 'The metrics it draws, in one unit for bars, series and part-to-whole (1–12).',
  'highlights[].chart.metrics[]': 'A metric id.',
  'highlights[].chart.ranks': 'Optional: rank metrics shown beside the values (each with its population `of`).',
  'highlights[].chart.ranks[]': 'A rank metric id.',
  'highlights[].chart.total': 'For part-to-whole: the metric that is the whole, or sum (the parts are the whole).',
  'highlights[].chart.title': `Optional: the chart’s title. ${TEXT}`,
  'highlights[].facts': `Optional: the highlight’s paragraphs (at most ${LIMITS.factsPerHighlight}), each with the figures it states.`,
  'highlights[].facts[]': 'One paragraph: prose and the figures it states.',
  'highlights[].facts[].id': 'A slug, unique in its highlight.',
  'highlights[].facts[].text': `The paragraph. ${PROSE}`,
  'highlights[].facts[].metrics': `Optional: the figures this paragraph states (at most ${LIMITS.metricsPerFact}).`,
  'highlights[].quote': 'Optional: a quote, with its speaker.',
  'highlights[].quote.text': `The words. ${PROSE}`,
  'highlights[].quote.speaker': `Who said them. ${TEXT}`,
  'highlights[].quote.role': `Optional: the speaker’s role. ${TEXT}`,
  'highlights[].quote.original': 'Optional: the language the words were said in (the others are translations).',
  outlook: 'Optional: a second article, on what comes next, with targets and sections.',
  'outlook.title': `Its title. ${TEXT}`,
  'outlook.byline': `Optional: its author line. ${TEXT}`,
  'outlook.lede': `Optional: its first paragraph. ${PROSE}`,
  'outlook.targets': 'Optional: the targets chart: the latest results against the targets of `year`.',
  'outlook.targets.year': 'The target year: each metric has a value for it (a target or a result).',
  'outlook.targets.period': `Optional: how the text names the target date (“十四五”末). ${TEXT}`,
  'outlook.targets.chart': `Optional: a chart kind (${KIND_NAMES.join(', ')}) or a template; default progress.`,
  'outlook.targets.metrics': 'The metrics with targets (1–12).',
  'outlook.targets.metrics[]': 'A metric id.',
  'outlook.targets.title': `Optional: the chart’s title (default: the outlook’s). ${TEXT}`,
  'outlook.sections': 'Optional: sub-sections of the outlook, at most 12.',
  'outlook.sections[]': 'One section: an id, an optional heading, paragraphs and the figures they state.',
  'outlook.sections[].id': 'A slug, unique among sections.',
  'outlook.sections[].heading': `Optional: the section’s heading. ${TEXT}`,
  'outlook.sections[].body': 'Paragraphs, at most 20.',
  'outlook.sections[].body[]': PROSE,
  'outlook.sections[].metrics': `Optional: the figures the section states (targets, results; at most ${LIMITS.metricsPerFact}).`,
  photos: 'Optional: photos, at most 24.',
  'photos[]': 'One photo: a caption, optionally an image and a credit.',
  'photos[].caption': `The caption printed under the photo. ${TEXT}`,
  'photos[].image': 'Optional: the image file (PNG, JPEG or WebP), relative to the data file.',
  'photos[].credit': `Optional: this photo’s credit. ${TEXT}`,
  photoCredit: `Optional: the photo credit line for all photos. ${TEXT}`,
};

/** The description of a field at `path`, or undefined. */
export function describeField(path: string): string | undefined {
  const own = DESCRIPTIONS[path];
  if (own !== undefined) return own;
  const obs = /\.metrics\[\](?:\.(\w+))?$/.exec(path);
  if (obs && !path.startsWith('outlook.targets') && !path.includes('.chart.')) return OBSERVATION[obs[1] ?? ''];
  if (path.endsWith('.period[]')) return 'A range’s start or end: 2016, 2023-07 (both of one kind, the start first).';
  // a text's entries: {zh: …, en: …}
  if (path.endsWith('.*')) return 'The text in that language.';
  return undefined;
}

const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** Every object in a JSON value, depth first. */
function deep(node: unknown, fn: (n: JsonSchema) => void): void {
  if (Array.isArray(node)) for (const x of node) deep(x, fn);
  else if (node && typeof node === 'object') {
    fn(node as JsonSchema);
    for (const v of Object.values(node)) deep(v, fn);
  }
}

/** Walk the generated JSON Schema with data paths; `fn` may edit each node. */
function walk(node: unknown, path: string, fn: (n: JsonSchema, path: string) => void): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  const n = node as JsonSchema;
  fn(n, path);
  const join = (k: string) => (path ? `${path}.${k}` : k);
  for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) walk(v, join(k), fn);
  if (n.items) for (const it of [n.items].flat()) walk(it, `${path}[]`, fn);
  for (const it of (n.prefixItems as unknown[]) ?? []) walk(it, `${path}[]`, fn);
  if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, join('*'), fn);
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    for (const alt of (n[k] as unknown[]) ?? []) walk(alt, path, (m, p) => (m === alt ? undefined : fn(m, p)));
}

/** The dataset format as a JSON Schema (draft 2020-12), with a description on every field. */
export function datasetJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(datasetSchema, {
    io: 'input', // what a file may say: defaults make fields optional
    unrepresentable: 'any', // a JavaScript Date for meta.date (the API's); replaced below
    target: 'draft-2020-12',
  }) as JsonSchema;
  deep(schema, (n) => {
    // whole numbers are bounded by the format, not by JavaScript: drop zod's ±2^53 bounds
    if (n.minimum === -SAFE_INT) delete n.minimum;
    if (n.maximum === SAFE_INT) delete n.maximum;
    // an alternative that accepts anything (the Date) would make the whole field accept anything
    if (Array.isArray(n.anyOf)) n.anyOf = n.anyOf.filter((a) => Object.keys(a as object).length > 0);
  });
  walk(schema, '', (n, path) => {
    const last = path.split('.').at(-1);
    if (last === 'unit' && n.type === 'string') n.pattern = UNIT_PATTERN;
    if ((last === 'period' || last === 'asOf') && Array.isArray(n.anyOf)) {
      for (const alt of n.anyOf as JsonSchema[]) {
        if (alt.type === 'string')
          alt.pattern = last === 'asOf' ? `^\\s*${POINT}\\s*$` : `^\\s*${POINT}(?:/${POINT})?\\s*$`;
      }
    }
    if (path.endsWith('.period[]') && Array.isArray(n.anyOf)) {
      for (const alt of n.anyOf as JsonSchema[]) if (alt.type === 'string') alt.pattern = `^\\s*${POINT}\\s*$`;
    }
    if (path === 'meta.date')
      n.anyOf = [
        { type: 'string', pattern: '^\\d{4}(?:-\\d{2}(?:-\\d{2})?)?$' },
        { type: 'integer', minimum: 1900, maximum: 2100 },
      ];
    const d = describeField(path);
    if (d !== undefined) n.description = d;
  });
  return {
    $schema: schema.$schema,
    title: 'datapress dataset (datapress/1)',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** Every data path of the JSON Schema that has no description (a test keeps this empty). */
export function undescribed(schema: JsonSchema = datasetJsonSchema()): string[] {
  const out = new Set<string>();
  walk(schema, '', (n, path) => {
    if (path && n.description === undefined) out.add(path);
  });
  return [...out];
}

/** The file's text: two-space JSON and a final newline. */
export function schemaText(): string {
  return `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;
}

// `npm run schema`: write schema/dataset.schema.json
const isMain = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();
if (isMain) {
  const file = join(packageRoot(), SCHEMA_FILE);
  writeFileSync(file, schemaText());
  process.stdout.write(`wrote ${file}\n`);
}
