import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Test files that take most of the suite's time and are left out of `npm run test:fast`:
 * property runs over hundreds of generated datasets, and the packed-tarball install.
 */
export const SLOW = [
  'test/validate/property.test.ts', // 600 generated datasets through validation
  'test/errors/build-property.test.ts', // generated datasets through whole builds
  'test/package/pack.test.ts', // npm pack, install into an empty project, build there
  'test/render/raster/corpus-layout.test.ts', // every poster and card of data/examples through the layout check
];

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // generous: the machine's 2 cores are shared (load average 12–16 measured), and the property runs
    // that take ~30 s alone took over 60 s in a full run there; no test asserts on time
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // a machine-readable result beside the console report (.ci/run prints its counts)
    reporters: ['default', ['json', { outputFile: '.cache/test-results.json' }]],
    maxWorkers: 2,
  },
});
