/**
 * The YAML mistakes people make in datasets, recognised and explained in one line each, and
 * the cascade of parser errors after a mistake dropped (one mistake, one problem).
 *
 * The traps, with what the `yaml` package (2.x, YAML 1.2) makes of each:
 *
 *   - prose that starts with `{{` unquoted: a flow map in a flow map, then "Unexpected scalar at
 *     node end" (or, when the text is only `{{…}}`, a map used as a key);
 *   - a comma inside an unquoted text in `{zh: …, en: …}`: no error, the rest becomes a key
 *     without a value (`{en: a, b}` is `{en: 'a', b: null}`);
 *   - a colon and a space inside an unquoted text: "Nested mappings are not allowed in compact
 *     mappings" (block) or "Block collections are not allowed within flow collections" (flow);
 *   - tabs for indentation: "Tabs are not allowed as indentation", then a "must start at the
 *     same column" per following line;
 *   - a key given twice: "Map keys must be unique";
 *   - an unquoted text starting with `*` (an alias: "Unexpected scalar at node end", or an
 *     alias to nothing), `&` (an anchor: silently dropped), `!` (a tag: a warning, dropped),
 *     `%`, `@` or a backtick ("Plain value cannot start with …").
 */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type YAMLError,
  type YAMLWarning,
} from 'yaml';
import type { Problem } from '../errors.js';

type DataPath = (string | number)[];

export const HINTS = {
  braces: 'text that starts with {{ must be quoted',
  comma: 'a comma inside {zh: …, en: …} ends the text: quote the text',
  colon: 'a colon followed by a space inside an unquoted text starts a key: quote the text',
  tabs: 'indent with spaces: YAML does not allow tabs for indentation',
  duplicate: 'each key once in a map: delete or rename the second',
  reserved: (c: string) => `text that starts with ${c} must be quoted`,
} as const;

export const WELL_FORMED = 'well-formed YAML or JSON';

/** Errors after which the parser is back on track: the next error is a mistake of its own. */
const LOCAL = new Set(['DUPLICATE_KEY', 'BAD_SCALAR_START', 'BAD_DQ_ESCAPE', 'KEY_OVER_1024_CHARS', 'BAD_ALIAS']);

const isLocal = (e: YAMLError) => LOCAL.has(e.code) || (e.code === 'UNEXPECTED_TOKEN' && /at node end/.test(e.message));

const RESERVED = ['*', '&', '!', '%', '@', '`'];

/** Up to 40 characters of `s`, with an ellipsis when cut. */
export function snippet(s: string, max = 40): string {
  const chars = [...s.trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * Where values begin on one line (0-based): after indentation and `- `, after `key: `, and after
 * `{`, `[` and `,` in flow collections. Quoted texts are skipped whole; a comment ends the line.
 */
export function valueStarts(line: string): number[] {
  const out: number[] = [];
  let i = 0;
  const spaces = () => {
    while (line[i] === ' ' || line[i] === '\t') i++;
  };
  spaces();
  while (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === undefined)) {
    i++;
    spaces();
  }
  let start = true;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
    if (start) {
      out.push(i);
      start = false;
      if (c === '"' || c === "'") {
        // a quoted text: to its closing quote ('' and \" stay inside)
        i++;
        while (i < line.length) {
          if (c === '"' && line[i] === '\\') i += 2;
          else if (line[i] === c && line[i + 1] === c && c === "'") i += 2;
          else if (line[i] === c) break;
          else i++;
        }
        i++;
        continue;
      }
    }
    if (c === '{' || c === '[' || c === ',') {
      i++;
      spaces();
      start = true;
      continue;
    }
    if (c === ':' && (line[i + 1] === ' ' || line[i + 1] === '\t' || line[i + 1] === undefined)) {
      i++;
      spaces();
      start = true;
      continue;
    }
    i++;
  }
  return out;
}

/** The trap a parser error at (line, col) falls into, as a hint, or undefined. */
export function syntaxHint(code: string, lineText: string, col: number): string | undefined {
  if (code === 'TAB_AS_INDENT' || /^[ ]*\t/.test(lineText)) return HINTS.tabs;
  if (code === 'DUPLICATE_KEY') return HINTS.duplicate;
  const starts = valueStarts(lineText).filter((s) => s <= col - 1);
  for (const s of starts) if (lineText.startsWith('{{', s)) return HINTS.braces;
  const at = starts.at(-1);
  const first = at === undefined ? undefined : lineText[at];
  if (first && RESERVED.includes(first) && (code === 'BAD_SCALAR_START' || code === 'UNEXPECTED_TOKEN'))
    return HINTS.reserved(first);
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'BLOCK_IN_FLOW') {
    if (/:\s/.test(lineText.slice(col - 1))) return HINTS.colon;
  }
  return undefined;
}

