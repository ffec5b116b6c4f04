import { buildKv, kvOptionSpecs, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * Membership churn under load: a sixth node joins the ring, later one of the original members
 * leaves. Gossip spreads each change, every node rebuilds the same ring, keys move to their new
 * owners (anti-entropy fills the newcomer, handoff empties the leaver), and at the end the ring,
 * the data and every acknowledged write are all still there.
 */
export const kvChurn = defineScenario({
  name: 'kv-churn',
  description: 'a node joins and another leaves under load: membership and data converge, nothing acknowledged is lost',
  options: kvOptionSpecs({ nodes: 5, consistency: 'quorum', conflicts: 'lww', fsync: 'always', chaosUs: 6_000_000, quietUs: 4_000_000 }),
  // ABD's quorums are fixed preference lists; changing them safely needs a consensus-driven
  // reconfiguration this store does not have.
  validate: (options) =>
    options['kv.consistency'] === 'linearizable' ? "kv-churn changes the ring, which the linearizable mode does not support; use kv.consistency=quorum or one" : validateKvOptions(options),
  build: ({ options }) =>
    buildKv({
      options,
      spares: 1,
      changes: (nodeIds) => [
        { atUs: Math.floor(options.chaosUs * 0.2), node: nodeIds[nodeIds.length - 1] as string, action: 'join' },
        { atUs: Math.floor(options.chaosUs * 0.5), node: nodeIds[1] as string, action: 'leave' },
      ],
      faults: () => ({ kind: 'none' }),
      checkers: ['durability', 'read-validity', 'convergence', 'membership'],
    }),
});
