import { simAssert, simFail } from './assert.ts';
import type { Disk, NodeContext, NodeHandlers, NodeId } from './node-api.ts';
import type { Rng } from './rng.ts';

/**
 * What a node's context asks of the kernel; every call names the node (by index) and the
 * incarnation that makes it. Positional parameters because `send` and `setTimer` are on the hot
 * path and an options object per call would be an allocation per message.
 */
export interface NodePort<M> {
  send(from: number, incarnation: number, to: NodeId, msg: M): void;
  setTimer(node: number, incarnation: number, name: string, delayUs: number): void;
  cancelTimer(node: number, incarnation: number, name: string): void;
  clockUs(node: number): number;
  log(node: number, incarnation: number, event: string, fields: Record<string, unknown> | undefined): void;
}

/** An event that reached a paused node and waits for its resume: the queue fields of the event. */
export interface DeferredEvent {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly ref: unknown;
}

/**
 * A live timer of a node: the token its scheduled event carries (what a fire is checked against)
 * and that event's slot in the queue (what cancelling or replacing the timer removes). Mutable, so
 * setting a name again reuses its entry.
 */
export interface TimerEntry {
  token: number;
  queueSlot: number;
}

/**
 * The kernel's record of one node across incarnations. Volatile state (handlers, timers, what
 * waits for a resume) belongs to the current incarnation and dies with it; the disk and the clock
 * are the machine's and survive restarts.
 */
export class NodeSlot<H, D extends Disk, C> {
  up = false;
  paused = false;
  /** Bumped at every crash and every start: events stamped with an older one are dead. */
  incarnation = 0;
  /** How many times the factory has run for this node. */
  starts = 0;
  handlers: H | undefined = undefined;
  /** Live timers by name: the one scheduled event that may fire each. */
  readonly timers = new Map<string, TimerEntry>();
  readonly deferred: DeferredEvent[] = [];

  constructor(
    readonly id: NodeId,
    readonly index: number,
    readonly disk: D,
    readonly clock: C,
  ) {}

  /** Forgets everything volatile: called at a crash. */
  dropVolatile(): void {
    this.up = false;
    this.paused = false;
    this.handlers = undefined;
    this.timers.clear();
    this.deferred.length = 0;
    this.incarnation++;
  }
}

/** Builds the context one incarnation of a node sees (DESIGN.md §3). */
export function createNodeContext<M, H extends NodeHandlers<M>, D extends Disk, C>(o: {
  slot: NodeSlot<H, D, C>;
  peers: readonly NodeId[];
  rng: Rng;
  port: NodePort<M>;
}): NodeContext<M> {
  const { slot, port } = o;
  const node = slot.index;
  const incarnation = slot.incarnation;
  const timers = {
    set(name: string, delayUs: number): void {
      if (!(Number.isSafeInteger(delayUs) && delayUs >= 0)) simFail(`node ${slot.id}: timer '${name}' delay must be a non-negative integer of microseconds; got ${delayUs}`);
      port.setTimer(node, incarnation, name, delayUs);
    },
    cancel(name: string): void {
      port.cancelTimer(node, incarnation, name);
    },
  };
  return {
    id: slot.id,
    peers: o.peers,
    rng: o.rng,
    clockUs: () => port.clockUs(node),
    send: (to: NodeId, msg: M) => port.send(node, incarnation, to, msg),
    timers,
    disk: slot.disk,
    log: (event: string, fields?: Record<string, unknown>) => port.log(node, incarnation, event, fields),
  };
}
