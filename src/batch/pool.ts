/**
 * A pool that renders outputs in parallel across cores: this thread plus worker threads.
 *
 * This thread is one slot (it has the data planned and the fonts loaded, and would otherwise
 * wait): on 2 cores, one worker and this thread render, which saves a second worker's ~1 s of
 * library loading and re-planning.
 *
 * Jobs are planned in the main thread and named by (data file, output path). A worker
 * re-plans a data file once (load, validate, model, plan: cheap next to rendering), then
 * renders jobs by path and posts the bytes back; the main thread writes them and keeps the
 * manifest. Workers start on the first request, so a no-op build starts none.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildOptions } from '../build.js';
import type { RenderResult } from '../write/job.js';
import { packageRoot } from '../version.js';

/** What a worker needs to re-plan exactly as the main thread did (plain data only). */
export interface WorkerSetup {
  cwd: string;
  root: string;
  options: Pick<BuildOptions, 'only' | 'langs' | 'theme' | 'presets' | 'strict' | 'name' | 'format' | 'shard' | 'force'>;
}

export interface RenderRequest {
  id: number;
  /** data file as the main thread named it (relative to cwd or absolute) */
  file: string;
  /** the model hash the main thread planned from: the worker refuses to render another */
  modelHash: string;
  path: string;
}

export type RenderReply =
  | { id: number; ok: true; bytes: Uint8Array; width?: number; height?: number; ms: number; sidecars: { path: string; bytes: Uint8Array }[]; warnings: string[] }
  | { id: number; ok: false; message: string; name?: string; code?: string; exitCode?: number; stack?: string };

/** The compiled worker script; from src/*.ts (vitest) the compiled one in dist/, if built. */
export function workerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const beside = here.replace(/pool\.(ts|js)$/, 'worker.js');
  if (here.endsWith('.js') && existsSync(beside)) return beside;
  const dist = join(packageRoot(), 'dist', 'src', 'batch', 'worker.js');
  return existsSync(dist) ? dist : undefined;
}

interface Pending {
  req: RenderRequest;
  /** the same job rendered in this thread (the main thread is one of the pool's slots) */
  local?: () => Promise<RenderResult>;
  /** jobs with the same key share warm caches (a highlight's charts): kept on one worker when possible */
  affinity?: string;
  resolve: (r: RenderResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  /** undefined: this thread */
  worker?: Worker;
  /** jobs in flight (up to PER_SLOT: one slot's JS runs while its other job waits on libvips) */
  busy: Pending[];
  /** affinity keys this worker has rendered (its caches are warm for them) */
  warm: Set<string>;
}

/**
 * The parent's Node flags less those a worker refuses: a host run as `node --input-type=module
 * -e '…'` (or -p) would otherwise stop every worker at start.
 */
export function workerExecArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i]!;
    if (f === '-e' || f === '--eval' || f === '-p' || f === '--print') i++; // and its code
    else if (!f.startsWith('--input-type') && !f.startsWith('--eval=') && !f.startsWith('--print=')) out.push(f);
  }
  return out;
}

const PER_SLOT = 2;

export class RenderPool {
  private slots: Slot[] = [];
  /** outputs rendered in this thread and in workers */
  readonly stats = { local: 0, workers: 0 };
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /**
   * `size` slots: this thread (idle while workers render, and it has the dataset planned and its
   * fonts loaded already) and size − 1 worker threads, each of which loads the renderers and
   * re-plans the data on start.
   */
  constructor(readonly size: number, private readonly setup: WorkerSetup, private readonly script: string) {
    this.slots.push({ warm: new Set(), busy: [] });
  }

  /** A pool, or undefined when rendering should stay in this thread. */
  static create(size: number, setup: WorkerSetup): RenderPool | undefined {
    if (size < 2) return undefined;
    const script = workerScript();
    return script ? new RenderPool(size, setup, script) : undefined;
  }

  /** Render a job on a free slot: a worker (by file and path), or this thread (`local`). */
  render(file: string, modelHash: string, path: string, affinity?: string, local?: () => Promise<RenderResult>): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('render pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, file, modelHash, path }, affinity, local, resolve, reject });
      this.pump();
    });
  }

  /** Start every worker now (they load the renderers while the caller plans). */
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
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    this.slots = [];
  }

  private pump(): void {
    while (this.queue.length) {
      // the least busy slot (spread jobs before doubling up); a new worker before any slot doubles up
      let slot: Slot | undefined;
      for (const sl of this.slots) {
        if (sl.busy.length < PER_SLOT && (sl.worker || this.queue.some((p) => p.local)) && (!slot || sl.busy.length < slot.busy.length)) slot = sl;
      }
      if ((!slot || slot.busy.length > 0) && this.workers() < this.size - 1) slot = this.spawn();
      if (!slot) return;
      const i = this.pick(slot);
      if (i < 0) return;
      const p = this.queue.splice(i, 1)[0]!;
      if (p.affinity) slot.warm.add(p.affinity);
      slot.busy.push(p);
      if (slot.worker) {
        this.stats.workers++;
        slot.worker.postMessage(p.req);
        continue;
      }
      this.stats.local++;
      // this thread's turn: the job renders here (after the current tick, so pumping finishes first)
      const own = slot;
      void Promise.resolve().then(p.local!).then(p.resolve, p.reject).finally(() => {
        own.busy = own.busy.filter((b) => b !== p);
        if (!this.closed) this.pump();
      });
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
    const fresh = this.queue.findIndex((p) => can(p) && (p.affinity === undefined || !others.some((s) => s.warm.has(p.affinity!))));
    return fresh >= 0 ? fresh : this.queue.findIndex(can);
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: this.setup, stdout: false, stderr: false, execArgv: workerExecArgv(process.execArgv) });
    const slot: Slot = { worker, warm: new Set(), busy: [] };
    worker.on('message', (r: RenderReply) => {
      const p = slot.busy.find((b) => b.req.id === r.id);
      slot.busy = slot.busy.filter((b) => b !== p);
      if (p) {
        if (r.ok) {
          p.resolve({
            bytes: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength),
            width: r.width,
            height: r.height,
            ms: r.ms,
            sidecars: r.sidecars.map((s) => ({ path: s.path, bytes: Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength) })),
            warnings: r.warnings,
          });
        } else {
          const e = new Error(r.message) as Error & { code?: string; exitCode?: number };
          if (r.name) e.name = r.name;
          if (r.code) e.code = r.code;
          if (r.exitCode !== undefined) e.exitCode = r.exitCode;
          if (r.stack) e.stack = r.stack;
          p.reject(e);
        }
      }
      this.pump();
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      const lost = slot.busy;
      slot.busy = [];
      for (const p of lost) p.reject(new Error(`render worker stopped: ${err.message}`));
      if (!this.closed) this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
