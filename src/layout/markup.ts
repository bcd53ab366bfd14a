/**
 * The layout vocabulary of posters and cards, parsed.
 *
 * A layout template (templates/posters/*.layout.hbs, templates/cards/*.layout.hbs) is
 * Handlebars that produces markup in this small vocabulary; a real XML parser (saxes) turns
 * the markup into a typed tree, which flex.ts lays out with yoga (flexbox) and the text
 * engine. Nothing here is a regular expression over markup.
 *
 *   <page fill padding gap justify align>            the canvas: a column
 *   <stack> <row> <grid columns="auto|N">            containers: a column, a row, a grid of cells
 *   <text size="44..72" lines="2" font weight …>     text, fitted: shrinks within its range, then reflows
 *   <figure prefix number suffix size …/>            a big number with smaller unit words
 *   <chart highlight lang/>                          a chart, drawn at exactly the box it is given
 *   <image src fit/>                                 a picture (photos), cropped to its box
 *   <rule/> <spacer/>                                a line across (or down) its container; room
 *   <choose hole="0.2">A B</choose>                  arrangements of the same content: the first
 *                                                    that fits with little blank (flex.ts)
 *
 * The template itself is checked once, before any data goes in: it must be well-formed XML
 * (mustaches only in attribute values and text), and an unknown element or attribute is an
 * error naming the template file and line. Each element is stamped with its template line,
 * so a bad value after rendering (size="big") is named by line too.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export const ELEMENTS = [
  'page',
  'stack',
  'row',
  'grid',
  'choose',
  'text',
  'figure',
  'chart',
  'image',
  'rule',
  'spacer',
] as const;
export type Kind = (typeof ELEMENTS)[number];

type AttrType =
  | 'number'
  | 'length'
  | 'edges'
  | 'range'
  | 'color'
  | 'string'
  | 'bool'
  | 'dash'
  | { oneOf: readonly string[] };

const ALIGN = { oneOf: ['start', 'center', 'end', 'stretch'] } as const;
const JUSTIFY = { oneOf: ['start', 'center', 'end', 'between', 'around', 'evenly'] } as const;

/** Attributes every element takes: its place in the flex layout. */
const BOX: Record<string, AttrType> = {
  id: 'string',
  grow: 'number',
  shrink: 'number',
  basis: 'length',
  width: 'length',
  height: 'length',
  'min-width': 'length',
  'max-width': 'length',
  'min-height': 'length',
  'max-height': 'length',
  margin: 'edges',
  'align-self': ALIGN,
  position: { oneOf: ['relative', 'absolute'] },
  top: 'length',
  right: 'length',
  bottom: 'length',
  left: 'length',
  /** may be left out, last first, when the page cannot fit everything */
  optional: 'bool',
};

/** Containers: how children flow, and a background. */
const CONTAINER: Record<string, AttrType> = {
  ...BOX,
  direction: { oneOf: ['column', 'row'] },
  wrap: 'bool',
  gap: 'number',
  padding: 'edges',
  align: ALIGN,
  justify: JUSTIFY,
  fill: 'color',
  stroke: 'color',
  'stroke-width': 'number',
  radius: 'number',
};

const TYPE: Record<string, AttrType> = {
  font: { oneOf: ['sans', 'serif'] },
  weight: { oneOf: ['regular', 'bold', 'black'] },
  color: 'color',
  align: { oneOf: ['start', 'center', 'end'] },
  /** the data field it shows, named in fit reports (highlights[0].title.en) */
  field: 'string',
  /** fields it stands for besides its own, space-separated: a figure written alike in every language, set once */
  also: 'string',
  /** the text's language: its fonts (SC, TC or HK glyphs; a Latin face for Latin runs) and quotes */
  lang: 'string',
  role: { oneOf: ['headline', 'title', 'heading', 'body', 'label', 'meta', 'source', 'number', 'figure'] },
  size: 'range',
  opacity: 'number',
};

