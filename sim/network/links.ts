import type { NodeId } from '../node-api.ts';

/**
 * Dense numbering of endpoints so per-link state lives in flat arrays on the hot path: nodes get
 * 0..nodeCount-1, clients follow. A link is `from * size + to`.
 */
export class LinkIndex {
  readonly nodeCount: number;
  /** Nodes plus clients. */
  readonly size: number;
  private readonly indexById = new Map<NodeId, number>();
  private readonly ids: NodeId[];

  constructor(o: { nodeIds: readonly NodeId[]; clientIds: readonly NodeId[] }) {
    this.ids = [...o.nodeIds, ...o.clientIds];
    this.nodeCount = o.nodeIds.length;
    this.size = this.ids.length;
    this.ids.forEach((id, i) => {
      if (this.indexById.has(id)) throw new Error(`network: endpoint id "${id}" is given twice`);
      this.indexById.set(id, i);
    });
  }

  /** The endpoint's number; an unknown id is a bug in the caller, so it throws. */
  indexOf(id: NodeId): number {
    const i = this.indexById.get(id);
    if (i === undefined) throw new Error(`network: unknown endpoint "${id}"`);
    return i;
  }

  /** True when `id` is a node or a client of this network. */
  has(id: NodeId): boolean {
    return this.indexById.has(id);
  }

  /** True for a node's number, false for a client's. */
  isNode(index: number): boolean {
    return index < this.nodeCount;
  }

  /** The id behind an endpoint number (labels, cut lists). */
  idOf(index: number): NodeId {
    const id = this.ids[index];
    if (id === undefined) throw new Error(`network: no endpoint number ${index}`);
    return id;
  }
}
