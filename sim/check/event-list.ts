import type { Operation } from '../history.ts';

/** Element moves an insertion sort may make per element before the sort falls back to a full one. */
const insertionMovesPerElement = 8;

/**
 * The search's doubly linked list of call and return nodes in real-time order (node 0 is the
 * head, node 2i+1 the call of operation i, 2i+2 its return, 2n+1 the tail). Returns of `info`
 * operations never happen, so they go last; ties (equal indices) put calls first, treating such
 * operations as concurrent. Calls with no return between them are all candidates at the same
 * moments, so their order is free; they go in the order of their returns, the better guess of
 * what took effect first.
 *
 * Each node gets an integer rank (a call at history index p 2p, a return 2p+1) and nodes sort
 * by (rank, node). This runs once per part per check, which for short histories costs as much
 * as the search, so it sorts adaptively: operations usually come in invocation order, where
 * only the returns of overlapping operations are out of place, and an insertion sort puts them
 * right in a few moves each.
 */
export function buildEventList(operations: readonly Operation[]): { next: Int32Array; prev: Int32Array } {
  const n = operations.length;
  const size = 2 * n + 2;
  const rank = new Float64Array(size);
  let rankEnd = 1;
  for (let i = 0; i < n; i++) {
    const op = operations[i]!;
    const complete = op.outcome === 'info' ? undefined : op.completeIndex;
    rank[2 * i + 1] = 2 * op.invokeIndex;
    rank[2 * i + 2] = complete === undefined ? -1 : 2 * complete + 1;
    rankEnd = Math.max(rankEnd, rank[2 * i + 1]! + 1, rank[2 * i + 2]! + 1);
  }
  // Returns that never happen go after every other node, in node order.
  const neverRank = rankEnd++;
  const nodes = new Int32Array(2 * n);
  let ranked = 0;
  for (let node = 1; node < size - 1; node++) if (rank[node] !== -1) nodes[ranked++] = node;
  for (let node = 2, at = ranked; node < size - 1; node += 2) {
    if (rank[node] !== -1) continue;
    rank[node] = neverRank;
    nodes[at++] = node;
  }
  sortByRank({ nodes, start: 0, end: ranked, rank, shift: 0, rankEnd });
  for (let start = 0; start < nodes.length; ) {
    let end = start;
    while (end < nodes.length && nodes[end]! & 1) end++;
    if (end - start > 1) sortByRank({ nodes, start, end, rank, shift: 1, rankEnd });
    start = end + 1;
  }
  const next = new Int32Array(size);
  const prev = new Int32Array(size);
  let last = 0;
  for (const node of nodes) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  next[last] = size - 1;
  prev[size - 1] = last;
  return { next, prev };
}

/**
 * Sorts `nodes[start..end)` in place by (rank, node), where a node's rank is `rank[node + shift]`
 * (shift 1 orders calls by their returns), an integer below `rankEnd`. Insertion sort while the
 * nodes are nearly in order; past a budget of moves, a full sort.
 */
function sortByRank(o: { readonly nodes: Int32Array; readonly start: number; readonly end: number; readonly rank: Float64Array; readonly shift: 0 | 1; readonly rankEnd: number }): void {
  const { nodes, start, end, rank, shift } = o;
  let movesLeft = insertionMovesPerElement * (end - start);
  for (let i = start + 1; i < end; i++) {
    const node = nodes[i]!;
    const key = rank[node + shift]!;
    let at = i;
    for (; at > start; at--) {
      const other = nodes[at - 1]!;
      const otherKey = rank[other + shift]!;
      if (otherKey < key || (otherKey === key && other < node)) break;
      nodes[at] = other;
    }
    nodes[at] = node;
    movesLeft -= i - at;
    if (movesLeft < 0) {
      fullSort(o);
      return;
    }
  }
}

/**
 * sortByRank's fallback: (rank, node) packed into one double per node when that is exact, so the
 * engine sorts numbers without calling a comparator.
 */
function fullSort(o: { readonly nodes: Int32Array; readonly start: number; readonly end: number; readonly rank: Float64Array; readonly shift: 0 | 1; readonly rankEnd: number }): void {
  const { nodes, start, end, rank, shift } = o;
  // A power of two at least the node count, so dividing by it is exact.
  const scale = 2 ** Math.ceil(Math.log2(rank.length));
  if (!Number.isSafeInteger(o.rankEnd * scale)) {
    nodes.subarray(start, end).sort((a, b) => rank[a + shift]! - rank[b + shift]! || a - b);
    return;
  }
  const keys = new Float64Array(end - start);
  for (let i = start; i < end; i++) keys[i - start] = rank[nodes[i]! + shift]! * scale + nodes[i]!;
  keys.sort();
  for (let i = start; i < end; i++) {
    const key = keys[i - start]!;
    nodes[i] = key - Math.floor(key / scale) * scale;
  }
}
