/**
 * "Builds whole" (issue #15): a dataset builds in one process with one poster preset, one card
 * preset, every chart and both PDFs, with no error and no failed output, and every output a
 * highlight is owed exists: its poster and its cards, beside the overview poster (and the
 * targets poster when the outlook has targets) and report.pdf and report-print.pdf.
 */
import path from 'node:path';
import { buildDataset, type DatasetResult } from '../../src/build.js';
import { cardVariants } from '../../src/render/card/planner.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** one preset of each kind: a poster preset and a card preset (names that are not both) */
export const POSTER = 'wide';
export const CARD = 'og';

export interface Whole {
  result: DatasetResult;
  /** everything that is not whole: the error, each failed output, each output owed and missing */
  problems: string[];
}

interface Shape {
  langs: string[];
  highlights: { id: string }[];
  outlook?: { targets?: unknown };
}

/** The outputs a dataset is owed, relative to out/<id>/. */
export function owed(d: Shape, langs: string[] = d.langs): string[] {
  const order = langs.join('-');
  return [
    'report.pdf',
    'report-print.pdf',
    `posters/overview-${order}-${POSTER}.png`,
    ...(d.outlook?.targets ? [`posters/targets-${order}-${POSTER}.png`] : []),
    ...d.highlights.flatMap((h) => [
      `posters/highlight-${h.id}-${order}-${POSTER}.png`,
      ...cardVariants(langs).map((v) => `cards/${h.id}-${CARD}-${v.join('-')}.png`),
    ]),
  ];
}

/** Build `file` (its data `d`) into `out` and say what is not whole. */
export async function buildWhole(file: string, d: Shape, out: string): Promise<Whole> {
  const result = await buildDataset(
    file,
    { out, presets: [POSTER, CARD], langs: d.langs, concurrency: 1, root: ROOT, force: true },
    // the process's folder: build() resolves photos against it (the file is named relative to it)
    process.cwd(),
  );
  const problems: string[] = [];
  // (a build with failed outputs also ends in an error that lists them: each is reported below)
  if (result.error && !result.failed.length) problems.push(`error: ${result.error.name}: ${result.error.message}`);
  for (const f of result.failed) problems.push(`failed ${f.path}: ${f.error.split('\n')[0]}`);
  if (!result.error) {
    const written = new Set([...result.written, ...result.unchanged]);
    for (const p of owed(d)) if (!written.has(p)) problems.push(`missing ${p}`);
  }
  return { result, problems };
}
