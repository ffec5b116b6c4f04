import type { Fault } from './fault.ts';
import type { FaultWindow, NodeEventRecord } from '../run-record.ts';

interface OpenWindow {
  readonly kind: string;
  readonly startUs: number;
  readonly nodes: readonly string[];
  readonly label: string;
  /** Position in `windows`, so closing fills in the end in place. */
  readonly slot: number;
}

/**
 * Keeps the intervals in which faults were in force and the point events on nodes, for timelines
 * in reports. A window is opened under a key (e.g. `crash:n1`) and closed by the fault that ends
 * it; opening a key that is already open closes the old window first.
 */
export class FaultWindows {
  private readonly windows: FaultWindow[] = [];
  private readonly open = new Map<string, OpenWindow>();
  private readonly events: NodeEventRecord[] = [];

  openWindow(key: string, w: { kind: string; nowUs: number; nodes: readonly string[]; label: string }): void {
    this.close(key, w.nowUs);
    this.windows.push({ kind: w.kind, startUs: w.nowUs, endUs: undefined, nodes: w.nodes, label: w.label });
    this.open.set(key, { kind: w.kind, startUs: w.nowUs, nodes: w.nodes, label: w.label, slot: this.windows.length - 1 });
  }

  close(key: string, nowUs: number): void {
    const w = this.open.get(key);
    if (w === undefined) return;
    this.open.delete(key);
    this.windows[w.slot] = { kind: w.kind, startUs: w.startUs, endUs: nowUs, nodes: w.nodes, label: w.label };
  }

  /** Closes every open window whose key starts with `prefix` (all of them for ''). */
  closePrefix(prefix: string, nowUs: number): void {
    const keys = [...this.open.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.close(key, nowUs);
  }

  nodeEvent(e: NodeEventRecord): void {
    this.events.push(e);
  }

  /** All windows in opening order; open ones have `endUs` undefined. */
  all(): FaultWindow[] {
    return this.windows.slice();
  }

  nodeEvents(): NodeEventRecord[] {
    return this.events.slice();
  }
}

/**
 * Books one applied fault into the windows and node events: what it opens, what it closes.
 * `heal-all` is booked by the faults it is made of, plus closing what they leave open.
 */
export function bookFault(windows: FaultWindows, o: { fault: Fault; label: string; nowUs: number }): void {
  const { fault: f, label, nowUs } = o;
  switch (f.kind) {
    case 'partition':
      windows.openWindow('partition', { kind: 'partition', nowUs, nodes: [], label });
      return;
    case 'heal':
      windows.close('partition', nowUs);
      return;
    case 'hold':
      windows.openWindow('hold', { kind: 'hold', nowUs, nodes: [], label });
      return;
    case 'release':
      windows.close('hold', nowUs);
      return;
    case 'net-rule':
      windows.openWindow(`net-rule:${label}`, { kind: 'network', nowUs, nodes: [], label });
      return;
    case 'net-clear':
      windows.closePrefix('net-rule:', nowUs);
      return;
    case 'crash':
    case 'pause':
      windows.openWindow(`${f.kind}:${f.node}`, { kind: f.kind, nowUs, nodes: [f.node], label });
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind });
      return;
    case 'restart':
    case 'resume':
      windows.close(`${f.kind === 'restart' ? 'crash' : 'pause'}:${f.node}`, nowUs);
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind });
      return;
    case 'clock-offset':
    case 'clock-drift':
      windows.openWindow(`clock:${f.node}:${f.kind}`, { kind: 'clock', nowUs, nodes: [f.node], label });
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind, detail: label });
      return;
    case 'clock-jump':
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind, detail: label });
      return;
    case 'clock-reset':
      windows.closePrefix(`clock:${f.node}:`, nowUs);
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind });
      return;
    case 'disk-corrupt':
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind, detail: label });
      return;
    case 'disk-full':
    case 'disk-stall':
    case 'disk-read-error':
    case 'disk-slow':
      windows.openWindow(`disk:${f.node}:${f.kind}`, { kind: 'disk', nowUs, nodes: [f.node], label });
      windows.nodeEvent({ node: f.node, timeUs: nowUs, event: f.kind, detail: label });
      return;
    case 'disk-clear':
      windows.closePrefix(`disk:${f.node}:`, nowUs);
      return;
    case 'heal-all':
      for (const prefix of ['partition', 'hold', 'net-rule:', 'crash:', 'pause:', 'disk:']) windows.closePrefix(prefix, nowUs);
      return;
  }
}
