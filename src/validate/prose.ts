import Handlebars from 'handlebars';

/** A figure a prose template quotes: {{v "pension.insured" 2012}}, {{change "x" 2012 2020}}, {{vsTarget "x" 2023}}. */
export interface ProseRef {
  helper: ProseHelper;
  metric?: string;
  /** the times named, as written: years (numbers) or period keys (strings) */
  times: (number | string)[];
  /** datapress/1: the years among `times` */
  years: number[];
  hash: Record<string, unknown>;
}

/** What prose may use: each helper, its metric-and-times shape, and its options. */
export const PROSE_SIGNATURES = {
  v: { metric: true, times: [0, 1], options: ['bare', 'exact', 'full', 'round', 'qualifier', 'target', 'words'] },
  target: { metric: true, times: [0, 1], options: ['bare', 'exact', 'round', 'qualifier'] },
  change: { metric: true, times: [2, 2], options: ['relative', 'words', 'places'] },
  diff: { metric: true, times: [2, 2], options: ['words', 'round', 'qualifier', 'exact'] },
  vsTarget: { metric: true, times: [0, 1], options: [] },
  ofTarget: { metric: true, times: [0, 1], options: [] },
  year: { metric: false, times: [1, 1], options: [] },
  period: { metric: false, times: [1, 1], options: [] },
} as const;

export type ProseHelper = keyof typeof PROSE_SIGNATURES;
export const PROSE_HELPERS = Object.keys(PROSE_SIGNATURES) as ProseHelper[];

const list = () => PROSE_HELPERS.map((h) => `{{${h} …}}`).join(', ');

type Literal = hbs.AST.StringLiteral | hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral;
const isLiteral = (n: hbs.AST.Expression): n is Literal =>
  n.type === 'StringLiteral' || n.type === 'NumberLiteral' || n.type === 'BooleanLiteral';

/** Parse a prose template and list what it references; throws with a readable reason. */
export function proseRefs(source: string): ProseRef[] {
  const ast = Handlebars.parse(source);
  const refs: ProseRef[] = [];
  for (const node of ast.body) {
    if (node.type === 'ContentStatement' || node.type === 'CommentStatement') continue;
    if (node.type !== 'MustacheStatement') {
      throw new Error(`only ${list()} may appear in prose, not blocks or partials`);
    }
    const m = node as hbs.AST.MustacheStatement;
    if (m.path.type !== 'PathExpression') throw new Error(`prose may use ${list()}`);
    const name = (m.path as hbs.AST.PathExpression).original;
    if (!Object.hasOwn(PROSE_SIGNATURES, name))
      throw new Error(`unknown template expression {{${name}}}; prose may use ${list()}`);
    if (m.params.length === 0 && !m.hash?.pairs.length && name !== 'year' && name !== 'period') {
      throw new Error(`{{${name}}} needs a metric id in quotes`);
    }
    const helper = name as ProseHelper;
    const sig = PROSE_SIGNATURES[helper];
    const bad = m.params.find((p) => !isLiteral(p)) ?? m.hash?.pairs.map((p) => p.value).find((v) => !isLiteral(v));
    if (bad) {
      const what =
        bad.type === 'SubExpression'
          ? 'a sub-expression (…)'
          : bad.type === 'PathExpression'
            ? `a name (${(bad as hbs.AST.PathExpression).original})`
            : 'an expression';
      throw new Error(`{{${name} …}} takes literal values only (quoted ids, numbers, true/false), not ${what}`);
    }
    const params = m.params.map((p) => (p as Literal).value);
    const hash: Record<string, unknown> = {};
    for (const pair of m.hash?.pairs ?? []) {
      if (!(sig.options as readonly string[]).includes(pair.key)) {
        throw new Error(
          `{{${name} …}} has no option ${pair.key}=${sig.options.length ? `; it takes ${sig.options.join(', ')}` : ''}`,
        );
      }
      hash[pair.key] = (pair.value as Literal).value;
    }
    let metric: string | undefined;
    let rest = params;
    if (sig.metric) {
      if (typeof params[0] !== 'string') throw new Error(`{{${name} …}} needs a metric id in quotes first`);
      metric = params[0];
      rest = params.slice(1);
    }
    const [min, max] = sig.times;
    if (rest.length < min || rest.length > max) {
      throw new Error(
        min === max
          ? `{{${name}${metric ? ` "${metric}"` : ''} …}} needs ${min === 1 ? 'one year or period' : `${min} years or periods`}`
          : `{{${name} "${metric}" …}} takes at most one year or period`,
      );
    }
    if (rest.some((t) => typeof t !== 'number' && typeof t !== 'string')) {
      throw new Error(`{{${name} …}}: years are numbers (2020), periods quoted keys ("2023-H1")`);
    }
    if (helper === 'year' && typeof rest[0] !== 'number') throw new Error('{{year N}} needs a year number');
    const times = rest as (number | string)[];
    refs.push({ helper, metric, times, years: times.filter((t): t is number => typeof t === 'number'), hash });
  }
  return refs;
}
