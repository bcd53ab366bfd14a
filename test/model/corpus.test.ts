/**
 * "Must show" (issue #15): the examples corpus (data/examples, real published articles) builds
 * whole, each one; and a Traditional Chinese + English dataset builds with Traditional
 * built-in words and the Traditional (TC) glyph forms of its fonts.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../src/errors.js';
import { say } from '../../src/format/index.js';
import { pdfText } from '../e2e/pdftext.js';
import { problemsOf } from '../validate/helpers.js';
import { buildWhole } from './whole.js';

const EXAMPLES = readdirSync('data/examples')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => path.join('data/examples', f));
const tmp = mkdtempSync(path.join(tmpdir(), 'dp-corpus-'));
const read = (f: string) =>
  parse(readFileSync(f, 'utf8'), { version: '1.2' }) as { id: string; langs: string[]; highlights: { id: string }[] };

/** Characters only Simplified Chinese writes (their Traditional forms differ): 页數 etc. must not appear in zh-Hant. */
const SIMPLIFIED_ONLY = /[页数据图计标开发书实张个项这为国时长门东车业产总设报]/;

describe('the examples corpus builds whole', () => {
  it('has at least 8 articles, each beside its source', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(8);
    for (const f of EXAMPLES) expect(readdirSync('data/examples')).toContain(`${path.basename(f, '.yaml')}.source.md`);
  });
  for (const file of EXAMPLES) {
    it(path.basename(file, '.yaml'), async () => {
      expect(problemsOf(readFileSync(file, 'utf8')).map(formatProblem)).toEqual([]);
      const { problems } = await buildWhole(file, read(file), path.join(tmp, 'out'));
      expect(problems).toEqual([]);
    }, 300_000);
  }
});

describe('Traditional Chinese + English', () => {
  for (const [file, lang] of [
    ['data/examples/dgbas-manpower-2020-01.yaml', 'zh-Hant'],
    ['data/examples/censtatd-labour-2023-01-03.yaml', 'zh-HK'],
  ] as const) {
    it(`${lang}: builds whole, with Traditional built-in words and TC/HK glyph forms`, async () => {
      const d = read(file);
      expect(d.langs).toContain(lang);
      const out = path.join(tmp, `trad-${lang}`);
      const { problems, result } = await buildWhole(file, d, out);
      expect(problems).toEqual([]);
      const dir = path.join(out, d.id);
      // the report: its page footers in Traditional, no Simplified character anywhere
      const pdf = path.join(dir, 'report.pdf');
      const pages = await pdfText(pdf);
      const page = say(lang, 'report.page', { n: 1, total: pages.length });
      expect(page).not.toBe(say('zh', 'report.page', { n: 1, total: pages.length }));
      expect(pages.join('\n')).toContain(page);
      expect(pages.join('\n')).not.toMatch(SIMPLIFIED_ONLY);
      // the fonts embedded are the Traditional (Taiwan) or Hong Kong cuts, never the Simplified
      const bytes = readFileSync(pdf).toString('latin1');
      const cut = lang === 'zh-HK' ? 'HK' : 'TC';
      expect(bytes).toMatch(new RegExp(`Noto(Sans|Serif)${cut}`));
      expect(bytes).not.toMatch(/Noto(Sans|Serif)SC/);
      // the cards' alt text in that language: Traditional words only
      // (each card's alt text is a .txt written beside it)
      const alts = result.written
        .filter((p) => p.startsWith('cards/') && p.endsWith(`-${lang}.png`))
        .map((p) => p.replace(/\.png$/, '.txt'));
      expect(alts.length).toBeGreaterThan(0);
      for (const a of alts) expect(readFileSync(path.join(dir, a), 'utf8'), a).not.toMatch(SIMPLIFIED_ONLY);
    }, 300_000);
  }
});
