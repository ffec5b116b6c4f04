import type { FaultPlan } from '../sim/faults/plan.ts';
import type { NodeId } from '../sim/node-api.ts';
import { checkPing } from '../systems/ping/checker.ts';
import { pingNode } from '../systems/ping/node.ts';
import { enumOption, intOption, phaseOptions } from './options.ts';
import { defineScenario } from './scenario.ts';

/**
 * The tutorial scenario: a few nodes ping each other under a partition, a crash and restart, a
 * clock jump and a full disk. Every ping between two nodes that stayed up and connected must get
 * its pong, and no node's durable pong count may go backwards across a restart.
 */
export const ping = defineScenario({
  name: 'ping',
  description: 'nodes ping each other and keep a durable pong count, under partition, crash, clock jump and full disk',
  options: {
    'ping.nodes': intOption({ doc: 'number of nodes', min: 2, max: 9, default: 5 }),
    'ping.intervalUs': intOption({ doc: 'time between two pings of one node', min: 1_000, max: 10_000_000, default: 100_000 }),
    'ping.replyWindowUs': intOption({ doc: 'a ping with both ends up and connected this long must get its pong', min: 1_000, max: 10_000_000, default: 100_000 }),
    'ping.faults': enumOption({ doc: "'plan': the scripted faults; 'nemesis': drawn from the seed; 'none'", values: ['plan', 'nemesis', 'none'] as const, default: 'plan' }),
    ...phaseOptions({ chaosUs: 6_000_000, quietUs: 2_000_000 }),
  },
  build({ options }) {
    const nodeIds = Array.from({ length: options['ping.nodes'] }, (_, i) => `n${i + 1}`);
    const faults = options['ping.faults'];
    return {
      simulation: {
        nodeIds,
        factory: pingNode({ intervalUs: options['ping.intervalUs'], outstandingMax: 1_000 }),
        network: { latency: { kind: 'uniform', minUs: 500, maxUs: 5_000 } },
        durationUs: options.chaosUs + options.quietUs,
        eventsMax: 5_000_000,
        // The checker reads the nodes' log records.
        logRecord: true,
      },
      faults: faults === 'plan' ? { kind: 'plan', plan: scriptedPlan(nodeIds, options.chaosUs) } : faults === 'nemesis' ? { kind: 'nemesis' } : { kind: 'none' },
      phases: { chaosUs: options.chaosUs, quietUs: options.quietUs },
      checkers: [
        (run) =>
          checkPing({
            nodeIds,
            logs: run.simulation.nodeLogs(),
            plan: run.simulation.realisedPlan(),
            endUs: run.simulation.nowUs(),
            replyWindowUs: options['ping.replyWindowUs'],
          }),
      ],
    };
  },
});

/** The scripted faults, spread over the chaos phase: each kind of fault once. */
function scriptedPlan(nodeIds: readonly NodeId[], chaosUs: number): FaultPlan {
  const at = (fraction: number): number => Math.floor(chaosUs * fraction);
  const first = nodeIds[0] as NodeId;
  const last = nodeIds[nodeIds.length - 1] as NodeId;
  const half = nodeIds.slice(0, Math.ceil(nodeIds.length / 2));
  return {
    steps: [
      { atUs: at(0.1), fault: { kind: 'partition', partition: { shape: 'sides', sides: [half] } } },
      { atUs: at(0.3), fault: { kind: 'heal' } },
      { atUs: at(0.35), fault: { kind: 'crash', node: last } },
      { atUs: at(0.4), fault: { kind: 'clock-jump', node: first, deltaUs: -2_000_000 } },
      { atUs: at(0.55), fault: { kind: 'restart', node: last } },
      { atUs: at(0.6), fault: { kind: 'disk-full', node: first } },
      { atUs: at(0.8), fault: { kind: 'disk-clear', node: first } },
    ],
  };
}
