/**
 * datapress text engine: fonts from npm (fonts.ts), measure (measure.ts) with HarfBuzz
 * shaping (shaper.ts, also for pdfkit), glyph runs (shape.ts), missing-glyph checks
 * (glyphs.ts), Chinese rules as data (rules.ts), UAX #14 + kinsoku line breaking
 * (breaker.ts), justified Chinese (justify.ts), shrink-to-fit (fit.ts), SVG outlines for
 * raster (outline.ts) and Vega text metrics from the real fonts (vega-metrics.ts).
 * User-facing text: messages.ts.
 */
export * from './fonts.js';
export * from './measure.js';
export * from './shaper.js';
export * from './shape.js';
export * from './glyphs.js';
export * from './rules.js';
export * from './breaker.js';
export * from './justify.js';
export * from './fit.js';
export * from './outline.js';
export * from './vega-metrics.js';
export * as textMessages from './messages.js';
export * from './runs.js';
export * from './quotes.js';
