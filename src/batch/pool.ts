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
 * - **full** (3 or more slots, or a build of PDFs and charts only): each worker re-plans a data
 *   file once (load, validate, model, plan: cheap next to rendering), then renders whole jobs by
 *   path; this thread is one of the slots. Jobs are named by (data file, output path); workers
 *   post the bytes back and this thread writes them and keeps the manifest.
 *
 * Either way the bytes are the ones a one-thread build writes. Workers start on the first
 * request (or on `warm()`), so a no-op build starts none.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { BuildOptions } from '../build.js';
import type { PaintJob, Painter } from '../render/raster/paintjob.js';
import type { RenderResult } from '../write/job.js';
import { packageRoot } from '../version.js';

export type PoolMode = 'paint' | 'full';

/** What a worker needs to re-plan exactly as the main thread did (plain data only). */
export interface WorkerSetup {
  cwd: string;
  root: string;
  options: Pick<
    BuildOptions,
    'only' | 'langs' | 'theme' | 'presets' | 'strict' | 'name' | 'format' | 'shard' | 'force' | 'page' | 'bleedMm'
  >;
  /** set by the pool: what its workers do */
  mode?: PoolMode;
}

export type RenderRequest =
  | {
      type: 'render';
      id: number;
      /** data file as the main thread named it (relative to cwd or absolute) */
      file: string;
      /** the model hash the main thread planned from: the worker refuses to render another */
      modelHash: string;
      path: string;
    }
  | { type: 'paint'; id: number; job: PaintJob };

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

/** A job as the caller names it. */
export interface JobRef {
  /** data file as the main thread named it */
  file: string;
  /** the model hash it was planned from */
  modelHash: string;
  /** output path */
  path: string;
  /** jobs with the same key share warm caches (a highlight's charts): kept on one worker when possible */
  affinity?: string;
  /** the job paints a raster scene (cards, poster PNGs) */
  paints?: boolean;
}

/** A job for this pool: rendered whole by a slot, or (paint mode) laid out here and painted by any slot. */
interface Pending {
  req: Extract<RenderRequest, { type: 'render' }>;
  /** the same job rendered in this thread; its raster scenes go through `paint` when given */
  local?: (paint?: Painter) => Promise<RenderResult>;
  /** jobs with the same key share warm caches (a highlight's charts): kept on one worker when possible */
  affinity?: string;
  /** the job hands a raster scene to a painter (cards, poster PNGs); PDFs and charts do not */
  paints?: boolean;
  /** paint mode: laid out, waiting for its scene to be painted (this thread is free meanwhile) */
  parked?: boolean;
  resolve: (r: RenderResult) => void;
  reject: (e: Error) => void;
}

interface PaintPending {
  job: PaintJob;
  resolve: (bytes: Buffer) => void;
  reject: (e: Error) => void;
}

interface InFlight {
  req: RenderRequest;
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
  private runPaint?: Promise<(job: PaintJob) => Promise<Buffer>>;

  /**
   * `size` slots: this thread (it has the dataset planned and its fonts loaded already) and
   * size − 1 worker threads. `mode` as described at the top (default: paint for 2 slots, in a
   * build that has cards or posters).
   */
  constructor(
    readonly size: number,
    private readonly setup: WorkerSetup,
    private readonly script: string,
    readonly mode: PoolMode = defaultMode(size, setup),
  ) {
    this.slots.push({ warm: new Set(), busy: [] });
  }

  /** A pool, or undefined when rendering should stay in this thread. */
  static create(size: number, setup: WorkerSetup, mode?: PoolMode): RenderPool | undefined {
    if (size < 2) return undefined;
    const script = workerScript();
    return script ? new RenderPool(size, setup, script, mode) : undefined;
  }

