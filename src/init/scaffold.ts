/**
 * `datapress init <dir>`: a new dataset to start an article from. The file is
 * templates/init/dataset.yaml (a complete, valid datapress/1 dataset with a comment on
 * every field) with its `id:` set, and a first line pointing editors at the package's JSON
 * Schema (`# yaml-language-server: $schema=…`, relative to the written file) so fields are
 * completed and checked while typing. The build and `datapress validate` accept it as written.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import { SCHEMA_FILE } from '../schema/dataset.js';
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

const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;

/**
 * The scaffold's text for an id (no file written). `schema`: the `$schema` reference for
 * editors (default: the template's own, relative to templates/init/).
 */
export function scaffoldText(id: string = DEFAULT_ID, root: string = packageRoot(), schema?: string): string {
  if (!SLUG.test(id))
    throw new UsageError(
      `--id must be a slug (a-z, 0-9 and -, at most 64 characters, no leading or trailing -): ${JSON.stringify(id)}`,
    );
  const template = readFileSync(join(root, 'templates', 'init', 'dataset.yaml'), 'utf8');
  const line = /^id: my-article(?=\s)/m;
  if (!line.test(template)) throw new Error('templates/init/dataset.yaml: no "id: my-article" line to set');
  if (!SCHEMA_LINE.test(template))
    throw new Error('templates/init/dataset.yaml: no "# yaml-language-server: $schema=" line to set');
  const text = template.replace(line, `id: ${id}`);
  return schema === undefined ? text : text.replace(SCHEMA_LINE, `# yaml-language-server: $schema=${schema}`);
}

/**
 * How a dataset written to `file` refers to the package's JSON Schema: a relative path with
 * forward slashes (../node_modules/datapress/schema/dataset.schema.json, or ../schema/… inside
 * this repository), or a file URL when no relative path exists (another drive).
 */
export function schemaRef(file: string, root: string = packageRoot()): string {
  const schema = resolve(root, SCHEMA_FILE);
  const rel = relative(dirname(resolve(file)), schema);
  if (isAbsolute(rel)) return pathToFileURL(schema).href;
  return rel.split(sep).join('/');
}

/**
 * Write <dir>/<id>.yaml (creating dir). Refuses to replace an existing file unless `force`.
 * Returns the files written (absolute paths).
 */
export function initDataset(dir: string, opts: InitOptions = {}): string[] {
  const id = opts.id ?? DEFAULT_ID;
  const file = join(resolve(dir), `${id}.yaml`);
  const text = scaffoldText(id, opts.root, schemaRef(file, opts.root));
  if (existsSync(file) && !opts.force) throw new UsageError(`${file} already exists; use --force to overwrite it`);
  mkdirSync(resolve(dir), { recursive: true });
  writeAtomic(file, text);
  return [file];
}
