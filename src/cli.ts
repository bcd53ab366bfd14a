#!/usr/bin/env node
/** The `datapress` command: a thin commander wrapper over the library (src/index.ts). */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { build, type BuildResult } from './build.js';
import { progressReporter } from './cli/progress.js';
import { red, summarize } from './cli/report.js';
import { EXIT, exitCodeOf, formatProblem } from './errors.js';
import { msg } from './messages.js';
import { PAGE_NAMES } from './render/pdf/pages.js';
import { ONLY_NAMES } from './render/registry.js';
import { pngSize } from './write/imagesize.js';
import { parseShard } from './write/shard.js';
import { exitCleanlyOnSignals } from './write/atomic.js';
import { VERSION } from './version.js';
import type { OutputKind } from './write/job.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};
const bleedMm = (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 20)
    throw new InvalidArgumentError('--bleed must be a number of millimetres from 0 to 20');
  return n;
};
const number = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};

function onlyKinds(v: string): OutputKind[] {
  return list(v).map((name) => {
    const kind = ONLY_NAMES[name];
    if (!kind) throw new InvalidArgumentError(msg.unknownKind(name, Object.keys(ONLY_NAMES)));
    return kind;
  });
}

/** After a build: the zip per dataset (--zip) and the gallery (output/index.html). Failures here are warnings. */
async function afterBuild(result: BuildResult, o: { out: string; zip: boolean; gallery: boolean; quiet: boolean }) {
  for (const d of result.datasets) {
    if (!o.zip || !d.outDir || d.error) continue;
    const { zipDataset } = await import('./write/package.js');
    const file = await zipDataset(d.outDir);
    if (file && !o.quiet) process.stderr.write(`wrote ${file}\n`);
  }
  if (!o.gallery || !result.datasets.some((d) => d.outDir)) return; // nothing built (e.g. invalid input): write nothing
  try {
    const { writeGallery } = await import('./preview/gallery.js');
    const file = await writeGallery(resolve(o.out));
    if (!o.quiet) process.stderr.write(`gallery: ${file}\n`);
  } catch (e) {
    process.stderr.write(`${red('warning')} gallery not written: ${(e as Error).message}\n`);
  }
}

