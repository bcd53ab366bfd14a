import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { loadModel } from '../../src/model/index.js';

describe('loadModel', () => {
  it('names a missing or wrong argument (exit 2), for JavaScript callers', () => {
    const call = loadModel as unknown as (...a: unknown[]) => unknown;
    const cases: [unknown[], string][] = [
      [[], 'loadModel(file, options): file: expected a data file path, found nothing'],
      [[42, { root: '.' }], 'loadModel(file, options): file: expected a data file path, found 42'],
      [['data/x.yaml'], 'loadModel(file, options): options.root: expected the project folder (a path), found nothing'],
      [
        ['data/x.yaml', { root: 7 }],
        'loadModel(file, options): options.root: expected the project folder (a path), found 7',
      ],
    ];
    for (const [args, message] of cases) {
      let err: unknown;
      try {
        call(...args);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).message).toBe(message);
      expect((err as UsageError).exitCode).toBe(2);
    }
  });
});
