import type { Value } from '../../sim/history.ts';
import type { NodeContext, NodeId } from '../../sim/node-api.ts';
import { seal } from './checksum.ts';
import type { Membership } from './gossip.ts';
import type { KvMessage } from './messages.ts';
import type { KvConfig } from './options.ts';
import { Ring } from './ring.ts';
import type { ReplicaStore } from './storage.ts';
import type { VClock } from './vclock.ts';

/** A request this node is waiting on: replies are routed to it by opId until it finishes. */
export interface PendingOp {
  onReply(from: NodeId, msg: KvMessage): void;
  /** The op's deadline passed; it must finish (`runtime.finish`) or it is finished for it. */
  onTimeout(): void;
}

/** A pending op and the name of its deadline timer, made once: `finish` cancels by that name. */
interface Tracked {
  readonly op: PendingOp;
  readonly timer: string;
}

/** Prefix of a pending op's timer name; the opId follows. */
export const opTimerPrefix = 'op:';

/** Writes one node may coordinate per incarnation: vector-clock counters stay unique below it. */
export const countersPerIncarnation = 1_000_000_000;
/** Messages to ourselves delivered in one entry at most; more means a feedback loop, which is a bug. */
const localQueueMax = 100_000;

/**
 * What the parts of a KV node share: its context, configuration, store and membership, the
 * current ring, messaging, and the table of pending requests with their deadlines.
 *
 * A message to ourselves (a coordinator that is also one of the key's replicas) is a local call
 * in a real store, not a network hop. It waits in a mailbox that `enter` empties right after
 * the handler that sent it returns, so every handler still runs to completion before the next
 * starts, without costing the simulation a timer event per local message.
 */
export class NodeRuntime {
  readonly ctx: NodeContext<KvMessage>;
  readonly config: KvConfig;
  readonly store: ReplicaStore;
  readonly membership: Membership;
  readonly incarnation: number;
  private cachedRing: Ring;
  private ringEpoch: number;
  private readonly pending = new Map<number, Tracked>();
  private readonly local: KvMessage[] = [];
  /** The node's message handler: for messages from the network and for those it sends itself. */
  private readonly handle: (from: NodeId, msg: KvMessage) => void;
  private entered = false;
  private opIdNext = 1;
  private counter: number;

  constructor(o: { ctx: NodeContext<KvMessage>; config: KvConfig; store: ReplicaStore; membership: Membership; incarnation: number; handle: (from: NodeId, msg: KvMessage) => void }) {
    this.ctx = o.ctx;
    this.handle = o.handle;
    this.config = o.config;
    this.store = o.store;
    this.membership = o.membership;
    this.incarnation = o.incarnation;
    this.counter = o.incarnation * countersPerIncarnation;
    this.cachedRing = new Ring({ members: o.membership.ringMembers(), vnodes: o.config.vnodes });
    this.ringEpoch = o.membership.epoch();
  }

  get self(): NodeId {
    return this.ctx.id;
  }

  ring(): Ring {
    return this.cachedRing;
  }

  /** Rebuilds the ring from membership; returns true when its members changed. */
  refreshRing(): boolean {
    if (this.membership.epoch() === this.ringEpoch) return false;
    this.ringEpoch = this.membership.epoch();
    const members = this.membership.ringMembers();
    const current = this.cachedRing.members;
    if (members.length === current.length && members.every((m, i) => current[i] === m)) return false;
    this.cachedRing = new Ring({ members, vnodes: this.config.vnodes });
    return true;
  }

  preferenceList(key: string): NodeId[] {
    return this.cachedRing.preferenceList(key, this.config.n);
  }

  send(to: NodeId, msg: KvMessage): void {
    if (to !== this.self) {
      this.ctx.send(to, seal(msg));
      return;
    }
    if (!this.entered) throw new Error(`kv ${this.self}: a message to itself outside a handler`);
    this.local.push(msg);
  }

