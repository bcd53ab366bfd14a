import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { program } from '../../src/cli.js';
import { readmeBlocks, syncReadme } from '../../src/cli/docs.js';

describe('README CLI reference', () => {
  const readme = readFileSync('README.md', 'utf8');
  it('documents every command', () => {
    const names = program()
      .commands.map((c) => c.name())
      .filter((n) => n !== 'help');
    expect(readmeBlocks(readme).sort()).toEqual(['datapress', ...names].sort());
  });
  it("matches commander's help word for word (regenerate with `node dist/src/cli/docs.js`)", () => {
    expect(syncReadme(readme, program())).toBe(readme);
  });
  it('keeps the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
