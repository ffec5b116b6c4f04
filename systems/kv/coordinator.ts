import type { Value } from '../../sim/history.ts';
import type { NodeId } from '../../sim/node-api.ts';
import type { KvMessage } from './messages.ts';
import { hasNode } from './node-list.ts';
import { quorumSizes } from './options.ts';
import type { NodeRuntime, PendingOp } from './runtime.ts';
import { advanceClock, mergeClocks } from './vclock.ts';
import type { VClock } from './vclock.ts';
import { readValue, reconcile, sameVersions } from './versions.ts';
import type { Version } from './versions.ts';

/**
 * The replicas a request goes to: the key's live owners first, then the live fallbacks standing
 * in for unreachable owners (sloppy quorum), which store the data as hinted. Plain node ids and
 * a count, since every request makes one.
 */
interface Targets {
  readonly nodes: readonly NodeId[];
  /** `nodes[i]` is an owner when i < owners, a fallback after. */
  readonly owners: number;
}

/**
 * The Dynamo-style coordinator ('one' and 'quorum' modes): any node coordinates a client's get,
 * put or delete. It sends the request to the key's replicas and answers after R replies or W
 * acknowledgements. With a sloppy quorum, owners it believes down are replaced by the next
 * healthy nodes clockwise on the ring, which store the data as hinted. A definite `fail` is
 * answered only when the operation certainly did not happen (too few live replicas to try, or a
 * read that timed out); a write that may have reached some replica is never failed: the client
 * times out and records it as unknown.
 */
export class DynamoCoordinator {
  constructor(private readonly rt: NodeRuntime) {}

  get(o: { client: NodeId; reqId: number; key: string }): void {
    const targets = this.targets(o.key);
    const { r } = quorumSizes(this.rt.config);
    if (targets.nodes.length < r) {
      this.rt.reply(o.client, { reqId: o.reqId, ok: false, value: null, error: `unavailable: ${targets.nodes.length} of ${r} replicas reachable` });
      return;
    }
    const op = new ReadOp({ rt: this.rt, client: o.client, reqId: o.reqId, key: o.key, targets, r });
    op.opId = this.rt.track(op, this.rt.config.requestTimeoutUs);
    this.rt.sendAll(targets.nodes, { type: 'r-get', opId: op.opId, key: o.key });
  }

  /** A put, or a delete when `deleted` (a tombstone). */
  put(o: { client: NodeId; reqId: number; key: string; value: Value; deleted: boolean }): void {
    const targets = this.targets(o.key);
    const { w } = quorumSizes(this.rt.config);
    if (targets.nodes.length < w) {
      this.rt.reply(o.client, { reqId: o.reqId, ok: false, value: null, error: `unavailable: ${targets.nodes.length} of ${w} replicas reachable` });
      return;
    }
    // The new version descends what this node holds, as Riak's coordinating vnode does; a
    // coordinator that holds nothing for the key makes a version concurrent with the others.
    const seen = seenClock(this.rt.store.versions(o.key));
    const version: Version = {
      clock: advanceClock(seen, { node: this.rt.self, counter: this.rt.nextCounter(seen) }),
      value: o.deleted ? null : o.value,
      deleted: o.deleted,
      tsUs: this.rt.ctx.clockUs(),
      writer: this.rt.self,
    };
    const op = new WriteOp({ rt: this.rt, client: o.client, reqId: o.reqId, echo: o.deleted ? null : o.value, targets, w });
    op.opId = this.rt.track(op, this.rt.config.requestTimeoutUs);
    // Owners, then fallbacks: two messages, each sealed once, in the targets' order.
    const { nodes, owners } = targets;
    const versions = [version];
    if (owners === nodes.length) {
      this.rt.sendAll(nodes, { type: 'r-put', opId: op.opId, key: o.key, versions, hinted: false });
      return;
    }
    if (owners > 0) this.rt.sendAll(nodes.slice(0, owners), { type: 'r-put', opId: op.opId, key: o.key, versions, hinted: false });
    this.rt.sendAll(nodes.slice(owners), { type: 'r-put', opId: op.opId, key: o.key, versions, hinted: true });
  }

  /** The preference list's live owners, topped up with live fallbacks when the quorum is sloppy. */
  private targets(key: string): Targets {
    const { n, sloppy } = this.rt.config;
    const walk = this.rt.ring().walk(key);
    const membership = this.rt.membership;
    const nodes: NodeId[] = [];
    for (let i = 0; i < walk.length && i < n; i++) {
      const node = walk[i] as NodeId;
      if (membership.isAlive(node)) nodes.push(node);
    }
    const owners = nodes.length;
    if (!sloppy) return { nodes, owners };
    for (let i = n; i < walk.length && nodes.length < n; i++) {
      const node = walk[i] as NodeId;
      if (membership.isAlive(node)) nodes.push(node);
    }
    return { nodes, owners };
  }
}

