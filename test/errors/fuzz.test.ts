/**
 * Fuzz at the front door: random mutations of the sample file (byte flips, deleted fields,
 * swapped types, hostile strings in random fields, extreme numbers, hostile paths), each built
 * by the compiled CLI in its own folder. Every case must end within 60 s in exit 0, 1 or 2,
 * with no uncaught exception in its output, and write nothing outside --out.
 *
 * `npm test` runs a few cases with a fixed seed; `FUZZ_RUNS=500 npx vitest run --config
 * test/vitest.config.ts test/errors/fuzz.test.ts` runs long (all output kinds), `FUZZ_SEED=n`
 * picks another seed. A failing case is kept under the printed folder with its data file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CLI, SEED, tempDir } from '../build/helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const LONG = process.env.FUZZ_RUNS !== undefined;
const SEED_NUMBER = Number(process.env.FUZZ_SEED ?? 20_2021);
const LIMIT_MS = 60_000;

const root = tempDir('fuzz');
const seedText = readFileSync(SEED);
const seedData = parse(seedText.toString('utf8')) as Json;

/** What went wrong in a way this test forbids: an exception that escaped, not a located problem. */
const CRASH =
  /TypeError|ReferenceError|RangeError|SyntaxError: (?!.*(YAML|JSON))|Cannot read propert|is not a function|is not iterable|undefined is not|Maximum call stack|\n\s+at .+\.js:\d+:\d+/;

/**
 * Known validation holes: the data validates, then the build fails. The dataset schema is being
 * rewritten (issue #20 item 5, "valid means it builds"); until then these are expected, listed
 * here by their message, and logged with their input.
 * TODO(#20 item 5): remove each entry once validation refuses its case by name.
 */
const KNOWN_HOLES: [RegExp, string][] = [];

const tally = { cases: 0, exit0: 0, exit1: 0, exit2: 0, knownHoles: 0 };
const holes: string[] = [];
afterAll(() => {
  console.log(`[fuzz] ${JSON.stringify(tally)} seed ${SEED_NUMBER}`);
  for (const h of holes) console.log(`[fuzz] build failed after validation passed: ${h}`);
});

// ---------------------------------------------------------------------------------------------
// the data: paths, and edits at a path

function allPaths(v: Json, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...path, i]);
      allPaths(x, [...path, i], out);
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([...path, k]);
      allPaths(x, [...path, k], out);
    }
  return out;
}

function get(v: Json, p: Path): Json | undefined {
  return p.reduce<Json | undefined>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, Json>)[k] : undefined),
    v,
  );
}

function set(v: Json, p: Path, x: Json | undefined): void {
  const parent = get(v, p.slice(0, -1)) as Record<string | number, Json> | Json[];
  const k = p.at(-1)!;
  if (x === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete (parent as Record<string, Json>)[k];
  } else if (Array.isArray(parent) || typeof k === 'number') (parent as Record<number, Json>)[k as number] = x;
  else Object.defineProperty(parent, k, { value: x, enumerable: true, writable: true, configurable: true });
}

const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

// ---------------------------------------------------------------------------------------------
// hostile values

/** Characters and strings validation must refuse, or every output must carry safely. */
const hostilePiece = fc.constantFrom(
  // controls, bidi, separators
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\t',
  '\r\n',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u061c',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\ud800',
  // markup and templates
  '<script>alert(1)</script>',
  '</text><image href="file:///etc/passwd"/>',
  ']]>',
  '&amp;',
  '&#x202e;',
  '"',
  "'",
  '`',
  '\\',
  '{{constructor}}',
  '{{v "pension.insured" 2020}}',
  '{{v "nope" 1900}}',
  '{{#each this}}x{{/each}}',
  '{{> partial}}',
  '{{lookup this "constructor"}}',
  '{{{raw}}}',
  '(v "pension.insured")',
  '{{',
  '}}',
  '%PDF-1.7',
  '%%EOF',
  '\u00a0',
  '\u3000',
  // paths
  '../../../../etc/passwd',
  '/etc/passwd',
  '/dev/zero',
  'FIFO',
  '~/x',
  'C:\\Windows\\x',
  'con',
  'a/b',
  '.',
  '..',
  // text the fonts may or may not have
  '😀',
  '\u{20000}',
  '\u0645\u0631\u062d\u0628\u0627',
  'e\u0301',
  '社会保障',
  'Social security',
  '1,570.6万',
  'x'.repeat(130),
  'y'.repeat(5000),
  '',
  ' ',
);
/** Ordinary text the fonts draw, so a string stays plausible around one hostile piece. */
const benignPiece = fc.constantFrom(
  '社会保障',
  '养老保险参保人数',
  '（2020年）',
  'Social security',
  'Pension insurance',
  ' ',
  '—',
  '。',
  '“quoted”',
  '95%',
);
const hostileString = fc
  .array(fc.oneof({ weight: 2, arbitrary: benignPiece }, { weight: 1, arbitrary: hostilePiece }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((a) => a.join(''));

const extremeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -5,
    -1,
    0.5,
    1e-300,
    5e-324,
    1e-7,
    1e30,
    -1e30,
    1e308,
    Number.MAX_VALUE,
    2 ** 53 + 2,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1900,
    2101,
    99,
    100,
    13,
  ),
  fc.double(),
  fc.integer(),
);

