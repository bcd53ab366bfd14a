/**
 * The JIT's patience for a build: imported first by the command (cli.ts), never by the library.
 *
 * V8 optimizes a function with TurboFan once it has run for an "interrupt budget" of bytecode
 * (67,584 by default in Node 20), on background threads. A cold build runs a great deal of code
 * a few times each (vega, vega-lite, pdfkit, fontkit, yoga's glue, the module loader's CJS
 * lexer) in two isolates (this thread and the paint worker), and measured ~4 CPU-s of TurboFan
 * compiles on 2 cores, ~1,100 of them, many for code that finished before the optimized version
 * was ready, or that was thrown away again (deoptimized) and compiled a second time. With eight
 * times the budget only code that keeps running is optimized: the background threads' CPU time
 * of a cold build of the sample fell from ~5.8 s to ~3.0 s (with `/proc` per-thread counters),
 * this thread's stayed within noise, the bytes written are the same (it changes when code is
 * optimized, never what it computes).
 *
 * V8 flags are the process's: they also hold for the render worker, which is why this runs
 * before anything starts one. A budget given on the command line (node --interrupt-budget=…, or
 * in NODE_OPTIONS) is left alone, and DATAPRESS_JIT=default keeps V8's own.
 */
import { setFlagsFromString } from 'node:v8';

export const BUILD_INTERRUPT_BUDGET = 8 * 67_584;

const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((f) =>
  /^--interrupt[-_]budget(=|$)/.test(f),
);
if (!given && process.env.DATAPRESS_JIT !== 'default')
  setFlagsFromString(`--interrupt-budget=${BUILD_INTERRUPT_BUDGET}`);
