import Handlebars from 'handlebars';

/** A figure a prose template quotes: {{v "pension.insured" 2012}} or {{change "x" 2012 2020}}. */
export interface ProseRef {
  helper: string;
  metric?: string;
  years: number[];
  hash: Record<string, unknown>;
}

export const PROSE_HELPERS = ['v', 'change', 'year'] as const;

/** Parse a prose template and list what it references; throws with a readable reason. */
export function proseRefs(source: string): ProseRef[] {
  const ast = Handlebars.parse(source);
  const refs: ProseRef[] = [];
  for (const node of ast.body) {
    if (node.type === 'ContentStatement' || node.type === 'CommentStatement') continue;
    if (node.type !== 'MustacheStatement') {
      throw new Error(
        `only {{v "metric" year}}, {{change "metric" from to}} and {{year N}} may appear in prose, not blocks or partials`,
      );
    }
    const m = node as hbs.AST.MustacheStatement;
    const name = (m.path as hbs.AST.PathExpression).original;
    if (!(PROSE_HELPERS as readonly string[]).includes(name)) {
      throw new Error(
        `unknown template expression {{${name}}}; prose may use ${PROSE_HELPERS.map((h) => `{{${h} …}}`).join(', ')}`,
      );
    }
    const params = m.params.map((p) => (p as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value);
    const hash: Record<string, unknown> = {};
    for (const pair of m.hash?.pairs ?? []) hash[pair.key] = (pair.value as hbs.AST.Literal & { value: unknown }).value;
    if (name === 'year') {
      if (typeof params[0] !== 'number') throw new Error('{{year N}} needs a year number');
      refs.push({ helper: name, years: [params[0]], hash });
      continue;
    }
    if (typeof params[0] !== 'string') throw new Error(`{{${name} …}} needs a metric id in quotes first`);
    const years = params.slice(1);
    if (years.some((y) => typeof y !== 'number'))
      throw new Error(`{{${name} "${params[0]}" …}}: years must be numbers`);
    if (name === 'change' && years.length !== 2) throw new Error(`{{change "${params[0]}" from to}} needs two years`);
    refs.push({ helper: name, metric: params[0], years: years as number[], hash });
  }
  return refs;
}
