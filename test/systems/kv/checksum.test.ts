import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../sim/rng.ts';
import { copyMessage } from '../../../sim/network/copy.ts';
import { corruptMessage } from '../../../sim/network/corrupt.ts';
import { intact, seal } from '../../../systems/kv/checksum.ts';

const message = fc.record({ type: fc.constantFrom('r-put', 'gossip', 'reply'), opId: fc.integer(), body: fc.jsonValue({ maxDepth: 4 }) });

describe('message checksums', () => {
  it('a sealed message stays intact through the network copy', () => {
    fc.assert(
      fc.property(message, (m) => intact(copyMessage(seal(m)))),
      { seed: 42, numRuns: 300 },
    );
  });

  it('every corruption of one leaf is detected', () => {
    fc.assert(
      fc.property(message, fc.integer({ min: 1, max: 1_000_000 }), (m, seed) => {
        const sealed = seal(m);
        const damaged = corruptMessage(sealed, createRng(seed));
        // corruptMessage may hit the sum itself: that is damage too.
        return intact(damaged) === false;
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('a message without a sum, or with values of different types, is not intact', () => {
    expect(intact({ type: 'get', key: 'k0' } as object)).toBe(false);
    const sealed: object = seal({ type: 'put', key: 'k0', value: 1 });
    const changed = (fields: object) => intact({ ...sealed, ...fields });
    expect(changed({ value: '1' })).toBe(false);
    expect(changed({ value: 1.5 })).toBe(false);
    expect(changed({ extra: null })).toBe(false);
    expect(changed({ extra: undefined })).toBe(true);
  });
});
