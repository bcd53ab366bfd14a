/** The honesty checks live with validation (src/validate/charts.ts): the kinds read the same rules. */
export * from '../../validate/charts.js';
