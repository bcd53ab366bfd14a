import { createRequire } from 'node:module';
import type { BuildEvent } from '../build.js';
import { lineReporter, type ReportOptions } from './report.js';

export interface Reporter {
  onEvent: (e: BuildEvent) => void;
  stop: () => void;
}

/** Whether to draw a bar: an interactive terminal, not CI, not --json or --quiet, not TERM=dumb. */
export function wantsBar(opts: ReportOptions, stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !isCI() && !opts.json && !opts.quiet && process.env.TERM !== 'dumb';
}

export function isCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * A bar with counts and ETA on an interactive terminal (cli-progress, loaded only then);
 * one plain line per output on CI (CI=true), in pipes and logs. Colors follow report.ts (NO_COLOR).
 */
export function progressReporter(opts: ReportOptions): Reporter {
  const lines = lineReporter(opts);
  if (!wantsBar(opts)) return { onEvent: lines, stop: () => {} };
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar({
    format:
      ' {bar} {percentage}% | {value}/{total} outputs | {written} written, {failed} failed | ETA {eta_formatted} | {item}',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
    fps: 10,
    barCompleteChar: '█',
    barIncompleteChar: '░',
  });
  let total = 0;
  let done = 0;
  let written = 0;
  let failed = 0;
  let started = false;
  return {
    onEvent(e) {
      if (e.type === 'plan') {
        total += e.stale;
        if (!started && total) {
          bar.start(total, done, { item: '', written, failed });
          started = true;
        } else if (started) bar.setTotal(total);
      } else if (e.type === 'output' && started) {
        if (e.status === 'written') written++;
        if (e.status === 'failed') failed++;
        bar.update(++done, { item: `${e.dataset}/${e.path}`, written, failed });
        if (e.status === 'failed') {
          bar.stop();
          lines(e);
          bar.start(total, done, { item: '', written, failed });
        }
      } else if (e.type !== 'output') {
        if (started) bar.stop();
        lines(e);
        if (started) bar.start(total, done, { item: '', written, failed });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
