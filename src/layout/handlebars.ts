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

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Compile a template source once (keyed by its text) and render it with safe options. */
export function renderTemplate(source: string, context: unknown): string {
  let fn = compiled.get(source);
  if (!fn) {
    fn = hbs.compile(source, { strict: false, noEscape: false });
    compiled.set(source, fn);
  }
  return fn(context, runtimeOptions);
}
