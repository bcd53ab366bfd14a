import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/batch/pool.js';

describe('render workers', () => {
  it('inherit the host\'s Node flags but not the ones a worker refuses', () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'await import("x")'])).toEqual([]);
    expect(workerExecArgv(['--max-old-space-size=4096', '--eval', 'code', '--enable-source-maps'])).toEqual(['--max-old-space-size=4096', '--enable-source-maps']);
    expect(workerExecArgv(['-p', '1+1', '--import', 'hook.js'])).toEqual(['--import', 'hook.js']);
  });
});
