/**
 * The npm package is a package: `npm pack` of a clean copy of the project ships only what users
 * run (dist/, templates/, README, LICENSE), and the tarball installed into an empty project runs
 * `datapress init` (the scaffold validates) and `datapress build` of a real article there, with
 * templates, fonts and chart engines from the installed package and its dependencies.
 *
 * The project is copied first (package.json, lockfile, tsconfig, src/, templates/, scripts/,
 * README, LICENSE; node_modules linked) so that `prepack` (a clean compile) never deletes the dist/ other
 * tests of this run import. The install uses npm's cache (`--prefer-offline`): the packages the
 * project's own `npm ci` fetched are the packages the tarball asks for. Slow (a compile, an
 * install and a full build): not part of `npm run test:fast`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nmg-social-security-2021.yaml';
const COPIED = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'README.md',
  'LICENSE',
  'src',
  'templates',
  'scripts',
];
const npm = (args: string[], cwd: string, timeout = 300_000) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });

interface PackFile {
  path: string;
}

describe('npm pack', () => {
  let tmp: string;
  let tarball: string;
  let packed: string[];

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'dp-pack-'));
    const src = join(tmp, 'src-copy');
    for (const f of COPIED) cpSync(join(ROOT, f), join(src, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
    // prepack compiles; --json lists the files of the tarball it wrote
    const out = npm(['pack', '--json', '--pack-destination', tmp], src);
    const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: PackFile[] }[];
    tarball = join(tmp, info[0]!.filename);
    packed = info[0]!.files.map((f) => f.path);
  }, 600_000);
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('ships dist/, templates/, README and LICENSE, and no sources, tests or CI files', () => {
    expect(existsSync(tarball)).toBe(true);
    const top = [...new Set(packed.map((p) => (p.includes('/') ? `${p.split('/')[0]}/` : p)))].sort();
    expect(top).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json', 'templates/']);
    expect(packed.filter((p) => /^(src|test|\.ci|\.github|data|output)\//.test(p))).toEqual([]);
    expect(packed.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    // the shipped templates compiled ahead (layout/precompile.ts)
    for (const f of [
      'dist/src/cli.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/batch/worker.js',
      'dist/src/layout/templates.precompiled.cjs',
    ])
      expect(packed, f).toContain(f);
    for (const f of ['templates/init/dataset.yaml', 'templates/report/report.hbs', 'templates/preview/gallery.hbs'])
      expect(packed, f).toContain(f);
    // a package that ran scripts on install would ask every user to approve them
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
  });

  it('installs into an empty project, where `datapress init`, `validate` and `build` work', () => {
    const app = join(tmp, 'app');
    cpSync(join(ROOT, 'data', SAMPLE), join(app, 'data', SAMPLE)); // a real article, as a user would bring one
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type: 'module' })}\n`);
    npm(['install', '--prefer-offline', '--no-package-lock', tarball], app, 600_000);
    const bin = join(app, 'node_modules', '.bin', 'datapress');
    expect(existsSync(bin)).toBe(true);
    const run = (args: string[]) => {
      const r = spawnSync(bin, args, { cwd: app, encoding: 'utf8', timeout: 600_000 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const init = run(['init', 'data']);
    expect(init.code, init.err).toBe(0);
    const valid = run(['validate', 'data/my-article.yaml']);
    expect(valid.code, valid.err).toBe(0);
    expect(valid.err).toContain('data/my-article.yaml: valid');
    const built = run(['build', `data/${SAMPLE}`, '--json', '--concurrency', '2']);
    expect(built.code, built.out + built.err).toBe(0);
    const dir = join(app, 'output', SAMPLE.replace(/\.yaml$/, ''));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      files: { path: string; kind: string }[];
    };
    expect([...new Set(manifest.files.map((f) => f.kind))].sort()).toEqual(['card', 'chart', 'pdf', 'poster']);
    for (const f of manifest.files) expect(existsSync(join(dir, f.path)), f.path).toBe(true);
    expect(existsSync(join(app, 'output', 'index.html'))).toBe(true);
  }, 900_000);
});
