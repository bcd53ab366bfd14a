/**
 * Line breaks YAML folds into spaces, dropped between two wide (CJK) characters.
 *
 * A long Chinese text written over several lines (`zh: >-`, or a plain or quoted scalar that
 * wraps) gets a space at each line break from YAML's folding, which Chinese never writes: "全年
 * 新增 就业" for 全年新增就业. CSS Text 3 has the same rule for HTML source ("segment break
 * transformation"): a break between two East Asian wide characters (not Hangul) is removed. Only
 * spaces that came from a line break are touched: a space the author typed (记者 王明) stays.
 *
 * The source of each multi-line scalar is walked beside its value to find which spaces are folds.
 */
import { type Document, isScalar, Scalar, visit } from 'yaml';

const WIDE =
  /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFF}]/u;

const FOLDING = new Set<string>([Scalar.BLOCK_FOLDED, Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE]);

/** Indexes in `value` of the spaces that stand for a folded line break of `raw`, or none if the walk loses its way. */
export function foldedSpaces(value: string, raw: string): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < value.length) {
    if (j >= raw.length) return [];
    const c = value[i]!;
    if (c === raw[j]) {
      i++;
      j++;
    } else if (c === ' ' && (raw[j] === '\n' || raw[j] === '\r')) {
      out.push(i++);
      while (j < raw.length && /[\r\n \t]/.test(raw[j]!)) j++;
    } else j++;
  }
  return out;
}

/** The value without the folded spaces that sit between two wide characters. */
export function joinWide(value: string, raw: string): string {
  if (!value.includes(' ')) return value;
  const drop = foldedSpaces(value, raw).filter((i) => {
    // the characters either side (a surrogate pair read whole)
    const low = i >= 2 && /[\uDC00-\uDFFF]/.test(value[i - 1]!);
    const prev = String.fromCodePoint(value.codePointAt(low ? i - 2 : i - 1) ?? 0);
    const after = String.fromCodePoint(value.codePointAt(i + 1) ?? 0);
    return WIDE.test(prev) && WIDE.test(after);
  });
  if (!drop.length) return value;
  const skip = new Set(drop);
  let s = '';
  for (let i = 0; i < value.length; i++) if (!skip.has(i)) s += value[i];
  return s;
}

/** Rewrite, in place, every multi-line text scalar of the document. */
export function joinWideFolds(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range || !FOLDING.has(node.type ?? '')) return;
      const raw = text.slice(node.range[0], node.range[1]);
      if (!raw.includes('\n')) return;
      // a folded block's header line (">-", ">+2") is not part of the value
      const body = node.type === Scalar.BLOCK_FOLDED ? raw.slice(raw.indexOf('\n') + 1) : raw;
      node.value = joinWide(node.value, body);
    },
  });
}
