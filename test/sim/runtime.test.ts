import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SimulationAssertionError } from '../../sim/assert.ts';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';
import { firstChainDifference } from '../../sim/trace.ts';
import { chatterSim } from './chatter.ts';

describe('pause and resume', () => {
  test('a paused node receives and fires nothing; what arrived is delivered at the resume, in arrival order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 5_000, max: 50_000 }), fc.integer({ min: 1, max: 40_000 }), (seed, pauseUs, lengthUs) => {
        const resumeUs = pauseUs + lengthUs;
        const plan = { steps: [{ atUs: pauseUs, fault: { kind: 'pause' as const, node: 'n2' } }, { atUs: resumeUs, fault: { kind: 'resume' as const, node: 'n2' } }] };
        const { sim, log } = chatterSim({ seed, nodes: 3, plan, latency: { kind: 'constant', us: 1_000 }, quietUs: 100_000 });
        expect(sim.run().reason).toBe('done');
        const during = (t: number): boolean => t >= pauseUs && t < resumeUs;
        expect(log.delivered.filter((d) => d.to === 'n2' && during(d.atUs))).toEqual([]);
        expect(log.timers.filter((t) => t.node === 'n2' && during(t.atUs))).toEqual([]);
        const sentAt = new Map(log.sent.map((s) => [s.id, s.atUs]));
        const arrivedDuring = log.sent.filter((s) => s.to === 'n2' && during(s.atUs + 1_000)).map((s) => s.id);
        const atResume = log.delivered.filter((d) => d.to === 'n2' && d.atUs === resumeUs && during((sentAt.get(d.id) as number) + 1_000)).map((d) => d.id);
        expect(atResume).toEqual(arrivedDuring);
        expect(log.delivered.map((d) => d.id).sort((a, b) => a - b)).toEqual(log.sent.map((s) => s.id));
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('run limits', () => {
  const forever = (ctx: NodeContext<string>): NodeHandlers<string> => ({
    onStart: () => ctx.timers.set('tick', 1_000),
    onMessage() {},
    onTimer() {
      ctx.send(ctx.peers[0] as string, 'hi');
      ctx.timers.set('tick', 1_000);
    },
  });

  test('stops at durationUs and says so, with what is still queued', () => {
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a', 'b'], factory: forever, durationUs: 50_000, eventsMax: 1_000_000 });
    const stop = sim.run();
    expect(stop.reason).toBe('duration');
    expect(stop.nowUs).toBe(50_000);
    expect(stop.queued['timers']).toBe(2);
    expect(sim.traceEvents()).toEqual([]);
  });

  test('stops at eventsMax and says so', () => {
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a', 'b'], factory: forever, durationUs: 10_000_000, eventsMax: 777 });
    const stop = sim.run();
    expect(stop).toMatchObject({ reason: 'events', events: 777 });
    expect(sim.eventCount()).toBe(777);
  });

  test('runs until a given time and continues from there', () => {
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a', 'b'], factory: forever, durationUs: 30_000, eventsMax: 1_000_000 });
    expect(sim.run({ untilUs: 10_500 })).toMatchObject({ reason: 'until', nowUs: 10_500 });
    const hashAt = sim.traceHash();
    expect(sim.run()).toMatchObject({ reason: 'duration', nowUs: 30_000 });
    expect(sim.traceHash()).not.toBe(hashAt);
    const whole = new Simulation<string>({ seed: 1, nodeIds: ['a', 'b'], factory: forever, durationUs: 30_000, eventsMax: 1_000_000 });
    whole.run();
    expect(whole.traceHash()).toBe(sim.traceHash());
  });
});

describe('assertions', () => {
  test('a broken invariant throws SimulationAssertionError', () => {
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a'], factory: () => ({ onStart() {}, onMessage() {}, onTimer() {} }), durationUs: 100, eventsMax: 100 });
    expect(() => sim.at(1.5, () => {})).toThrow(SimulationAssertionError);
    sim.at(60, () => {});
    sim.run({ untilUs: 50 });
    expect(() => sim.at(10, () => {})).toThrow(/time must be an integer >= now \(50us\)/);
    const sends = new Simulation<string>({
      seed: 1,
      nodeIds: ['a'],
      factory: (ctx) => ({ onStart: () => ctx.send('nobody', 'x'), onMessage() {}, onTimer() {} }),
      durationUs: 100,
      eventsMax: 100,
    });
    expect(() => sends.run()).toThrow(/unknown endpoint "nobody"/);
  });

  test('a timer delay that is not an integer is a bug in the system', () => {
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a'], factory: (ctx) => ({ onStart: () => ctx.timers.set('t', 1.5), onMessage() {}, onTimer() {} }), durationUs: 100, eventsMax: 100 });
    expect(() => sim.run()).toThrow(SimulationAssertionError);
  });
});

describe('determinism diff', () => {
  /** Two nodes ticking; with `flip`, the 20th message differs (a deliberate nondeterminism). */
  const build = (o: { flip: boolean; traceRecord?: { fromIndex: number; toIndex: number } }): Simulation<number> => {
    let count = 0;
    const factory = (ctx: NodeContext<number>): NodeHandlers<number> => ({
      onStart: () => ctx.timers.set('tick', 100),
      onMessage() {},
      onTimer() {
        count++;
        ctx.send(ctx.peers[0] as string, o.flip && count === 20 ? -1 : count);
        ctx.timers.set('tick', 100);
      },
    });
    const record = o.traceRecord === undefined ? { traceChain: true } : { traceRecord: o.traceRecord };
    return new Simulation<number>({ seed: 9, nodeIds: ['a', 'b'], factory, durationUs: 10_000, eventsMax: 10_000, ...record });
  };

  test('the hash chains of two runs name the first differing event, and a recorded window shows both', () => {
    const [a, b] = [build({ flip: false }), build({ flip: true })];
    a.run();
    b.run();
    expect(a.traceHash()).not.toBe(b.traceHash());
    const index = firstChainDifference(a.traceChain() as Uint32Array, b.traceChain() as Uint32Array) as number;
    expect(index).toBeGreaterThan(0);
    const window = { fromIndex: index - 2, toIndex: index };
    const [eventsA, eventsB] = [false, true].map((flip) => {
      const sim = build({ flip, traceRecord: window });
      sim.run();
      return sim.traceEvents();
    }) as [ReturnType<Simulation<number>['traceEvents']>, ReturnType<Simulation<number>['traceEvents']>];
    expect(eventsA.map((e) => e.index)).toEqual([index - 2, index - 1, index]);
    expect(eventsA.slice(0, 2)).toEqual(eventsB.slice(0, 2));
    expect(eventsA[2]).toMatchObject({ kind: 'send', detail: '20' });
    expect(eventsB[2]).toMatchObject({ kind: 'send', detail: '-1' });
  });
});