export const ATTRIBUTES: Readonly<Record<Kind, Readonly<Record<string, AttrType>>>> = {
  page: CONTAINER,
  stack: CONTAINER,
  row: CONTAINER,
  grid: {
    ...CONTAINER,
    /** a number, or auto: chosen from the number of cells and the grid's shape */
    columns: 'string',
    /** the cell shape (width ÷ height) auto columns aim for */
    'cell-aspect': 'number',
    'max-columns': 'number',
  },
  text: {
    ...BOX,
    ...TYPE,
    lines: 'number',
    leading: 'number',
    /** even lines, no one-character stub */
    balance: 'bool',
    /** chars: Chinese may break between any two characters (body text); words (default): at word boundaries */
    break: { oneOf: ['words', 'chars'] },
    /** body text may be shortened at a sentence boundary, with a warning, when nothing else makes it fit */
    abridge: 'bool',
    /** grow the type to fill the box the layout gives it (within the size range) */
    fit: { oneOf: ['content', 'box'] },
  },
  figure: {
    ...BOX,
    ...TYPE,
    prefix: 'string',
    number: 'string',
    suffix: 'string',
    /** unit words' size as a share of the number's */
    unit: 'number',
    'unit-weight': { oneOf: ['regular', 'bold', 'black'] },
    'unit-color': 'color',
    fit: { oneOf: ['content', 'box'] },
  },
  chart: {
    ...BOX,
    highlight: 'string',
    /** the lines the chart lists: its box is never shorter than they need at the medium's smallest type */
    lines: 'number',
    /**
     * a listing chart's height per line it draws at most (a short list's rows are not spread
     * apart): the room goes to a text or figure filling its box, or spreads between the parts
     */
    'max-line': 'number',
    lang: 'string',
    compact: 'bool',
    fill: 'color',
  },
  image: { ...BOX, src: 'string', fit: { oneOf: ['cover', 'contain'] }, field: 'string', alt: 'string' },
  /**
   * arrangements of the same content, each one element: the first is laid out, and the next
   * ones are tried when it does not fit or leaves more blank than `band` (share of the height)
   * or `hole` (share of the area) allow; the one that fits with the least blank is kept
   */
  choose: { band: 'number', hole: 'number' },
  rule: { ...BOX, thickness: 'number', color: 'color', dash: 'dash' },
  spacer: { ...BOX, size: 'number' },
};

export type Value = string | number | boolean | number[] | [number, number] | undefined;

export interface MNode {
  kind: Kind;
  /** attribute values, typed by ATTRIBUTES */
  a: Record<string, Value>;
  /** text content (text elements), white space collapsed */
  text: string;
  children: MNode[];
  /** line in the template file */
  line: number;
}

export class LayoutMarkupError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'LayoutMarkupError';
  }
}

const LINE_ATTR = 'data-template-line';
const isKind = (n: string): n is Kind => (ELEMENTS as readonly string[]).includes(n);

/** A checked template: its source with each element stamped with its template line. */
export interface PreparedTemplate {
  file: string;
  source: string;
}

const prepared = new Map<string, PreparedTemplate>();

/**
 * Check a template's markup before data goes in (well-formed, known elements and attributes)
 * and stamp every element with its line. Cached by file and source.
 */
