import { readFileSync } from 'node:fs';
import { Document, isNode, LineCounter, parseDocument, type Node } from 'yaml';
import { InvalidInputError, type Problem } from '../errors.js';

export type DataPath = (string | number)[];

/** A data file as read: its value and a way back from a data path to line:col. */
export interface Source {
  file: string;
  text: string;
  data: unknown;
  /** line:col (1-based) of the value at `path`, or of its nearest existing parent */
  position(path: DataPath): { line: number; col: number };
}

/** `highlights[2].facts[0].value` */
export function pathString(path: DataPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

/** Read YAML (or JSON, a subset) keeping source positions. Syntax errors are Problems. */
export function loadSource(file: string, display = file): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new InvalidInputError([{ file: display, line: 1, col: 1, path: '', expected: 'a readable YAML or JSON file', found: reason }]);
  }
  return parseSource(text, display);
}

export function parseSource(text: string, file: string): Source {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (doc.errors.length) {
    const problems: Problem[] = doc.errors.map((err) => {
      const pos = lineCounter.linePos(err.pos[0]);
      return {
        file,
        line: pos.line,
        col: pos.col,
        path: '',
        expected: 'well-formed YAML or JSON',
        found: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      };
    });
    throw new InvalidInputError(problems);
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  return { file, text, data, position: (path) => locate(doc, lineCounter, path) };
}

function locate(doc: Document, lc: LineCounter, path: DataPath): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (isNode(node) && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return { line, col };
    }
  }
  return { line: 1, col: 1 };
}
