import type { Disk, NodeContext, NodeHandlers, NodeId } from '../../sim/node-api.ts';
import { AbdCoordinator } from './abd.ts';
import type { AbdRegister } from './abd-register.ts';
import { AbdRepair } from './abd-repair.ts';
import { AntiEntropy } from './anti-entropy.ts';
import { intact } from './checksum.ts';
import { DynamoCoordinator } from './coordinator.ts';
import { Membership } from './gossip.ts';
import { handlerDisk } from './handler-disk.ts';
import type { MemberStatus } from './gossip.ts';
import { Handoff } from './handoff.ts';
import { readMeta, writeMeta } from './meta.ts';
import type { KvMessage } from './messages.ts';
import type { KvConfig } from './options.ts';
import { NodeRuntime, opTimerPrefix } from './runtime.ts';
import { ReplicaStore } from './storage.ts';
import type { RecoveryReport } from './storage.ts';
import type { Version } from './versions.ts';

/** A node's state as checkers and tests read it after a run. */
export interface KvSnapshot {
  readonly id: NodeId;
  readonly status: MemberStatus;
  readonly incarnation: number;
  /** Ring members as this node sees them, sorted. */
  readonly ring: readonly NodeId[];
  readonly keys: readonly { readonly key: string; readonly versions: readonly Version[]; readonly hinted: boolean }[];
  readonly registers: readonly { readonly key: string; readonly reg: AbdRegister }[];
  readonly recovery: RecoveryReport;
  readonly repairing: boolean;
  /** Keys held but not owned, still to be handed off. */
  readonly handoffPending: number;
}

export interface KvHandlers extends NodeHandlers<KvMessage> {
  snapshot(): KvSnapshot;
}

/** The KV store's node factory: runs at every start and restart; only the disk carries over. */
export function kvNode(config: KvConfig): (ctx: NodeContext<KvMessage>) => KvHandlers {
  return (ctx) => new KvNode(ctx, config);
}

/**
 * One node of the store: a replica (its store and log), a coordinator for client requests
 * (Dynamo or ABD by mode), a gossiping member with a failure detector, and the background
 * repairs: hinted/ownership handoff, Merkle anti-entropy and, in linearizable mode, the
 * recovery of a replica that lost log records.
 */
class KvNode implements KvHandlers {
  private readonly rt: NodeRuntime;
  private readonly recovery: RecoveryReport;
  private readonly dynamo: DynamoCoordinator;
  private readonly abd: AbdCoordinator;
  private readonly antiEntropy: AntiEntropy;
  private readonly handoff: Handoff;
  private readonly abdRepair: AbdRepair;
  private readonly disk: Disk;
  /** Coordination waits until the new incarnation is durable, so counters are never reused. */
  private ready = false;
  /** The incarnation's write is in flight; one that failed (a full disk) is retried each handoff round. */
  private readying = false;
  /** `handleTimer` bound once: `enter` passes it the timer's name, with no closure per timer. */
  private readonly timerHandler = (name: string): void => this.handleTimer(name);

  constructor(
    private readonly ctx: NodeContext<KvMessage>,
    private readonly config: KvConfig,
  ) {
    // Callbacks run only after the constructor, once `rt` exists.
    this.disk = handlerDisk(ctx.disk, (done, result) => this.rt.enter(done, result));
    const store = new ReplicaStore({ disk: this.disk, fsync: config.fsync, conflicts: config.conflicts });
    this.recovery = store.recover();
    const meta = readMeta({ disk: this.disk, self: ctx.id, store, clockUs: ctx.clockUs() });
    const incarnation = meta.incarnation + 1;
    const status: MemberStatus = meta.status ?? (config.initialMembers.includes(ctx.id) ? 'up' : 'spare');
    const membership = new Membership({ self: ctx.id, incarnation, status, initialMembers: config.initialMembers, suspectRounds: config.suspectRounds });
    this.rt = new NodeRuntime({ ctx, config, store, membership, incarnation, handle: (from, msg) => this.handleMessage(from, msg) });
    this.dynamo = new DynamoCoordinator(this.rt);
    this.abd = new AbdCoordinator(this.rt);
    this.antiEntropy = new AntiEntropy(this.rt);
    this.handoff = new Handoff(this.rt);
    const lost = this.recovery.corruptRegions > 0 || this.recovery.readError;
    this.abdRepair = new AbdRepair(this.rt, { needed: lost && config.consistency === 'linearizable' });
  }

