import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { UsageError } from './errors.js';
import { msg } from './messages.js';

const DATA = /\.(ya?ml|json)$/i;

/** Files, folders and globs → sorted absolute data file paths (default data/*.yaml). */
export function resolveInputs(patterns: string[], cwd: string): string[] {
  const list = patterns.length ? patterns : ['data/*.yaml'];
  const out = new Set<string>();
  for (const p of list) {
    const abs = resolve(cwd, p);
    if (existsSync(abs) && statSync(abs).isDirectory()) {
      for (const f of globSync(['*.yaml', '*.yml', '*.json'], { cwd: abs, absolute: true })) out.add(resolve(f));
    } else if (existsSync(abs)) {
      out.add(abs);
    } else {
      const matches = globSync([relative(cwd, abs) || p], { cwd, absolute: true }).filter((f) => DATA.test(f));
      if (!matches.length && !/[*?[{]/.test(p)) out.add(abs); // a plain missing file: reported by load with its name
      for (const f of matches) out.add(resolve(f));
    }
  }
  const files = [...out].sort();
  if (!files.length) throw new UsageError(msg.noInputs(list));
  return files;
}

export function displayPath(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') ? r : file;
}
