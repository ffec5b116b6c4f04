import { clockFaultKinds, isClockFaultKind, validateClockFault } from '../clock.ts';
import { diskFaultKinds, isDiskFaultKind, validateDiskFault } from '../disk.ts';
import { faultFields } from '../fault-fields.ts';
import { isNetworkFaultKind, networkFaultKinds } from '../network/faults.ts';
import { validateNetworkFault } from '../network/validate.ts';
import type { NodeId } from '../node-api.ts';
import { isNodeFaultKind, nodeFaultKinds, type Fault } from './fault.ts';

/** One step of a plan: a fault applied at a true time. */
export interface FaultStep {
  readonly atUs: number;
  readonly fault: Fault;
}

/** A fault plan (DESIGN.md §6): plain JSON, replayable with `--faults plan.json`. */
export interface FaultPlan {
  readonly steps: readonly FaultStep[];
}

/** Steps a plan may have at most: a limit, so a runaway generator fails loudly. */
export const planStepsMax = 100_000;

export type PlanValidation = { readonly ok: true; readonly plan: FaultPlan } | { readonly ok: false; readonly error: string };

/**
 * Checks that `json` is a fault plan for a cluster of `nodeIds`. The error is one line naming the
 * step (1-based, with its time) and why, e.g.
 * `step 3 (atUs 2000000): fault.node: unknown node "n9"; known: n1, n2, n3`.
 * Steps may be listed in any order; same-time steps apply in listed order.
 */
export function validateFaultPlan(json: unknown, o: { nodeIds: readonly NodeId[]; clientIds?: readonly NodeId[] }): PlanValidation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('a fault plan must be an object like {"steps":[{"atUs":1000000,"fault":{"kind":"crash","node":"n1"}}]}');
  }
  const extra = Object.keys(json).filter((key) => key !== 'steps');
  if (extra.length > 0) return fail(`a fault plan has only "steps"; unknown field "${extra[0]}"`);
  const steps = (json as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return fail('a fault plan needs "steps": an array of {"atUs": integer, "fault": {...}}');
  if (steps.length > planStepsMax) return fail(`a fault plan has ${steps.length} steps; at most ${planStepsMax} are allowed`);
  for (let i = 0; i < steps.length; i++) {
    const error = validateStep(steps[i], o);
    if (error !== undefined) {
      const atUs = (steps[i] as { atUs?: unknown } | null)?.atUs;
      return fail(`step ${i + 1}${typeof atUs === 'number' ? ` (atUs ${atUs})` : ''}: ${error}`);
    }
  }
  return { ok: true, plan: json as FaultPlan };
}

function validateStep(step: unknown, ids: { nodeIds: readonly NodeId[]; clientIds?: readonly NodeId[] }): string | undefined {
  if (typeof step !== 'object' || step === null || Array.isArray(step)) return 'expected {"atUs": integer, "fault": {...}}';
  const extra = Object.keys(step).filter((key) => key !== 'atUs' && key !== 'fault');
  if (extra.length > 0) return `a step has only "atUs" and "fault"; unknown field "${extra[0]}"`;
  const { atUs, fault } = step as { atUs?: unknown; fault?: unknown };
  if (typeof atUs !== 'number' || !Number.isSafeInteger(atUs) || atUs < 0) return `atUs: expected a non-negative integer of microseconds; got ${JSON.stringify(atUs)}`;
  return validateFault(fault, ids);
}

/** Checks one fault of any kind; an error line (without the step) or undefined. */
export function validateFault(fault: unknown, ids: { nodeIds: readonly NodeId[]; clientIds?: readonly NodeId[] }): string | undefined {
  const nodeIds = ids.nodeIds;
  const kind = (fault as { kind?: unknown } | null)?.kind;
  if (typeof fault !== 'object' || fault === null || Array.isArray(fault)) return 'fault: expected an object with a "kind"';
  if (isNetworkFaultKind(kind)) return validateNetworkFault(fault, nodeIds, { clientIds: ids.clientIds ?? [] });
  if (isDiskFaultKind(kind)) return validateDiskFault(fault, nodeIds);
  if (isClockFaultKind(kind)) return validateClockFault(fault, nodeIds);
  if (isNodeFaultKind(kind)) return errorOf(faultFields(fault, { kinds: nodeFaultFields, nodeIds }));
  if (kind === 'heal-all') {
    const extra = Object.keys(fault).filter((key) => key !== 'kind');
    return extra.length === 0 ? undefined : `fault.${extra[0]}: not a field of heal-all; its only field is kind`;
  }
  return `fault.kind: unknown kind ${JSON.stringify(kind)}; known: ${faultKinds.join(', ')}`;
}

/** Every fault kind, in a fixed order (for messages). */
export const faultKinds: readonly Fault['kind'][] = [...networkFaultKinds, ...nodeFaultKinds, ...diskFaultKinds, ...clockFaultKinds, 'heal-all'];

const nodeFaultFields = { crash: ['node'], restart: ['node'], pause: ['node'], resume: ['node'] } as const;

function errorOf(r: { error: string } | { fields: unknown }): string | undefined {
  return 'error' in r ? r.error : undefined;
}

function fail(error: string): PlanValidation {
  return { ok: false, error };
}
