import { InvalidInputError, type Problem } from './errors.js';
import { displayPath, resolveInputs } from './inputs.js';
import { loadSource } from './load/index.js';
import { validate } from './validate/index.js';
import { packageRoot } from './version.js';

export interface ValidateResult {
  file: string;
  problems: Problem[];
}

/** `datapress validate`: every problem of every file, without building. */
export function validateFiles(
  inputs: string[],
  opts: { cwd?: string; root?: string; langs?: string[] } = {},
): ValidateResult[] {
  const cwd = opts.cwd ?? process.cwd();
  const root = opts.root ?? packageRoot();
  return resolveInputs(inputs, cwd).map((abs) => {
    const file = displayPath(abs, cwd);
    try {
      validate(loadSource(abs, file), { root, langs: opts.langs });
      return { file, problems: [] };
    } catch (e) {
      if (e instanceof InvalidInputError) return { file, problems: e.problems };
      throw e;
    }
  });
}
