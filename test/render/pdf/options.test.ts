/** `build --page` and `--bleed`: the report's page size and the print bleed, through the build API and the CLI parser. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { program } from '../../../src/cli.js';
import { DATA, ROOT } from './helpers.js';

const mm = (pt: number) => (pt * 25.4) / 72;

function boxes(file: string) {
  const out = execFileSync('pdfinfo', ['-box', file]).toString();
  const box = (name: string) =>
    out
      .match(new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`))!
      .slice(1)
      .map(Number);
  return { trim: box('TrimBox'), bleed: box('BleedBox'), media: box('MediaBox') };
}

describe('build --page and --bleed', () => {
  it('Letter with a 5 mm bleed: both reports on Letter, the print bleed 5 mm', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dp-page-'));
    const r = await build({
      inputs: [DATA],
      out,
      only: ['pdf'],
      page: 'letter',
      bleedMm: 5,
      root: ROOT,
      concurrency: 1,
    });
    expect(r.exitCode).toBe(0);
    const dir = path.join(out, 'nmg-social-security-2021');
    const p = boxes(path.join(dir, 'report-print.pdf'));
    expect(mm(p.trim[2]! - p.trim[0]!)).toBeCloseTo(215.9, 1);
    expect(mm(p.trim[3]! - p.trim[1]!)).toBeCloseTo(279.4, 1);
    expect(mm(p.trim[0]! - p.bleed[0]!)).toBeCloseTo(5, 1);
    const s = boxes(path.join(dir, 'report.pdf'));
    expect(mm(s.media[2]!)).toBeCloseTo(215.9, 1);
  });

  it('the CLI accepts the page names and a bleed from 0 to 20 mm, and refuses others', () => {
    const parse = (...args: string[]) => {
      const cmd = program();
      const b = cmd.commands.find((c) => c.name() === 'build')!;
      b.action(() => {});
      b.configureOutput({ writeErr: () => {}, writeOut: () => {} });
      cmd.parse(['node', 'datapress', 'build', ...args]);
      return b.opts();
    };
    expect(parse('--page', 'tabloid', '--bleed', '0')).toMatchObject({ page: 'tabloid', bleed: 0 });
    expect(parse('--bleed', '12.5')).toMatchObject({ bleed: 12.5 });
    expect(() => parse('--page', 'a5')).toThrow(/a4, a3, tabloid, letter|Allowed choices/);
    expect(() => parse('--bleed', '25')).toThrow(/0 to 20/);
    expect(() => parse('--bleed', 'x')).toThrow(/0 to 20/);
  });
});
