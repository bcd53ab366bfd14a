/**
 * Keeps README.md's CLI reference equal to commander's help. `node dist/src/cli/docs.js` rewrites
 * every block between `<!-- cli:NAME -->` and `<!-- /cli:NAME -->`; a test fails when they drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

export function helpText(program: Command, name: string): string {
  const cmd = name === 'datapress' ? program : program.commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command ${name}`);
  cmd.configureOutput({ getOutHelpWidth: () => 100, getErrHelpWidth: () => 100 });
  return cmd.helpInformation().trimEnd();
}

const BLOCK = /<!-- cli:([a-z-]+) -->\n```text\n[\s\S]*?```\n<!-- \/cli:\1 -->/g;

export function syncReadme(readme: string, program: Command): string {
  return readme.replace(
    BLOCK,
    (_m, name: string) => `<!-- cli:${name} -->\n\`\`\`text\n${helpText(program, name)}\n\`\`\`\n<!-- /cli:${name} -->`,
  );
}

export function readmeBlocks(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((m) => m[1]);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { program } = await import('../cli.js');
  const file = new URL('../../../README.md', import.meta.url);
  writeFileSync(file, syncReadme(readFileSync(file, 'utf8'), program()));
  process.stderr.write('README.md CLI reference updated\n');
}
