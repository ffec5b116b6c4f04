import { drawNemesisPlan } from '../sim/faults/nemesis.ts';
import type { FaultPlan } from '../sim/faults/plan.ts';
import type { NodeId } from '../sim/node-api.ts';
import type { Rng } from '../sim/rng.ts';
import type { OptionValue, FaultSource } from './scenario.ts';

/**
 * Turns a scenario's fault source into a concrete plan for one seed. A nemesis draws from its own
 * stream (`nemesis`), so the rest of the run's randomness does not depend on what it drew; what
 * it chose (keys `nemesis.…`) is printed with the options.
 */
export function drawFaults(o: { source: FaultSource; rng: Rng; nodeIds: readonly NodeId[]; chaosUs: number }): { plan: FaultPlan; drawn: Record<string, OptionValue> } {
  switch (o.source.kind) {
    case 'plan':
      return { plan: o.source.plan, drawn: {} };
    case 'none':
      return { plan: { steps: [] }, drawn: {} };
    case 'nemesis': {
      const kinds = o.source.kinds;
      return drawNemesisPlan(o.rng.fork('nemesis'), { nodeIds: o.nodeIds, chaosUs: o.chaosUs, ...(kinds !== undefined ? { kinds } : {}) });
    }
  }
}
