import type { Model } from '../model/types.js';
import type { Theme } from '../theme/types.js';

export type OutputKind = 'pdf' | 'poster' | 'card' | 'chart';

/** One file a build writes. Planning one is cheap; `render()` does the work. */
export interface OutputJob {
  /** path relative to output/<id>/, forward slashes */
  path: string;
  kind: OutputKind;
  langs: string[];
  preset?: string;
  layout?: string;
  highlight?: string;
  width: number;
  height: number;
  alt: Record<string, string>;
  /**
   * Everything the bytes depend on besides the renderer's own code: the slice of the
   * model it shows, template names, preset, theme. Hashed for incremental builds.
   */
  inputs: unknown;
  /** template/theme files read, relative to the project root (hashed with their content) */
  files?: string[];
  /**
   * The job as plain, structured-cloneable data: its planner's `job(model, theme, spec)` rebuilds
   * this very job (path, inputs, `render`) without planning any other, e.g. in a render worker
   * that was handed the model once and then only specs.
   */
  spec: JobSpec;
  render(ctx: RenderContext): Promise<RenderResult>;
}

/** What a planner needs to rebuild one of its jobs: the kind, then fields of the planner's choosing (plain data only). */
export interface JobSpec {
  kind: OutputKind;
  [field: string]: unknown;
}

/**
 * Work a renderer prepared as plain data for another thread to finish into bytes (a raster
 * scene to paint and encode). `task` names the finisher in src/render/registry.ts (`FINISHERS`).
 */
export interface Deferred {
  task: string;
  data: unknown;
}

/** Hands prepared work to whoever runs jobs (the render pool) and resolves with its bytes. */
export type Offload = (work: Deferred) => Promise<Buffer>;

export interface RenderResult {
  bytes: Buffer;
  /** the true size when it is only known after rendering (overrides the planned width/height in the manifest) */
  width?: number;
  height?: number;
  /** time spent rendering, when rendered elsewhere (a worker); progress lines report it */
  ms?: number;
  /** extra files written beside it (e.g. a card's .txt alt sidecar), relative to output/<id>/ */
  sidecars?: { path: string; bytes: Buffer }[];
  warnings?: string[];
}

export interface RenderContext {
  model: Model;
  theme: Theme;
  /** project root (for templates/) */
  root: string;
  strict: boolean;
  warn(message: string): void;
  /** finishes prepared work elsewhere (a worker of the render pool); without it the renderer finishes it itself */
  offload?: Offload;
}

export interface PlanOptions {
  /**
   * Languages in order: those given with --lang, else the dataset's own (`explicitLangs` false).
   * Renderers decide what a default build writes: posters both orders, cards zh, en and zh-en,
   * the report one bilingual document.
   */
  langs: string[];
  explicitLangs?: boolean;
  strict: boolean;
  /** presets requested on the command line, if any */
  presets?: string[];
  /** card file name pattern with {id} {highlight} {n} {preset} {lang} (--name) */
  name?: string;
  /** raster format for cards (--format): png (default), jpeg, webp, avif */
  format?: 'png' | 'jpeg' | 'webp' | 'avif';
  /** the report's page size (--page): a4, a3, tabloid, letter */
  page?: string;
  /** print bleed in mm (--bleed) */
  bleedMm?: number;
}

/** A renderer contributes jobs for one output kind. Registered in src/render/registry.ts. */
export interface Planner {
  kind: OutputKind;
  plan(model: Model, theme: Theme, options: PlanOptions): OutputJob[];
  /**
   * The one job `spec` describes, as `plan` made it for the same model and theme (`spec` comes
   * from one of its jobs). Cheap: nothing else is planned.
   */
  job(model: Model, theme: Theme, spec: JobSpec): OutputJob;
}
