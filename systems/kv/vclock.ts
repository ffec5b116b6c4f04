import type { NodeId } from '../../sim/node-api.ts';

/**
 * Vector clocks (Lamport 1978, Fidge/Mattern; Dynamo §4.4): one counter per node that
 * coordinated a write of the key. Version a happened before version b when a's clock is
 * dominated entry-wise by b's; when neither dominates, the writes were concurrent and the store
 * must resolve them (LWW) or keep both (siblings). Missing entries count as zero.
 */
export type VClock = Readonly<Record<NodeId, number>>;

export type ClockOrder = 'before' | 'after' | 'equal' | 'concurrent';

/** How `a` relates to `b`: 'before' means a happened before b (b descends a). */
export function compareClocks(a: VClock, b: VClock): ClockOrder {
  // Walks both clocks' own entries without building their union: this runs on every version
  // comparison, and clocks are small objects.
  let less = false;
  let greater = false;
  for (const node in a) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  for (const node in b) {
    if (a[node] !== undefined) continue;
    const y = b[node] ?? 0;
    if (y > 0) less = true;
    else if (y < 0) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** True when `a` descends `b`: a has seen everything b has (a >= b entry-wise). */
export function descends(a: VClock, b: VClock): boolean {
  const order = compareClocks(a, b);
  return order === 'after' || order === 'equal';
}

/** The entry-wise maximum: a clock that descends both. Keys come out sorted. */
export function mergeClocks(a: VClock, b: VClock): VClock {
  const out: Record<NodeId, number> = {};
  for (const node of unionNodes(a, b)) out[node] = Math.max(a[node] ?? 0, b[node] ?? 0);
  return out;
}

/**
 * A clock with `node`'s entry set to `counter`, which must exceed the current entry: what
 * `mergeClocks(clock, { [node]: counter })` makes. A clock whose nodes are in order (every clock
 * this module makes) is copied in one pass with the entry put in its place; others are merged.
 */
export function advanceClock(clock: VClock, o: { node: NodeId; counter: number }): VClock {
  if (!(o.counter > (clock[o.node] ?? 0))) throw new Error(`vclock: counter ${o.counter} does not advance ${o.node}'s entry ${clock[o.node] ?? 0}`);
  const out: Record<NodeId, number> = {};
  let previous: NodeId | undefined;
  let placed = false;
  for (const node in clock) {
    if (previous !== undefined && compareText(previous, node) >= 0) return mergeClocks(clock, { [o.node]: o.counter });
    previous = node;
    if (!placed && compareText(o.node, node) <= 0) {
      out[o.node] = o.counter;
      placed = true;
      if (node === o.node) continue;
    }
    out[node] = Math.max(clock[node] ?? 0, 0);
  }
  if (!placed) out[o.node] = o.counter;
  return out;
}

/** A canonical text form (sorted entries, zeros omitted) for digests and tie-breaks. */
export function clockText(clock: VClock): string {
  let text = '';
  for (const node of Object.keys(clock).sort(compareText)) {
    const counter = clock[node] ?? 0;
    if (counter > 0) text += text === '' ? `${node}:${counter}` : `,${node}:${counter}`;
  }
  return text;
}

/** Both clocks' nodes, sorted; by insertion, as clocks hold a few entries (no sort's work array). */
function unionNodes(a: VClock, b: VClock): NodeId[] {
  const nodes: NodeId[] = [];
  for (const node in a) insertSorted(nodes, node);
  for (const node in b) if (a[node] === undefined) insertSorted(nodes, node);
  return nodes;
}

function insertSorted(nodes: NodeId[], node: NodeId): void {
  let i = nodes.length;
  nodes.push(node);
  for (; i > 0 && compareText(nodes[i - 1] as NodeId, node) > 0; i--) nodes[i] = nodes[i - 1] as NodeId;
  nodes[i] = node;
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
