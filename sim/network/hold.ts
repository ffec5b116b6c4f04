import type { LinkIndex } from './links.ts';
import { filterMasks, type LinkFilter } from './rules.ts';

/**
 * Clogged links (hold, then deliver late): messages on a held link stay inside the network, in
 * the order they were held, until `release` hands them all back in that order. Holds accumulate;
 * release clears them all. At most `heldMax` messages are kept; beyond that the caller drops.
 */
export class HoldBuffer<T> {
  private readonly links: LinkIndex;
  private readonly heldMax: number;
  private filters: { from: Uint8Array; to: Uint8Array }[] = [];
  private items: T[] = [];

  constructor(o: { links: LinkIndex; heldMax: number }) {
    this.links = o.links;
    this.heldMax = o.heldMax;
  }

  /** Starts holding messages on every link the filter selects. */
  hold(filter: LinkFilter): void {
    this.filters.push(filterMasks(filter, this.links));
  }

  /** True when the link between endpoint numbers `from` and `to` is held (fast when nothing is). */
  holds(from: number, to: number): boolean {
    if (from === to) return false;
    for (const f of this.filters) {
      if (f.from[from] === 1 && f.to[to] === 1) return true;
    }
    return false;
  }

  /** Keeps the item; false when `heldMax` items are already held (the caller drops it). */
  keep(item: T): boolean {
    if (this.items.length >= this.heldMax) return false;
    this.items.push(item);
    return true;
  }

  /** Ends every hold and returns the held items in the order they were held. */
  release(): T[] {
    const out = this.items;
    this.items = [];
    this.filters = [];
    return out;
  }

  /** Items held now. */
  count(): number {
    return this.items.length;
  }
}