const otherType: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    [],
    {},
    [1, 2],
    { zh: 'x' },
    { zh: 'x', en: 'y' },
    'text',
    0,
    ['zh', 'zh'],
    ['en', 'zh'],
    ['zh', 'en', 'en'],
  ),
  extremeNumber as fc.Arbitrary<Json>,
  hostileString,
);

// ---------------------------------------------------------------------------------------------
// mutations

interface Mutation {
  describe: string;
  apply(d: Json, ctx: { fifo: string; big: string }): void;
}

const hostilePath = (s: string, ctx: { fifo: string; big: string }) =>
  s.replace('FIFO', ctx.fifo).replace('BIG', ctx.big);

const deleteField = fc.nat().map(
  (i): Mutation => ({
    describe: `delete field #${i}`,
    apply: (d) => {
      const p = pick(allPaths(d), i);
      if (p) set(d, p, undefined);
    },
  }),
);
const swapType = fc.tuple(fc.nat(), otherType).map(
  ([i, x]): Mutation => ({
    describe: `set field #${i} to ${JSON.stringify(x)}`,
    apply: (d) => {
      const p = pick(allPaths(d), i);
      if (p) set(d, p, x);
    },
  }),
);
/** A string anywhere (texts, ids, units, counters, names), most often a text in a language. */
const hostileText = fc.tuple(fc.nat(), fc.boolean(), hostileString).map(
  ([i, anyString, s]): Mutation => ({
    describe: `${anyString ? 'string' : 'text'} #${i} = ${JSON.stringify(s)}`,
    apply: (d, ctx) => {
      const strings = allPaths(d).filter((q) => typeof get(d, q) === 'string');
      const texts = strings.filter((q) => q.at(-1) === 'zh' || q.at(-1) === 'en');
      const p = pick(anyString ? strings : texts, i);
      if (p) set(d, p, hostilePath(s, ctx));
    },
  }),
);
const number = fc.tuple(fc.nat(), extremeNumber).map(
  ([i, n]): Mutation => ({
    describe: `number #${i} = ${n}`,
    apply: (d) => {
      const p = pick(
        allPaths(d).filter((q) => typeof get(d, q) === 'number'),
        i,
      );
      if (p) set(d, p, n);
    },
  }),
);
const photo = fc
  .tuple(fc.nat(), fc.constantFrom('FIFO', 'BIG', '/dev/zero', '/dev/null', '../../../../etc/passwd', '.', '/'))
  .map(
    ([i, s]): Mutation => ({
      describe: `photo #${i} image = ${s}`,
      apply: (d, ctx) => {
        const photos = get(d, ['photos']);
        if (Array.isArray(photos) && photos.length) {
          const ph = photos[i % photos.length];
          if (ph && typeof ph === 'object' && !Array.isArray(ph)) set(ph, ['image'], hostilePath(s, ctx));
        }
      },
    }),
  );
const addKey = fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'extra', 'titel')).map(
  ([i, k]): Mutation => ({
    describe: `add key ${k} at object #${i}`,
    apply: (d) => {
      const objects = [[], ...allPaths(d)].filter((p) => {
        const v = get(d, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const o = get(d, pick(objects, i) ?? []) as Record<string, Json>;
      Object.defineProperty(o, k, { value: 'x', enumerable: true, writable: true, configurable: true });
    },
  }),
);

const duplicateItem = fc.nat().map(
  (i): Mutation => ({
    describe: `duplicate the first item of list #${i}`,
    apply: (d) => {
      const lists = allPaths(d).filter((p) => Array.isArray(get(d, p)) && (get(d, p) as Json[]).length > 0);
      const l = get(d, pick(lists, i) ?? []);
      if (Array.isArray(l)) l.push(structuredClone(l[0]!));
    },
  }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: deleteField },
  { weight: 1, arbitrary: swapType },
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: photo },
  { weight: 1, arbitrary: addKey },
  { weight: 1, arbitrary: duplicateItem },
);

/** Either byte flips of the raw file, or one to three edits of its data. */
const input = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
      .map((flips) => ({ kind: 'bytes' as const, flips })),
  },
  {
    weight: 5,
    arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }).map((m) => ({ kind: 'data' as const, m })),
  },
);

const SHORT_OUTPUTS: string[][] = [['--only', 'cards', '--preset', 'wechat-square']];
const LONG_OUTPUTS: string[][] = [
  ...SHORT_OUTPUTS,
  ['--only', 'charts'],
  ['--only', 'pdf'],
  ['--only', 'posters', '--preset', 'story'],
];
const outputs = fc.constantFrom(...(LONG ? LONG_OUTPUTS : SHORT_OUTPUTS));
const langs = fc.constantFrom<string[]>([], ['--lang', 'en'], ['--lang', 'zh'], ['--lang', 'en,zh']);

