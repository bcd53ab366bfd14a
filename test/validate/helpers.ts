import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InvalidInputError, type Problem } from '../../src/errors.js';
import { parseSource } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';

export const SEED_FILE = 'data/nmg-social-security-2021.yaml';
export const seedText = () => readFileSync(SEED_FILE, 'utf8');

/** Edit the seed through the YAML document (keeps comments/positions elsewhere) and validate it. */
export function problemsAfter(
  edit: (doc: ReturnType<typeof parseDocument>) => void,
  opts: { langs?: string[] } = {},
): Problem[] {
  const doc = parseDocument(seedText());
  edit(doc);
  return problemsOf(doc.toString({ lineWidth: 0 }), opts);
}

export function problemsOf(text: string, opts: { langs?: string[] } = {}): Problem[] {
  try {
    validate(parseSource(text, 'seed.yaml'), { root: '.', langs: opts.langs });
    return [];
  } catch (e) {
    if (e instanceof InvalidInputError) return e.problems;
    throw e;
  }
}
