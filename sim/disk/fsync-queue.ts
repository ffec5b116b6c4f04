/**
 * The fsyncs a disk has issued and not yet completed, in issue order. Each becomes ready when its
 * own latency has passed; completions are handed out strictly in issue order (a later fsync whose
 * latency was shorter waits for the earlier ones), so the durable copy of a file never goes back
 * to an older snapshot, and a stalled disk releases its backlog in order.
 */
export class FsyncQueue<T> {
  private items: { readonly item: T; ready: boolean }[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds an item; returns the function that marks it ready. */
  push(item: T): () => void {
    const entry = { item, ready: false };
    this.items.push(entry);
    return () => {
      entry.ready = true;
    };
  }

  /** Removes and returns the oldest item if it is ready. */
  takeReady(): T | undefined {
    const entry = this.items[this.head];
    if (entry === undefined || !entry.ready) return undefined;
    this.head++;
    this.compact();
    return entry.item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Drops the consumed front now and then, so taking is O(1) amortised without unbounded growth. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.clear();
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
