import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // a machine-readable result beside the console report (.ci/run prints its counts)
    reporters: ['default', ['json', { outputFile: '.cache/test-results.json' }]],
    maxWorkers: 2,
  },
});
