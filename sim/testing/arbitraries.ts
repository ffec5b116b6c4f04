import fc from 'fast-check';
import type { Fault } from '../faults/fault.ts';
import type { FaultKindName } from '../faults/nemesis.ts';
import type { FaultPlan, FaultStep } from '../faults/plan.ts';
import type { NodeId } from '../node-api.ts';

/**
 * fast-check arbitraries for fault plans, for property tests of systems built on faultline —
 * ours and users'. A separate entry (import `sim/testing/arbitraries.ts` from tests only): the
 * runtime (`sim/index.ts`) never loads it, so fast-check stays a dev dependency.
 *
 * A plan is drawn as a list of fault windows — a fault and the step that ends it (partition ->
 * heal, crash -> restart, pause -> resume, clock skew -> clock-reset, disk fault -> disk-clear,
 * network rule -> net-clear, hold -> release) — so every plan is valid, ends its own faults, and
 * shrinks the way people think: fewer windows, shorter windows, smaller parameters.
 */

export interface FaultPlanArbitraryOptions {
  readonly nodeIds: readonly NodeId[];
  /** Faults start and end before this time (the scenario's chaos phase). */
  readonly chaosUs: number;
  /** Which kinds of fault may appear (default: all). */
  readonly kinds?: readonly FaultKindName[];
  /** Most windows per plan (default 6). */
  readonly windowsMax?: number;
}

/** One fault window: opened at `startUs`, closed `lengthUs` later. */
export interface FaultWindowDraw {
  readonly startUs: number;
  readonly lengthUs: number;
  readonly open: Fault;
  readonly close: Fault;
}

const ALL_KINDS: readonly FaultKindName[] = ['partition', 'crash', 'pause', 'clock', 'disk', 'network', 'hold'];

/** Window lengths start at this, so a fault is in force for at least a few message delays. */
export const WINDOW_US_MIN = 1_000;

function sideOf(nodeIds: readonly NodeId[]): fc.Arbitrary<NodeId[]> {
  return fc.subarray([...nodeIds], { minLength: 1, maxLength: Math.max(1, nodeIds.length - 1) });
}

function partitionOpen(nodeIds: readonly NodeId[]): fc.Arbitrary<Fault> {
  const node = fc.constantFrom(...nodeIds);
  return fc.oneof(
    node.map((isolated): Fault => ({ kind: 'partition', partition: { shape: 'isolate', node: isolated } })),
    sideOf(nodeIds).map((side): Fault => ({ kind: 'partition', partition: { shape: 'sides', sides: [side] } })),
    fc.constant<Fault>({ kind: 'partition', partition: { shape: 'majority-minority' } }),
    fc.tuple(sideOf(nodeIds), sideOf(nodeIds)).map(([from, to]): Fault => ({ kind: 'partition', partition: { shape: 'one-way', from, to } })),
  );
}

