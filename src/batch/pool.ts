/**
 * A pool that renders outputs in parallel across cores: this thread plus worker threads.
 *
 * Two ways to share the work:
 *
 * - **paint** (2 slots, the common CI runner, in a build with cards or posters): this thread
 *   lays out every output (templates, text, Vega, PDFs) and one worker paints and encodes the
 *   raster scenes (render/raster/paintjob.ts). A worker that re-plans and lays out outputs itself
 *   pays for its own copy of everything a first build warms up: loading vega, vega-lite, pdfkit
 *   and fontkit (~1 s), the JIT compiling their hot code (~2.5 CPU-s measured with --trace-opt),
 *   and every cache (Vega runs, glyph masks). On 2 cores that copy cost as much as the worker
 *   saved. A paint worker loads only the painter and sharp, and keeps all glyph masks. This
 *   thread paints too when it has nothing to lay out, or is too far ahead of the painter.
 * - **full** (3 or more slots, or a build of PDFs and charts only): workers render whole jobs;
 *   this thread is one of the slots. A worker is sent each dataset's model and theme once, then
 *   planned jobs as plain data (`OutputJob.spec`), which its kind's planner turns back into the
 *   one job (`Planner.job`): a worker never loads, validates, models or plans a data file. Workers
 *   post the bytes back; this thread writes them and keeps the manifest.
 *
 * This is the build's one scheduler: with one slot, or where no compiled worker script exists
 * (tests run from src/), it runs every job on this thread, `size` at most at once. Either way
 * the bytes are the ones a one-thread build writes. Workers start on the first request (or on
 * `warm()`), so a no-op build starts none. The pool knows jobs, specs, task names and bytes,
 * never a renderer: prepared work (a raster scene) reaches it through `RenderContext.offload`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import type { Theme } from '../theme/types.js';
import { packageRoot } from '../version.js';
import type { Deferred, JobSpec, Offload, OutputKind, RenderResult } from '../write/job.js';

export type PoolMode = 'paint' | 'full';

/** What a worker is told when it starts (plain data). */
export interface WorkerSetup {
  mode: PoolMode;
  /** the output kinds of the build: what a full worker loads while the main thread plans */
  kinds: OutputKind[];
}

/** What a dataset's jobs render from; sent to each worker that renders one of them, once. */
export interface DatasetContext {
  model: Model;
  theme: Theme;
  /** project root (templates/) */
  root: string;
  strict: boolean;
}

export type RenderRequest =
  | { type: 'context'; key: number; context: DatasetContext }
  | { type: 'drop'; key: number }
  | {
      type: 'render';
      id: number;
      /** the dataset context (sent before) */
      key: number;
      spec: JobSpec;
      /** the output path the main thread planned: the worker checks it rebuilt the same job */
      path: string;
    }
  | { type: 'finish'; id: number; work: Deferred };

export type RenderReply =
  | {
      id: number;
      ok: true;
      bytes: Uint8Array;
      width?: number;
      height?: number;
      ms: number;
      sidecars: { path: string; bytes: Uint8Array }[];
      warnings: string[];
    }
  | { id: number; ok: false; message: string; name?: string; code?: string; exitCode?: number; stack?: string };

/** The compiled worker script; from src/*.ts (vitest) the compiled one in dist/, if built. */
export function workerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const beside = here.replace(/pool\.(ts|js)$/, 'worker.js');
  if (here.endsWith('.js') && existsSync(beside)) return beside;
  const dist = join(packageRoot(), 'dist', 'src', 'batch', 'worker.js');
  return existsSync(dist) ? dist : undefined;
}

/** A planned job, as the caller hands it to the pool. */
export interface PoolJob {
  /** output path */
  path: string;
  /** the job as plain data, for a worker */
  spec: JobSpec;
  /** the model and theme it was planned from (the same object for every job of a dataset) */
  context: DatasetContext;
  /** jobs with the same key share warm caches (a highlight's charts): kept on one worker when possible */
  affinity?: string;
  /** the job hands a raster scene to a painter (cards, poster PNGs) */
  paints?: boolean;
  /** render on this thread only (a handful of jobs render faster here than a worker starts) */
  here?: boolean;
  /** once aborted, the job is dropped instead of started (it rejects with the abort reason) */
  signal?: AbortSignal;
}

/** Renders the job on this thread; prepared work goes through `offload` when given. */
export type LocalRender = (offload?: Offload) => Promise<RenderResult>;

/** A job for this pool: rendered whole by a slot, or (paint mode) laid out here and painted by any slot. */
interface Pending {
  job: PoolJob;
  id: number;
  local: LocalRender;
  /** paint mode: laid out, waiting for its scene to be painted (this thread is free meanwhile) */
  parked?: boolean;
  resolve: (r: RenderResult) => void;
  reject: (e: Error) => void;
}

