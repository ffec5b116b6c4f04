/**
 * A minimal event loop for driving a SimDisk in tests without the kernel: events fire in time
 * order, same-instant events in the order they were scheduled.
 */
export class TestEventLoop {
  nowUs = 0;
  private events: { atUs: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  readonly schedule = (delayUs: number, fn: () => void): void => {
    if (!Number.isSafeInteger(delayUs) || delayUs < 0) throw new Error(`bad delay ${delayUs}`);
    this.events.push({ atUs: this.nowUs + delayUs, seq: this.seq++, fn });
  };

  /** Runs every event due at or before `untilUs` (all events when omitted), then sets the time. */
  run(untilUs = Number.MAX_SAFE_INTEGER): void {
    for (let limit = 1_000_000; limit > 0; limit--) {
      const next = this.takeNext(untilUs);
      if (next === undefined) break;
      this.nowUs = next.atUs;
      next.fn();
    }
    if (untilUs !== Number.MAX_SAFE_INTEGER) this.nowUs = Math.max(this.nowUs, untilUs);
  }

  get pending(): number {
    return this.events.length;
  }

  private takeNext(untilUs: number): { atUs: number; fn: () => void } | undefined {
    let best = -1;
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events[i]!;
      const b = this.events[best];
      if (e.atUs <= untilUs && (b === undefined || e.atUs < b.atUs || (e.atUs === b.atUs && e.seq < b.seq))) best = i;
    }
    return best < 0 ? undefined : this.events.splice(best, 1)[0];
  }
}