  onStart(): void {
    this.rt.enter(() => this.start(), undefined);
  }

  onTimer(name: string): void {
    this.rt.enter(this.timerHandler, name);
  }

  onMessage(from: NodeId, msg: KvMessage): void {
    this.rt.receive(from, msg);
  }

  private start(): void {
    const r = this.recovery;
    this.ctx.log('recovered', { incarnation: this.rt.incarnation, records: r.records, corruptRegions: r.corruptRegions, corruptBytes: r.corruptBytes, tornTailBytes: r.tornTailBytes });
    this.becomeReady();
    const jitter = (us: number) => this.ctx.rng.int({ min: 1, max: us });
    this.ctx.timers.set('gossip', jitter(this.config.gossipIntervalUs));
    this.ctx.timers.set('anti-entropy', jitter(this.config.antiEntropyIntervalUs));
    this.ctx.timers.set('handoff', jitter(this.config.handoffIntervalUs));
    if (this.abdRepair.repairing) this.ctx.timers.set('abd-repair', 1);
    this.scheduleChanges();
  }

  private handleTimer(name: string): void {
    if (name === 'gossip') {
      this.gossipRound();
      this.ctx.timers.set('gossip', this.config.gossipIntervalUs);
    } else if (name === 'anti-entropy') {
      this.antiEntropy.round();
      this.ctx.timers.set('anti-entropy', this.config.antiEntropyIntervalUs);
    } else if (name === 'handoff') {
      this.becomeReady();
      this.handoff.round();
      this.maybeLeft();
      this.ctx.timers.set('handoff', this.config.handoffIntervalUs);
    } else if (name === 'abd-repair') {
      this.abdRepair.round();
      if (this.abdRepair.repairing) this.ctx.timers.set('abd-repair', this.config.handoffIntervalUs);
    } else if (name.startsWith(opTimerPrefix)) {
      this.rt.timeout(Number(name.slice(opTimerPrefix.length)));
    } else if (name.startsWith('change:')) {
      this.applyChange(Number(name.slice(7)));
    }
  }

  private handleMessage(from: NodeId, msg: KvMessage): void {
    if (from !== this.ctx.id && !intact(msg)) {
      this.ctx.log('corrupt-message', { from, type: String(msg.type) });
      return;
    }
    switch (msg.type) {
      case 'get':
      case 'put':
      case 'delete':
        this.onClient(from, msg);
        return;
      case 'r-get':
        this.rt.send(from, { type: 'r-get-ok', opId: msg.opId, key: msg.key, versions: this.rt.store.versions(msg.key) });
        return;
      case 'r-put':
        this.onReplicaPut(from, msg);
        return;
      case 'abd-read':
        if (!this.abdRepair.repairing) this.rt.send(from, { type: 'abd-read-ok', opId: msg.opId, key: msg.key, reg: this.rt.store.register(msg.key), durable: this.rt.store.registerDurable(msg.key) });
        return;
      case 'abd-write':
        this.onRegisterWrite(from, msg);
        return;
      case 'abd-dump-req':
        if (!this.abdRepair.repairing) this.rt.send(from, { type: 'abd-dump', entries: this.abdRepair.dumpFor(from) });
        return;
      case 'abd-dump':
        this.abdRepair.onDump(from, msg.entries);
        return;
      case 'gossip':
        this.onGossip(from, msg);
        return;
      case 'ae-tree':
      case 'ae-diff':
      case 'ae-entries':
        this.antiEntropy.onMessage(from, msg);
        return;
      case 'r-get-ok':
      case 'r-put-ok':
      case 'r-put-fail':
      case 'abd-read-ok':
      case 'abd-write-ok':
        this.rt.dispatchReply(from, msg);
        return;
      case 'reply':
        return;
    }
  }

  // The two handlers whose acknowledgement waits for the disk get methods of their own: a
  // callback in handleMessage would make every message allocate the closure's context.
  private onReplicaPut(from: NodeId, msg: KvMessage & { type: 'r-put' }): void {
    const { opId, key } = msg;
    this.rt.store.merge({ key, incoming: msg.versions, hinted: msg.hinted }, (result) => {
      if (opId === 0) return;
      this.rt.send(from, result.ok ? { type: 'r-put-ok', opId, key } : { type: 'r-put-fail', opId, key, error: result.error });
    });
  }

