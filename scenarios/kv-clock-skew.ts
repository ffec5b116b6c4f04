import { buildKv, kvOptionSpecs, planAt, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * Last-write-wins with one node's clock far behind: writes that node coordinates carry old
 * timestamps and lose to writes that finished before they began, so acknowledged writes vanish
 * without any error: the next reads return the older value. The lost-writes checker names them. With `--set kv.conflicts=siblings` the
 * store keeps concurrent versions instead of picking by timestamp, and nothing is lost (reads
 * then return sibling lists, which is why linearizability is not checked here).
 */
export const kvClockSkew = defineScenario({
  name: 'kv-clock-skew',
  description: "LWW with one node's clock 5 s behind: acknowledged writes silently lost; --set kv.conflicts=siblings keeps them",
  options: kvOptionSpecs({ nodes: 5, consistency: 'quorum', conflicts: 'lww', fsync: 'always', chaosUs: 5_000_000, quietUs: 3_000_000 }),
  validate: validateKvOptions,
  build: ({ options }) =>
    buildKv({
      options,
      faults: (nodeIds) => ({
        kind: 'plan',
        plan: planAt(options.chaosUs, [{ at: 0, fault: { kind: 'clock-offset', node: nodeIds[0] as string, offsetUs: -5_000_000 } }]),
      }),
      checkers: ['lost-writes', 'durability', 'read-validity', 'convergence', 'membership'],
    }),
});
