import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Fault } from '../../sim/faults/fault.ts';
import { drawNemesisPlan } from '../../sim/faults/nemesis.ts';
import { validateFaultPlan, type FaultPlan } from '../../sim/faults/plan.ts';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { createRng } from '../../sim/rng.ts';
import { Simulation } from '../../sim/simulation.ts';
import { chatterSim } from './chatter.ts';

/** Kernel laws (issue 2, acceptance 3), each through the whole Simulation, with fixed seeds. */

const seedArbitrary = fc.integer({ min: 0, max: 1_000_000 });

function nemesisPlan(seed: number, nodes: number, chaosUs: number): FaultPlan {
  const nodeIds = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const { plan } = drawNemesisPlan(createRng(seed).fork('plan'), { nodeIds, chaosUs });
  return { steps: [...plan.steps, { atUs: chaosUs, fault: { kind: 'heal-all' } }] };
}

describe('kernel laws', () => {
  test('time never goes backwards, under any nemesis', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.integer({ min: 2, max: 5 }), (seed, nodes) => {
        const { sim, log } = chatterSim({ seed, nodes, plan: nemesisPlan(seed, nodes, 150_000), traceRecord: true });
        sim.run();
        const times = sim.traceEvents().map((e) => e.timeUs);
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
        const seen = log.delivered.map((d) => d.atUs);
        expect(seen).toEqual(seen.slice().sort((a, b) => a - b));
      }),
      { seed: 42, numRuns: 15 },
    );
  });

  test('same-instant events fire in scheduling order, also when scheduled from a callback', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }), (times) => {
        const sim = new Simulation<never>({ seed: 1, nodeIds: ['n1'], factory: idle, durationUs: 100, eventsMax: 10_000 });
        const fired: string[] = [];
        times.forEach((t, i) =>
          sim.at(t, () => {
            fired.push(`${i}`);
            sim.at(t, () => fired.push(`${i}'`));
          }),
        );
        sim.run();
        const byTime = (t: number): string[] => times.flatMap((u, i) => (u === t ? [`${i}`] : []));
        const expected = [0, 1, 2, 3, 4].flatMap((t) => [...byTime(t), ...byTime(t).map((i) => `${i}'`)]);
        expect(fired).toEqual(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  test('timers set at the same instant with the same delay fire in the order they were set', () => {
    const fired: string[] = [];
    const factory = (ctx: NodeContext<never>): NodeHandlers<never> => ({
      onStart() {
        for (const name of ['c', 'a', 'd', 'b']) ctx.timers.set(name, 10);
        ctx.timers.set('a', 10);
        ctx.timers.cancel('d');
      },
      onMessage() {},
      onTimer: (name) => fired.push(name),
    });
    new Simulation<never>({ seed: 3, nodeIds: ['n1'], factory, durationUs: 100, eventsMax: 100 }).run();
    expect(fired).toEqual(['c', 'b', 'a']);
  });

  test('nothing is delivered across a partition while it lasts, including messages in flight at its start', () => {
    let droppedInFlight = 0;
    let crossedAfterHeal = 0;
    fc.assert(
      fc.property(seedArbitrary, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.integer({ min: 20_000, max: 80_000 }), fc.integer({ min: 1_000, max: 60_000 }), (seed, inA, startUs, lengthUs) => {
        const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
        const sideA = nodeIds.filter((_, i) => inA[i]);
        const endUs = startUs + lengthUs;
        const plan: FaultPlan = {
          steps: [
            { atUs: startUs, fault: { kind: 'partition', partition: { shape: 'sides', sides: [sideA] } } },
            { atUs: endUs, fault: { kind: 'heal' } },
          ],
        };
        const { sim, log } = chatterSim({ seed, nodes: 5, plan, latency: { kind: 'uniform', minUs: 1_000, maxUs: 20_000 }, quietUs: 150_000 });
        sim.run();
        const crosses = (a: string, b: string): boolean => sideA.includes(a) !== sideA.includes(b);
        for (const d of log.delivered) {
          if (d.atUs >= startUs && d.atUs < endUs) expect(crosses(d.from, d.to)).toBe(false);
          if (d.atUs >= endUs && crosses(d.from, d.to)) crossedAfterHeal++;
        }
        const deliveredIds = new Set(log.delivered.map((d) => d.id));
        droppedInFlight += log.sent.filter((s) => s.atUs < startUs && crosses(s.from, s.to) && !deliveredIds.has(s.id)).length;
      }),
      { seed: 42, numRuns: 30 },
    );
    expect(droppedInFlight).toBeGreaterThan(0);
    expect(crossedAfterHeal).toBeGreaterThan(0);
  });

  test('hold then release delivers every held message, each once, none before the release', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.integer({ min: 10_000, max: 60_000 }), fc.integer({ min: 1, max: 80_000 }), (seed, holdUs, lengthUs) => {
        const releaseUs = holdUs + lengthUs;
        const plan: FaultPlan = {
          steps: [
            { atUs: holdUs, fault: { kind: 'hold' } },
            { atUs: releaseUs, fault: { kind: 'release' } },
          ],
        };
        const { sim, log } = chatterSim({ seed, nodes: 4, plan, quietUs: 150_000 });
        expect(sim.run().reason).toBe('done');
        const ids = log.delivered.map((d) => d.id).sort((a, b) => a - b);
        expect(ids).toEqual(log.sent.map((s) => s.id));
        const sentAt = new Map(log.sent.map((s) => [s.id, s.atUs]));
        for (const d of log.delivered) {
          const at = sentAt.get(d.id) as number;
          if (at >= holdUs && at < releaseUs) expect(d.atUs).toBeGreaterThanOrEqual(releaseUs);
        }
        expect(sim.heldCount()).toBe(0);
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  test('after a crash only fsynced bytes survive (a torn prefix of the last append at most)', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.integer({ min: 1_000, max: 90_000 }), fc.constantFrom(0, 1), (seed, crashUs, tornWriteP) => {
        const appended: number[] = [];
        let ackedBytes = 0;
        let recovered: Uint8Array | undefined;
        let starts = 0;
        const factory = (ctx: NodeContext<never>): NodeHandlers<never> => ({
          onStart() {
            if (starts++ === 0) {
              ctx.timers.set('write', 1);
              return;
            }
            const read = ctx.disk.read('data');
            recovered = read.ok ? read.bytes : new Uint8Array(0);
          },
          onMessage() {},
          onTimer() {
            const chunk = Array.from({ length: ctx.rng.int({ min: 2, max: 9 }) }, () => ctx.rng.int({ min: 0, max: 255 }));
            ctx.disk.append('data', new Uint8Array(chunk));
            appended.push(...chunk);
            if (ctx.rng.chance(0.4)) {
              const length = appended.length;
              ctx.disk.fsync('data', (r) => {
                if (r.ok) ackedBytes = Math.max(ackedBytes, length);
              });
            }
            ctx.timers.set('write', ctx.rng.int({ min: 100, max: 3_000 }));
          },
        });
        const sim = new Simulation<never>({ seed, nodeIds: ['n1'], factory, disk: { tornWriteP }, durationUs: 200_000, eventsMax: 100_000 });
        sim.schedulePlan({ steps: [{ atUs: crashUs, fault: { kind: 'crash', node: 'n1' } }, { atUs: crashUs + 5_000, fault: { kind: 'restart', node: 'n1' } }] });
        sim.run();
        expect(recovered).toBeDefined();
        const bytes = Array.from(recovered ?? []);
        expect(bytes).toEqual(appended.slice(0, bytes.length));
        expect(bytes.length).toBeGreaterThanOrEqual(ackedBytes);
        if (tornWriteP === 0) expect(bytes.length).toBe(ackedBytes);
        expect(Array.from(sim.node('n1').disk.durableFiles().get('data') ?? [])).toEqual(bytes);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  test('a restarted node runs its factory again: fresh volatile state, no timers of the old incarnation', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.array(fc.integer({ min: 1_000, max: 20_000 }), { minLength: 1, maxLength: 5 }), (seed, gaps) => {
        let factoryRuns = 0;
        const fires: { incarnation: number; setBy: number }[] = [];
        const counters: number[] = [];
        const factory = (ctx: NodeContext<never>): NodeHandlers<never> => {
          const incarnation = factoryRuns++;
          let ticks = 0;
          return {
            onStart() {
              counters.push(ticks);
              ctx.timers.set(`t${incarnation}`, 700);
              ctx.timers.set('long', 25_000);
            },
            onMessage() {},
            onTimer(name) {
              ticks++;
              fires.push({ incarnation, setBy: name === 'long' ? incarnation : Number(name.slice(1)) });
              if (name !== 'long') ctx.timers.set(name, 700);
            },
          };
        };
        const sim = new Simulation<never>({ seed, nodeIds: ['n1'], factory, durationUs: 150_000, eventsMax: 100_000 });
        const steps: { atUs: number; fault: Fault }[] = [];
        let atUs = 0;
        for (const gap of gaps) {
          atUs += gap;
          steps.push({ atUs, fault: { kind: 'crash', node: 'n1' } }, { atUs: atUs + 500, fault: { kind: 'restart', node: 'n1' } });
          atUs += 500;
        }
        sim.schedulePlan({ steps });
        sim.run();
        expect(factoryRuns).toBe(gaps.length + 1);
        expect(sim.node('n1').starts).toBe(gaps.length + 1);
        expect(counters).toEqual(counters.map(() => 0));
        for (const f of fires) expect(f.setBy).toBe(f.incarnation);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  test("a node's clock reads true time + offset + drift + jumps", () => {
    const clockFault = fc.oneof(
      fc.record({ kind: fc.constant('clock-offset' as const), offsetUs: fc.integer({ min: -5_000_000, max: 5_000_000 }) }),
      fc.record({ kind: fc.constant('clock-drift' as const), driftPpm: fc.integer({ min: -1_000, max: 1_000 }) }),
      fc.record({ kind: fc.constant('clock-jump' as const), deltaUs: fc.integer({ min: -3_000_000, max: 3_000_000 }) }),
      fc.record({ kind: fc.constant('clock-reset' as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 400_000 }), clockFault), { maxLength: 8 }), (faults) => {
        const readings: { trueUs: number; clockUs: number }[] = [];
        const clock = { nowUs: (): number => 0 };
        const factory = (ctx: NodeContext<never>): NodeHandlers<never> => ({
          onStart: () => ctx.timers.set('read', 997),
          onMessage() {},
          onTimer() {
            readings.push({ trueUs: clock.nowUs(), clockUs: ctx.clockUs() });
            ctx.timers.set('read', 997);
          },
        });
        const sim = new Simulation<never>({ seed: 5, nodeIds: ['n1'], factory, durationUs: 500_000, eventsMax: 100_000 });
        clock.nowUs = () => sim.nowUs();
        const steps = faults.map(([atUs, f]) => ({ atUs, fault: { ...f, node: 'n1' } as Fault })).sort((a, b) => a.atUs - b.atUs);
        sim.schedulePlan({ steps });
        sim.run();
        for (const r of readings) expect(Math.abs(r.clockUs - modelClockUs(steps, r.trueUs))).toBeLessThanOrEqual(1);
        expect(readings.length).toBeGreaterThan(400);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  test('a nemesis plan and the realised plan replay exactly from their JSON', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.integer({ min: 2, max: 5 }), (seed, nodes) => {
        const plan = nemesisPlan(seed, nodes, 150_000);
        const fromJson = validateFaultPlan(JSON.parse(JSON.stringify(plan)), { nodeIds: Array.from({ length: nodes }, (_, i) => `n${i + 1}`) });
        expect(fromJson.ok).toBe(true);
        if (!fromJson.ok) return;
        const first = chatterSim({ seed, nodes, plan });
        first.sim.run();
        const again = chatterSim({ seed, nodes, plan: fromJson.plan });
        again.sim.run();
        expect(again.sim.traceHash()).toBe(first.sim.traceHash());
        const realised = JSON.parse(JSON.stringify(first.sim.realisedPlan())) as unknown;
        const replayPlan = validateFaultPlan(realised, { nodeIds: Array.from({ length: nodes }, (_, i) => `n${i + 1}`) });
        expect(replayPlan.ok).toBe(true);
        if (!replayPlan.ok) return;
        const replay = chatterSim({ seed, nodes, plan: replayPlan.plan });
        replay.sim.run();
        expect(replay.sim.traceHash()).toBe(first.sim.traceHash());
        expect(replay.sim.realisedPlan()).toEqual(first.sim.realisedPlan());
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  test('the same seed gives the same trace hash; different seeds give different hashes', () => {
    const hashes = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const run = (): string => {
          const { sim } = chatterSim({ seed, nodes: 3, plan: nemesisPlan(seed, 3, 100_000) });
          sim.run();
          return sim.traceHash();
        };
        const hash = run();
        expect(run()).toBe(hash);
        const other = hashes.get(hash);
        if (other !== undefined) expect(other).toBe(seed);
        hashes.set(hash, seed);
      }),
      { seed: 42, numRuns: 30 },
    );
  });
});

const idle = (): NodeHandlers<never> => ({ onStart() {}, onMessage() {}, onTimer() {} });

/** The clock of DESIGN.md §5, computed independently from the plan. */
function modelClockUs(steps: readonly { atUs: number; fault: Fault }[], trueUs: number): number {
  let offsetUs = 0;
  let jumpsUs = 0;
  let driftPpm = 0;
  let driftSinceUs = 0;
  let driftUs = 0;
  for (const { atUs, fault } of steps) {
    if (atUs > trueUs) break;
    if (fault.kind === 'clock-offset') offsetUs = fault.offsetUs;
    if (fault.kind === 'clock-jump') jumpsUs += fault.deltaUs;
    if (fault.kind === 'clock-drift') {
      driftUs += (driftPpm * (atUs - driftSinceUs)) / 1e6;
      driftPpm = fault.driftPpm;
      driftSinceUs = atUs;
    }
    if (fault.kind === 'clock-reset') {
      offsetUs = 0;
      jumpsUs = 0;
      driftPpm = 0;
      driftUs = 0;
      driftSinceUs = atUs;
    }
  }
  return trueUs + offsetUs + jumpsUs + driftUs + (driftPpm * (trueUs - driftSinceUs)) / 1e6;
}
