import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatShard, inShard, parseShard, shardSeeds } from '../../../scenarios/sweep/shard.ts';

describe('shards', () => {
  it('parses I/N and rejects anything else', () => {
    expect(parseShard('2/3')).toEqual({ ok: true, shard: { index: 2, count: 3 } });
    for (const text of ['0/3', '4/3', '1/0', '1', '1/3/4', 'a/b', '-1/3']) {
      const parsed = parseShard(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('--shard I/N');
    }
    expect(formatShard({ index: 2, count: 3 })).toBe('2/3');
  });

  it('runs seed mod N = I-1, so shard 1/3 of 1..10 is 3, 6, 9', () => {
    expect(shardSeeds({ first: 1, last: 10 }, { index: 1, count: 3 })).toEqual([3, 6, 9]);
    expect(shardSeeds({ first: 1, last: 10 }, { index: 2, count: 3 })).toEqual([1, 4, 7, 10]);
  });

  it('splits any range into disjoint shards whose union is the range', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 300 }), fc.integer({ min: 1, max: 12 }), (first, length, count) => {
        const range = { first, last: first + length };
        const all: number[] = [];
        for (let index = 1; index <= count; index++) {
          const seeds = shardSeeds(range, { index, count });
          expect(seeds.every((seed) => inShard(seed, { index, count }))).toBe(true);
          all.push(...seeds);
        }
        all.sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: length + 1 }, (_, i) => first + i));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
