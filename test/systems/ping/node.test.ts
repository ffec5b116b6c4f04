import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../sim/simulation.ts';
import type { PingMessage } from '../../../systems/ping/messages.ts';
import { COUNT_FILE, pingNode } from '../../../systems/ping/node.ts';
import type { PingNodeHandlers } from '../../../systems/ping/node.ts';

/** The ping node on the bare kernel: its pong count is durable exactly as far as it was fsynced. */
function cluster(seed: number): Simulation<PingMessage, PingNodeHandlers> {
  return new Simulation<PingMessage, PingNodeHandlers>({
    seed,
    nodeIds: ['n1', 'n2', 'n3'],
    factory: (ctx) => pingNode({ intervalUs: 10_000, outstandingMax: 100 })(ctx) as PingNodeHandlers,
    durationUs: 2_000_000,
    eventsMax: 1_000_000,
  });
}

const decode = (bytes: Uint8Array | undefined): number => Number(new TextDecoder().decode(bytes ?? new Uint8Array()));

describe('ping node', () => {
  it.each([1, 2, 3])('recovers the last fsynced pong count after a crash (seed %i)', (seed) => {
    const sim = cluster(seed);
    let durableAtCrash = -1;
    let countBeforeCrash = -1;
    let recovered = -1;
    sim.at(1_000_000, () => {
      const n1 = sim.node('n1');
      countBeforeCrash = n1.handlers?.pongCount() ?? -1;
      durableAtCrash = decode(n1.disk.durableFiles().get(COUNT_FILE));
      sim.applyFault({ kind: 'crash', node: 'n1' });
    });
    sim.at(1_100_000, () => {
      sim.applyFault({ kind: 'restart', node: 'n1' });
      recovered = sim.node('n1').handlers?.pongCount() ?? -1;
    });
    sim.run({ untilUs: 1_500_000 });
    expect(durableAtCrash).toBeGreaterThan(0);
    expect(countBeforeCrash).toBeGreaterThanOrEqual(durableAtCrash);
    expect(recovered).toBe(durableAtCrash);
    expect(sim.node('n1').handlers?.pongCount()).toBeGreaterThan(recovered);
  });

  it('keeps counting in memory while the disk is full, and persists again once it is cleared', () => {
    const sim = cluster(4);
    const durable = (): number => decode(sim.node('n2').disk.durableFiles().get(COUNT_FILE));
    let durableEarly = -1;
    let durableLate = -1;
    let countLate = -1;
    sim.at(500_000, () => {
      sim.applyFault({ kind: 'disk-full', node: 'n2' });
    });
    // Fsyncs take at most a few milliseconds: by 520 ms the last one started before the fault is done.
    sim.at(520_000, () => {
      durableEarly = durable();
    });
    sim.at(900_000, () => {
      durableLate = durable();
      countLate = sim.node('n2').handlers?.pongCount() ?? -1;
      sim.applyFault({ kind: 'disk-clear', node: 'n2' });
    });
    sim.run({ untilUs: 1_200_000 });
    expect(durableEarly).toBeGreaterThan(0);
    expect(durableLate).toBe(durableEarly);
    expect(countLate).toBeGreaterThan(durableLate);
    expect(durable()).toBeGreaterThan(countLate);
  });
});
