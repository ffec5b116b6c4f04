import type { NodeId } from '../../sim/node-api.ts';
import { hash32 } from './hash.ts';

/**
 * A consistent-hash ring with virtual nodes (Karger et al.; Dynamo §4.2). Each member owns
 * `vnodes` tokens on a 32-bit circle; a key belongs to the first token clockwise from its hash.
 * The preference list of a key is the first N distinct members met walking clockwise from
 * there, so replicas land on different physical nodes, and when a member joins or leaves only
 * the keys next to its tokens move. Rings built from the same members agree exactly, which is
 * what makes gossip-converged membership enough for every node to route alike.
 */
export class Ring {
  readonly members: readonly NodeId[];
  private readonly tokens: readonly Token[];
  /** Walks by key: every request and repair round asks again, and a ring never changes. */
  private readonly walks: Map<string, readonly NodeId[]>;

  constructor(o: { members: readonly NodeId[]; vnodes: number }) {
    if (!Number.isInteger(o.vnodes) || o.vnodes < 1) throw new Error(`ring: vnodes must be a positive integer; got ${o.vnodes}`);
    const layout = layoutOf([...new Set(o.members)].sort(compareText), o.vnodes);
    this.members = layout.members;
    this.tokens = layout.tokens;
    this.walks = layout.walks;
  }

  /** The first `n` distinct members clockwise from the key (fewer when the ring is smaller). */
  preferenceList(key: string, n: number): NodeId[] {
    return this.walk(key).slice(0, n);
  }

  /** Every member in clockwise order from the key: the preference list, then the fallbacks. */
  walk(key: string): readonly NodeId[] {
    const cached = this.walks.get(key);
    if (cached !== undefined) return cached;
    // A workload of very many keys only loses the cache's benefit, never memory.
    if (this.walks.size >= walksCachedMax) this.walks.clear();
    const walk = this.walkFrom(hash32(key));
    this.walks.set(key, walk);
    return walk;
  }

  /**
   * The preference list of every arc between consecutive tokens. A key's preference list is
   * determined by its arc, so this enumerates every replica set the ring can produce.
   */
  arcPreferenceLists(n: number): NodeId[][] {
    return this.tokens.map((token) => this.walkFrom(token.hash).slice(0, n));
  }

  private walkFrom(hash: number): NodeId[] {
    const out: NodeId[] = [];
    if (this.tokens.length === 0) return out;
    const start = this.firstTokenAtOrAfter(hash);
    for (let i = 0; i < this.tokens.length && out.length < this.members.length; i++) {
      const token = this.tokens[(start + i) % this.tokens.length] as Token;
      if (!out.includes(token.node)) out.push(token.node);
    }
    return out;
  }

  private firstTokenAtOrAfter(hash: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.tokens[mid] as { hash: number }).hash < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo % this.tokens.length;
  }
}

/** Keys whose walk a ring remembers at most. */
const walksCachedMax = 4096;

interface Token {
  readonly hash: number;
  readonly node: NodeId;
}

/** What a ring is made of, a pure function of its members and vnodes, with its walks. */
interface Layout {
  readonly members: readonly NodeId[];
  readonly tokens: readonly Token[];
  readonly walks: Map<string, readonly NodeId[]>;
}

/**
 * Layouts by members and vnodes, shared by every ring built from the same ones: each node of a
 * cluster builds the same ring at every start and membership change, and every run of a
 * scenario again (hashing and sorting all tokens each time). Bounded; entries never change.
 */
const layouts = new Map<string, Layout>();
const layoutsCachedMax = 256;

function layoutOf(members: readonly NodeId[], vnodes: number): Layout {
  const id = `${vnodes}|${JSON.stringify(members)}`;
  const known = layouts.get(id);
  if (known !== undefined) return known;
  const tokens: Token[] = [];
  for (const node of members) {
    for (let i = 0; i < vnodes; i++) tokens.push({ hash: hash32(`${node}#${i}`), node });
  }
  tokens.sort((a, b) => a.hash - b.hash || compareText(a.node, b.node));
  const layout: Layout = { members, tokens, walks: new Map() };
  if (layouts.size >= layoutsCachedMax) layouts.clear();
  layouts.set(id, layout);
  return layout;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
