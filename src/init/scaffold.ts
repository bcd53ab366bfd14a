/**
 * `datapress init <dir>`: a new dataset to start an article from. The file is
 * templates/init/dataset.yaml (a complete, valid datapress/1 dataset with a comment on
 * every field) with its `id:` set; the build and `datapress validate` accept it as written.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { SLUG } from '../validate/schema.js';
import { packageRoot } from '../version.js';
import { writeAtomic } from '../write/atomic.js';

export const DEFAULT_ID = 'my-article';

export interface InitOptions {
  /** dataset id: the file name and output folder (default my-article) */
  id?: string;
  /** overwrite an existing file */
  force?: boolean;
  /** where templates/init lives (default: the package) */
  root?: string;
}

/** The scaffold's text for an id (no file written). */
export function scaffoldText(id: string = DEFAULT_ID, root: string = packageRoot()): string {
  if (!SLUG.test(id))
    throw new UsageError(
      `--id must be a slug (a-z, 0-9 and -, at most 64 characters, no leading or trailing -): ${JSON.stringify(id)}`,
    );
  const template = readFileSync(join(root, 'templates', 'init', 'dataset.yaml'), 'utf8');
  const line = /^id: my-article(?=\s)/m;
  if (!line.test(template)) throw new Error('templates/init/dataset.yaml: no "id: my-article" line to set');
  return template.replace(line, `id: ${id}`);
}

/**
 * Write <dir>/<id>.yaml (creating dir). Refuses to replace an existing file unless `force`.
 * Returns the files written (absolute paths).
 */
export function initDataset(dir: string, opts: InitOptions = {}): string[] {
  const id = opts.id ?? DEFAULT_ID;
  const text = scaffoldText(id, opts.root);
  const file = join(resolve(dir), `${id}.yaml`);
  if (existsSync(file) && !opts.force) throw new UsageError(`${file} already exists; use --force to overwrite it`);
  mkdirSync(resolve(dir), { recursive: true });
  writeAtomic(file, text);
  return [file];
}
