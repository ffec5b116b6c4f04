import { describe, expect, it } from 'vitest';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

/** A message whose only difference between two runs is deep inside it, plus its own checksum. */
interface Msg {
  readonly entries: readonly { readonly key: string; readonly value: number }[];
  readonly sum?: number;
}

function traceHash(o: { value: number; digest?: (m: Msg) => number | undefined; withSum?: boolean }): string {
  const factory = (ctx: NodeContext<Msg>): NodeHandlers<Msg> => ({
    onStart() {
      if (ctx.id !== 'a') return;
      const entries = [{ key: 'k', value: o.value }];
      ctx.send('b', o.withSum === false ? { entries } : { entries, sum: o.value * 31 + 7 });
    },
    onMessage() {},
    onTimer() {},
  });
  const sim = new Simulation<Msg>({
    seed: 5,
    nodeIds: ['a', 'b'],
    factory,
    messages: 'shared',
    ...(o.digest !== undefined ? { messageDigest: o.digest } : {}),
    durationUs: 1_000_000,
    eventsMax: 100,
  });
  sim.run();
  return sim.traceHash();
}

const bySum = (m: Msg): number | undefined => m.sum;

describe('messageDigest', () => {
  it('lets the trace tell apart messages that differ below their top level', () => {
    // The kernel's own walk sees only the top level: an array's length, not its items.
    expect(traceHash({ value: 1, withSum: false })).toBe(traceHash({ value: 2, withSum: false }));
    expect(traceHash({ value: 1, digest: bySum })).not.toBe(traceHash({ value: 2, digest: bySum }));
  });

  it('is deterministic and replaces the walk: the same digest gives the same hash', () => {
    expect(traceHash({ value: 1, digest: bySum })).toBe(traceHash({ value: 1, digest: bySum }));
    expect(traceHash({ value: 1, digest: bySum })).not.toBe(traceHash({ value: 1 }));
  });

  it('falls back to the walk for a message without a digest', () => {
    expect(traceHash({ value: 1, digest: bySum, withSum: false })).toBe(traceHash({ value: 1, withSum: false }));
  });
});
