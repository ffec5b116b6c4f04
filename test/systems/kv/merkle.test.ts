import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleTree, bucketOf } from '../../../systems/kv/merkle.ts';

const entriesArb = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), digest: fc.nat() }), { selector: (e) => e.key, maxLength: 40 });

describe('MerkleTree', () => {
  it('finds exactly the buckets whose entries differ', () => {
    fc.assert(
      fc.property(entriesArb, entriesArb, fc.integer({ min: 0, max: 5 }), (a, b, depth) => {
        const ta = MerkleTree.build({ depth, entries: a });
        const tb = MerkleTree.build({ depth, entries: b });
        const text = (entries: typeof a, bucket: number) =>
          entries
            .filter((e) => bucketOf(e.key, depth) === bucket)
            .map((e) => `${e.key}=${e.digest}`)
            .sort()
            .join();
        const expected = Array.from({ length: 2 ** depth }, (_, i) => i).filter((i) => text(a, i) !== text(b, i));
        expect(ta.diff(tb).buckets).toEqual(expected);
        expect(ta.root === tb.root).toBe(expected.length === 0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('does not depend on entry order and compares only the root when in sync', () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, digest: i * 7 }));
    const a = MerkleTree.build({ depth: 4, entries });
    const b = MerkleTree.build({ depth: 4, entries: [...entries].reverse() });
    expect(a.diff(b)).toEqual({ buckets: [], visited: 1 });
  });

  it('descends only into differing subtrees', () => {
    const entries = Array.from({ length: 64 }, (_, i) => ({ key: `k${i}`, digest: i }));
    const changed = entries.map((e) => (e.key === 'k5' ? { ...e, digest: 999 } : e));
    const result = MerkleTree.build({ depth: 6, entries }).diff(MerkleTree.build({ depth: 6, entries: changed }));
    expect(result.buckets).toEqual([bucketOf('k5', 6)]);
    expect(result.visited).toBe(1 + 2 * 6);
  });

  it('round-trips through its wire form and rejects malformed trees', () => {
    const tree = MerkleTree.build({ depth: 3, entries: [{ key: 'a', digest: 1 }] });
    const copy = MerkleTree.fromNodes({ depth: 3, nodes: [...tree.nodes] });
    expect(copy?.diff(tree).buckets).toEqual([]);
    expect(MerkleTree.fromNodes({ depth: 3, nodes: [1, 2] })).toBeUndefined();
    expect(MerkleTree.fromNodes({ depth: 99, nodes: [] })).toBeUndefined();
  });
});
