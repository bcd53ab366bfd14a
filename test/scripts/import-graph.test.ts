/**
 * The import check `npm test` runs (scripts/import-graph.mjs, also in `pretest`): src/ has no
 * import cycle and no upward import past its known edges, and the check does fail on a cycle and
 * on an upward import (fixtures beside this file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, importGraph, type ImportRules } from '../../scripts/import-graph.mjs';

const ROOT = process.cwd();
const FIX = 'test/scripts/fixtures';
const rules = JSON.parse(readFileSync(join(ROOT, 'scripts/import-rules.json'), 'utf8')) as ImportRules;

describe('import check', () => {
  it('src/ has no import cycle and no upward import besides the listed known edges', () => {
    expect(checkImports('src', rules, ROOT)).toEqual([]);
  });

  it('reads static, type-only and dynamic imports', () => {
    const g = importGraph(`${FIX}/cycle`, ROOT);
    expect(Object.fromEntries(g)).toEqual({
      [`${FIX}/cycle/a.ts`]: [`${FIX}/cycle/b.ts`],
      [`${FIX}/cycle/b.ts`]: [`${FIX}/cycle/c.ts`],
      [`${FIX}/cycle/c.ts`]: [`${FIX}/cycle/a.ts`],
      [`${FIX}/cycle/leaf.ts`]: [],
    });
  });

  it('fails on a cycle, naming it; an allowed edge breaks it; an allowed edge that is gone is reported', () => {
    const a = `${FIX}/cycle/a.ts`;
    const b = `${FIX}/cycle/b.ts`;
    const c = `${FIX}/cycle/c.ts`;
    expect(checkImports(`${FIX}/cycle`, {}, ROOT)).toEqual([`import cycle: ${a} → ${b} → ${c} → ${a}`]);
    expect(checkImports(`${FIX}/cycle`, { allow: [{ from: c, to: a }] }, ROOT)).toEqual([]);
    expect(
      checkImports(
        `${FIX}/cycle`,
        {
          allow: [
            { from: c, to: a },
            { from: a, to: c },
          ],
        },
        ROOT,
      ),
    ).toEqual([`allowed edge ${a} → ${c} no longer exists: remove it from the list`]);
  });

  it('fails on an import up the layers, and on a file in no layer', () => {
    const top = `${FIX}/layers/top/`;
    const bottom = `${FIX}/layers/bottom/`;
    const problems = checkImports(`${FIX}/layers`, { layers: [[top], [bottom]] }, ROOT);
    expect(problems).toContain(`upward import: ${bottom}low.ts → ${top}run.ts (layer ${bottom} imports ${top})`);
    expect(problems.some((p) => p.startsWith('import cycle:'))).toBe(true);
    expect(checkImports(`${FIX}/layers`, { layers: [[top]] }, ROOT)).toContain(
      `${bottom}low.ts is in no layer: add it to the rules`,
    );
  });
});
