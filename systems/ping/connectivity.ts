import { cutsOf } from '../../sim/network/cuts.ts';
import type { ResolvedPartition } from '../../sim/network/partition.ts';
import type { NodeId } from '../../sim/node-api.ts';

/** The part of a realised fault plan this module reads: each step's time and fault as plain data. */
export interface PlanSteps {
  readonly steps: readonly { readonly atUs: number; readonly fault: { readonly kind: string } }[];
}

/**
 * When could two nodes certainly talk? Replays a realised fault plan into a timeline of cluster
 * states. It understands crashes, pauses and resolved partitions (the kernel's `cutsOf` says which
 * links each cuts); anything else that touches the network (holds, rules) or that it does not
 * know makes the state "uncertain" until it is lifted, so a checker built on it only expects what
 * the plan guarantees.
 */
export interface ClusterState {
  readonly fromUs: number;
  readonly down: ReadonlySet<NodeId>;
  /** Directed cuts as "from>to". */
  readonly cut: ReadonlySet<string>;
  readonly uncertain: boolean;
}

interface MutableState {
  crashed: Set<NodeId>;
  paused: Set<NodeId>;
  cut: Set<string>;
  partitionUnknown: boolean;
  holding: boolean;
  rules: boolean;
  other: boolean;
}

/** The cluster's state after each step, in time order; the first entry starts at 0. */
export function connectivityTimeline(plan: PlanSteps, nodeIds: readonly NodeId[]): ClusterState[] {
  const s: MutableState = { crashed: new Set(), paused: new Set(), cut: new Set(), partitionUnknown: false, holding: false, rules: false, other: false };
  const timeline: ClusterState[] = [snapshot(0, s)];
  for (const step of plan.steps) {
    applyStep(s, step.fault as Readonly<Record<string, unknown>> & { readonly kind: string }, nodeIds);
    timeline.push(snapshot(step.atUs, s));
  }
  return timeline;
}

/** Whether `a` and `b` were both up and connected both ways during all of [fromUs, toUs]. */
export function connectedThroughout(timeline: readonly ClusterState[], o: { a: NodeId; b: NodeId; fromUs: number; toUs: number }): boolean {
  for (let i = 0; i < timeline.length; i++) {
    const state = timeline[i] as ClusterState;
    const untilUs = timeline[i + 1]?.fromUs ?? Infinity;
    if (untilUs <= o.fromUs || state.fromUs > o.toUs) continue;
    if (state.uncertain || state.down.has(o.a) || state.down.has(o.b)) return false;
    if (state.cut.has(`${o.a}>${o.b}`) || state.cut.has(`${o.b}>${o.a}`)) return false;
  }
  return true;
}

function snapshot(fromUs: number, s: MutableState): ClusterState {
  return { fromUs, down: new Set([...s.crashed, ...s.paused]), cut: new Set(s.cut), uncertain: s.partitionUnknown || s.holding || s.rules || s.other };
}

function applyStep(s: MutableState, fault: Readonly<Record<string, unknown>> & { readonly kind: string }, nodeIds: readonly NodeId[]): void {
  const node = typeof fault['node'] === 'string' ? fault['node'] : undefined;
  switch (fault.kind) {
    case 'crash':
    case 'pause':
      if (node === undefined) s.other = true;
      else (fault.kind === 'crash' ? s.crashed : s.paused).add(node);
      return;
    case 'restart':
      // A restart starts a fresh, running incarnation: neither crashed nor paused.
      if (node !== undefined && s.crashed.delete(node)) s.paused.delete(node);
      return;
    case 'resume':
      if (node !== undefined) s.paused.delete(node);
      return;
    case 'partition':
      if (!addCuts(s.cut, fault['partition'], nodeIds)) s.partitionUnknown = true;
      return;
    case 'heal':
      s.cut.clear();
      s.partitionUnknown = false;
      return;
    case 'hold':
      s.holding = true;
      return;
    case 'release':
      s.holding = false;
      return;
    case 'net-rule':
      s.rules = true;
      return;
    case 'net-clear':
      s.rules = false;
      return;
    case 'heal-all':
      Object.assign(s, { crashed: new Set(), paused: new Set(), cut: new Set(), partitionUnknown: false, holding: false, rules: false, other: false });
      return;
    default:
      // Clock and disk faults leave the network alone; anything unknown is treated as uncertain.
      if (!fault.kind.startsWith('clock-') && !fault.kind.startsWith('disk-')) s.other = true;
  }
}

/** Adds the directed cuts of a resolved partition; false for a shape that still has random parts. */
function addCuts(cut: Set<string>, partition: unknown, nodeIds: readonly NodeId[]): boolean {
  if (!isResolved(partition)) return false;
  for (const c of cutsOf(withImplicitSide(partition, nodeIds), nodeIds)) cut.add(`${c.from}>${c.to}`);
  return true;
}

/** Nodes no side lists form one more side (a no-op for the kernel's resolved form, which lists it). */
function withImplicitSide(p: ResolvedPartition, nodeIds: readonly NodeId[]): ResolvedPartition {
  if (p.shape !== 'sides') return p;
  const listed = new Set(p.sides.flat());
  const rest = nodeIds.filter((id) => !listed.has(id));
  return rest.length === 0 ? p : { shape: 'sides', sides: [...p.sides, rest] };
}

/** Realised plans hold resolved partitions; anything else is not interpreted. */
function isResolved(p: unknown): p is ResolvedPartition {
  if (typeof p !== 'object' || p === null) return false;
  const shape = p as Record<string, unknown>;
  switch (shape['shape']) {
    case 'sides':
      return Array.isArray(shape['sides']);
    case 'isolate':
      return typeof shape['node'] === 'string';
    case 'bridge':
      return typeof shape['node'] === 'string' && Array.isArray(shape['halves']);
    case 'ring':
      return Array.isArray(shape['order']);
    case 'one-way':
      return Array.isArray(shape['from']) && Array.isArray(shape['to']);
    default:
      return false;
  }
}