/**
 * A value as written from `from` on its line: without a trailing comment, and in a flow
 * collection up to the `,` or closer that ends it.
 */
function valueText(line: string, from: number): string {
  const before = line.slice(0, from);
  const depth = (before.match(/[{[]/g) ?? []).length - (before.match(/[}\]]/g) ?? []).length;
  let v = line
    .slice(from)
    .replace(/\s+#.*$/, '')
    .trimEnd();
  if (depth > 0) {
    // in a flow collection: the value ends at a comma or closer outside its own {{…}}
    const skip = v.startsWith('{{') ? Math.max(0, v.indexOf('}}') + 2) : 0;
    const end = v.slice(skip).search(/,\s|[}\]]/);
    if (end >= 0) v = v.slice(0, skip + end).trimEnd();
  }
  return v;
}

const lineOf = (lines: string[], n: number) => (lines[n - 1] ?? '').replace(/\r$/, '');

/**
 * Problems for the parser's errors: the first error of each line at most, and none after an
 * error the parser does not recover from (tabs, a bad indent, an unclosed quote or bracket:
 * everything after it follows from it). Each known trap carries its hint.
 */
export function syntaxProblems(
  errors: readonly YAMLError[],
  lc: LineCounter,
  text: string,
  file: string,
  doc?: Document,
): Problem[] {
  const lines = text.split('\n');
  const out: Problem[] = [];
  const seenLines = new Set<number>();
  for (const e of errors) {
    const { line, col } = lc.linePos(e.pos[0]);
    if (!seenLines.has(line)) {
      seenLines.add(line);
      let at = col;
      const lineText = lineOf(lines, line);
      const hint = syntaxHint(e.code, lineText, col);
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      let found = message;
      if (hint === HINTS.duplicate) {
        const key = /^\s*(?:-\s+)*("[^"]*"|'[^']*'|[^:#]+?):/.exec(lineText.slice(col - 1))?.[1];
        found = `the key ${key ? JSON.stringify(key.replace(/^["']|["']$/g, '')) : 'here'} a second time`;
      } else if (hint === HINTS.tabs) {
        found = 'a tab in the indentation';
      } else if (hint) {
        const starts = valueStarts(lineText).filter((s) => s <= col - 1);
        const from = hint === HINTS.braces ? starts.find((s) => lineText.startsWith('{{', s)) : starts.at(-1);
        if (from !== undefined) at = from + 1;
        found = `${snippet(valueText(lineText, from ?? col - 1))} unquoted`;
      }
      out.push({
        file,
        line,
        col: at,
        // a trap's text has a data path; after any other syntax error the path would be a guess
        path: doc && hint ? pathText(hintPath(doc, lc.lineStarts[line - 1]! + at - 1, hint)) : '',
        expected: WELL_FORMED,
        found: hint ? `${found} (hint: ${hint})` : found,
      });
    }
    if (!isLocal(e)) break;
  }
  return out;
}

/**
 * Traps the parser accepts without an error, found in the parsed document: a key without a value
 * in a flow map (a comma in a text), an anchor nothing refers to (`&` at a text's start), an
 * alias to no anchor (`*`), an unresolved tag (`!`), a map used as a key (`{{` at a text's
 * start, or `? ` syntax).
 */