export function program(): Command {
  const cmd = new Command('datapress')
    .description('Turn a statistical dataset into a print-ready PDF, bilingual posters, social cards and charts.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  cmd.configureOutput({ outputError: (s, write) => write(red(s)) });

  cmd
    .command('build')
    .description('build every output of the datasets into --out/<id>/ (default: data/*.yaml → output/)')
    .argument('[inputs...]', 'data files, folders or globs', [])
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--only <kinds>', 'only these outputs: pdf,posters,cards,charts', onlyKinds)
    .option('--lang <langs>', 'languages in order, e.g. zh, en, zh,en or en,zh', list)
    .option('--theme <name>', "theme from templates/themes (default: the dataset's)")
    .option('--preset <names>', 'only these poster/card presets, e.g. square,story,a2', list)
    .option('--name <pattern>', 'card file names: {id} {highlight} {n} {preset} {lang}')
    .addOption(new Option('--format <format>', 'card image format').choices(['png', 'jpeg', 'webp', 'avif']))
    .addOption(new Option('--page <size>', 'report page size (default: a4)').choices(PAGE_NAMES))
    .option('--bleed <mm>', 'print bleed of the report in mm, 0 to 20 (default: 3)', bleedMm)
    .option('--strict', 'text that does not fit is an error, not a warning')
    .option('--force', 'ignore the cache and render everything')
    .option('--check', 'write nothing; exit 1 listing outputs that are stale or missing')
    .option('--verify', 'rehash every output against the manifest (do not trust size and mtime)')
    .option('--wait', 'wait for another build into the same --out to finish (default: exit 1)')
    .option('--concurrency <n>', 'outputs rendered at once (default: cores)', int('--concurrency'))
    .option('--shard <k/n>', 'build part k of n (CI matrix)')
    .option('--fail-fast', 'stop at the first failing dataset')
    .option('--zip', 'also write <out>/<id>.zip with every file and the manifest')
    .option('--no-gallery', 'do not write <out>/index.html')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('-q, --quiet', 'print only warnings and errors')
    .action(async (inputs: string[], o) => {
      const report = { json: Boolean(o.json), quiet: Boolean(o.quiet) };
      const progress = progressReporter(report);
      const release = exitCleanlyOnSignals((line) => {
        progress.stop();
        process.stderr.write(`${line}\n`);
      });
      // one build per output folder, held through the zip and the gallery
      const { lockOutput, describeHolder } = await import('./batch/lock.js');
      const lock = await lockOutput(o.out, {
        wait: Boolean(o.wait),
        check: Boolean(o.check),
        onWait: (h, file) => {
          if (!report.quiet) process.stderr.write(`waiting for ${describeHolder(h)} to finish (${file})\n`);
        },
      });
      try {
        const result = await build({
          inputs,
          out: o.out,
          only: o.only,
          langs: o.lang,
          theme: o.theme,
          presets: o.preset,
          name: o.name,
          format: o.format,
          page: o.page,
          bleedMm: o.bleed,
          strict: o.strict,
          force: o.force,
          check: o.check,
          verify: o.verify,
          concurrency: o.concurrency,
          shard: o.shard ? parseShard(o.shard) : undefined,
          failFast: o.failFast,
          onEvent: progress.onEvent,
          lock,
        });
        release();
        progress.stop();
        if (!o.check)
          await afterBuild(result, {
            out: o.out,
            zip: Boolean(o.zip),
            gallery: o.gallery !== false,
            quiet: report.quiet || report.json,
          });
        summarize(result, { ...report, check: Boolean(o.check) });
        process.exitCode = result.exitCode;
      } finally {
        lock.release();
      }
    });

  cmd
    .command('watch')
    .description(
      'build, then rebuild what changed whenever data, templates or themes change; a bad edit keeps the last good outputs',
    )
    .argument('[inputs...]', 'data files, folders or globs', [])
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--only <kinds>', 'only these outputs: pdf,posters,cards,charts')
    .option('--lang <langs>', 'languages in order')
    .option('--theme <name>', 'theme from templates/themes')
    .option('--preset <names>', 'only these poster/card presets')
    .option('--strict', 'text that does not fit is an error')
    .option('--concurrency <n>', 'outputs rendered at once (default: cores)', int('--concurrency'))
    .option('-q, --quiet', 'print only warnings and errors')
    .action(async (inputs: string[], o) => {
      if (o.only) onlyKinds(o.only); // fail now, not on every rebuild
      const { watchBuild } = await import('./watch.js');
      const args = ['--out', o.out, '--no-gallery'];
      for (const [flag, v] of [
        ['--only', o.only],
        ['--lang', o.lang],
        ['--theme', o.theme],
        ['--preset', o.preset],
      ] as const)
        if (v) args.push(flag, v);
      if (o.strict) args.push('--strict');
      if (o.concurrency) args.push('--concurrency', String(o.concurrency));
      if (o.quiet) args.push('--quiet');
      const w = watchBuild({ inputs, buildArgs: args, out: o.out });
      // Ctrl-C ends a watch as it ends a build: 130 (SIGINT) or 143 (SIGTERM), after the running build
      const code = await new Promise<number>((done) => {
        const stop = (code: number) => () => void w.close().then(() => done(code));
        process.once('SIGINT', stop(130));
        process.once('SIGTERM', stop(143));
        process.once('SIGHUP', stop(129));
      });
      process.exitCode = code;
    });

  cmd
    .command('join')
    .description(
      'merge the output folders of `build --shard k/n` runs into one, manifests joined (byte for byte a full build)',
    )
    .argument('<shards...>', 'output folders of the shard builds')
    .requiredOption('-o, --out <dir>', 'folder to write the joined outputs to (may be one of the shards)')
    .option('--json', 'print a machine-readable summary on stdout')
    .action(async (shards: string[], o) => {
      const { joinShards } = await import('./batch/join.js');
      const r = joinShards(shards, o.out);
      if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else
        for (const d of r.datasets)
          process.stderr.write(
            `${d.dataset}: ${d.files} outputs from ${d.shards} shards → ${resolve(o.out, d.dataset)}\n`,
          );
    });

  cmd
    .command('preview')
    .description('write <out>/index.html: a gallery of every output that opens from disk')
    .option('-o, --out <dir>', 'output folder', 'output')
    .action(async (o) => {
      const { writeGallery } = await import('./preview/gallery.js');
      (await import('./batch/lock.js')).checkOutFolder(o.out); // not a file, the root or the home folder
      process.stderr.write(`wrote ${await writeGallery(resolve(o.out))}\n`);
    });

  cmd
    .command('init')
    .description('scaffold a new dataset, valid as written, with a comment on every field')
    .argument('<dir>', 'folder to write <id>.yaml into')
    .option('--id <id>', 'dataset id (default my-article)')
    .option('--force', 'overwrite an existing file')
    .action(async (dir: string, o) => {
      const { initDataset } = await import('./init/scaffold.js');
      for (const f of initDataset(dir, { id: o.id, force: o.force })) process.stderr.write(`wrote ${f}\n`);
    });

  cmd
    .command('validate')
    .description('check data files against the dataset format; exit 2 listing every problem')
    .argument('<files...>', 'data files, folders or globs')
    .option('--lang <langs>', 'also require text in these languages', list)
    .action(async (files: string[], o) => {
      const { validateFiles } = await import('./validate-command.js'); // zod and the fonts: only when validating
      let bad = 0;
      for (const r of validateFiles(files, { langs: o.lang })) {
        for (const p of r.problems) process.stdout.write(`${formatProblem(p)}\n`);
        if (r.problems.length) bad++;
        else process.stderr.write(`${r.file}: valid\n`);
      }
      process.exitCode = bad ? EXIT.invalid : EXIT.ok;
    });

  cmd
    .command('chart')
    .description('render any Vega or Vega-Lite spec to SVG, PNG or PDF, offline, with npm fonts')
    .argument('<spec>', 'a .vl.json (Vega-Lite) or .vg.json (Vega) file')
    .requiredOption('-o, --out <file>', 'output file: .svg, .png or .pdf')
    .option('--scale <n>', 'pixel scale for PNG (default 1)', number('--scale'))
    .option('--ppi <n>', 'PNG resolution in pixels per inch', number('--ppi'))
    .option('--locale <locale>', 'number and date formats: zh-CN or en-US')
    .option('--theme <name>', 'chart theme (a templates/themes name)')
    .option('--font <family>', 'font family for all text, e.g. "Noto Sans SC" or "DejaVu Sans"')
    .option('--base <dir>', "folder relative data URLs resolve against (default: the spec's folder)")
    .option('--seed <n>', 'random seed for reproducible layouts', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError('--seed must be an integer');
      return n;
    })
    .option(
      '--tz <zone>',
      "time zone dates are read and shown in, e.g. Asia/Shanghai or UTC (default: the machine's zone)",
      (v) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: v });
        } catch {
          throw new InvalidArgumentError(`--tz must be an IANA time zone such as Asia/Shanghai or UTC, got ${v}`);
        }
        return v;
      },
    )
    .action(async (spec: string, o) => {
      const { convertChart } = await import('./charts/convert.js');
      const r = await convertChart(spec, o.out, {
        scale: o.scale,
        ppi: o.ppi,
        locale: o.locale,
        theme: o.theme,
        font: o.font,
        base: o.base,
        seed: o.seed,
        timeZone: o.tz,
      });
      const px = pngSize(r.bytes);
      process.stderr.write(`wrote ${o.out} (${px ? `${px.width}x${px.height} px` : `${r.width}x${r.height}`})\n`);
    });

  return cmd;
}

export async function main(argv = process.argv): Promise<number> {
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      return EXIT.ok;
    if (err.code?.startsWith('commander.')) return EXIT.invalid;
    process.stderr.write(`${red('error')} ${err.message}\n`);
    if (process.env.DATAPRESS_DEBUG) process.stderr.write(`${err.stack}\n`);
    return exitCodeOf(err);
  }
}

function invokedDirectly(): boolean {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  // fire and forget: main() turns every error into the exit code, so this promise cannot reject
  void main().then((code) => {
    process.exitCode = code;
  });
}