function opensAndCloses(kind: FaultKindName, nodeIds: readonly NodeId[]): fc.Arbitrary<{ open: Fault; close: Fault }> {
  const node = fc.constantFrom(...nodeIds);
  switch (kind) {
    case 'partition':
      return partitionOpen(nodeIds).map((open) => ({ open, close: { kind: 'heal' } }));
    case 'crash':
      return node.map((n) => ({ open: { kind: 'crash', node: n }, close: { kind: 'restart', node: n } }));
    case 'pause':
      return node.map((n) => ({ open: { kind: 'pause', node: n }, close: { kind: 'resume', node: n } }));
    case 'clock':
      return fc
        .tuple(node, fc.oneof(
          fc.integer({ min: -2_000_000, max: 2_000_000 }).map((offsetUs) => ({ kind: 'clock-offset' as const, offsetUs })),
          fc.integer({ min: -500, max: 500 }).map((driftPpm) => ({ kind: 'clock-drift' as const, driftPpm })),
          fc.integer({ min: -2_000_000, max: 2_000_000 }).map((deltaUs) => ({ kind: 'clock-jump' as const, deltaUs })),
        ))
        .map(([n, skew]) => ({ open: { ...skew, node: n }, close: { kind: 'clock-reset', node: n } }));
    case 'disk':
      return fc
        .tuple(node, fc.constantFrom('disk-stall' as const, 'disk-full' as const, 'disk-slow' as const))
        .map(([n, diskKind]) => ({
          open: diskKind === 'disk-slow' ? { kind: diskKind, node: n, fsyncUs: { kind: 'uniform', minUs: 5_000, maxUs: 50_000 } } : { kind: diskKind, node: n },
          close: { kind: 'disk-clear', node: n },
        }));
    case 'network':
      return fc
        .oneof(
          fc.double({ min: 0.01, max: 0.5, noNaN: true }).map((p) => ({ kind: 'loss' as const, p: Math.round(p * 100) / 100 })),
          fc.double({ min: 0.01, max: 0.5, noNaN: true }).map((p) => ({ kind: 'duplicate' as const, p: Math.round(p * 100) / 100 })),
          fc.integer({ min: 1_000, max: 100_000 }).map((maxUs) => ({ kind: 'reorder' as const, extraUs: { kind: 'uniform' as const, minUs: 0, maxUs } })),
        )
        .map((rule) => ({ open: { kind: 'net-rule', rule }, close: { kind: 'net-clear' } }));
    case 'hold':
      return sideOf(nodeIds).map((to) => ({ open: { kind: 'hold', to }, close: { kind: 'release' } }));
  }
}

/** One window of one of the allowed kinds, inside [0, chaosUs). */
export function faultWindowArbitrary(o: FaultPlanArbitraryOptions): fc.Arbitrary<FaultWindowDraw> {
  const kinds = o.kinds ?? ALL_KINDS;
  if (kinds.length === 0 || o.nodeIds.length === 0 || o.chaosUs < 2 * WINDOW_US_MIN) {
    throw new Error('faultWindowArbitrary: needs a fault kind, a node and chaosUs >= 2 ms');
  }
  return fc.record({
    startUs: fc.integer({ min: 0, max: o.chaosUs - WINDOW_US_MIN - 1 }),
    lengthUs: fc.integer({ min: WINDOW_US_MIN, max: o.chaosUs - 1 }),
    faults: fc.constantFrom(...kinds).chain((kind) => opensAndCloses(kind, o.nodeIds)),
  }).map(({ startUs, lengthUs, faults }) => ({ startUs, lengthUs: Math.min(lengthUs, o.chaosUs - 1 - startUs), ...faults }));
}

/** The node a window's faults are about, or undefined for cluster-wide faults. */
function nodeOf(fault: Fault): NodeId | undefined {
  return 'node' in fault && typeof fault.node === 'string' ? fault.node : undefined;
}

/**
 * Windows of the same node-level kind on the same node must not overlap (a crash inside a
 * crash says nothing); a later overlapping one is dropped. Network windows may overlap freely.
 */
function withoutNodeOverlaps(windows: readonly FaultWindowDraw[]): FaultWindowDraw[] {
  const kept: FaultWindowDraw[] = [];
  for (const window of windows) {
    const node = nodeOf(window.open);
    const clash = node !== undefined && kept.some((other) => other.close.kind === window.close.kind && nodeOf(other.open) === node && other.startUs < window.startUs + window.lengthUs && window.startUs < other.startUs + other.lengthUs);
    if (!clash) kept.push(window);
  }
  return kept;
}

/** Turns windows into a plan ordered by time (ties keep window order, opens before closes). */
export function planOfWindows(windows: readonly FaultWindowDraw[]): FaultPlan {
  const steps: FaultStep[] = withoutNodeOverlaps(windows).flatMap((window) => [
    { atUs: window.startUs, fault: window.open },
    { atUs: window.startUs + window.lengthUs, fault: window.close },
  ]);
  return { steps: steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.atUs - b.step.atUs || a.i - b.i).map(({ step }) => step) };
}

/** A fault plan of at most `windowsMax` windows of the allowed kinds, all ended before `chaosUs`. */
export function faultPlanArbitrary(o: FaultPlanArbitraryOptions): fc.Arbitrary<FaultPlan> {
  return fc.array(faultWindowArbitrary(o), { maxLength: o.windowsMax ?? 6 }).map(planOfWindows);
}
