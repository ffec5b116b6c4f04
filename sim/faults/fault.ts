import type { ClockFault } from '../clock.ts';
import type { DiskFault } from '../disk.ts';
import type { NetworkFault } from '../network/faults.ts';
import type { NodeId } from '../node-api.ts';

/** Faults of a node's process: the machine dies, comes back, freezes or thaws. */
export type NodeFault =
  /** Volatile state, timers and pending fsync callbacks die; unsynced bytes are lost. */
  | { readonly kind: 'crash'; readonly node: NodeId }
  /** The factory runs again on the surviving disk, with a fresh random stream. */
  | { readonly kind: 'restart'; readonly node: NodeId }
  /** The node receives nothing and fires nothing; what arrives waits for the resume. */
  | { readonly kind: 'pause'; readonly node: NodeId }
  | { readonly kind: 'resume'; readonly node: NodeId };

/** Ends every fault but clock skew: heal, release, clear rules, resume, restart, clear disks. */
export type HealAllFault = { readonly kind: 'heal-all' };

/** Every fault a plan can list (DESIGN.md §6), all plain JSON. */
export type Fault = NetworkFault | DiskFault | ClockFault | NodeFault | HealAllFault;

export type FaultKind = Fault['kind'];

export const nodeFaultKinds: readonly NodeFault['kind'][] = ['crash', 'restart', 'pause', 'resume'];

export function isNodeFaultKind(kind: unknown): kind is NodeFault['kind'] {
  return (nodeFaultKinds as readonly unknown[]).includes(kind);
}
