import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/model/hash.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');
export const SEED = join(ROOT, 'data', 'nmg-social-security-2021.yaml');
export const ID = 'nmg-social-security-2021';
export const HOOK = join(ROOT, 'test', 'build', 'heavy-hook.mjs');

/** A small but representative slice of the seed: every chart format, one card preset, one PDF kind. */
export const SUBSET = ['--only', 'charts,cards', '--lang', 'en', '--preset', 'square', '--no-gallery'];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json?: {
    exitCode: number;
    datasets: {
      file: string;
      dataset?: string;
      written: number;
      unchanged: number;
      stale: string[];
      failed: unknown[];
      error?: string;
    }[];
  };
}

/** Run the compiled CLI (npm test compiles first) as CI would: CI=true, no colors. */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; node?: string[] } = {}): Run {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const run: Run = { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('--json')) run.json = JSON.parse(r.stdout);
  return run;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `datapress-${prefix}-`));
}

/** A copy of the seed in its own folder (to edit without touching the repository). */
export function seedCopy(): { dir: string; file: string } {
  const dir = tempDir('data');
  const file = join(dir, 'nmg-social-security-2021.yaml');
  cpSync(SEED, file);
  return { dir, file };
}

/** path → sha256 of every file under dir, hidden folders (the stamp cache) left out. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      if (e.startsWith('.')) continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split(sep).join('/')] = sha256(readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** path → mtime of every file under dir. */
export function mtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[relative(dir, p)] = s.mtimeMs;
    }
  };
  walk(dir);
  return out;
}
