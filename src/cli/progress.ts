import cliProgress from 'cli-progress';
import type { BuildEvent } from '../build.js';
import { lineReporter, type ReportOptions } from './report.js';

/** A bar with counts and ETA on an interactive terminal; plain lines on CI, pipes or NO_COLOR-less dumb terminals. */
export function progressReporter(opts: ReportOptions): { onEvent: (e: BuildEvent) => void; stop: () => void } {
  const interactive = process.stderr.isTTY && !process.env.CI && !opts.json && !opts.quiet;
  const lines = lineReporter(opts);
  if (!interactive) return { onEvent: lines, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} outputs | ETA {eta_formatted} | {item}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let done = 0;
  let started = false;
  return {
    onEvent(e) {
      if (e.type === 'plan') {
        total += e.stale;
        if (!started && total) (bar.start(total, done, { item: '' }), (started = true));
        else bar.setTotal(total);
      } else if (e.type === 'output' && started) {
        bar.update(++done, { item: `${e.dataset}/${e.path}` });
        if (e.status === 'failed') lines(e);
      } else if (e.type !== 'output') {
        lines(e);
      }
    },
    stop: () => started && bar.stop(),
  };
}