// ---------------------------------------------------------------------------------------------
// one case

function run(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** Every path under dir (not following links), relative to it. */
function tree(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    const rel = relative(base, p);
    return lstatSync(p).isDirectory() ? [`${rel}/`, ...tree(p, base)] : [rel];
  });
}

let n = 0;
describe('fuzz: mutations of the sample file at the front door', () => {
  it(
    `${RUNS} random cases end in exit 0, 1 or 2 within 60 s, with no uncaught exception and nothing outside --out`,
    async () => {
      await fc.assert(
        fc.asyncProperty(input, outputs, langs, async (inp, only, lang) => {
          const dir = join(root, `case-${++n}`);
          const home = join(dir, 'home');
          mkdirSync(home, { recursive: true });
          const fifo = join(dir, 'pipe.png');
          spawnSync('mkfifo', [fifo]);
          const big = join(dir, 'big.png');
          writeFileSync(big, '');
          truncateSync(big, 30 * 1024 * 1024); // sparse
          let text: Buffer;
          let what: string;
          if (inp.kind === 'bytes') {
            text = Buffer.from(seedText);
            for (const [at, byte] of inp.flips) text[at % text.length] = byte;
            what = `bytes ${inp.flips.map(([at, b]) => `${at % seedText.length}=0x${b.toString(16)}`).join(', ')}`;
          } else {
            const d = structuredClone(seedData);
            for (const m of inp.m) m.apply(d, { fifo, big });
            text = Buffer.from(stringify(d, { lineWidth: 0 }));
            what = inp.m.map((m) => m.describe).join('; ');
          }
          const file = join(dir, 'data.yaml');
          writeFileSync(file, text);
          const before = tree(dir);
          const args = ['build', file, '-o', join(dir, 'out'), ...only, ...lang, '--concurrency', '1'];
          const r = await run(args, dir, { CI: 'true', NO_COLOR: '1', HOME: home, DATAPRESS_DEBUG: '' });
          const label = `${what}\n  datapress ${args.join(' ')}\n  (case kept in ${dir})`;
          tally.cases++;

          expect(r.signal, `killed after 60 s: ${label}`).toBeNull();
          expect([0, 1, 2], `exit ${r.code}: ${label}\n${r.out}`).toContain(r.code);
          const known = KNOWN_HOLES.find(([re]) => re.test(r.out));
          if (known) {
            tally.knownHoles++;
            holes.push(`${known[1]}: ${label}`);
          } else expect(CRASH.test(r.out) ? r.out : '', `an uncaught exception: ${label}`).toBe('');
          tally[`exit${r.code as 0 | 1 | 2}`]++;
          if (r.code === 1 && !known)
            holes.push(`${label}\n  ${r.out.split('\n').filter(Boolean).slice(-3).join('\n  ')}`);

          // nothing written outside --out: the case folder holds what it held, plus out/
          const after = tree(dir).filter((p) => p !== 'out/' && !p.startsWith('out/'));
          expect(after, `written outside --out: ${label}`).toEqual(before);
          expect(readdirSync(home), `written to $HOME: ${label}`).toEqual([]);
          expect(
            readdirSync(root).filter((e) => !/^case-\d+$/.test(e)),
            `written beside the case: ${label}`,
          ).toEqual([]);
          if (r.code !== 1) rmSync(dir, { recursive: true, force: true }); // a failing case stays, with its data
        }),
        { numRuns: RUNS, seed: SEED_NUMBER, endOnFailure: !process.env.FUZZ_SHRINK },
      );
    },
    RUNS * (LIMIT_MS + 5_000),
  );
});

/**
 * Validation holes found while fuzzing (by probes around the fuzzer's cases): `validate` said
 * valid, then the build failed or carried the text into the outputs. The schema now refuses
 * both by name.
 */
describe('validation holes found by fuzzing stay closed', () => {
  const seed = seedText.toString('utf8');
  const probes = {
    langs: seed.replace(/^langs: \[zh, en\]/m, 'langs: [zh, en, en]'),
    counter: seed.replace(
      'counter: {zh: 名, en: orphan|orphans}',
      'counter: {zh: "名\\u001b[31m", en: "orphan\\u202e|orphans"}',
    ),
  };
  function validates(name: keyof typeof probes): { code: number | null; out: string } {
    const dir = join(root, `hole-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'data.yaml'), probes[name]);
    const r = spawnSync(process.execPath, [CLI, 'validate', join(dir, 'data.yaml')], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  it('the probes still edit the sample (so the expected failures below fail for their reason)', () => {
    for (const text of Object.values(probes)) expect(text).not.toBe(seed);
  });

  // duplicate languages used to validate, then every card was planned twice and the build exited 1
  it('`langs: [zh, en, en]` is refused, naming langs', () => {
    const r = validates('langs');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/ langs(\[2\])?: /);
  });

  // a counter word used to skip the control, bidi and glyph checks every other text gets
  it('a counter with an escape code or a bidi override is refused, naming the counter', () => {
    const r = validates('counter');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/\.counter\.(zh|en): /);
  });
});
