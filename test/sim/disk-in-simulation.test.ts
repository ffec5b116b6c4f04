import { describe, expect, it } from 'vitest';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

const RECORD_BYTES = 4;

/** What one node saw, in true time, across its incarnations. */
interface Observed {
  /** Per start: how many whole records the log held, and whether they were 0, 1, 2, … in order. */
  recoveries: { atUs: number; records: number; inOrder: boolean }[];
  /** Records whose fsync had completed, with the true time the callback ran and its incarnation. */
  acked: { record: number; atUs: number; incarnation: number }[];
  clockReadings: { trueUs: number; clockUs: number }[];
}

/** A node that appends numbered records to a log, fsyncs each, and recovers the log at start. */
function logger(observed: Observed, now: () => number) {
  let incarnations = 0;
  return (ctx: NodeContext<never>): NodeHandlers<never> => {
    const incarnation = incarnations++;
    let next = 0;
    return {
      onStart() {
        const read = ctx.disk.read('log');
        const bytes = read.ok ? read.bytes : new Uint8Array(0);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        next = Math.floor(bytes.length / RECORD_BYTES);
        let inOrder = true;
        for (let i = 0; i < next; i++) inOrder &&= view.getUint32(i * RECORD_BYTES) === i;
        // A torn tail is cut off before appending, as a real log's recovery would.
        if (bytes.length % RECORD_BYTES !== 0) ctx.disk.write('log', bytes.slice(0, next * RECORD_BYTES));
        observed.recoveries.push({ atUs: now(), records: next, inOrder });
        ctx.timers.set('tick', 100);
      },
      onMessage() {},
      onTimer() {
        const record = next++;
        const bytes = new Uint8Array(RECORD_BYTES);
        new DataView(bytes.buffer).setUint32(0, record);
        ctx.disk.append('log', bytes);
        ctx.disk.fsync('log', (r) => {
          if (r.ok) observed.acked.push({ record, atUs: now(), incarnation });
        });
        observed.clockReadings.push({ trueUs: now(), clockUs: ctx.clockUs() });
        ctx.timers.set('tick', 100);
      },
    };
  };
}

function run(seed: number) {
  const observed: Observed = { recoveries: [], acked: [], clockReadings: [] };
  const sim: Simulation<never> = new Simulation<never>({
    seed,
    nodeIds: ['n1'],
    factory: logger(observed, () => sim.nowUs()),
    disk: { fsyncUs: { kind: 'uniform', minUs: 50, maxUs: 400 }, tornWriteP: 0.5 },
    durationUs: 40_000,
    eventsMax: 100_000,
  });
  const crashesUs = [5_030, 12_070, 21_110, 30_150];
  sim.schedulePlan({
    steps: [
      ...crashesUs.flatMap((atUs) => [
        { atUs, fault: { kind: 'crash' as const, node: 'n1' } },
        { atUs: atUs + 1_000, fault: { kind: 'restart' as const, node: 'n1' } },
      ]),
      { atUs: 2_000, fault: { kind: 'clock-offset', node: 'n1', offsetUs: 7_000 } },
      { atUs: 25_000, fault: { kind: 'clock-jump', node: 'n1', deltaUs: -3_000 } },
    ],
  });
  sim.run();
  return { sim, observed, crashesUs };
}

describe('SimDisk and SimClock inside the Simulation', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: every acknowledged record survives each crash, nothing fires after one, clocks read through the context`, () => {
      const { sim, observed, crashesUs } = run(seed);
      expect(observed.recoveries).toHaveLength(crashesUs.length + 1);
      observed.recoveries.forEach((r, i) => {
        expect(r.inOrder).toBe(true);
        if (i === 0) return;
        const crashUs = crashesUs[i - 1] as number;
        const ackedBefore = observed.acked.filter((a) => a.incarnation === i - 1);
        expect(ackedBefore.every((a) => a.atUs <= crashUs), 'an fsync callback ran after its node crashed').toBe(true);
        expect(r.records).toBeGreaterThanOrEqual(ackedBefore.length === 0 ? 0 : Math.max(...ackedBefore.map((a) => a.record)) + 1);
      });
      for (const { trueUs, clockUs } of observed.clockReadings) {
        const expected = trueUs + (trueUs >= 2_000 ? 7_000 : 0) + (trueUs >= 25_000 ? -3_000 : 0);
        expect(clockUs).toBe(expected);
      }
      expect(sim.realisedPlan().steps.map((s) => s.fault.kind)).toContain('clock-jump');
    });
  }

  it('replays identically for a seed', () => {
    expect(run(9).sim.traceHash()).toBe(run(9).sim.traceHash());
    expect(run(9).observed).toEqual(run(9).observed);
  });
});
