import { describe, expect, it } from 'vitest';
import { SimDisk } from '../../sim/disk.ts';
import type { DiskFault } from '../../sim/disk.ts';
import type { FaultPlan } from '../../sim/faults/plan.ts';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { createRng } from '../../sim/rng.ts';
import { Simulation } from '../../sim/simulation.ts';
import { TestEventLoop } from './event-loop.ts';

const FILES = ['a', 'b', 'c', 'd'];

/** A disk holding four files of distinct content, all of it synced, so corruption reaches both cache and medium. */
function filledDisk(seed: number): SimDisk {
  const loop = new TestEventLoop();
  const disk = new SimDisk({ rng: createRng(seed), options: { fsyncUs: { kind: 'constant', us: 10 } }, schedule: loop.schedule });
  FILES.forEach((name, i) => {
    disk.write(name, Uint8Array.from({ length: 40 + 8 * i }, (_, j) => (j * 7 + i * 31) % 256));
    disk.fsync(name, () => undefined);
  });
  loop.run();
  return disk;
}

/** Every file's content as read now and as it would survive a crash. */
function contents(disk: SimDisk): { cache: number[][]; durable: [string, number[]][] } {
  const cache = FILES.map((name) => {
    const r = disk.read(name);
    return r.ok ? [...r.bytes] : [];
  });
  return { cache, durable: [...disk.durableFiles()].map(([name, bytes]) => [name, [...bytes]]) };
}

describe('disk-corrupt replays exactly from its resolved form', () => {
  it('applying a fault, then its resolved JSON on a fresh disk with the same seed, gives byte-identical files', () => {
    const faults: DiskFault[] = [
      { kind: 'disk-corrupt', node: 'n1', bytes: 5 },
      { kind: 'disk-corrupt', node: 'n1' },
      { kind: 'disk-corrupt', node: 'n1', file: 'c', bytes: 3 },
      { kind: 'disk-corrupt', node: 'n1', bytes: 2 },
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const original = filledDisk(seed);
      const resolved = faults.map((f) => JSON.stringify(original.apply(f).resolved));
      expect(resolved.every((json) => (JSON.parse(json) as DiskFault & { file?: string }).file !== undefined)).toBe(true);
      const replay = filledDisk(seed);
      for (const json of resolved) replay.apply(JSON.parse(json) as DiskFault);
      expect(contents(replay), `seed ${seed}`).toEqual(contents(original));
      expect(contents(original)).not.toEqual(contents(filledDisk(seed)));
    }
  });
});

/**
 * A node that writes a file per tick and, on each tick, reads every file back and folds its bytes
 * into the next tick's delay: a corrupted byte anywhere changes the timing, so the trace hash
 * depends on the exact content, not only on the lengths.
 */
function hashingWriter(ctx: NodeContext<never>): NodeHandlers<never> {
  let tick = 0;
  return {
    onStart() {
      ctx.timers.set('tick', 100);
    },
    onMessage() {},
    onTimer() {
      tick++;
      const name = `f${tick % 3}`;
      ctx.disk.append(name, Uint8Array.from({ length: 16 }, (_, j) => (tick * 13 + j) % 256));
      ctx.disk.fsync(name, () => undefined);
      let hash = 17;
      for (const file of ctx.disk.list()) {
        const r = ctx.disk.read(file);
        if (!r.ok) continue;
        for (const byte of r.bytes) hash = (Math.imul(hash, 31) + byte) >>> 0;
      }
      ctx.timers.set('tick', 100 + (hash % 97));
    },
  };
}

function runWriters(o: { seed: number; plan: FaultPlan }): Simulation<never> {
  const sim = new Simulation<never>({ seed: o.seed, nodeIds: ['n1', 'n2'], factory: hashingWriter, durationUs: 30_000, eventsMax: 100_000 });
  sim.schedulePlan(o.plan);
  sim.run();
  return sim;
}

describe('disk-corrupt through the Simulation', () => {
  it('the realised plan replays to the same trace hash when the system hashes file contents', () => {
    const plan: FaultPlan = {
      steps: [
        { atUs: 5_000, fault: { kind: 'disk-corrupt', node: 'n1', bytes: 4 } },
        { atUs: 9_000, fault: { kind: 'disk-corrupt', node: 'n2' } },
        { atUs: 14_000, fault: { kind: 'disk-corrupt', node: 'n1', bytes: 7 } },
        { atUs: 20_000, fault: { kind: 'disk-corrupt', node: 'n2', bytes: 3 } },
      ],
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const original = runWriters({ seed, plan });
      const realised = JSON.parse(JSON.stringify(original.realisedPlan())) as FaultPlan;
      expect(realised.steps.map((s) => (s.fault as { file?: string }).file)).not.toContain(undefined);
      const replay = runWriters({ seed, plan: realised });
      expect(replay.traceHash(), `seed ${seed}`).toBe(original.traceHash());
      expect(runWriters({ seed, plan: { steps: [] } }).traceHash()).not.toBe(original.traceHash());
    }
  });
});
