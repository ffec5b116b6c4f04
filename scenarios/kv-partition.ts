import { buildKv, kvOptionSpecs, planAt, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * The headline scenario: a Dynamo-style store (5 nodes, N=3, R=W=2, sloppy quorum, hinted
 * handoff, LWW) under a majority/minority partition during load, then heal and final reads.
 * The minority side keeps accepting writes on fallback nodes while the majority serves reads
 * without them, so reads go stale and values flip back: the checker finds non-linearizable
 * reads on many seeds. With `--set kv.consistency=linearizable` (ABD) every seed passes: the
 * minority side refuses instead. After heal, handoff and anti-entropy make the replicas converge.
 */
export const kvPartition = defineScenario({
  name: 'kv-partition',
  description: 'Dynamo-style KV (N=3, sloppy quorum, LWW) under a majority/minority partition: stale reads found by the linearizability checker',
  options: kvOptionSpecs({ nodes: 5, consistency: 'quorum', conflicts: 'lww', fsync: 'always', chaosUs: 6_000_000, quietUs: 3_000_000 }),
  validate: validateKvOptions,
  build: ({ options }) =>
    buildKv({
      options,
      faults: () => ({
        kind: 'plan',
        plan: planAt(options.chaosUs, [
          { at: 0.15, fault: { kind: 'partition', partition: { shape: 'majority-minority' } } },
          { at: 0.55, fault: { kind: 'heal' } },
          { at: 0.65, fault: { kind: 'partition', partition: { shape: 'majority-minority' } } },
          { at: 0.9, fault: { kind: 'heal' } },
        ]),
      }),
      checkers: ['linearizable', 'durability', 'read-validity', 'convergence', 'membership'],
    }),
});
