#!/usr/bin/env node
/**
 * The import graph of a folder (default src/), read with the TypeScript compiler's own parser:
 * static imports, `export … from`, `import type` (a type cycle is still two modules that cannot
 * be understood one without the other) and dynamic `import('…')` with a literal path. Checks:
 *
 * - no import cycle;
 * - with `layers` (top first, each a list of path prefixes): a module imports only modules of
 *   its own layer or below, and every module is in a layer.
 *
 *   node scripts/import-cycles.mjs [dir] [--rules rules.json]
 *
 * Exits 1 listing each cycle as a path of files (a → b → a), each upward import, or an allowed
 * edge that no longer exists (so the list only shrinks). The rules file (default for src/:
 * scripts/import-rules.json) is `{ "layers": [[prefix…]…], "allow": [{ "from", "to", "why" }] }`;
 * allowed edges are known debts left out of both checks until the work that removes them lands.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Every .ts file under dir (no .d.ts), sorted. */
function sources(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The module specifiers a file imports (static, re-exports, type-only, literal dynamic imports). */
export function importsOf(file, text = readFileSync(file, 'utf8')) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specs = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const lit = node.argument.literal;
      if (ts.isStringLiteral(lit)) specs.push(lit.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) specs.push(e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs;
}

/** A relative specifier as a file of the graph: './x.js' → x.ts (NodeNext), './x' → x.ts or x/index.ts. */
function resolveSpec(from, spec, files) {
  if (!spec.startsWith('.')) return undefined; // a package
  const base = resolve(dirname(from), spec);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => files.has(c));
}

/** The import graph of dir: file → files it imports (paths relative to `cwd`, forward slashes). */
export function importGraph(dir, cwd = process.cwd()) {
  const abs = sources(resolve(cwd, dir));
  const files = new Set(abs);
  const rel = (p) => relative(cwd, p).split(sep).join('/');
  const graph = new Map();
  for (const f of abs) {
    const to = new Set();
    for (const spec of importsOf(f)) {
      const r = resolveSpec(f, spec, files);
      if (r && r !== f) to.add(rel(r));
    }
    graph.set(rel(f), [...to].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan): their files, and one cycle through them. */
export function findCycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const sccs = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) sccs.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  // one concrete cycle per component: the shortest way back to its first file
  return sccs.map((scc) => {
    const inside = new Set(scc);
    const start = scc[0];
    const prev = new Map([[start, undefined]]);
    const queue = [start];
    let end;
    while (queue.length && !end) {
      const v = queue.shift();
      for (const w of graph.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          end = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [];
    for (let v = end; v !== undefined; v = prev.get(v)) path.unshift(v);
    return { path: [...path, start], files: scc };
  });
}

/** The layer of a file: the index of the first layer with a prefix of it, or -1. */
function layerOf(file, layers) {
  return layers.findIndex((prefixes) => prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

/**
 * Check dir against rules: cycles of its import graph once the allowed edges are left out,
 * imports that go up the layers, files in no layer, allowed edges that are gone. Returns the
 * problems as lines (none: the graph is clean).
 */
export function checkImports(dir, rules = {}, cwd = process.cwd()) {
  const { layers = [], allow = [] } = rules;
  const graph = importGraph(dir, cwd);
  const problems = [];
  for (const { from, to } of allow) {
    const edges = graph.get(from);
    if (!edges?.includes(to)) problems.push(`allowed edge ${from} → ${to} no longer exists: remove it from the list`);
    else
      graph.set(
        from,
        edges.filter((e) => e !== to),
      );
  }
  if (layers.length) {
    const name = (i) => layers[i].join(' ');
    for (const [from, tos] of graph) {
      const lf = layerOf(from, layers);
      if (lf < 0) {
        problems.push(`${from} is in no layer: add it to the rules`);
        continue;
      }
      for (const to of tos) {
        const lt = layerOf(to, layers);
        if (lt >= 0 && lt < lf) problems.push(`upward import: ${from} → ${to} (layer ${name(lf)} imports ${name(lt)})`);
      }
    }
  }
  for (const { path, files } of findCycles(graph)) {
    const more = files.filter((f) => !path.includes(f));
    problems.push(`import cycle: ${path.join(' → ')}${more.length ? ` (and through ${more.join(', ')})` : ''}`);
  }
  return problems;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === here) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--rules');
  const rulesFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const dir = args[0] ?? 'src';
  const defaultRules = join(dirname(here), 'import-rules.json');
  const file = rulesFile ?? (dir === 'src' && existsSync(defaultRules) ? defaultRules : undefined);
  const rules = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const problems = checkImports(dir, rules);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  const n = importGraph(dir).size;
  const known = rules.allow?.length ? ` (${rules.allow.length} known edge(s) allowed)` : '';
  console.log(`imports of ${n} modules of ${dir}/: no cycle${rules.layers ? ', none upward' : ''}${known}`);
}
