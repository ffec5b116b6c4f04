import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimDisk } from '../../../sim/disk.ts';
import { createRng } from '../../../sim/rng.ts';
import { ReplicaStore } from '../../../systems/kv/storage.ts';
import type { FsyncPolicy } from '../../../systems/kv/wal.ts';

/**
 * Model-based test of a replica's store across crashes (fast-check commands). The model keeps,
 * per key, the writes acknowledged durable and every write ever attempted; the real store runs
 * on a SimDisk whose fsync callbacks run only on Flush, and whose crashes may leave torn tails.
 */
interface Model {
  readonly acked: Map<string, Set<number>>;
  readonly attempted: Set<number>;
  next: number;
}

interface Real {
  disk: SimDisk;
  store: ReplicaStore;
  readonly queue: (() => void)[];
  readonly policy: FsyncPolicy;
}

type Command = fc.Command<Model, Real>;

function openStore(real: Real): ReplicaStore {
  const store = new ReplicaStore({ disk: real.disk, fsync: real.policy, conflicts: 'siblings' });
  const report = store.recover();
  expect(report.corruptRegions).toBe(0);
  return store;
}

class Write implements Command {
  constructor(readonly key: string) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const id = ++m.next;
    m.attempted.add(id);
    // Each write is its own sibling (its own writer), so nothing supersedes it.
    r.store.merge({ key: this.key, incoming: [{ clock: { [`w${id}`]: 1 }, value: id, deleted: false, tsUs: id, writer: `w${id}` }], hinted: false }, (result) => {
      if (!result.ok) return;
      const set = m.acked.get(this.key) ?? new Set<number>();
      set.add(id);
      m.acked.set(this.key, set);
    });
  }
  toString(): string {
    return `Write(${this.key})`;
  }
}

class Flush implements Command {
  check(): boolean {
    return true;
  }
  run(_m: Model, r: Real): void {
    for (let i = 0; i < 10_000 && r.queue.length > 0; i++) (r.queue.shift() as () => void)();
  }
  toString(): string {
    return 'Flush';
  }
}

class CrashRecover implements Command {
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    r.disk.crash();
    r.queue.length = 0;
    r.store = openStore(r);
    for (const key of r.store.keys()) {
      const held = new Set(r.store.versions(key).map((v) => v.value as number));
      for (const id of m.acked.get(key) ?? []) expect(held.has(id)).toBe(true);
      for (const id of held) expect(m.attempted.has(id)).toBe(true);
    }
    for (const [key, ids] of m.acked) if (ids.size > 0) expect(r.store.keys()).toContain(key);
  }
  toString(): string {
    return 'CrashRecover';
  }
}

const commands = [fc.constantFrom('a', 'b', 'c').map((key) => new Write(key) as Command), fc.constant(new Flush() as Command), fc.constant(new CrashRecover() as Command)];

describe('ReplicaStore across crashes (model-based)', () => {
  for (const policy of ['always', 'batch'] as const) {
    it(`never loses a write acknowledged durable and never invents one (fsync ${policy})`, () => {
      fc.assert(
        fc.property(fc.commands(commands, { maxCommands: 40 }), fc.nat(10_000), (cmds, seed) => {
          const queue: (() => void)[] = [];
          const disk = new SimDisk({ rng: createRng(seed), options: { fsyncUs: { kind: 'constant', us: 10 }, tornWriteP: 0.5 }, schedule: (_d, fn) => queue.push(fn) });
          const real: Real = { disk, store: new ReplicaStore({ disk, fsync: policy, conflicts: 'siblings' }), queue, policy };
          fc.modelRun(() => ({ model: { acked: new Map<string, Set<number>>(), attempted: new Set<number>(), next: 0 }, real }), cmds);
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  }
});
