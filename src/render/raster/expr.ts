/**
 * Tiny arithmetic for layout attributes, so one template adapts to every size of its
 * aspect class: `x="M + col*(CW + G)"`, `y="bottom(title) + 24"`, `h="H - M - top(foot)"`.
 *
 * Grammar: numbers, variables, + - * / ( ), unary minus, and functions
 * top/bottom/left/right/width/height(boxId), min(a, b, …), max(a, b, …).
 * Nothing else: no property access, no calls into JavaScript.
 */

export interface BoxGeom {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ExprScope {
  vars: Record<string, number>;
  box(id: string): BoxGeom | undefined;
}

export class LayoutExprError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutExprError';
  }
}

const TOKEN = /\s*(\d+(?:\.\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new LayoutExprError(`cannot read "${src}" at "${src.slice(pos)}"`);
    out.push(m[1]!);
    pos = TOKEN.lastIndex;
  }
  return out;
}

const BOX_FNS: Record<string, (b: BoxGeom) => number> = {
  top: (b) => b.y,
  bottom: (b) => b.y + b.h,
  left: (b) => b.x,
  right: (b) => b.x + b.w,
  width: (b) => b.w,
  height: (b) => b.h,
};

/** Evaluate a layout expression; throws LayoutExprError naming the expression. */
export function evalExpr(src: string, scope: ExprScope): number {
  const t = tokenize(src);
  let i = 0;
  const peek = () => t[i];
  const next = () => t[i++];
  const fail = (why: string): never => {
    throw new LayoutExprError(`${why} in "${src}"`);
  };
  function expr(): number {
    let v = term();
    while (peek() === '+' || peek() === '-') v = next() === '+' ? v + term() : v - term();
    return v;
  }
  function term(): number {
    let v = factor();
    while (peek() === '*' || peek() === '/') {
      if (next() === '*') v *= factor();
      else {
        const d = factor();
        if (d === 0) fail('division by zero');
        v /= d;
      }
    }
    return v;
  }
  function factor(): number {
    const tok = next();
    if (tok === undefined) return fail('unexpected end');
    if (tok === '-') return -factor();
    if (tok === '+') return factor();
    if (tok === '(') {
      const v = expr();
      if (next() !== ')') fail('missing )');
      return v;
    }
    if (/^[\d.]/.test(tok)) return Number(tok);
    if (peek() === '(') {
      next();
      if (tok in BOX_FNS) {
        const id = next();
        if (!id || !/^[A-Za-z_]/.test(id)) fail(`${tok}() needs a box id`);
        if (next() !== ')') fail('missing )');
        const b = scope.box(id!);
        if (!b) fail(`unknown box "${id}" (boxes are placed in document order)`);
        return BOX_FNS[tok]!(b!);
      }
      if (tok === 'min' || tok === 'max') {
        const args = [expr()];
        while (peek() === ',') {
          next();
          args.push(expr());
        }
        if (next() !== ')') fail('missing )');
        return tok === 'min' ? Math.min(...args) : Math.max(...args);
      }
      return fail(`unknown function ${tok}()`);
    }
    if (tok in scope.vars) return scope.vars[tok]!;
    return fail(`unknown variable ${tok}`);
  }
  const v = expr();
  if (i < t.length) fail(`unexpected "${t[i]}"`);
  if (!Number.isFinite(v)) fail('not a finite number');
  return v;
}
