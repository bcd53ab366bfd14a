/**
 * The build's shared types: what build() takes, reports and returns. They sit below both the
 * orchestrator (src/build.ts) and the render pool and stamps (src/batch/), which import them
 * from here and never from each other.
 */
import type { ReferencedFile } from '../load/files.js';
import type { OutputKind, PlanOptions } from '../write/job.js';
import type { Shard } from '../write/shard.js';

export interface BuildOptions {
  /** data files, folders or globs (default data/*.yaml) */
  inputs?: string[];
  /** output folder (default output/) */
  out?: string;
  /** output kinds (default all) */
  only?: OutputKind[];
  /** languages, in order (default: the dataset's) */
  langs?: string[];
  /** theme name (default: the dataset's, else newspaper) */
  theme?: string;
  /** preset names to restrict posters/cards to */
  presets?: string[];
  /** text that overflows its box is an error, not a warning */
  strict?: boolean;
  /** ignore the cache: render everything */
  force?: boolean;
  /** compare only: report stale or missing outputs, write nothing */
  check?: boolean;
  /** rehash every output against the manifest instead of trusting size and mtime (--verify) */
  verify?: boolean;
  /** wait for another build into the same --out to finish instead of stopping (--wait) */
  wait?: boolean;
  /** @internal the caller already holds the lock of --out (the CLI holds it through --zip and the gallery) */
  lock?: OutputLock;
  /** outputs rendered at once (default: cores) */
  concurrency?: number;
  /** build part k of n */
  shard?: Shard;
  /** card file name pattern (--name) */
  name?: string;
  /** card image format (--format) */
  format?: PlanOptions['format'];
  /** the report's page size (--page): a4, a3, tabloid, letter */
  page?: string;
  /** print bleed in mm (--bleed) */
  bleedMm?: number;
  /** stop at the first failing dataset */
  failFast?: boolean;
  /** working folder for relative paths (default process.cwd()) */
  cwd?: string;
  /** where templates/ live (default: the package) */
  root?: string;
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  | { type: 'plan'; dataset: string; total: number; stale: number }
  | {
      type: 'output';
      dataset: string;
      path: string;
      kind: OutputKind;
      status: 'written' | 'unchanged' | 'stale' | 'failed';
      ms: number;
      error?: string;
    }
  | { type: 'warning'; dataset: string; message: string }
  | { type: 'dataset-failed'; file: string; error: Error };

export interface DatasetResult {
  file: string;
  dataset?: string;
  outDir?: string;
  written: string[];
  unchanged: string[];
  /** --check: outputs a build would write */
  stale: string[];
  /** --check: files no longer produced */
  extra: string[];
  failed: { path: string; error: string }[];
  warnings: string[];
  error?: Error;
  /** files the validated dataset references (photos), as checked: the no-op stamp watches them */
  referenced?: ReferencedFile[];
}

export interface BuildResult {
  datasets: DatasetResult[];
  exitCode: number;
}

/** The lock of an output folder (src/batch/lock.ts): one build writes into it at a time. */
export interface OutputLock {
  /** the lock file (undefined when nothing was created: --check, or a lock handed down by watch) */
  file?: string;
  token?: string;
  release(): void;
}
