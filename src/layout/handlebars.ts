import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';

/**
 * One isolated Handlebars environment for layouts. `{{x}}` escapes & < > " ' ` = so data
 * can never inject markup into an SVG or HTML layout; prototype access stays off (the
 * Handlebars 4.7 default, made explicit at every call through `runtimeOptions`).
 */
export const hbs = Handlebars.create();

export const runtimeOptions: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
hbs.registerHelper('mul', (a: number, b: number) => Number(a) * Number(b));
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
hbs.registerHelper('pad2', (n: number) => String(n).padStart(2, '0'));

/**
 * The options every template is compiled with (ahead of time or here). Handlebars adds its
 * defaults to the object it is given, so each compile gets a copy.
 */
export const compileOptions = (): CompileOptions => ({ strict: false, noEscape: false });
type CompileOptions = Parameters<typeof Handlebars.precompile>[1];
type TemplateSpecification = ReturnType<typeof Handlebars.precompile>;

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Compile a template source once (keyed by its text) and render it with safe options. */
export function renderTemplate(source: string, context: unknown): string {
  let fn = compiled.get(source);
  if (!fn) {
    fn = aheadOfTime(source) ?? hbs.compile(source, compileOptions());
    compiled.set(source, fn);
  }
  return fn(context, runtimeOptions);
}

/**
 * The key of a template source among the precompiled ones: its exact text (as rendered, after
 * markup.ts stamps the lines), the Handlebars version and the compile options.
 */
export function templateKey(source: string): string {
  return createHash('sha256')
    .update(`${Handlebars.VERSION}\u0000${JSON.stringify(compileOptions())}\u0000${source}`)
    .digest('hex');
}

/**
 * The shipped templates, compiled to JavaScript when the package is built
 * (scripts/precompile-templates.mjs, after tsc; layout/precompile.ts): compiling them here took
 * ~0.4 s of a cold build, for a dozen templates. A template that is not among them (a designer's
 * new or edited layout, or tests run from src/, where there is no such file) is compiled as before.
 * The same compiler writes both, so the output is the same either way.
 */
export const PRECOMPILED_FILE = 'templates.precompiled.cjs';
let ahead: Record<string, TemplateSpecification> | null | undefined;

function aheadOfTime(source: string): Handlebars.TemplateDelegate | undefined {
  if (ahead === undefined) {
    try {
      ahead = createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as Record<string, TemplateSpecification>;
    } catch {
      ahead = null;
    }
  }
  const spec = ahead?.[templateKey(source)];
  if (!spec) return undefined;
  try {
    return hbs.template(spec);
  } catch {
    // written by another Handlebars (its compiler revision is refused): compile here
    return undefined;
  }
}
