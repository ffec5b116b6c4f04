/** An fsync in the queue: it becomes ready when its own latency has passed. */
export interface Readiable {
  ready: boolean;
}

const CAPACITY_MIN = 8;

/**
 * The fsyncs a disk has issued and not yet completed, in issue order. Each becomes ready when its
 * own latency has passed; completions are handed out strictly in issue order (a later fsync whose
 * latency was shorter waits for the earlier ones), so the durable copy of a file never goes back
 * to an older snapshot, and a stalled disk releases its backlog in order.
 *
 * A ring buffer: a disk's queue empties and refills at nearly every request, and an array
 * consumed from the front would be reallocated each time it emptied.
 */
export class FsyncQueue<T extends Readiable> {
  private items: (T | undefined)[] = new Array<T | undefined>(CAPACITY_MIN).fill(undefined);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds an item, not ready yet; the owner sets its `ready` flag when its latency has passed. */
  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) % this.items.length] = item;
    this.count++;
  }

  /** Removes and returns the oldest item if it is ready. */
  takeReady(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head] as T;
    if (!item.ready) return undefined;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  /** Doubles the capacity, the oldest item first. */
  private grow(): void {
    const grown = new Array<T | undefined>(2 * this.items.length).fill(undefined);
    for (let i = 0; i < this.count; i++) grown[i] = this.items[(this.head + i) % this.items.length];
    this.items = grown;
    this.head = 0;
  }
}
