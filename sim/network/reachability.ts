import type { NodeId } from '../node-api.ts';
import type { Cut } from './cuts.ts';
import type { LinkIndex } from './links.ts';

/**
 * Which directed node-to-node links are cut. Cuts accumulate until `heal`, so a one-way cut can be
 * laid over a partition. Client links are never cut (partitions apply between nodes only), so the
 * matrix covers nodes alone and its size does not grow with the number of clients.
 */
export class Reachability {
  private readonly links: LinkIndex;
  private readonly nodeCount: number;
  private readonly cut: Uint8Array;
  private cutCount = 0;

  constructor(links: LinkIndex) {
    this.links = links;
    this.nodeCount = links.nodeCount;
    this.cut = new Uint8Array(this.nodeCount * this.nodeCount);
  }

  /** Cuts each link (idempotent). Only node-to-node links may be cut. */
  add(cuts: readonly Cut[]): void {
    for (const c of cuts) {
      const from = this.links.indexOf(c.from);
      const to = this.links.indexOf(c.to);
      if (!this.links.isNode(from) || !this.links.isNode(to)) {
        throw new Error(`network: partitions cut node links only; got ${c.from} -> ${c.to}`);
      }
      const link = from * this.nodeCount + to;
      if (this.cut[link] === 0 && from !== to) {
        this.cut[link] = 1;
        this.cutCount++;
      }
    }
  }

  heal(): void {
    this.cut.fill(0);
    this.cutCount = 0;
  }

  /** True when nothing is cut (the common case, checked first on the hot path). */
  whole(): boolean {
    return this.cutCount === 0;
  }

  /** True when endpoint `from` reaches endpoint `to` (endpoint numbers of the LinkIndex). */
  reaches(from: number, to: number): boolean {
    if (this.cutCount === 0) return true;
    const n = this.nodeCount;
    return from >= n || to >= n || this.cut[from * n + to] === 0;
  }

  /** The directed links currently cut, in index order. */
  cuts(): Cut[] {
    const out: Cut[] = [];
    const n = this.nodeCount;
    for (let link = 0; link < this.cut.length; link++) {
      if (this.cut[link] === 1) out.push({ from: this.links.idOf(Math.floor(link / n)), to: this.links.idOf(link % n) });
    }
    return out;
  }
}