/** What a new write's clock descends: the clocks of the versions this node holds, merged. */
function seenClock(versions: readonly Version[]): VClock {
  // One version (always so under LWW): its clock is what merging would copy.
  if (versions.length === 1) return (versions[0] as Version).clock;
  let clock: VClock = {};
  for (const v of versions) clock = mergeClocks(clock, v.clock);
  return clock;
}

class ReadOp implements PendingOp {
  opId = 0;
  /** Who answered, in order of arrival, and what each holds (at most N entries: arrays, not a map). */
  private readonly repliers: NodeId[] = [];
  private readonly replies: (readonly Version[])[] = [];
  private answered = false;
  /** `merged()` as of `mergedReplies` replies: the answer's merge serves read repair when no reply came since. */
  private mergedVersions: readonly Version[] = [];
  private mergedReplies = 0;

  constructor(private readonly o: { rt: NodeRuntime; client: NodeId; reqId: number; key: string; targets: Targets; r: number }) {}

  onReply(from: NodeId, msg: KvMessage): void {
    if (msg.type !== 'r-get-ok' || hasNode(this.repliers, from) || !hasNode(this.o.targets.nodes, from)) return;
    this.repliers.push(from);
    this.replies.push(msg.versions);
    if (!this.answered && this.replies.length >= this.o.r) {
      this.answered = true;
      this.o.rt.reply(this.o.client, { reqId: this.o.reqId, ok: true, value: readValue(this.merged()) });
    }
    if (this.replies.length === this.o.targets.nodes.length) {
      this.repair();
      this.o.rt.finish(this.opId);
    }
  }

  onTimeout(): void {
    if (!this.answered) this.o.rt.reply(this.o.client, { reqId: this.o.reqId, ok: false, value: null, error: `timeout: ${this.replies.length} of ${this.o.r} replicas answered` });
    this.repair();
  }

  private merged(): readonly Version[] {
    if (this.mergedReplies === this.replies.length) return this.mergedVersions;
    let versions: readonly Version[] = [];
    for (const got of this.replies) versions = reconcile({ current: versions, incoming: got, conflicts: this.o.rt.config.conflicts });
    this.mergedVersions = versions;
    this.mergedReplies = this.replies.length;
    return versions;
  }

  /** Read repair (Dynamo §4.6): replicas that answered with other versions get the merged ones. */
  private repair(): void {
    if (!this.o.rt.config.readRepair || this.replies.length < 2) return;
    const merged = this.merged();
    const { nodes, owners } = this.o.targets;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeId;
      // A target that did not reply is skipped before indexing: replies[-1] is a property lookup
      // by the name "-1" up the prototype chain, which optimized code does slowly.
      const at = this.repliers.indexOf(node);
      if (at < 0) continue;
      if (!sameVersions(this.replies[at] as readonly Version[], merged)) this.o.rt.send(node, { type: 'r-put', opId: 0, key: this.o.key, versions: merged, hinted: i >= owners });
    }
  }
}

class WriteOp implements PendingOp {
  opId = 0;
  /** Replicas that acknowledged or refused (at most N each: arrays, not sets). */
  private readonly acked: NodeId[] = [];
  private readonly failed: NodeId[] = [];
  private answered = false;

  constructor(private readonly o: { rt: NodeRuntime; client: NodeId; reqId: number; echo: Value; targets: Targets; w: number }) {}

  onReply(from: NodeId, msg: KvMessage): void {
    if (!hasNode(this.o.targets.nodes, from) || hasNode(this.acked, from) || hasNode(this.failed, from)) return;
    if (msg.type === 'r-put-ok') this.acked.push(from);
    else if (msg.type === 'r-put-fail') this.failed.push(from);
    else return;
    if (!this.answered && this.acked.length >= this.o.w) {
      this.answered = true;
      this.o.rt.reply(this.o.client, { reqId: this.o.reqId, ok: true, value: this.o.echo });
    }
    // Once every replica answered there is nothing left to wait for. Too many refusals leave the
    // write unacknowledged but possibly applied somewhere: no reply, the client records unknown.
    if (this.acked.length + this.failed.length === this.o.targets.nodes.length) this.o.rt.finish(this.opId);
  }

  onTimeout(): void {
    // A write that missed its quorum may still have been applied: nothing definite to say.
  }
}
