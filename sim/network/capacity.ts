/**
 * A link of limited capacity: a FIFO queue with a next-free time. Each copy occupies the link for
 * `serviceUs`; a copy sent while the link is busy waits until it is free. At most `queueMax`
 * copies may wait (one more may be on the link), so an overloaded link drops instead of growing
 * without bound.
 */
export class LinkQueue {
  private readonly serviceUs: number;
  private readonly queueMax: number;
  private nextFreeUs = 0;

  constructor(o: { msgsPerSec: number; queueMax: number }) {
    if (!(o.msgsPerSec > 0)) throw new Error(`network: capacity msgsPerSec must be > 0; got ${o.msgsPerSec}`);
    this.serviceUs = Math.max(1, Math.round(1_000_000 / o.msgsPerSec));
    this.queueMax = o.queueMax;
  }

  /** The wait before the copy leaves, or undefined when the queue is full (the copy is dropped). */
  enqueue(nowUs: number): number | undefined {
    const departUs = Math.max(nowUs, this.nextFreeUs);
    const waitUs = departUs - nowUs;
    // The copies that would wait, this one included, are ceil(waitUs / serviceUs): departures are
    // serviceUs apart while the link is busy.
    if (waitUs > this.queueMax * this.serviceUs) return undefined;
    this.nextFreeUs = departUs + this.serviceUs;
    return waitUs;
  }
}
