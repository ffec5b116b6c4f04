import type { NodeId } from '../../sim/node-api.ts';
import type { KvMessage } from './messages.ts';
import type { NodeRuntime, PendingOp } from './runtime.ts';
import { sameVersions } from './versions.ts';
import type { Version } from './versions.ts';

/** Keys one round hands off at most. */
const keysPerRoundMax = 64;

/**
 * Handoff of keys this node holds but does not own (Dynamo §4.6 and §4.9, Riak's handoff):
 * data a fallback stored for an unreachable owner (hinted handoff, when enabled), and data whose
 * ownership moved when the ring changed (a node joined, or this node is leaving). Each round,
 * for every such key whose owners all look alive, the node sends its versions to the owners and
 * forgets the key once every owner has acknowledged it durably, unless it changed meanwhile.
 */
export class Handoff {
  private readonly inFlight = new Set<string>();

  constructor(private readonly rt: NodeRuntime) {}

  round(): void {
    let started = 0;
    for (const key of this.rt.store.keys()) {
      if (started >= keysPerRoundMax) break;
      if (this.inFlight.has(key)) continue;
      const owners = this.rt.preferenceList(key);
      const stored = this.rt.store.get(key);
      if (stored === undefined || owners.length === 0 || owners.includes(this.rt.self)) continue;
      if (stored.hinted && !this.rt.config.hintedHandoff) continue;
      if (!owners.every((node) => this.rt.membership.isAlive(node))) continue;
      const op = new HandoffOp({ rt: this.rt, key, owners, versions: stored.versions, done: () => this.inFlight.delete(key) });
      op.opId = this.rt.track(op, this.rt.config.requestTimeoutUs);
      this.inFlight.add(key);
      started++;
      this.rt.sendAll(owners, { type: 'r-put', opId: op.opId, key, versions: stored.versions, hinted: false });
    }
  }

  /** Keys still waiting to be handed off (a leaving node is gone once this is zero). */
  remaining(): number {
    return this.rt.store.keys().filter((key) => !this.rt.preferenceList(key).includes(this.rt.self)).length;
  }
}

class HandoffOp implements PendingOp {
  opId = 0;
  private readonly acked = new Set<NodeId>();

  constructor(private readonly o: { rt: NodeRuntime; key: string; owners: readonly NodeId[]; versions: readonly Version[]; done: () => void }) {}

  onReply(from: NodeId, msg: KvMessage): void {
    if (msg.type !== 'r-put-ok' || !this.o.owners.includes(from)) return;
    this.acked.add(from);
    if (this.acked.size < this.o.owners.length) return;
    const { rt, key } = this.o;
    const stillOwned = rt.preferenceList(key).includes(rt.self);
    if (!stillOwned && sameVersions(rt.store.versions(key), this.o.versions)) {
      rt.store.drop(key, () => {});
      rt.ctx.log('handoff', { key, to: this.o.owners.join(',') });
    }
    this.o.done();
    rt.finish(this.opId);
  }

  onTimeout(): void {
    this.o.done();
  }
}
