/**
 * `node --import` hook for the bench's builds (run.ts): peak RSS and, on Linux, CPU time by
 * thread, written to the file named by DP_RSS when the process exits.
 *
 * On a shared 2-core machine wall times swing by ±30% with the neighbours' load; CPU seconds
 * by thread say where the time goes and compare across runs: this thread (plan, lay out, PDFs,
 * charts), the render workers (paint), V8's background threads (optimizing compiles, GC
 * helpers) with libuv's pool, and libvips (encoding). Threads are read from /proc/self/task
 * every 50 ms (a worker is gone once terminated, so its last reading counts); each worker
 * names its own thread id in a file beside DP_RSS. Elsewhere only peak RSS is written.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

export interface ThreadCpu {
  /** seconds of user + system CPU */
  main: number;
  workers: number;
  /** V8's platform threads (TurboFan, GC helpers) and libuv's pool */
  background: number;
  libvips: number;
  /** the whole process (getrusage) */
  process: number;
}

const out = process.env.DP_RSS;
const TICK = Number(process.env.DP_CLK_TCK) || 100;

/** This thread's kernel id (Linux). */
function ownTid(): string | undefined {
  try {
    return readlinkSync('/proc/thread-self').split('/').pop();
  } catch {
    return undefined;
  }
}

if (out && !isMainThread) {
  const tid = ownTid();
  if (tid) writeFileSync(`${out}.worker.${tid}`, '');
} else if (out) {
  const seen = new Map<string, { comm: string; cpu: number }>();
  const linux = existsSync('/proc/self/task');
  const sample = () => {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        seen.set(tid, { comm, cpu: (Number(f[11]) + Number(f[12])) / TICK });
      } catch {
        /* the thread ended between the listing and the read */
      }
    }
  };
  if (linux) setInterval(sample, 50).unref();
  process.on('exit', () => {
    const ru = process.resourceUsage();
    const result: { maxRSS: number; cpu?: ThreadCpu } = { maxRSS: ru.maxRSS };
    if (linux) {
      sample();
      const dir = out.slice(0, out.lastIndexOf('/'));
      const base = out.slice(out.lastIndexOf('/') + 1);
      const workers = new Set(
        readdirSync(dir)
          .filter((f) => f.startsWith(`${base}.worker.`))
          .map((f) => f.slice(`${base}.worker.`.length)),
      );
      const cpu: ThreadCpu = {
        main: 0,
        workers: 0,
        background: 0,
        libvips: 0,
        process: (ru.userCPUTime + ru.systemCPUTime) / 1e6,
      };
      for (const [tid, t] of seen) {
        if (Number(tid) === process.pid) cpu.main += t.cpu;
        else if (workers.has(tid)) cpu.workers += t.cpu;
        else if (t.comm.startsWith('libvips')) cpu.libvips += t.cpu;
        else cpu.background += t.cpu;
      }
      result.cpu = cpu;
    }
    writeFileSync(out, JSON.stringify(result));
  });
}
