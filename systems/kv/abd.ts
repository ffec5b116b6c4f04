import type { Value } from '../../sim/history.ts';
import type { NodeId } from '../../sim/node-api.ts';
import { compareTags, emptyRegister, newerRegister } from './abd-register.ts';
import type { AbdRegister } from './abd-register.ts';
import type { KvMessage } from './messages.ts';
import { hasNode } from './node-list.ts';
import { majority } from './options.ts';
import type { NodeRuntime, PendingOp } from './runtime.ts';

/**
 * The linearizable mode: the ABD algorithm (Attiya, Bar-Noy, Dolev 1995) run per key over the
 * key's fixed preference list of N replicas, with majority quorums and no sloppy fallbacks.
 *
 * - write: query a majority for their tags, pick a tag above all of them (tags are unique by
 *   writer), then store (tag, value) on a majority.
 * - read: query a majority, take the register with the highest tag, and write it back to a
 *   majority before answering, so no later read can return an older value. When every replica
 *   of the queried majority already holds that register durably, it is already stored on a
 *   majority and the write-back is skipped (the "fast read" of ABD implementations): one round
 *   trip instead of two for every read not concurrent with a write.
 *
 * Any two majorities intersect, which is the whole proof. Clocks are never read. A replica
 * persists a register before acknowledging it, so crashes and restarts are safe with fsync
 * 'always' or 'batch'. A failure is definite only while nothing was stored anywhere: in the
 * query phase of a write, and always for a read (whose write-back changes no value).
 */
export class AbdCoordinator {
  constructor(private readonly rt: NodeRuntime) {}

  read(o: { client: NodeId; reqId: number; key: string }): void {
    this.start({ client: o.client, reqId: o.reqId, key: o.key, write: undefined });
  }

  /** Writes `value`; a delete writes null. */
  write(o: { client: NodeId; reqId: number; key: string; value: Value }): void {
    this.start({ client: o.client, reqId: o.reqId, key: o.key, write: { value: o.value } });
  }

  private start(o: { client: NodeId; reqId: number; key: string; write: { value: Value } | undefined }): void {
    const replicas = this.rt.preferenceList(o.key);
    const quorum = majority(this.rt.config.n);
    let live = 0;
    for (const node of replicas) if (this.rt.membership.isAlive(node)) live++;
    if (live < quorum) {
      this.rt.reply(o.client, { reqId: o.reqId, ok: false, value: null, error: `unavailable: ${live} of ${quorum} replicas reachable` });
      return;
    }
    const op = new AbdOp({ rt: this.rt, client: o.client, reqId: o.reqId, key: o.key, write: o.write, replicas, quorum });
    op.opId = this.rt.track(op, this.rt.config.requestTimeoutUs);
    this.rt.sendAll(replicas, { type: 'abd-read', opId: op.opId, key: o.key });
  }
}

class AbdOp implements PendingOp {
  opId = 0;
  private phase: 'query' | 'store' = 'query';
  /** The query phase's answers, by replica in order of first answer (at most N: arrays, not a map). */
  private readonly queriedNodes: NodeId[] = [];
  private readonly queriedRegs: AbdRegister[] = [];
  private readonly queriedDurable: boolean[] = [];
  private readonly stored: NodeId[] = [];
  private chosen: AbdRegister = emptyRegister;

  constructor(
    private readonly o: {
      rt: NodeRuntime;
      client: NodeId;
      reqId: number;
      key: string;
      write: { value: Value } | undefined;
      replicas: readonly NodeId[];
      quorum: number;
    },
  ) {}

  onReply(from: NodeId, msg: KvMessage): void {
    if (!hasNode(this.o.replicas, from)) return;
    if (this.phase === 'query' && msg.type === 'abd-read-ok') {
      // A duplicated answer replaces the first, in its place.
      const at = this.queriedNodes.indexOf(from);
      const i = at >= 0 ? at : this.queriedNodes.push(from) - 1;
      this.queriedRegs[i] = msg.reg;
      this.queriedDurable[i] = msg.durable;
      if (this.queriedNodes.length === this.o.quorum) this.store();
    } else if (this.phase === 'store' && msg.type === 'abd-write-ok') {
      if (!hasNode(this.stored, from)) this.stored.push(from);
      if (this.stored.length === this.o.quorum) this.answer();
    }
  }

  private answer(): void {
    this.o.rt.reply(this.o.client, { reqId: this.o.reqId, ok: true, value: this.o.write === undefined ? this.chosen.value : this.o.write.value });
    this.o.rt.finish(this.opId);
  }

  onTimeout(): void {
    const definite = this.phase === 'query' || this.o.write === undefined;
    if (definite) this.o.rt.reply(this.o.client, { reqId: this.o.reqId, ok: false, value: null, error: `timeout in the ${this.phase} phase` });
  }

  private store(): void {
    let highest = emptyRegister;
    for (const reg of this.queriedRegs) highest = newerRegister(highest, reg);
    this.chosen = this.o.write === undefined ? highest : { tag: { n: highest.tag.n + 1, writer: this.o.rt.tagWriter() }, value: this.o.write.value };
    if (this.o.write !== undefined && compareTags(this.chosen.tag, highest.tag) <= 0) throw new Error('abd: a write must pick a tag above every tag its quorum has seen');
    this.phase = 'store';
    if (this.o.write === undefined && this.majorityHolds(highest)) {
      this.answer();
      return;
    }
    this.o.rt.sendAll(this.o.replicas, { type: 'abd-write', opId: this.opId, key: this.o.key, reg: this.chosen });
  }

  /** Every replica of the queried majority holds `reg` durably (tags are unique per write). */
  private majorityHolds(reg: AbdRegister): boolean {
    for (let i = 0; i < this.queriedRegs.length; i++) {
      if (this.queriedDurable[i] !== true || compareTags((this.queriedRegs[i] as AbdRegister).tag, reg.tag) !== 0) return false;
    }
    return true;
  }
}
