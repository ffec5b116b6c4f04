import { buildKv, kvOptionSpecs, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * The random nemesis over every fault family (partitions of all shapes, crashes, pauses, clock
 * faults, disk faults, message loss, duplication and delay, hold/release), with swarm testing:
 * the seed draws which families are on at all. The default mode is 'linearizable', which must
 * pass every checker on every seed; `--set kv.consistency=quorum` shows what Dynamo-style
 * replication gives up under the same faults.
 */
export const kvChaos = defineScenario({
  name: 'kv-chaos',
  description: 'random swarm nemesis over all fault kinds; linearizable (ABD) mode must pass every seed',
  options: kvOptionSpecs({ nodes: 5, consistency: 'linearizable', conflicts: 'lww', fsync: 'always', chaosUs: 8_000_000, quietUs: 4_000_000 }),
  validate: validateKvOptions,
  build: ({ options }) =>
    buildKv({
      options,
      faults: () => ({ kind: 'nemesis' }),
      checkers: ['linearizable', 'durability', 'read-validity', 'convergence', 'membership'],
    }),
});
