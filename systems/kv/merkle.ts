import { combine32, hash32 } from './hash.ts';

/**
 * A Merkle tree over the keys two replicas share (Dynamo §4.7, Cassandra's repair): keys fall
 * into 2^depth buckets by hash; a leaf hashes its bucket's (key, version digest) pairs and each
 * parent hashes its two children. Two replicas compare trees from the root down and descend only
 * into subtrees whose hashes differ, so in sync replicas exchange one tree and nothing else, and
 * out-of-sync ones exchange only the differing buckets' entries.
 *
 * The tree is stored as a heap array (root at 0, children of i at 2i+1 and 2i+2), which is also
 * its wire form. Hashes are 32-bit: a collision could hide a difference until the bucket changes
 * again; a production store would use a wider hash.
 */
export class MerkleTree {
  readonly depth: number;
  /** Heap-ordered node hashes; the last 2^depth entries are the leaves. */
  readonly nodes: readonly number[];

  private constructor(depth: number, nodes: readonly number[]) {
    this.depth = depth;
    this.nodes = nodes;
  }

  /** Builds the tree of `entries` (each key once, with the digest of its versions). */
  static build(o: { depth: number; entries: readonly { readonly key: string; readonly digest: number }[] }): MerkleTree {
    assertDepth(o.depth);
    const leafCount = 2 ** o.depth;
    const firstLeaf = leafCount - 1;
    // Each leaf folds its bucket's entries in key order. Entries in key order (a store's sorted
    // keys) are folded as they come, which is that order within every bucket; others are sorted.
    const entries = inKeyOrder(o.entries) ? o.entries : [...o.entries].sort((a, b) => compareText(a.key, b.key));
    const nodes = new Array<number>(2 * leafCount - 1).fill(0);
    for (const e of entries) {
      const hashes = keyHashes(e.key);
      const leaf = firstLeaf + bucketFromHash(hashes.bucketHash, o.depth);
      nodes[leaf] = combine32(nodes[leaf] as number, combine32(hashes.keyHash, e.digest));
    }
    for (let i = firstLeaf - 1; i >= 0; i--) nodes[i] = combine32(nodes[2 * i + 1] as number, nodes[2 * i + 2] as number);
    return new MerkleTree(o.depth, nodes);
  }

  /** Rebuilds a tree received over the wire; undefined when its shape is wrong. */
  static fromNodes(o: { depth: number; nodes: readonly number[] }): MerkleTree | undefined {
    if (!Number.isInteger(o.depth) || o.depth < 0 || o.depth > maxDepth) return undefined;
    if (o.nodes.length !== 2 ** (o.depth + 1) - 1) return undefined;
    return new MerkleTree(o.depth, o.nodes.slice());
  }

  get root(): number {
    return this.nodes[0] as number;
  }

  /**
   * The leaf buckets where the two trees differ, found top-down: a subtree whose hashes agree is
   * never entered. `visited` counts compared nodes (what an exchange would cost).
   */
  diff(other: MerkleTree): { buckets: number[]; visited: number } {
    if (other.depth !== this.depth) throw new Error(`merkle: depths differ (${this.depth} vs ${other.depth})`);
    const firstLeaf = 2 ** this.depth - 1;
    const buckets: number[] = [];
    const stack = [0];
    let visited = 0;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      visited++;
      if (this.nodes[i] === other.nodes[i]) continue;
      if (i >= firstLeaf) buckets.push(i - firstLeaf);
      else stack.push(2 * i + 2, 2 * i + 1);
    }
    return { buckets: buckets.sort((a, b) => a - b), visited };
  }
}

function inKeyOrder(entries: readonly { readonly key: string }[]): boolean {
  for (let i = 1; i < entries.length; i++) if (compareText((entries[i - 1] as { key: string }).key, (entries[i] as { key: string }).key) > 0) return false;
  return true;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deep enough for thousands of keys, small enough to ship a whole tree in one message. */
const maxDepth = 12;

function assertDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 0 || depth > maxDepth) throw new Error(`merkle: depth must be an integer in [0, ${maxDepth}]; got ${depth}`);
}

/** The leaf bucket of a key. */
export function bucketOf(key: string, depth: number): number {
  return bucketFromHash(keyHashes(key).bucketHash, depth);
}

function bucketFromHash(bucketHash: number, depth: number): number {
  return depth === 0 ? 0 : bucketHash >>> (32 - depth);
}

/** Keys whose hashes are remembered at most; a workload of very many keys only loses the benefit. */
const keyHashesCachedMax = 4096;
const cachedKeyHashes = new Map<string, { readonly bucketHash: number; readonly keyHash: number }>();

/** A key's bucket hash and its own hash: every tree of every round asks again for the same keys. */
function keyHashes(key: string): { readonly bucketHash: number; readonly keyHash: number } {
  const cached = cachedKeyHashes.get(key);
  if (cached !== undefined) return cached;
  if (cachedKeyHashes.size >= keyHashesCachedMax) cachedKeyHashes.clear();
  const hashes = { bucketHash: hash32(`merkle:${key}`), keyHash: hash32(key) };
  cachedKeyHashes.set(key, hashes);
  return hashes;
}
