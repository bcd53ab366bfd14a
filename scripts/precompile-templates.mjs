#!/usr/bin/env node
// Compile the shipped Handlebars templates to JavaScript next to the compiled handlebars.js
// (src/layout/precompile.ts says how); run after tsc by `npm run build:ts`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { precompiledModule } = await import(join(root, 'dist/src/layout/precompile.js'));
const { PRECOMPILED_FILE } = await import(join(root, 'dist/src/layout/handlebars.js'));
writeFileSync(join(root, 'dist/src/layout', PRECOMPILED_FILE), precompiledModule(root));
