/** Exit codes: 0 done, 1 build failed, 2 invalid input or usage. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** A problem located in a data file: `file:line:col path: expected X, found Y`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  path: string;
  expected: string;
  found: string;
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return `${where} ${p.path || '(root)'}: expected ${p.expected}, found ${p.found}`;
}

export class DatapressError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'DatapressError';
    this.exitCode = exitCode;
  }
}

/** Bad input: one or more problems in a data or template file. Exit code 2. */
export class InvalidInputError extends DatapressError {
  readonly problems: Problem[];
  constructor(problems: Problem[], summary?: string) {
    super(summary ?? problems.map(formatProblem).join('\n'), EXIT.invalid);
    this.name = 'InvalidInputError';
    this.problems = problems;
  }
}

/** Wrong command-line use. Exit code 2. */
export class UsageError extends DatapressError {
  constructor(message: string) {
    super(message, EXIT.invalid);
    this.name = 'UsageError';
  }
}

/** An error's own exit code (DatapressError, chart and --name errors carry one), else 1. */
export function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number'
    ? code
    : err instanceof Error && err.name === 'InvalidInputError'
      ? EXIT.invalid
      : EXIT.failed;
}
