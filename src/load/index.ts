import { type Document, isNode, LineCounter, type Node, parseDocument } from 'yaml';
import { joinWideFolds } from './fold.js';
import { InvalidInputError } from '../errors.js';
import { LIMITS } from '../validate/limits.js';
import { readUserFile } from './files.js';
import { documentProblems, syntaxProblems } from './traps.js';

export { HINTS } from './traps.js';

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
  const fail = (expected: string, found: string, line = 1, col = 1): never => {
    throw new InvalidInputError([{ file: display, line, col, path: '', expected, found }]);
  };
  // through the one door for user-named files: a regular file within the cap, never a FIFO or device
  const r = readUserFile(file, { maxBytes: MAX_BYTES, what: 'a YAML or JSON file', capNote: 'see README "Limits"' });
  if (r.problem) return fail(r.problem.expected, r.problem.found);
  return parseSource(decodeUtf8(r.bytes, display), display);
}

const MAX_BYTES = LIMITS.dataBytes;

/** UTF-8 (BOM allowed); an invalid byte is a Problem at its line:col. UTF-16 files are named as such. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const problem = (line: number, col: number, found: string): never => {
    throw new InvalidInputError([
      { file, line, col, path: '', expected: 'UTF-8 text (save the file as UTF-8)', found },
    ]);
  };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    problem(1, 1, 'a UTF-16 file');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // find the first bad byte: decode prefixes leniently and compare
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const before = lenient.slice(0, Math.max(0, at));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    let offset = Buffer.byteLength(before, 'utf8');
    if (offset >= bytes.length) offset = bytes.length - 1;
    return problem(
      line,
      col,
      `the byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}, which is not UTF-8 (is the file GBK or Latin-1?)`,
    );
  }
}

export function parseSource(text: string, file: string): Source {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  // a syntax error: the first of each line, none that only follow from an earlier one, each trap with its hint
  if (doc.errors.length) throw new InvalidInputError(syntaxProblems(doc.errors, lineCounter, text, file, doc));
  // traps YAML accepts (a comma in a flow-map text, `&`, `*`, `!` at a text's start) and complex keys
  const traps = documentProblems(doc, doc.warnings, lineCounter, text, file);
  if (traps.length) throw new InvalidInputError(traps);
  joinWideFolds(doc, text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // excessive aliases ("billion laughs"), or a value YAML cannot turn into data
    throw new InvalidInputError([
      {
        file,
        line: 1,
        col: 1,
        path: '',
        expected: 'YAML or JSON without excessive aliases',
        found: (e as Error).message.split('\n')[0],
      },
    ]);
  }
  return { file, text, data: nfc(data), position: (path) => locate(doc, lineCounter, path) };
}

/** Every string in Unicode NFC: "e" + U+0301 becomes "é", which the fonts have as one glyph. */
function nfc(v: unknown): unknown {
  if (typeof v === 'string') return v.normalize('NFC');
  if (Array.isArray(v)) return v.map(nfc);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      const y = nfc(x);
      // defineProperty, not assignment: a "__proto__" key stays a plain (refused) field
      if (y !== x) Object.defineProperty(o, k, { value: y, enumerable: true, writable: true, configurable: true });
    }
  }
  return v;
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
