/**
 * Through the compiled CLI: every class of bad data exits 2 with `file:line:col path: expected
 * X, found Y` and no stack trace, before anything is rendered (the output folder is not created).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations, seedData, serialize, type Json } from '../validate/gen.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');
const SEED = path.join(ROOT, 'data/nmg-social-security-2021.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-cli-'));
const LINE = /^(.+):(\d+):(\d+) (\S+): expected (.+), found (.+)$/;
const STACK = /^\s+at .+[(:]\d+/m;

let generated = 0;
afterAll(() => console.log(`[cli] generated cases: ${generated}`));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATAPRESS_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The seed with one edit, written to <tmp>/<name>.yaml (the data file's folder holds photos/ for the image case). */
function variant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void, raw?: string | Buffer): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.yaml`);
  if (raw !== undefined) writeFileSync(file, raw);
  else {
    const doc = parseDocument(require_seed());
    edit(doc);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
  return file;
}
const require_seed = () => readFileSync(SEED, 'utf8');

/** class → [file, path expected in the message] */
const CASES: [string, () => string, RegExp][] = [
  ['malformed YAML', () => variant('yaml', () => {}, 'format: datapress/1\nid: [unclosed\nlangs: [zh\n'), /\(root\)/],
  ['malformed JSON', () => variant('json', () => {}, '{"format": "datapress/1", "id": "x",'), /\(root\)/],
  [
    'not UTF-8',
    () => variant('latin1', () => {}, Buffer.from('format: datapress/1\nid: caf\xe9\n', 'latin1')),
    /\(root\)/,
  ],
  ['missing required field', () => variant('missing', (d) => d.deleteIn(['meta', 'title'])), /^meta\.title$/],
  [
    'wrong type',
    () => variant('type', (d) => d.setIn(['highlights', 1, 'number'], 'two')),
    /^highlights\[1\]\.number$/,
  ],
  [
    'number with commas and a unit',
    () => variant('commas', (d) => d.setIn(['highlights', 0, 'facts', 0, 'metrics', 1, 'value'], '1,570.6万')),
    /\.value$/,
  ],
  ['NaN', () => variant('nan', () => {}, require_seed().replace('value: 12280000', 'value: .nan')), /\.value$/],
  ['Infinity', () => variant('inf', () => {}, require_seed().replace('value: 12280000', 'value: -.inf')), /\.value$/],
  [
    'negative where impossible',
    () => variant('negative', (d) => d.setIn(['highlights', 5, 'facts', 0, 'metrics', 1, 'value'], -33500)),
    /\.value$/,
  ],
  [
    'unknown unit',
    () => variant('unit', (d) => d.setIn(['indicators', 'pension.insured', 'unit'], 'persons')),
    /\.unit$/,
  ],
  ['duplicate ids', () => variant('dup', (d) => d.setIn(['highlights', 1, 'id'], 'pension')), /^highlights\[1\]\.id$/],
  [
    'prose names an unknown metric',
    () =>
      variant('prose', (d) =>
        d.setIn(['highlights', 0, 'facts', 0, 'text', 'en'], 'Grew to {{v "pension.insurd" 2020}}.'),
      ),
    /text\.en$/,
  ],
  [
    'prose {{constructor}}',
    () => variant('ctor', (d) => d.setIn(['meta', 'intro', 'en'], '{{constructor}}')),
    /^meta\.intro\.en$/,
  ],
  [
    'unknown chart template',
    () => variant('chart', (d) => d.setIn(['highlights', 3, 'chart', 'template'], 'pie-of-doom')),
    /chart\.template$/,
  ],
  [
    'requested language without text',
    () => variant('lang', (d) => d.deleteIn(['highlights', 2, 'title', 'en'])),
    /title\.en$/,
  ],
  [
    'image path that does not exist',
    () => variant('image', (d) => d.setIn(['photos', 0, 'image'], 'photos/missing.jpg')),
    /^photos\[0\]\.image$/,
  ],
  [
    'image that is not an image',
    () => {
      const f = variant('notimage', (d) => d.setIn(['photos', 0, 'image'], 'photo.png'));
      writeFileSync(path.join(path.dirname(f), 'photo.png'), 'not a png');
      return f;
    },
    /^photos\[0\]\.image$/,
  ],
  [
    'image over the pixel cap',
    () => {
      const f = variant('bigimage', (d) => d.setIn(['photos', 0, 'image'], 'huge.png'));
      const png = Buffer.alloc(33);
      png.writeUInt32BE(0x89504e47, 0);
      png.writeUInt32BE(0x0d0a1a0a, 4);
      png.writeUInt32BE(13, 8);
      png.write('IHDR', 12, 'latin1');
      png.writeUInt32BE(20000, 16);
      png.writeUInt32BE(20000, 20);
      png[24] = 8;
      png[25] = 6;
      writeFileSync(path.join(path.dirname(f), 'huge.png'), png);
      return f;
    },
    /^photos\[0\]\.image$/,
  ],
  ['unsafe id (path traversal)', () => variant('traversal', (d) => d.set('id', '../../etc')), /^id$/],
  ['reserved / upper-case id', () => variant('reserved', (d) => d.set('id', 'CON')), /^id$/],
  ['over-long id', () => variant('long', (d) => d.set('id', 'a'.repeat(200))), /^id$/],
  [
    'emoji outside the fonts',
    () => variant('emoji', (d) => d.setIn(['meta', 'title', 'en'], 'Security 😀')),
    /^meta\.title\.en$/,
  ],
  [
    'astral-plane CJK outside the fonts',
    () => variant('astral', (d) => d.setIn(['highlights', 0, 'title', 'zh'], '养老𠀀保险')),
    /^highlights\[0\]\.title\.zh$/,
  ],
  [
    'bidi override',
    () => variant('bidi', (d) => d.setIn(['meta', 'title', 'en'], 'Safe\u202Etxt.exe')),
    /^meta\.title\.en$/,
  ],
  [
    'control character',
    () => variant('control', (d) => d.setIn(['meta', 'title', 'en'], 'bell\u0007')),
    /^meta\.title\.en$/,
  ],
  [
    'over-long text',
    () => variant('toolong', (d) => d.setIn(['meta', 'title', 'en'], 'x'.repeat(500))),
    /^meta\.title\.en$/,
  ],
  [
    'too many highlights',
    () =>
      variant('many', (d) => {
        const hs = d.getIn(['highlights']) as { items: unknown[] };
        while (hs.items.length <= 12) hs.items.push(hs.items[0]);
      }),
    /^highlights$/,
  ],
  ['unknown theme', () => variant('theme', (d) => d.set('theme', 'glossy')), /^theme$/],
  [
    'unknown field',
    () => variant('typo', (d) => d.setIn(['highlights', 0, 'titel'], { zh: 'x', en: 'y' })),
    /^highlights\[0\]\.titel$/,
  ],
  [
    'alias bomb',
    () =>
      variant(
        'bomb',
        () => {},
        'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      ),
    /\(root\)/,
  ],
];

describe('CLI: every class of bad data exits 2 with file:line:col, path, expected and found', () => {
  // one `datapress validate` over every case file (one process: node start-up is the slow part)
  let all: { code: number | null; stdout: string; stderr: string };
  const files = new Map<string, string>();
  beforeAll(() => {
    for (const [name, make] of CASES) files.set(name, make());
    all = cli('validate', ...files.values());
  });

  it('exit code 2, one line per problem, no stack trace', () => {
    expect(all.code, all.stderr).toBe(2);
    for (const l of all.stdout.trim().split('\n')) expect(l, l).toMatch(LINE);
    expect(all.stderr).not.toMatch(/: valid$/m);
    expect(all.stderr).not.toMatch(STACK);
  });

  for (const [name, , pathRe] of CASES) {
    it(name, () => {
      const shown = path.relative(tmp, files.get(name)!);
      const lines = all.stdout
        .trim()
        .split('\n')
        .filter((l) => LINE.exec(l)?.[1] === shown);
      expect(lines.length, all.stdout).toBeGreaterThan(0);
      expect(
        lines.some((l) => pathRe.test(LINE.exec(l)![4]!)),
        lines.join('\n'),
      ).toBe(true);
    });
  }

  it('build refuses the same inputs with exit 2 before rendering anything', () => {
    for (const name of ['commas', 'emoji', 'traversal', 'image']) {
      const file = path.join(tmp, name, `${name}.yaml`);
      const out = path.join(tmp, `out-${name}`);
      const b = cli('build', file, '--out', out, '--only', 'cards');
      expect(b.code, b.stderr).toBe(2);
      expect(b.stderr).toMatch(/:\d+:\d+ \S+: expected .+, found .+/);
      expect(b.stderr).not.toMatch(STACK);
      expect(existsSync(out), `${name}: nothing written`).toBe(false);
    }
  });

  it('usage errors exit 2 without a stack trace', () => {
    for (const args of [
      ['build', 'nope.yaml', '--out', 'o'],
      ['build', SEED, '--only', 'gifs'],
      ['build', SEED, '--concurrency', '0'],
      ['frobnicate'],
      ['validate'],
    ]) {
      const r = cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).not.toMatch(STACK);
    }
    expect(existsSync(path.join(tmp, 'o'))).toBe(false);
  });

  it('8 random mutated datasets through `validate`: exit 0 or 2, never a stack trace', () => {
    const seed = seedData();
    fc.assert(
      fc.property(mutations, (ms) => {
        generated++;
        const d = structuredClone(seed) as Json;
        for (const m of ms) m.apply(d);
        const file = path.join(tmp, `random-${generated}.yaml`);
        writeFileSync(file, serialize(d, false));
        const r = cli('validate', file);
        expect([0, 2], r.stderr + r.stdout).toContain(r.code);
        if (r.code === 2) for (const l of r.stdout.trim().split('\n')) expect(l).toMatch(LINE);
        expect(r.stderr + r.stdout).not.toMatch(STACK);
      }),
      { numRuns: 8, seed: 21 },
    );
  });
});
