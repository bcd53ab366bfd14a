/** Types of import-graph.mjs, for the tests that import it. */
export interface ImportRules {
  /** top layer first; each a list of path prefixes (a trailing / for a folder) */
  layers?: string[][];
  /** known edges left out of the checks until removed */
  allow?: { from: string; to: string; why?: string }[];
}
export function importsOf(file: string, text?: string): string[];
export function importGraph(dir: string, cwd?: string): Map<string, string[]>;
export function findCycles(graph: Map<string, string[]>): { path: string[]; files: string[] }[];
export function checkImports(dir: string, rules?: ImportRules, cwd?: string): string[];
