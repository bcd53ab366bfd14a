import { describe, expect, it } from 'vitest';
import { reservePixels } from '../../../src/render/raster/canvas.js';

describe('reservePixels', () => {
  it('lets one paint through however large, and holds the next until pixels come back', async () => {
    const big = 100 * 2 ** 20;
    const first = await reservePixels(big);
    let second: (() => void) | undefined;
    const waiting = reservePixels(big).then((give) => {
      second = give;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(second).toBeUndefined();
    first();
    await waiting;
    expect(second).toBeTypeOf('function');
    second!();
    // small reservations share the budget without waiting
    const a = await reservePixels(2 ** 20);
    const b = await reservePixels(2 ** 20);
    a();
    b();
  });

  it('gives back once, however often it is called', async () => {
    const give = await reservePixels(120 * 2 ** 20);
    give();
    give();
    const again = await Promise.race([
      reservePixels(120 * 2 ** 20),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 50)),
    ]);
    expect(again).toBeTypeOf('function');
    again!();
  });
});
