import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { initDataset, schemaRef, scaffoldText } from '../../src/init/scaffold.js';
import { validateFiles } from '../../src/validate-command.js';
import type { DatasetInput } from '../../src/validate/schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'datapress-init-'));
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\n/;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('datapress init', () => {
  it('writes <dir>/my-article.yaml, valid as written', () => {
    const dir = join(tmp, 'new', 'data');
    const files = initDataset(dir);
    expect(files).toEqual([join(dir, 'my-article.yaml')]);
    expect(validateFiles(files)).toEqual([{ file: files[0], problems: [] }]);
  });

  it('sets the id given, and that file validates too', () => {
    const [file] = initDataset(tmp, { id: 'city-libraries-2024' });
    expect(file).toBe(join(tmp, 'city-libraries-2024.yaml'));
    expect(readFileSync(file, 'utf8')).toMatch(/^id: city-libraries-2024 /m);
    expect(validateFiles([file])[0].problems).toEqual([]);
  });

  it('refuses to overwrite without force, overwrites with it', () => {
    const [file] = initDataset(join(tmp, 'again'));
    writeFileSync(file, 'my edits\n');
    expect(() => initDataset(join(tmp, 'again'))).toThrow(/already exists; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('my edits\n');
    initDataset(join(tmp, 'again'), { force: true });
    expect(validateFiles([file])[0].problems).toEqual([]);
  });

  it('refuses an id that is not a slug (it becomes a file name)', () => {
    for (const id of ['../evil', 'My Article', '-x', 'a/b', '']) expect(() => initDataset(tmp, { id })).toThrow(/slug/);
  });

  it('first line: the JSON Schema for editors, relative to the written file, and it exists', () => {
    const [file] = initDataset(join(tmp, 'schema', 'deep', 'data'));
    const m = SCHEMA_LINE.exec(readFileSync(file!, 'utf8'));
    expect(m, 'a yaml-language-server line first').not.toBeNull();
    expect(m![1]).not.toMatch(/^\/|\\/); // relative, forward slashes
    expect(resolve(dirname(file!), m![1]!)).toBe(join(ROOT, 'schema', 'dataset.schema.json'));
    expect(existsSync(resolve(dirname(file!), m![1]!))).toBe(true);
    // the template's own line points at the repository's schema from templates/init/
    const own = SCHEMA_LINE.exec(readFileSync(join(ROOT, 'templates', 'init', 'dataset.yaml'), 'utf8'));
    expect(existsSync(resolve(ROOT, 'templates', 'init', own![1]!))).toBe(true);
  });

  it('in a project that installed datapress, the line points into node_modules', () => {
    const project = join(tmp, 'project');
    const pkg = join(project, 'node_modules', 'datapress');
    mkdirSync(join(pkg, 'schema'), { recursive: true });
    cpSync(join(ROOT, 'templates', 'init'), join(pkg, 'templates', 'init'), { recursive: true });
    cpSync(join(ROOT, 'schema', 'dataset.schema.json'), join(pkg, 'schema', 'dataset.schema.json'));
    const [file] = initDataset(join(project, 'data'), { root: pkg });
    expect(SCHEMA_LINE.exec(readFileSync(file!, 'utf8'))![1]).toBe(
      '../node_modules/datapress/schema/dataset.schema.json',
    );
    expect(schemaRef(join(project, 'a', 'b', 'x.yaml'), pkg)).toBe(
      '../../node_modules/datapress/schema/dataset.schema.json',
    );
    expect(validateFiles([file!])[0]!.problems).toEqual([]);
  });

  it("shows the format's new ideas: a period, a target, a qualifier, a currency, optional parts marked", () => {
    const text = scaffoldText();
    const data = parseDocument(text).toJS() as DatasetInput;
    const obs = data.highlights.flatMap((h) => (h.facts ?? []).flatMap((f) => f.metrics ?? []));
    expect(obs.some((o) => typeof o.period === 'string' && /H\d|Q\d/.test(o.period))).toBe(true);
    expect(obs.some((o) => o.target === 'plan' || o.target === 'goal')).toBe(true);
    expect(obs.some((o) => o.qualifier !== undefined)).toBe(true);
    expect(Object.values(data.indicators ?? {}).some((i) => /^[A-Z]{3}$/.test(i.unit))).toBe(true);
    expect(data.highlights.some((h) => h.headline?.compare === 'target')).toBe(true);
    for (const helper of ['v', 'change', 'vsTarget', 'period', 'target', 'year'])
      expect(text, helper).toContain(`{{${helper} `);
    // every optional top-level or meta part says so
    for (const field of ['theme', 'subtitle', 'kicker', 'intro', 'tagline', 'keywords', 'credits', 'photos'])
      expect(text, field).toMatch(new RegExp(`^\\s*${field}:.*# optional`, 'm'));
  });

  it('`datapress init` then `datapress build` on the file: exit 0, no failed output, every kind written', () => {
    const project = mkdtempSync(join(tmp, 'build-'));
    execFileSync(process.execPath, [CLI, 'init', 'data'], { cwd: project, stdio: 'pipe' });
    const r = spawnSync(process.execPath, [CLI, 'build', 'data/my-article.yaml', '--concurrency', '1'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/failed/);
    const manifest = JSON.parse(readFileSync(join(project, 'output', 'my-article', 'manifest.json'), 'utf8')) as {
      files: { path: string; kind: string; highlight?: string }[];
    };
    const kinds = new Set(manifest.files.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['card', 'chart', 'pdf', 'poster']);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['report.pdf', 'report-print.pdf']));
    for (const h of ['visits', 'reading-rooms']) {
      expect(
        manifest.files.some((f) => f.kind === 'poster' && f.highlight === h),
        h,
      ).toBe(true);
      expect(
        manifest.files.some((f) => f.kind === 'card' && f.highlight === h),
        h,
      ).toBe(true);
    }
  }, 240_000);

  it('has a comment on every field, binds prose to figures, and covers the whole format', () => {
    const text = scaffoldText();
    const doc = parseDocument(text);
    const data = doc.toJS() as DatasetInput;
    expect(Object.keys(data)).toEqual([
      'format',
      'id',
      'langs',
      'theme',
      'meta',
      'indicators',
      'highlights',
      'outlook',
      'photos',
      'photoCredit',
    ]);
    expect(data.highlights.length).toBeGreaterThanOrEqual(1);
    expect(data.highlights.length).toBeLessThanOrEqual(2);
    expect(data.outlook?.targets?.metrics.length).toBeGreaterThan(0);
    expect(data.outlook?.sections?.length).toBeGreaterThan(0);
    expect(data.photos?.length).toBeGreaterThan(0);
    expect(text).toMatch(/\{\{v "[a-z.]+" \d{4}\}\}/);
    // every distinct field name carries a comment the first time it appears (same line or the line above)
    const lines = text.split('\n');
    const commented = new Set<string>();
    const names = new Set<string>();
    lines.forEach((line, i) => {
      const m = /^\s*(?:- )?([A-Za-z][\w]*):(?:\s|$)/.exec(line);
      if (!m || /^\s*#/.test(line) || /^(zh|en)$/.test(m[1])) return;
      names.add(m[1]);
      if (line.includes('#') || /^\s*#/.test(lines[i - 1] ?? '')) commented.add(m[1]);
    });
    // fields written inline ({metric: …, year: …}) are explained by the comment on their line
    for (const line of lines)
      if (line.includes('#')) for (const m of line.matchAll(/[{,]\s*([a-z]\w*):/g)) commented.add(m[1]);
    expect([...names].filter((n) => !commented.has(n))).toEqual([]);
  });
});
