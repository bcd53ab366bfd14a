/**
 * datapress: statistical dataset → print PDF, bilingual posters, social cards and charts.
 *
 *   import { build } from 'datapress';
 *   const { exitCode } = await build({ inputs: ['data/my-article.yaml'], out: 'output' });
 */
export {
  build,
  buildDataset,
  type BuildOptions,
  type BuildResult,
  type BuildEvent,
  type DatasetResult,
} from './build.js';
export { validateFiles, type ValidateResult } from './validate-command.js';
export { loadModel } from './model/index.js';
export type { Model, Highlight, KeyFigure, Text } from './model/types.js';
export { localeFor, LOCALES, UNITS, type LocaleFormat } from './format/index.js';
export { loadTheme, listThemes, type Theme } from './theme/load.js';
export { DatapressError, InvalidInputError, UsageError, EXIT, formatProblem, type Problem } from './errors.js';
export type { OutputJob, OutputKind, Planner } from './write/job.js';
export type { Manifest, ManifestEntry } from './write/manifest.js';
export { VERSION } from './version.js';
