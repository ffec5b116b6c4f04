import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkQueue } from '../../../sim/network/capacity.ts';

describe('LinkQueue', () => {
  it('sends copies in order, one service time apart, never more than queueMax waiting', () => {
    fc.assert(
      fc.property(
        // Rates and gaps chosen so the queue often fills and often drains.
        fc.integer({ min: 1_000, max: 20_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 })), { minLength: 20, maxLength: 200 }),
        (msgsPerSec, queueMax, gapsUs) => {
          const queue = new LinkQueue({ msgsPerSec, queueMax });
          const serviceUs = Math.max(1, Math.round(1_000_000 / msgsPerSec));
          const departures: number[] = [];
          let nowUs = 0;
          for (const gapUs of gapsUs) {
            nowUs += gapUs;
            const waitUs = queue.enqueue(nowUs);
            const waiting = departures.filter((d) => d > nowUs).length;
            if (waitUs === undefined) {
              if (waiting < queueMax) return false;
              continue;
            }
            const departUs = nowUs + waitUs;
            const previous = departures[departures.length - 1];
            if (!Number.isInteger(waitUs) || waitUs < 0 || waiting + (waitUs > 0 ? 1 : 0) > queueMax) return false;
            if (previous !== undefined && departUs < previous + serviceUs) return false;
            if (previous !== undefined && departUs > Math.max(nowUs, previous + serviceUs)) return false;
            departures.push(departUs);
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new LinkQueue({ msgsPerSec: 0, queueMax: 1 })).toThrow(/msgsPerSec must be > 0/);
  });
});
