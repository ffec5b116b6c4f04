import { buildKv, kvOptionSpecs, planAt, validateKvOptions } from './kv-options.ts';
import { defineScenario } from './scenario.ts';

/**
 * Crashes and restarts under writes, ending with a power loss of the whole cluster (every node
 * restarts at heal-all). With
 * fsync 'always' (the default) every acknowledged write is on a replica's disk before the
 * client hears ok, recovery replays the log, and nothing is lost. `--set kv.fsync=never`
 * acknowledges from the page cache: the power loss takes those writes with it and the
 * durability checker lists them.
 */
export const kvCrashRestart = defineScenario({
  name: 'kv-crash-restart',
  description: 'crashes, restarts and a cluster-wide power loss under writes: fsync=always loses nothing, --set kv.fsync=never loses acknowledged writes',
  options: kvOptionSpecs({ nodes: 5, consistency: 'quorum', conflicts: 'lww', fsync: 'always', chaosUs: 6_000_000, quietUs: 3_000_000 }),
  validate: validateKvOptions,
  build: ({ options }) =>
    buildKv({
      options,
      faults: (nodeIds) => {
        const node = (i: number) => nodeIds[i % nodeIds.length] as string;
        return {
          kind: 'plan',
          plan: planAt(options.chaosUs, [
            { at: 0.1, fault: { kind: 'crash', node: node(0) } },
            { at: 0.25, fault: { kind: 'restart', node: node(0) } },
            { at: 0.3, fault: { kind: 'crash', node: node(2) } },
            { at: 0.35, fault: { kind: 'crash', node: node(3) } },
            { at: 0.5, fault: { kind: 'restart', node: node(2) } },
            { at: 0.55, fault: { kind: 'restart', node: node(3) } },
            // The power loss comes last, so no later write can legitimately replace what it took;
            // heal-all at the end of the chaos phase restarts every node.
            ...nodeIds.map((id) => ({ at: 0.95, fault: { kind: 'crash' as const, node: id } })),
          ]),
        };
      },
      checkers: ['durability', 'read-validity', 'convergence', 'membership'],
    }),
});