  /**
   * Render a job on a free slot: a worker (by file and path), or this thread (`local`). Jobs
   * start in the order given, except that in paint mode this thread alternates between jobs
   * that feed the painter and jobs that do not, so the painter is never idle while PDFs lay out.
   */
  render(job: JobRef, local?: (paint?: Painter) => Promise<RenderResult>): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('render pool is closed'));
    return new Promise((resolve, reject) => {
      const { file, modelHash, path, affinity, paints } = job;
      this.queue.push({
        req: { type: 'render', id: this.nextId++, file, modelHash, path },
        affinity,
        paints,
        local,
        resolve,
        reject,
      });
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
    while (this.workers() < this.size - 1) this.spawn();
  }

  private workers(): number {
    return this.slots.filter((s) => s.worker).length;
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
    if (this.mode === 'paint') this.pumpPaint();
    else this.pumpFull();
  }

  // ── full mode: whole jobs on every slot ────────────────────────────────────────────────

  private pumpFull(): void {
    while (this.queue.length) {
      // the least busy slot (spread jobs before doubling up); a new worker before any slot doubles up
      let slot: Slot | undefined;
      for (const sl of this.slots) {
        if (
          sl.busy.length < PER_SLOT &&
          (sl.worker || this.queue.some((p) => p.local)) &&
          (!slot || sl.busy.length < slot.busy.length)
        )
          slot = sl;
      }
      if ((!slot || slot.busy.length > 0) && this.workers() < this.size - 1) slot = this.spawn();
      if (!slot) return;
      const i = this.pick(slot);
      if (i < 0) return;
      const p = this.queue.splice(i, 1)[0]!;
      if (p.affinity) slot.warm.add(p.affinity);
      if (slot.worker) {
        this.stats.workers++;
        this.post(slot, p.req, (r) => this.settle(p, r), p.reject);
      } else this.renderHere(slot, p);
    }
  }

  /**
   * The queued job a slot should take: one whose caches it already has warm, else one no other
   * slot has started on (so each highlight's charts are drawn by one thread), else the next it can
   * run (this thread only runs jobs that came with a local renderer); -1 if none.
   */
  private pick(slot: Slot): number {
    const can = (p: Pending) => Boolean(slot.worker || p.local);
    const mine = this.queue.findIndex((p) => can(p) && p.affinity !== undefined && slot.warm.has(p.affinity));
    if (mine >= 0) return mine;
    const others = this.slots.filter((s) => s !== slot);
    const fresh = this.queue.findIndex(
      (p) => can(p) && (p.affinity === undefined || !others.some((s) => s.warm.has(p.affinity!))),
    );
    return fresh >= 0 ? fresh : this.queue.findIndex(can);
  }

  // ── paint mode: lay out here, paint on the worker (or here, when idle) ──────────────────

  private pumpPaint(): void {
    const here = this.slots[0]!;
    const laidOut = () => here.busy.filter((b) => b.pending?.parked).length;
    const active = () => here.busy.length - laidOut() + this.paintingHere;
    // scenes to the painters
    if (this.paints.length && this.workers() < this.size - 1) this.spawn();
    for (const slot of this.slots) {
      while (slot.worker && slot.busy.length < PAINTS_PER_WORKER && this.paints.length) {
        const pp = this.paints.shift()!;
        this.stats.paintedWorkers++;
        this.post(
          slot,
          { type: 'paint', id: this.nextId++, job: pp.job },
          (r) => (r.ok ? pp.resolve(toBuffer(r.bytes)) : pp.reject(replyError(r))),
          pp.reject,
        );
      }
    }
    // this thread paints when it would otherwise wait: nothing left to lay out, or too far ahead
    const layouts = this.queue.filter((p) => p.local).length;
    while (this.paints.length && active() === 0 && (layouts === 0 || laidOut() >= MAX_AHEAD))
      this.paintHere(this.paints.shift()!);
    // and lays out the next job: one that feeds the painters while they have little to do, else
    // one only this thread can do (a PDF, a chart) while they work through their backlog
    while (active() < PER_SLOT && laidOut() < MAX_AHEAD) {
      const backlog = this.paints.length + this.slots.reduce((n, sl) => n + (sl.worker ? sl.busy.length : 0), 0);
      const feed = backlog < FED;
      let i = this.queue.findIndex((p) => p.local && Boolean(p.paints) === feed);
      if (i < 0) i = this.queue.findIndex((p) => p.local);
      if (i < 0) break;
      this.renderHere(here, this.queue.splice(i, 1)[0]!);
    }
    // a job that came without a local renderer cannot be laid out here
    for (const p of this.queue.filter((q) => !q.local)) {
      this.queue.splice(this.queue.indexOf(p), 1);
      p.reject(new Error(`no renderer for ${p.req.path} in this thread`));
    }
  }

  private paintHere(pp: PaintPending): void {
    this.paintingHere++;
    this.stats.paintedLocal++;
    this.runPaint ??= import('../render/raster/compose.js').then((m) => m.runPaint);
    void this.runPaint
      .then((run) => run(pp.job))
      .then(pp.resolve, pp.reject)
      .finally(() => {
        this.paintingHere--;
        this.pump();
      });
  }

  /** A painter for one local job: while its scene waits for a painter, this thread lays out others. */
  private painterFor(p: Pending): Painter {
    return (job) =>
      new Promise<Buffer>((resolve, reject) => {
        p.parked = true;
        this.paints.push({ job, resolve, reject });
        this.pump();
      }).finally(() => {
        p.parked = false;
      });
  }

  // ── both ────────────────────────────────────────────────────────────────────────────────

  /** This thread's turn: the job renders here (after the current tick, so pumping finishes first). */
  private renderHere(slot: Slot, p: Pending): void {
    this.stats.local++;
    const flight: InFlight = { req: p.req, pending: p, done: () => {}, fail: () => {} };
    slot.busy.push(flight);
    const paint = this.mode === 'paint' ? this.painterFor(p) : undefined;
    void Promise.resolve()
      .then(() => p.local!(paint))
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

  private post(slot: Slot, req: RenderRequest, done: (r: RenderReply) => void, fail: (e: Error) => void): void {
    slot.busy.push({ req, done, fail });
    slot.worker!.postMessage(req);
  }

  private spawn(): Slot {
    const worker = startWorker(
      this.script,
      { workerData: { ...this.setup, mode: this.mode }, stdout: false, stderr: false },
      workerExecArgv(process.execArgv),
    );
    const slot: Slot = { worker, warm: new Set(), busy: [] };
    worker.on('message', (r: RenderReply) => {
      const f = slot.busy.find((b) => b.req.id === r.id);
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

/** Paint mode for 2 slots when the build paints (cards or posters); a PDF- or chart-only build shares whole jobs. */
function defaultMode(size: number, setup: WorkerSetup): PoolMode {
  const only = setup.options.only;
  const paints = !only?.length || only.some((k) => k === 'card' || k === 'poster');
  return size === 2 && paints ? 'paint' : 'full';
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
