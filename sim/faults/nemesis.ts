import { sampleUs } from '../distributions.ts';
import type { NodeId } from '../node-api.ts';
import type { PartitionShape } from '../network/partition.ts';
import type { NetworkRule } from '../network/rules.ts';
import type { Rng } from '../rng.ts';
import type { Fault } from './fault.ts';
import type { FaultPlan, FaultStep } from './plan.ts';

/** The families of faults a nemesis can inject; swarm testing switches each on or off. */
export type FaultKindName = 'partition' | 'crash' | 'pause' | 'clock' | 'disk' | 'network' | 'hold';

export const faultKindNames: readonly FaultKindName[] = ['partition', 'crash', 'pause', 'clock', 'disk', 'network', 'hold'];

export interface NemesisOptions {
  readonly nodeIds: readonly NodeId[];
  /** Faults start and end before this time (the runner heals everything then). */
  readonly chaosUs: number;
  /** Fault families to use; absent: the seed draws which are on (swarm testing). */
  readonly kinds?: readonly FaultKindName[];
}

/** Episodes one family may have at most, so a tiny drawn gap cannot make a huge plan. */
const episodesMax = 500;

/**
 * Draws a random fault plan from `rng` (DESIGN.md §6). Swarm testing: unless `kinds` is given, the
 * seed decides which fault families are on at all, then for each family a mean gap between
 * episodes and a mean episode length. Each family draws from its own stream, so switching one
 * family on or off leaves the others' episodes unchanged. An episode is a fault and the step that
 * ends it (partition/heal, crash/restart, pause/resume, skew/clock-reset, disk fault/disk-clear,
 * rule/net-clear, hold/release), both before `chaosUs`. Everything drawn is returned in `drawn`.
 */
export function drawNemesisPlan(rng: Rng, o: NemesisOptions): { plan: FaultPlan; drawn: Record<string, string | number | boolean> } {
  const drawn: Record<string, string | number | boolean> = {};
  const kinds = o.kinds ?? drawKinds(rng.fork('nemesis/swarm'));
  drawn['nemesis.kinds'] = kinds.join(',');
  const tagged: { step: FaultStep; family: number; order: number }[] = [];
  const chaosUs = Math.max(0, Math.floor(o.chaosUs));
  faultKindNames.forEach((kind, family) => {
    if (!kinds.includes(kind) || chaosUs < 40 || o.nodeIds.length === 0) return;
    const krng = rng.fork(`nemesis/${kind}`);
    const meanGapUs = krng.int({ min: Math.floor(chaosUs / 20), max: Math.floor(chaosUs / 4) });
    const meanDurationUs = krng.int({ min: Math.floor(chaosUs / 40), max: Math.floor(chaosUs / 8) });
    drawn[`nemesis.${kind}.meanGapUs`] = meanGapUs;
    drawn[`nemesis.${kind}.meanDurationUs`] = meanDurationUs;
    let atUs = sampleUs(krng, { kind: 'exponential', meanUs: meanGapUs });
    for (let episode = 0; episode < episodesMax && atUs < chaosUs; episode++) {
      const endUs = Math.min(chaosUs, atUs + 1 + sampleUs(krng, { kind: 'exponential', meanUs: meanDurationUs }));
      const [start, end] = drawEpisode(kind, krng, o.nodeIds);
      tagged.push({ step: { atUs, fault: start }, family, order: tagged.length });
      tagged.push({ step: { atUs: endUs, fault: end }, family, order: tagged.length });
      atUs = endUs + 1 + sampleUs(krng, { kind: 'exponential', meanUs: meanGapUs });
    }
  });
  tagged.sort((a, b) => a.step.atUs - b.step.atUs || a.family - b.family || a.order - b.order);
  drawn['nemesis.steps'] = tagged.length;
  return { plan: { steps: tagged.map((t) => t.step) }, drawn };
}

function drawKinds(rng: Rng): FaultKindName[] {
  const on = faultKindNames.filter(() => rng.chance(0.5));
  return on.length > 0 ? on : [rng.pick(faultKindNames)];
}

/** One episode of a family: the fault that starts it and the one that ends it. */
function drawEpisode(kind: FaultKindName, rng: Rng, nodeIds: readonly NodeId[]): [Fault, Fault] {
  const node = rng.pick(nodeIds);
  switch (kind) {
    case 'partition':
      return [{ kind: 'partition', partition: drawShape(rng, nodeIds) }, { kind: 'heal' }];
    case 'crash':
      return [{ kind: 'crash', node }, { kind: 'restart', node }];
    case 'pause':
      return [{ kind: 'pause', node }, { kind: 'resume', node }];
    case 'clock':
      return [drawClockFault(rng, node), { kind: 'clock-reset', node }];
    case 'disk':
      return [drawDiskFault(rng, node), { kind: 'disk-clear', node }];
    case 'network':
      return [{ kind: 'net-rule', rule: drawRule(rng) }, { kind: 'net-clear' }];
    case 'hold':
      return [{ kind: 'hold' }, { kind: 'release' }];
  }
}

function drawShape(rng: Rng, nodeIds: readonly NodeId[]): PartitionShape {
  const shapes: PartitionShape[] =
    nodeIds.length < 3
      ? [{ shape: 'random-halves' }, { shape: 'isolate' }]
      : [{ shape: 'random-halves' }, { shape: 'majority-minority' }, { shape: 'isolate' }, { shape: 'bridge' }, { shape: 'ring' }];
  return rng.pick(shapes);
}

function drawClockFault(rng: Rng, node: NodeId): Fault {
  const sign = rng.chance(0.5) ? 1 : -1;
  switch (rng.pick(['offset', 'drift', 'jump'] as const)) {
    case 'offset':
      return { kind: 'clock-offset', node, offsetUs: sign * rng.int({ min: 1_000, max: 5_000_000 }) };
    case 'drift':
      return { kind: 'clock-drift', node, driftPpm: sign * rng.int({ min: 50, max: 500 }) };
    case 'jump':
      return { kind: 'clock-jump', node, deltaUs: sign * rng.int({ min: 1_000, max: 2_000_000 }) };
  }
}

function drawDiskFault(rng: Rng, node: NodeId): Fault {
  switch (rng.pick(['disk-full', 'disk-stall', 'disk-slow', 'disk-read-error', 'disk-corrupt'] as const)) {
    case 'disk-full':
      return { kind: 'disk-full', node };
    case 'disk-stall':
      return { kind: 'disk-stall', node };
    case 'disk-slow':
      return { kind: 'disk-slow', node, fsyncUs: { kind: 'uniform', minUs: 10_000, maxUs: rng.int({ min: 20_000, max: 200_000 }) } };
    case 'disk-read-error':
      return { kind: 'disk-read-error', node };
    case 'disk-corrupt':
      return { kind: 'disk-corrupt', node };
  }
}

function drawRule(rng: Rng): NetworkRule {
  const p = rng.int({ min: 5, max: 50 }) / 100;
  switch (rng.pick(['loss', 'duplicate', 'reorder', 'latency'] as const)) {
    case 'loss':
      return { kind: 'loss', p };
    case 'duplicate':
      return { kind: 'duplicate', p };
    case 'reorder':
      return { kind: 'reorder', p, extraUs: { kind: 'exponential', meanUs: rng.int({ min: 1_000, max: 20_000 }), maxUs: 200_000 } };
    case 'latency':
      return { kind: 'latency', latency: { kind: 'exponential', meanUs: rng.int({ min: 5_000, max: 50_000 }), maxUs: 500_000 } };
  }
}