export function documentProblems(
  doc: Document,
  warnings: readonly YAMLWarning[],
  lc: LineCounter,
  text: string,
  file: string,
): Problem[] {
  const lines = text.split('\n');
  const out: Problem[] = [];
  const at = (offset: number) => lc.linePos(offset);
  const problem = (offset: number, path: DataPath, expected: string, found: string) => {
    const { line, col } = at(offset);
    out.push({ file, line, col, path: pathText(path), expected, found });
  };
  const anchors = new Map<string, { node: Node; path: DataPath }>();
  const aliased = new Set<string>();
  const aliases: { source: string; offset: number; path: DataPath }[] = [];

  const walk = (node: unknown, path: DataPath): void => {
    if (isAlias(node)) {
      aliases.push({ source: node.source, offset: node.range?.[0] ?? 0, path });
      aliased.add(node.source);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.anchor && !anchors.has(n.anchor)) anchors.set(n.anchor, { node: n, path });
    if (isMap(n)) {
      n.items.forEach((pair, i) => {
        const key = pair.key as Node | null;
        const keyText = isScalar(key) ? String(key.value) : undefined;
        const keyPath = [...path, keyText ?? i];
        if (key && (isMap(key) || isSeq(key))) {
          // `en: {{v "x" 2020}}` alone: a flow map whose key is the map {v "x" 2020}
          const mapStart = n.range?.[0] ?? -1;
          const braces = n.flow === true && isMap(key) && text.startsWith('{{', mapStart);
          const offset = braces ? mapStart : (key.range?.[0] ?? 0);
          problem(
            offset,
            path,
            braces ? WELL_FORMED : 'a plain key such as "title:"',
            braces
              ? `${snippet(valueText(lineOf(lines, at(offset).line), at(offset).col - 1))} unquoted (hint: ${HINTS.braces})`
              : 'a list or map used as a key ("? " syntax)',
          );
          return;
        }
        if (n.flow && pair.value === null && key) {
          // `{zh: 一、二, en: a, b}`: YAML ends the text at the comma and reads `b` as a key
          const prev = n.items[i - 1];
          const prevKey = prev && isScalar(prev.key) ? String(prev.key.value) : undefined;
          const prevValue = prev && isScalar(prev.value) ? String(prev.value.value) : undefined;
          // at the start of the text that was cut
          const offset = (prevValue !== undefined ? (prev!.value as Node).range?.[0] : key.range?.[0]) ?? 0;
          problem(
            offset,
            prevKey !== undefined ? [...path, prevKey] : keyPath,
            'one text per key, in quotes when it holds a comma',
            prevValue !== undefined
              ? `${JSON.stringify(snippet(`${prevValue}, ${keyText ?? ''}`))} cut at the comma (hint: ${HINTS.comma})`
              : `${JSON.stringify(keyText ?? '')} without a value (hint: ${HINTS.comma})`,
          );
          return;
        }
        walk(pair.value, keyPath);
      });
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (isPair(n)) {
      walk(n.value, path);
    }
  };
  walk(doc.contents, []);

  for (const a of aliases) {
    if (!anchors.has(a.source)) {
      const { line, col } = at(a.offset);
      const value = lineOf(lines, line).slice(col - 1);
      problem(a.offset, a.path, WELL_FORMED, `${snippet(value)} unquoted (hint: ${HINTS.reserved('*')})`);
    }
  }
  for (const [name, { node, path }] of anchors) {
    if (aliased.has(name) || !isScalar(node) || typeof node.value !== 'string') continue;
    // an anchor nothing refers to, on a text: `en: &more figure` reads as the text "figure"
    const offset = node.range?.[0] ?? 0;
    const { line } = at(offset);
    const lineText = lineOf(lines, line);
    const col = lineText.indexOf(`&${name}`);
    const start = col >= 0 ? offset - (at(offset).col - 1 - col) : offset;
    problem(
      start,
      path,
      WELL_FORMED,
      `${snippet(lineText.slice(Math.max(col, 0)))} unquoted (hint: ${HINTS.reserved('&')})`,
    );
  }
  for (const w of warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') continue;
    const { line, col } = at(w.pos[0]);
    const value = lineOf(lines, line).slice(col - 1);
    out.push({
      file,
      line,
      col,
      path: pathText(pathAt(doc.contents, w.pos[0] + Math.max(0, value.search(/\s\S/) + 1))),
      expected: WELL_FORMED,
      found: `${snippet(value)} unquoted (hint: ${HINTS.reserved('!')})`,
    });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** The path of the value a trap is in: a text cut at its colon is the text's, not the key YAML made of it. */
function hintPath(doc: Document, offset: number, hint: string | undefined): DataPath {
  const path = pathAt(doc.contents, offset);
  return hint === HINTS.colon ? path.slice(0, -1) : path;
}

/** The data path of the innermost node at `offset`, as far as the (partly parsed) document goes. */
export function pathAt(node: unknown, offset: number, path: DataPath = []): DataPath {
  const within = (n: unknown) => {
    const r = (n as Node | null)?.range;
    return !!r && r[0] <= offset && offset < Math.max(r[2], r[1] + 1);
  };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (within(pair.key)) return [...path, key];
      if (within(pair.value)) return pathAt(pair.value, offset, [...path, key]);
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++)
      if (within(node.items[i])) return pathAt(node.items[i], offset, [...path, i]);
  }
  return path;
}

function pathText(path: DataPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}
