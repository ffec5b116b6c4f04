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
  private readonly mask: Uint8Array;
  private active = false;
  private items: T[] = [];

  constructor(o: { links: LinkIndex; heldMax: number }) {
    this.links = o.links;
    this.heldMax = o.heldMax;
    this.mask = new Uint8Array(o.links.size * o.links.size);
  }

  /** Starts holding messages on every link the filter selects. */
  hold(filter: LinkFilter): void {
    const n = this.links.size;
    const masks = filterMasks(filter, this.links);
    for (let from = 0; from < n; from++) {
      if (masks.from[from] === 0) continue;
      for (let to = 0; to < n; to++) {
        if (masks.to[to] === 1) this.mask[from * n + to] = 1;
      }
    }
    this.active = true;
  }

  /** True when the link is held (fast when nothing is). */
  holds(link: number): boolean {
    return this.active && this.mask[link] === 1;
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
    this.mask.fill(0);
    this.active = false;
    return out;
  }

  count(): number {
    return this.items.length;
  }
}