  /**
   * Sends one message to several nodes in order, sealed once (every remote receiver gets that
   * message): a coordinator's request to a key's replicas is the same for all.
   */
  sendAll(nodes: readonly NodeId[], msg: KvMessage): void {
    let sealed: KvMessage | undefined;
    for (const to of nodes) {
      if (to === this.self) this.send(to, msg);
      else this.ctx.send(to, (sealed ??= seal(msg)));
    }
  }

  /**
   * Runs one handler of the node (its start, a timer, a disk callback) with its argument, then
   * delivers the messages it sent to itself in the order sent, and those they send in turn. The
   * argument is passed, not captured, so a timer or an fsync completion needs no closure per call.
   */
  enter<A>(handler: (arg: A) => void, arg: A): void {
    if (this.entered) {
      handler(arg);
      return;
    }
    this.entered = true;
    try {
      handler(arg);
      this.deliverLocal();
    } finally {
      this.leave();
    }
  }

  /** `enter` for a message from the network, without a closure per message. */
  receive(from: NodeId, msg: KvMessage): void {
    if (this.entered) {
      this.handle(from, msg);
      return;
    }
    this.entered = true;
    try {
      this.handle(from, msg);
      this.deliverLocal();
    } finally {
      this.leave();
    }
  }

  /**
   * Ends a handler's turn. Most handlers send nothing to themselves, and truncating an array is a
   * call into the runtime even when it is empty (~1% of kv-partition's CPU), so only a used
   * mailbox is emptied.
   */
  private leave(): void {
    if (this.local.length !== 0) this.local.length = 0;
    this.entered = false;
  }

  private deliverLocal(): void {
    for (let i = 0; i < this.local.length; i++) {
      if (i >= localQueueMax) throw new Error(`kv ${this.self}: more than ${localQueueMax} messages to itself in one handler`);
      this.handle(this.self, this.local[i] as KvMessage);
    }
  }

  reply(client: NodeId, o: { reqId: number; ok: boolean; value: Value; error?: string }): void {
    const { reqId, ok, value, error } = o;
    this.ctx.send(client, seal(error === undefined ? { type: 'reply', reqId, ok, value } : { type: 'reply', reqId, ok, value, error }));
  }

  /** Registers a pending op with a deadline; returns its opId. */
  track(op: PendingOp, timeoutUs: number): number {
    const opId = this.opIdNext++;
    const timer = opTimerPrefix + opId;
    this.pending.set(opId, { op, timer });
    this.ctx.timers.set(timer, timeoutUs);
    return opId;
  }

  finish(opId: number): void {
    const tracked = this.pending.get(opId);
    if (tracked === undefined) return;
    this.pending.delete(opId);
    this.ctx.timers.cancel(tracked.timer);
  }

  /** Routes a reply to its pending op; false when the op is gone (late or duplicate reply). */
  dispatchReply(from: NodeId, msg: KvMessage & { opId: number }): boolean {
    const tracked = this.pending.get(msg.opId);
    if (tracked === undefined) return false;
    tracked.op.onReply(from, msg);
    return true;
  }

  timeout(opId: number): void {
    const tracked = this.pending.get(opId);
    if (tracked === undefined) return;
    tracked.op.onTimeout();
    this.finish(opId);
  }

  /** A vector-clock counter for a new write: above anything this node has used in any incarnation. */
  nextCounter(seen: VClock): number {
    this.counter = Math.max(this.counter, seen[this.self] ?? 0) + 1;
    if (this.counter >= (this.incarnation + 1) * countersPerIncarnation) throw new Error(`kv ${this.self}: vector clock counters of incarnation ${this.incarnation} exhausted`);
    return this.counter;
  }

  /** A unique writer id for an ABD tag: node, incarnation and a sequence number. */
  tagWriter(): string {
    this.counter++;
    return `${this.self}.${this.incarnation}.${this.counter}`;
  }
}
