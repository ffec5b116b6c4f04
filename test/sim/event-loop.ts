/**
 * A minimal event loop for driving a SimDisk in tests without the kernel: events fire in time
 * order, same-instant events in the order they were scheduled.
 */
export class TestEventLoop {
  nowUs = 0;
  /** Sorted by time; an event goes after every event of the same time, so ties keep FIFO order. */
  private events: { atUs: number; fn: () => void }[] = [];
  private head = 0;

  readonly schedule = (delayUs: number, fn: () => void): void => {
    if (!Number.isSafeInteger(delayUs) || delayUs < 0) throw new Error(`bad delay ${delayUs}`);
    const atUs = this.nowUs + delayUs;
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as { atUs: number }).atUs <= atUs) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, { atUs, fn });
  };

  /** Runs every event due at or before `untilUs` (all events when omitted), then sets the time. */
  run(untilUs = Number.MAX_SAFE_INTEGER): void {
    for (let limit = 10_000_000; limit > 0; limit--) {
      const next = this.events[this.head];
      if (next === undefined || next.atUs > untilUs) break;
      this.head++;
      this.nowUs = next.atUs;
      next.fn();
    }
    if (this.head === this.events.length) {
      this.events = [];
      this.head = 0;
    }
    if (untilUs !== Number.MAX_SAFE_INTEGER) this.nowUs = Math.max(this.nowUs, untilUs);
  }
}