export function prepareTemplate(source: string, file: string): PreparedTemplate {
  const key = `${file}\u0000${source}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const inserts: { at: number; line: number }[] = [];
  const p = new SaxesParser({ xmlns: false, position: true, fileName: file });
  let depth = 0;
  let roots = 0;
  let failure: LayoutMarkupError | undefined;
  const fail = (line: number, msg: string) => {
    failure ??= new LayoutMarkupError(file, line, msg);
  };
  p.on('opentagstart', (tag) => {
    if (!isKind(tag.name)) fail(p.line, `unknown element <${tag.name}> (the vocabulary: ${ELEMENTS.join(', ')})`);
    // saxes has read the name and one more character: the stamp goes right after the name
    inserts.push({ at: p.position - 1, line: p.line });
  });
  p.on('opentag', (tag: SaxesTagPlain) => {
    if (depth === 0 && ++roots > 1) fail(p.line, 'a layout has one root element, <page>');
    if (depth === 0 && tag.name !== 'page') fail(p.line, `the root element is <page>, not <${tag.name}>`);
    depth++;
    if (!isKind(tag.name)) return;
    const spec = ATTRIBUTES[tag.name];
    for (const name of Object.keys(tag.attributes)) {
      if (!(name in spec))
        fail(p.line, `<${tag.name}> has no attribute "${name}" (it takes: ${Object.keys(spec).join(', ')})`);
    }
  });
  p.on('closetag', () => {
    depth--;
  });
  p.on('error', (e) => fail(p.line, `not well-formed: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`));
  try {
    p.write(source).close();
  } catch (e) {
    fail(p.line, `not well-formed: ${(e as Error).message}`);
  }
  if (!failure && roots === 0) fail(1, 'no <page> element');
  if (failure) throw failure;
  let out = '';
  let at = 0;
  for (const ins of inserts) {
    out += `${source.slice(at, ins.at)} ${LINE_ATTR}="${ins.line}"`;
    at = ins.at;
  }
  out += source.slice(at);
  const t = { file, source: out };
  if (prepared.size > 200) prepared.clear();
  prepared.set(key, t);
  return t;
}

/** Parse rendered markup (a prepared template after Handlebars) into the typed tree. */
export function parseLayout(markup: string, file: string): MNode {
  const p = new SaxesParser({ xmlns: false, position: true, fileName: file });
  const stack: MNode[] = [];
  let root: MNode | undefined;
  let failure: Error | undefined;
  p.on('opentag', (tag: SaxesTagPlain) => {
    if (failure) return;
    const attrs = tag.attributes as Record<string, string>;
    const line = Number(attrs[LINE_ATTR] ?? p.line);
    try {
      if (!isKind(tag.name)) throw new LayoutMarkupError(file, line, `unknown element <${tag.name}>`);
      const node: MNode = { kind: tag.name, a: {}, text: '', children: [], line };
      const spec = ATTRIBUTES[tag.name];
      for (const [name, raw] of Object.entries(attrs)) {
        if (name === LINE_ATTR) continue;
        const type = spec[name];
        if (!type) throw new LayoutMarkupError(file, line, `<${tag.name}> has no attribute "${name}"`);
        node.a[name] = readValue(
          type,
          raw,
          (why) => new LayoutMarkupError(file, line, `<${tag.name} ${name}="${raw}">: ${why}`),
        );
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        if (!CONTAINERS.has(parent.kind))
          throw new LayoutMarkupError(
            file,
            line,
            `<${parent.kind}> cannot hold <${tag.name}> (only page, stack, row, grid and choose hold elements)`,
          );
        if (tag.name === 'page') throw new LayoutMarkupError(file, line, '<page> is only the root');
        parent.children.push(node);
      } else root = node;
      stack.push(node);
    } catch (e) {
      failure = e as Error;
    }
  });
  p.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (!top || failure) return;
    if (top.kind === 'text') top.text += t;
    else if (t.trim() !== '' && !failure)
      failure = new LayoutMarkupError(
        file,
        top.line,
        `text "${t.trim().slice(0, 40)}" directly inside <${top.kind}> (put it in a <text>)`,
      );
  });
  p.on('closetag', () => {
    const n = stack.pop();
    if (n?.kind === 'text') n.text = n.text.replace(/\s+/g, ' ').trim();
    if (n?.kind === 'choose' && !n.children.length && !failure)
      failure = new LayoutMarkupError(file, n.line, '<choose> holds at least one arrangement');
  });
  p.on('error', (e) => {
    failure ??= new LayoutMarkupError(file, p.line, `the rendered layout is not well-formed: ${e.message}`);
  });
  try {
    p.write(markup).close();
  } catch (e) {
    failure ??= e as Error;
  }
  if (failure) throw failure;
  if (!root) throw new LayoutMarkupError(file, 1, 'no <page> element');
  return root;
}

export const CONTAINERS: ReadonlySet<Kind> = new Set(['page', 'stack', 'row', 'grid', 'choose']);

function num(raw: string, bad: (why: string) => Error): number {
  const s = raw.trim();
  const v = s === '' ? Number.NaN : Number(s);
  if (!Number.isFinite(v)) throw bad('expected a number');
  return v;
}

function readValue(type: AttrType, raw: string, bad: (why: string) => Error): Value {
  if (typeof type === 'object') {
    if (!type.oneOf.includes(raw)) throw bad(`expected one of ${type.oneOf.join(', ')}`);
    return raw;
  }
  switch (type) {
    case 'string':
      return raw;
    case 'bool':
      if (raw === '' || raw === 'true') return true;
      if (raw === 'false') return false;
      throw bad('expected true or false');
    case 'number':
      return num(raw, bad);
    case 'length': {
      const s = raw.trim();
      if (s.endsWith('%')) return `${num(s.slice(0, -1), bad)}%`;
      return num(s, bad);
    }
    case 'edges':
    case 'dash': {
      const parts = raw
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((p) => num(p, bad));
      if (parts.length < 1 || parts.length > (type === 'edges' ? 4 : 8)) throw bad('expected 1 to 4 numbers');
      if (parts.some((p) => p < 0)) throw bad('expected numbers ≥ 0');
      return parts;
    }
    case 'range': {
      const parts = raw.split('..').map((p) => num(p, bad));
      if (parts.length === 1) return [parts[0]!, parts[0]!];
      if (parts.length !== 2) throw bad('expected a size or a range min..max');
      const [a, b] = parts as [number, number];
      if (!(a > 0 && b > 0)) throw bad('sizes must be > 0');
      return [Math.min(a, b), Math.max(a, b)];
    }
    case 'color': {
      const s = raw.trim();
      if (s === 'none') return s;
      if (!isHex(s)) throw bad('expected a colour #rgb or #rrggbb, or none');
      return s.toLowerCase();
    }
  }
}

function isHex(s: string): boolean {
  if (s[0] !== '#' || (s.length !== 4 && s.length !== 7)) return false;
  for (let i = 1; i < s.length; i++) if (!'0123456789abcdefABCDEF'.includes(s[i]!)) return false;
  return true;
}