interface PaintPending {
  work: Deferred;
  resolve: (bytes: Buffer) => void;
  reject: (e: Error) => void;
}

interface InFlight {
  id: number;
  done: (r: RenderReply) => void;
  fail: (e: Error) => void;
  /** a job rendering in this thread */
  pending?: Pending;
}

interface Slot {
  /** undefined: this thread */
  worker?: Worker;
  /** jobs in flight (up to PER_SLOT: one slot's JS runs while its other job waits on libvips) */
  busy: InFlight[];
  /** affinity keys this worker has rendered (its caches are warm for them) */
  warm: Set<string>;
  /** dataset contexts this worker holds */
  contexts: Set<number>;
}

/**
 * The parent's Node flags less those a worker refuses: a host run as `node --input-type=module
 * -e '…'` (or -p) would otherwise stop every worker at start. (V8 flags such as
 * --max-old-space-size are dropped when the worker is created: see `startWorker`.)
 */
export function workerExecArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i]!;
    if (f === '-e' || f === '--eval' || f === '-p' || f === '--print')
      i++; // and its code
    else if (!f.startsWith('--input-type') && !f.startsWith('--eval=') && !f.startsWith('--print=')) out.push(f);
  }
  return out;
}

/**
 * A worker with the host's flags. V8 flags (--max-old-space-size, --stack-size, …) apply to
 * the whole process, workers included, but a worker refuses them in its execArgv: those named
 * in the refusal are dropped and the worker started again.
 */
export function startWorker(script: string, options: WorkerOptions, execArgv: string[]): Worker {
  try {
    return new Worker(script, { ...options, execArgv });
  } catch (e) {
    const m =
      (e as { code?: string; message?: string }).code === 'ERR_WORKER_INVALID_EXEC_ARGV'
        ? /flags: (.*)$/.exec(String((e as Error).message))
        : null;
    if (!m) throw e;
    const refused = new Set(m[1]!.split(', ').map((f) => f.trim()));
    const kept = execArgv.filter((f) => !refused.has(f));
    if (kept.length === execArgv.length) throw e;
    return new Worker(script, { ...options, execArgv: kept });
  }
}

const PER_SLOT = 2;
/** paint mode: scenes in flight on a paint worker (each waits on libvips for its charts and encode part of the time) */
const PAINTS_PER_WORKER = 4;
/** paint mode: laid-out jobs waiting for a painter before this thread paints instead of laying out more */
const MAX_AHEAD = 8;
/** paint mode: scenes queued or in flight on the painters that keep them busy */
const FED = 4;

export class RenderPool {
  private slots: Slot[] = [];
  /** outputs rendered whole in this thread and in workers; scenes painted in each */
  readonly stats = { local: 0, workers: 0, paintedLocal: 0, paintedWorkers: 0 };
  private queue: Pending[] = [];
  private paints: PaintPending[] = [];
  private paintingHere = 0;
  private pumpSoon = false;
  private nextId = 1;
  private closed = false;
  private contextKeys = new WeakMap<DatasetContext, number>();
  private nextKey = 1;
  /** jobs this thread runs at once: two, so one's JS runs while the other waits on libvips; one when it is the only slot */
  private readonly perLocal: number;

  /**
   * `size` slots: this thread (it has the dataset planned and its fonts loaded already) and
   * size − 1 worker threads (none without `script`). `mode` as described at the top (default:
   * paint for 2 slots, in a build that has cards or posters).
   */
  constructor(
    readonly size: number,
    private readonly kinds: OutputKind[],
    private readonly script: string | undefined,
    readonly mode: PoolMode = defaultMode(size, kinds, script),
  ) {
    this.perLocal = size > 1 ? PER_SLOT : 1;
    this.slots.push({ warm: new Set(), busy: [], contexts: new Set() });
  }

  /** A pool on this thread alone, `size` jobs at most at once (PER_SLOT when size > 1): no worker starts. */
  static local(size: number): RenderPool {
    return new RenderPool(Math.max(1, Math.floor(size) || 1), [], undefined, 'full');
  }

  /** A pool of `size` slots for a build of `kinds` (default all); workers only where the compiled worker script exists. */
  static create(size: number, kinds: OutputKind[] = [], mode?: PoolMode): RenderPool {
    const n = Math.max(1, Math.floor(size) || 1);
    return new RenderPool(n, kinds, n > 1 ? workerScript() : undefined, mode);
  }

