/**
 * A render worker gets the model once and then plain job specs: every planned job, its spec
 * sent through a structured clone (what postMessage does), comes back from its planner alone as
 * the same job, for every kind, with presets, print PDFs, both language orders, --name and
 * --format.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/build.js';
import { loadModel } from '../../src/model/index.js';
import { jobFromSpec, KINDS } from '../../src/render/registry.js';
import { loadTheme } from '../../src/theme/load.js';
import type { OutputJob } from '../../src/write/job.js';

const ROOT = process.cwd();
const model = loadModel('data/nmg-social-security-2021.yaml', { root: ROOT });
const theme = loadTheme(ROOT, model.theme);

/** Everything of a job but its render function. */
const data = (j: OutputJob) => {
  const { render: _r, ...rest } = j;
  return rest;
};

describe('job specs', () => {
  it('the model and theme a worker is sent survive a structured clone unchanged', () => {
    expect(structuredClone(model)).toEqual(model);
    expect(structuredClone(theme)).toEqual(theme);
  });

  it.each([
    ['a default build', {}],
    ['print presets (poster PDFs) and a page preset', { presets: ['a3', 'story', 'square', 'a5'] }],
    [
      'one language, a name pattern and a format',
      { langs: ['en'], name: '{n}-{preset}-{lang}', format: 'webp' as const },
    ],
  ])('rebuild every planned job of %s from its spec alone', async (_what, options) => {
    const jobs = await plan(model, theme, options);
    expect(new Set(jobs.map((j) => j.kind))).toEqual(new Set(KINDS));
    for (const job of jobs) {
      const spec = structuredClone(job.spec);
      expect(spec.kind).toBe(job.kind);
      const again = await jobFromSpec(model, theme, spec);
      expect(data(again), job.path).toEqual(data(job));
    }
  });

  it('a spec naming something the model does not have is an error, not another job', async () => {
    const [card] = await plan(model, theme, { only: ['card'] });
    await expect(jobFromSpec(model, theme, { ...card!.spec, highlight: 'nope' })).rejects.toThrow(
      /no highlight "nope"/,
    );
  });
});
