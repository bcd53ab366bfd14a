/**
 * `npm run test:fast`: the suite without its long runs, for the edit–test loop. `npm test`
 * runs everything; CI runs `npm test`.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base, { SLOW } from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...SLOW] } }));