  private onRegisterWrite(from: NodeId, msg: KvMessage & { type: 'abd-write' }): void {
    const { opId, key } = msg;
    this.rt.store.storeRegister(key, msg.reg, (result) => {
      if (result.ok) this.rt.send(from, { type: 'abd-write-ok', opId, key });
    });
  }

  snapshot(): KvSnapshot {
    const store = this.rt.store;
    return {
      id: this.ctx.id,
      status: this.rt.membership.status(),
      incarnation: this.rt.incarnation,
      ring: this.rt.ring().members,
      keys: store.keys().map((key) => {
        const stored = store.get(key);
        return { key, versions: stored?.versions ?? [], hinted: stored?.hinted ?? false };
      }),
      registers: store.registerKeys().map((key) => ({ key, reg: store.register(key) })),
      recovery: this.recovery,
      repairing: this.abdRepair.repairing,
      handoffPending: this.handoff.remaining(),
    };
  }

  private onClient(client: NodeId, msg: KvMessage & { type: 'get' | 'put' | 'delete' }): void {
    if (!this.ready) {
      this.rt.reply(client, { reqId: msg.reqId, ok: false, value: null, error: 'starting: not coordinating yet' });
      return;
    }
    const linearizable = this.config.consistency === 'linearizable';
    if (msg.type === 'get') {
      if (linearizable) this.abd.read({ client, reqId: msg.reqId, key: msg.key });
      else this.dynamo.get({ client, reqId: msg.reqId, key: msg.key });
      return;
    }
    const value = msg.type === 'put' ? msg.value : null;
    if (linearizable) this.abd.write({ client, reqId: msg.reqId, key: msg.key, value });
    else this.dynamo.put({ client, reqId: msg.reqId, key: msg.key, value, deleted: msg.type === 'delete' });
  }

  private gossipRound(): void {
    this.rt.membership.tick();
    // The kernel's peers are every other node, fixed for the node's life.
    const peers = this.ctx.peers;
    if (peers.length > 0) this.rt.send(this.ctx.rng.pick(peers), this.gossipMessage(false));
  }

  private onGossip(from: NodeId, msg: KvMessage & { type: 'gossip' }): void {
    if (!this.rt.membership.merge(msg)) return;
    if (!msg.reply) this.rt.send(from, this.gossipMessage(true));
    if (this.rt.refreshRing()) this.ctx.log('ring', { members: this.rt.ring().members.join(',') });
  }

  private gossipMessage(reply: boolean): KvMessage {
    const { ids, incarnations, heartbeats, statuses } = this.rt.membership.columns();
    return { type: 'gossip', ids, incarnations, heartbeats, statuses, reply };
  }

  /** Operator actions are scheduled by wall clock, as a cron job on the node would run them. */
  private scheduleChanges(): void {
    this.config.changes.forEach((change, i) => {
      if (change.node !== this.ctx.id) return;
      this.ctx.timers.set(`change:${i}`, Math.max(0, change.atUs - this.ctx.clockUs()));
    });
  }

  private applyChange(index: number): void {
    const change = this.config.changes[index];
    if (change === undefined) return;
    const status = this.rt.membership.status();
    if (change.action === 'join' && status === 'spare') this.setStatus('up');
    if (change.action === 'leave' && status === 'up') this.setStatus('leaving');
  }

  /** A leaving node becomes 'left' once it holds nothing more to hand off. */
  private maybeLeft(): void {
    if (this.rt.membership.status() === 'leaving' && this.rt.store.keys().length === 0) this.setStatus('left');
  }

  private setStatus(status: MemberStatus): void {
    this.rt.membership.setStatus(status);
    this.rt.refreshRing();
    this.ctx.log('status', { status });
    this.persistMeta(() => {});
  }

  private becomeReady(): void {
    if (this.ready || this.readying) return;
    this.readying = true;
    this.persistMeta((durable) => {
      this.readying = false;
      if (durable) this.ready = true;
    });
  }

  private persistMeta(done: (durable: boolean) => void): void {
    writeMeta({ disk: this.disk, incarnation: this.rt.incarnation, status: this.rt.membership.status() }, done);
  }
}