  /**
   * Render a job on a free slot: a worker (from its spec), or this thread (`local`). Jobs start
   * in the order given, except that in paint mode this thread alternates between jobs that feed
   * the painter and jobs that do not, so the painter is never idle while PDFs lay out.
   */
  render(job: PoolJob, local: LocalRender): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('render pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, id: this.nextId++, local, resolve, reject });
      // once this tick's jobs are all queued: a build queues every job at once, and the first to
      // start should be chosen among all of them
      if (!this.pumpSoon) {
        this.pumpSoon = true;
        queueMicrotask(() => {
          this.pumpSoon = false;
          this.pump();
        });
      }
    });
  }

  /** Start every worker now (they load what they need while the caller plans). */
  warm(): void {
    if (this.closed) return;
    while (this.canSpawn()) this.spawn();
  }

  /** A dataset is done: workers let go of its model. */
  release(context: DatasetContext): void {
    const key = this.contextKeys.get(context);
    if (key === undefined) return;
    for (const slot of this.slots) {
      if (slot.worker && slot.contexts.delete(key))
        slot.worker.postMessage({ type: 'drop', key } satisfies RenderRequest);
    }
  }

  private workers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  private canSpawn(): boolean {
    return Boolean(this.script) && this.workers() < this.size - 1;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('render pool closed'));
    for (const p of this.paints.splice(0)) p.reject(new Error('render pool closed'));
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    this.slots = [];
  }

  private pump(): void {
    if (this.closed) return;
    for (const p of this.queue.filter((q) => q.job.signal?.aborted)) {
      this.queue.splice(this.queue.indexOf(p), 1);
      p.reject(p.job.signal!.reason instanceof Error ? p.job.signal!.reason : new Error('render aborted'));
    }
    if (this.mode === 'paint') this.pumpPaint();
    else this.pumpFull();
  }

  // ── full mode: whole jobs on every slot ────────────────────────────────────────────────

  private pumpFull(): void {
    while (this.queue.length) {
      // the least busy slot (spread jobs before doubling up); a new worker before any slot doubles up
      let slot: Slot | undefined;
      for (const sl of this.slots) {
        const cap = sl.worker ? PER_SLOT : this.perLocal;
        const wanted = sl.worker ? this.queue.some((p) => !p.job.here) : true;
        if (sl.busy.length < cap && wanted && (!slot || sl.busy.length < slot.busy.length)) slot = sl;
      }
      if ((!slot || slot.busy.length > 0) && this.canSpawn() && this.queue.some((p) => !p.job.here))
        slot = this.spawn();
      if (!slot) return;
      const i = this.pick(slot);
      if (i < 0) return;
      const p = this.queue.splice(i, 1)[0]!;
      if (p.job.affinity) slot.warm.add(p.job.affinity);
      if (slot.worker) {
        this.stats.workers++;
        const key = this.contextKey(slot, p.job.context);
        this.post(
          slot,
          { type: 'render', id: p.id, key, spec: p.job.spec, path: p.job.path },
          (r) => this.settle(p, r),
          p.reject,
        );
      } else this.renderHere(slot, p, false);
    }
  }

  /**
   * The queued job a slot should take: one whose caches it already has warm, else one no other
   * slot has started on (so each highlight's charts are drawn by one thread), else the next it can
   * run (a worker takes no job marked `here`); -1 if none.
   */
  private pick(slot: Slot): number {
    const can = (p: Pending) => !(slot.worker && p.job.here);
    const aff = (p: Pending) => p.job.affinity;
    const mine = this.queue.findIndex((p) => can(p) && aff(p) !== undefined && slot.warm.has(aff(p)!));
    if (mine >= 0) return mine;
    const others = this.slots.filter((s) => s !== slot);
    const fresh = this.queue.findIndex(
      (p) => can(p) && (aff(p) === undefined || !others.some((s) => s.warm.has(aff(p)!))),
    );
    return fresh >= 0 ? fresh : this.queue.findIndex(can);
  }

  /** The key of a dataset context on a worker, sending it first if the worker does not hold it yet. */
  private contextKey(slot: Slot, context: DatasetContext): number {
    let key = this.contextKeys.get(context);
    if (key === undefined) {
      key = this.nextKey++;
      this.contextKeys.set(context, key);
    }
    if (!slot.contexts.has(key)) {
      slot.contexts.add(key);
      slot.worker!.postMessage({ type: 'context', key, context } satisfies RenderRequest);
    }
    return key;
  }

  // ── paint mode: lay out here, paint on the worker (or here, when idle) ──────────────────

  private pumpPaint(): void {
    const here = this.slots[0]!;
    const laidOut = () => here.busy.filter((b) => b.pending?.parked).length;
    const active = () => here.busy.length - laidOut() + this.paintingHere;
    // scenes to the painters
    if (this.paints.length && this.canSpawn()) this.spawn();
    for (const slot of this.slots) {
      while (slot.worker && slot.busy.length < PAINTS_PER_WORKER && this.paints.length) {
        const pp = this.paints.shift()!;
        this.stats.paintedWorkers++;
        this.post(
          slot,
          { type: 'finish', id: this.nextId++, work: pp.work },
          (r) => (r.ok ? pp.resolve(toBuffer(r.bytes)) : pp.reject(replyError(r))),
          pp.reject,
        );
      }
    }
    // this thread paints when it would otherwise wait: nothing left to lay out, or too far ahead
    const layouts = this.queue.length;
    while (this.paints.length && active() === 0 && (layouts === 0 || laidOut() >= MAX_AHEAD))
      this.paintHere(this.paints.shift()!);
    // and lays out the next job: one that feeds the painters while they have little to do, else
    // one only this thread can do (a PDF, a chart) while they work through their backlog
    while (active() < this.perLocal && laidOut() < MAX_AHEAD) {
      const backlog = this.paints.length + this.slots.reduce((n, sl) => n + (sl.worker ? sl.busy.length : 0), 0);
      const feed = backlog < FED;
      let i = this.queue.findIndex((p) => Boolean(p.job.paints) === feed);
      if (i < 0) i = this.queue.length ? 0 : -1;
      if (i < 0) break;
      const p = this.queue.splice(i, 1)[0]!;
      this.renderHere(here, p, !p.job.here);
    }
  }

  private paintHere(pp: PaintPending): void {
    this.paintingHere++;
    this.stats.paintedLocal++;
    void import('../render/offload.js')
      .then(({ finish }) => finish(pp.work))
      .then(pp.resolve, pp.reject)
      .finally(() => {
        this.paintingHere--;
        this.pump();
      });
  }

  /** Offloaded work of one local job: while it waits for a painter, this thread lays out others. */
  private offloadFor(p: Pending): Offload {
    return (work) =>
      new Promise<Buffer>((resolve, reject) => {
        p.parked = true;
        this.paints.push({ work, resolve, reject });
        this.pump();
      }).finally(() => {
        p.parked = false;
      });
  }

  // ── both ────────────────────────────────────────────────────────────────────────────────

  /** This thread's turn: the job renders here (after the current tick, so pumping finishes first). */
  private renderHere(slot: Slot, p: Pending, offload: boolean): void {
    this.stats.local++;
    const flight: InFlight = { id: p.id, pending: p, done: () => {}, fail: () => {} };
    slot.busy.push(flight);
    void Promise.resolve()
      .then(() => p.local(offload ? this.offloadFor(p) : undefined))
      .then(p.resolve, p.reject)
      .finally(() => {
        slot.busy = slot.busy.filter((b) => b !== flight);
        this.pump();
      });
  }

  private settle(p: Pending, r: RenderReply): void {
    if (!r.ok) {
      p.reject(replyError(r));
      return;
    }
    p.resolve({
      bytes: toBuffer(r.bytes),
      width: r.width,
      height: r.height,
      ms: r.ms,
      sidecars: r.sidecars.map((s) => ({ path: s.path, bytes: toBuffer(s.bytes) })),
      warnings: r.warnings,
    });
  }

  private post(
    slot: Slot,
    req: Extract<RenderRequest, { id: number }>,
    done: (r: RenderReply) => void,
    fail: (e: Error) => void,
  ): void {
    slot.busy.push({ id: req.id, done, fail });
    slot.worker!.postMessage(req);
  }

  private spawn(): Slot {
    const setup: WorkerSetup = { mode: this.mode, kinds: this.kinds };
    const worker = startWorker(
      this.script!,
      { workerData: setup, stdout: false, stderr: false },
      workerExecArgv(process.execArgv),
    );
    const slot: Slot = { worker, warm: new Set(), busy: [], contexts: new Set() };
    worker.on('message', (r: RenderReply) => {
      const f = slot.busy.find((b) => b.id === r.id);
      slot.busy = slot.busy.filter((b) => b !== f);
      f?.done(r);
      this.pump();
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      const lost = slot.busy;
      slot.busy = [];
      for (const f of lost) f.fail(new Error(`render worker stopped: ${err.message}`));
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}

/** Paint mode for 2 slots when the build paints (cards or posters) and workers can start; otherwise whole jobs. */
function defaultMode(size: number, kinds: OutputKind[], script: string | undefined): PoolMode {
  const paints = !kinds.length || kinds.some((k) => k === 'card' || k === 'poster');
  return size === 2 && paints && script ? 'paint' : 'full';
}

const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function replyError(r: Extract<RenderReply, { ok: false }>): Error {
  const e = new Error(r.message) as Error & { code?: string; exitCode?: number };
  if (r.name) e.name = r.name;
  if (r.code) e.code = r.code;
  if (r.exitCode !== undefined) e.exitCode = r.exitCode;
  if (r.stack) e.stack = r.stack;
  return e;
}
