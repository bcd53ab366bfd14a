/**
 * Three runs of every gallery spec give identical bytes. Every spec's SVG is rendered three
 * times (caches cleared before each run, the second run in reverse order, so no run sees the
 * process state another left); PNG and PDF are functions of that SVG, and are run three times for
 * the specs whose bytes have varied before (interactive initial states, animations on `now()`,
 * images, empty labels).
 * The whole gallery in all three formats: `node dist/src/charts/conformance.js --runs 3`.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { galleryDir, runConformance } from '../../src/charts/conformance.js';

const HAS_GALLERY = existsSync(galleryDir());

describe.skipIf(!HAS_GALLERY)('the gallery renders deterministically', () => {
  it('every spec: three runs, identical SVG bytes', async () => {
    const r = await runConformance({ formats: ['svg'], runs: 3, out: mkdtempSync(path.join(tmpdir(), 'dp-det-')) });
    expect(r.total).toBeGreaterThan(600);
    expect(r.unstable).toEqual([]);
  }, 1_800_000);

  it('the specs that varied before: three runs, identical SVG, PNG and PDF bytes', async () => {
    const only = [
      'interactive_airport_crossfilter',
      'interactive_1d_geo_brush',
      'scatter_image',
      'image_scatter_no_size',
      'point_log',
      'rect_heatmap',
      'layer_text_heatmap',
      'geo_choropleth',
      'animated_gapminder',
      'animated_hop',
    ];
    const r = await runConformance({ only, runs: 3, out: mkdtempSync(path.join(tmpdir(), 'dp-det-')) });
    expect(r.total).toBe(only.filter((n) => existsSync(path.join(galleryDir(), `${n}.vl.json`))).length);
    expect(r.failures).toEqual([]);
    expect(r.unstable).toEqual([]);
  }, 600_000);
});
