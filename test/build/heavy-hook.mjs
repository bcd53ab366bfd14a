// Test helper: `node --import heavy-hook.mjs` appends every resolved heavy module (renderers,
// parsers) to the file named by DATAPRESS_HEAVY_LOG, so a test can assert a no-op build loaded none.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const HEAVY = /node_modules\\/(pdfkit|sharp|@img|vega|vega-lite|vega-[a-z-]+|fontkit|yaml|zod|handlebars)\\//;
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.DATAPRESS_HEAVY_LOG && HEAVY.test(r.url)) appendFileSync(process.env.DATAPRESS_HEAVY_LOG, r.url + '\\n');
  return r;
}
`),
);
