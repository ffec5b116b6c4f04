import { describe, expect, test } from 'vitest';
import { createRng } from '../../sim/rng.ts';

describe('Rng', () => {
  test('draws are those of the seed alone (values of the alea stream for "42", "42/x", "42/y/z")', () => {
    const root = createRng(42);
    const x = root.fork('x');
    expect([root.float(), x.float(), x.int({ min: 1, max: 100 }), root.fork('y').fork('z').float()]).toEqual([0.6848634963389486, 0.5296460569370538, 38, 0.47430131840519607]);
  });

  test('a fork draws the same whether it is made before or after its parent draws, and however long it waits', () => {
    const early = createRng(7);
    const forkEarly = early.fork('a');
    const lateParent = createRng(7);
    for (let i = 0; i < 5; i++) lateParent.float();
    const forkLate = lateParent.fork('a');
    expect([forkEarly.float(), forkEarly.float()]).toEqual([forkLate.float(), forkLate.float()]);
    expect(early.float()).toBe(createRng(7).float());
  });
});
