import type { BuildEvent, BuildResult } from '../build.js';

export interface ReportOptions {
  json: boolean;
  quiet: boolean;
}

const useColor = () => process.stderr.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code: number, s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
export const red = (s: string) => paint(31, s);
export const yellow = (s: string) => paint(33, s);
export const green = (s: string) => paint(32, s);

/** Progress: one plain line per output (a bar on a TTY is drawn by progress.ts). */
export function lineReporter(opts: ReportOptions): (e: BuildEvent) => void {
  return (e) => {
    if (opts.json) return;
    if (e.type === 'warning') return void process.stderr.write(`${yellow('warning')} ${e.dataset}: ${e.message}\n`);
    if (e.type === 'dataset-failed') return void process.stderr.write(`${red('error')} ${e.error.message}\n`);
    if (opts.quiet) return;
    if (e.type === 'plan') process.stderr.write(`${e.dataset}: ${e.total} outputs, ${e.stale} to render\n`);
    if (e.type === 'output') {
      const status = e.status === 'failed' ? red('failed') : e.status === 'stale' ? yellow('stale') : green(e.status);
      process.stderr.write(
        `  ${status} ${e.dataset}/${e.path}${e.ms ? ` (${Math.round(e.ms)} ms)` : ''}${e.error ? `: ${e.error}` : ''}\n`,
      );
    }
  };
}

export function summarize(result: BuildResult, opts: ReportOptions & { check: boolean }): void {
  if (opts.json) {
    const out = {
      exitCode: result.exitCode,
      datasets: result.datasets.map((d) => ({
        file: d.file,
        dataset: d.dataset,
        written: d.written.length,
        unchanged: d.unchanged.length,
        stale: d.stale,
        extra: d.extra,
        failed: d.failed,
        warnings: d.warnings,
        error: d.error?.message,
      })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  if (opts.quiet && result.exitCode === 0) return;
  for (const d of result.datasets) {
    const name = d.dataset ?? d.file;
    if (d.error) {
      process.stderr.write(`${red('✗')} ${name}: failed\n`);
    } else if (opts.check) {
      const bad = [...d.stale.map((p) => `stale or missing: ${p}`), ...d.extra.map((p) => `no longer built: ${p}`)];
      process.stderr.write(
        bad.length
          ? `${red('✗')} ${name}: ${bad.length} out of date\n${bad.map((b) => `  ${b}\n`).join('')}`
          : `${green('✓')} ${name}: up to date\n`,
      );
    } else {
      process.stderr.write(
        `${green('✓')} ${name}: ${d.written.length} written, ${d.unchanged.length} unchanged${d.warnings.length ? `, ${d.warnings.length} warnings` : ''} → ${d.outDir}\n`,
      );
    }
  }
}
