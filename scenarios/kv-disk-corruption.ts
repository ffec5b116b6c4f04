import { buildKv, kvOptionSpecs, planAt, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * Stored bytes go bad: the write-ahead logs of three nodes get corrupted, then the nodes
 * restart and recover from them. Each record carries a CRC-32, so recovery skips the damaged
 * records instead of serving them, and anti-entropy and read repair restore what was lost from
 * the other replicas. No client ever reads a value nobody wrote, and nothing acknowledged is lost.
 */
export const kvDiskCorruption = defineScenario({
  name: 'kv-disk-corruption',
  description: 'write-ahead logs corrupted on several replicas, then recovered: no corrupted value is ever served, nothing acknowledged is lost',
  options: kvOptionSpecs({ nodes: 5, consistency: 'quorum', conflicts: 'lww', fsync: 'always', chaosUs: 6_000_000, quietUs: 3_000_000 }),
  validate: validateKvOptions,
  build: ({ options }) =>
    buildKv({
      options,
      faults: (nodeIds) => {
        const victims = [nodeIds[0], nodeIds[2], nodeIds[4]].filter((id): id is string => id !== undefined);
        return {
          kind: 'plan',
          plan: planAt(
            options.chaosUs,
            victims.flatMap((node, i) => [
              { at: 0.2 + i * 0.2, fault: { kind: 'disk-corrupt' as const, node, file: 'kv.log', bytes: 8 } },
              { at: 0.2 + i * 0.2 + 0.01, fault: { kind: 'crash' as const, node } },
              { at: 0.2 + i * 0.2 + 0.05, fault: { kind: 'restart' as const, node } },
            ]),
          ),
        };
      },
      checkers: ['read-validity', 'durability', 'convergence', 'membership'],
    }),
});
