import { describe, expect, it } from 'vitest';
import { compileOptions, hbs, renderTemplate, templateKey } from '../../src/layout/handlebars.js';
import { precompiledModule, shippedTemplateSources } from '../../src/layout/precompile.js';
import { packageRoot } from '../../src/version.js';

/** The generated CommonJS module, evaluated as Node would load it. */
function load(text: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', text)(module, module.exports);
  return module.exports;
}

describe('precompiled templates', () => {
  const root = packageRoot();
  const sources = shippedTemplateSources(root);
  const specs = load(precompiledModule(root));

  it('has every shipped template, under the key of the source renderTemplate gets (lines stamped)', () => {
    expect([...sources.keys()]).toEqual(
      expect.arrayContaining([
        'templates/cards/stack.layout.hbs',
        'templates/posters/overview-portrait.layout.hbs',
        'templates/report/report.hbs',
      ]),
    );
    for (const [file, source] of sources) {
      expect(specs[templateKey(source)], file).toBeDefined();
      if (file.endsWith('.layout.hbs')) expect(source, file).toMatch(/ data-template-line="\d+"/);
    }
    expect(Object.keys(specs)).toHaveLength(sources.size);
  });

  it('renders what compiling renders', () => {
    const contexts = [{}, { lang: 'zh', langs: ['zh', 'en'], title: 'A & <b>', items: [{ id: 'a' }, { id: 'b' }] }];
    for (const [file, source] of sources) {
      const ahead = hbs.template(specs[templateKey(source)] as never);
      const here = hbs.compile(source, compileOptions());
      for (const ctx of contexts) {
        let a: string | Error, b: string | Error;
        try {
          a = ahead(ctx);
        } catch (e) {
          a = e as Error;
        }
        try {
          b = here(ctx);
        } catch (e) {
          b = e as Error;
        }
        expect(String(a), file).toBe(String(b));
      }
    }
  });

  it('keys do not move when a template is compiled (Handlebars adds defaults to the options it gets)', () => {
    const source = '<page>{{x}}</page>';
    const before = templateKey(source);
    expect(renderTemplate(source, { x: 1 })).toBe('<page>1</page>');
    hbs.precompile('{{y}}', compileOptions());
    expect(templateKey(source)).toBe(before);
    expect(templateKey(`${source} `)).not.toBe(before);
  });
});
