/**
 * `datapress watch`: build once, then rebuild whenever a data file, template or theme changes.
 *
 * Each rebuild runs `datapress build` in a fresh child process with the same options: caches
 * (templates, fonts, compiled layouts) can never be stale, a crash cannot take the watcher
 * down, and the incremental build re-renders only what the change touched. A bad edit fails
 * before anything is written, so the last good outputs stay; the error is printed and the
 * watcher keeps going.
 *
 * With `out`, the watcher holds the output folder's lock (src/batch/lock.ts) for as long as it
 * runs, so no other build writes there meanwhile, and hands it to each build it starts.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watch as chokidar } from 'chokidar';
import { DatapressError } from './errors.js';
import { resolveInputs } from './inputs.js';
import { checkOutFolder, heldMessage, LOCK_ENV, type OutputLock, tryLockOutput } from './batch/lock.js';
import { packageRoot } from './version.js';

export interface WatchOptions {
  inputs: string[];
  /** arguments passed on to every `datapress build` (options, not inputs) */
  buildArgs: string[];
  /** the output folder: locked while watching (another build into it stops with exit 1) */
  out?: string;
  cwd?: string;
  root?: string;
  /** quiet period after the last change before rebuilding (ms) */
  debounce?: number;
  /** called after each build with its exit code */
  onBuild?: (code: number, changed: string[]) => void;
  log?: (line: string) => void;
}

export interface Watcher {
  /** resolves once the first build has finished */
  ready: Promise<number>;
  close(): Promise<void>;
}

function cliScript(): string {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), 'cli.js');
  return here.endsWith('.js') && existsSync(beside) ? beside : join(packageRoot(), 'dist', 'src', 'cli.js');
}

const DATA = /\.(ya?ml|json)$/i;

export function watchBuild(opts: WatchOptions): Watcher {
  const cwd = opts.cwd ?? process.cwd();
  const root = opts.root ?? packageRoot();
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const script = cliScript();
  let lock: OutputLock | undefined;
  if (opts.out !== undefined) {
    const out = resolve(cwd, opts.out);
    checkOutFolder(out);
    const r = tryLockOutput(out, 'watch');
    if ('pid' in r) throw new DatapressError(heldMessage(out, r));
    lock = r;
  }

  // what to watch: the inputs' folders (new files matching a glob or folder count too) and templates/
  const patterns = opts.inputs.length ? opts.inputs : ['data/*.yaml'];
  const dirs = new Set<string>([join(root, 'templates')]);
  for (const p of patterns) {
    const abs = resolve(cwd, p);
    if (existsSync(abs) && statSync(abs).isDirectory()) dirs.add(abs);
    else if (existsSync(abs)) dirs.add(dirname(abs));
    else dirs.add(resolve(cwd, p.split(/[*?[{]/)[0]).replace(/[^/\\]*$/, '') || cwd);
  }
  for (const f of safeInputs(patterns, cwd)) dirs.add(dirname(f));

  let running: Promise<number> | undefined;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const run = (changed: string[]): Promise<number> =>
    new Promise((done) => {
      if (changed.length) log(`changed: ${changed.join(', ')}; rebuilding`);
      const child = spawn(process.execPath, [script, 'build', ...opts.inputs, ...opts.buildArgs], {
        cwd,
        stdio: ['ignore', 'inherit', 'inherit'],
        // the build runs under this watcher's lock of the output folder
        env: lock?.token ? { ...process.env, [LOCK_ENV]: lock.token } : process.env,
      });
      child.on('exit', (code) => {
        const c = code ?? 1;
        log(
          c === 0
            ? 'watching for changes (Ctrl-C to stop)'
            : `build failed (exit ${c}); last good outputs kept; watching for changes`,
        );
        opts.onBuild?.(c, changed);
        done(c);
      });
      child.on('error', (e) => {
        log(`cannot start the build: ${e.message}`);
        done(1);
      });
    });

  const kick = () => {
    if (closed || running || !pending.size) return;
    const changed = [...pending].sort();
    pending = new Set();
    running = run(changed).finally(() => {
      running = undefined;
      kick(); // changes that arrived during the build
    });
  };

  const watcher = chokidar([...dirs], {
    ignoreInitial: true,
    depth: 8,
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
    ignored: (p: string) => basename(p).startsWith('.') || basename(p) === 'node_modules',
  });
  const onChange = (p: string) => {
    const inTemplates = p.startsWith(join(root, 'templates'));
    if (!inTemplates && !DATA.test(p)) return;
    if (!inTemplates && !safeInputs(patterns, cwd).includes(resolve(p)) && existsSync(p)) return;
    pending.add(p.startsWith(cwd) ? p.slice(cwd.length + 1) : p);
    clearTimeout(timer);
    timer = setTimeout(kick, opts.debounce ?? 150);
  };
  watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
  watcher.on('error', (e) => log(`watch error: ${(e as Error).message}`));

  const ready = new Promise<number>((r) => watcher.once('ready', () => r(undefined as never))).then(() => {
    running = run([]).finally(() => {
      running = undefined;
      kick();
    });
    return running;
  });

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await running;
      lock?.release();
    },
  };
}

function safeInputs(patterns: string[], cwd: string): string[] {
  try {
    return resolveInputs(patterns, cwd);
  } catch {
    return [];
  }
}
