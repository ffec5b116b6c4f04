import { simAssert, simFail } from './assert.ts';
import { ClientDriver, type ClientOptions, type ClientPort } from './client.ts';
import { SimClock, isClockFaultKind, type ClockFault } from './clock.ts';
import { SimDisk, isDiskFaultKind, type DiskFault, type DiskOptions } from './disk.ts';
import { EventQueue } from './event-queue.ts';
import { isNodeFaultKind, type Fault, type NodeFault } from './faults/fault.ts';
import type { FaultPlan, FaultStep } from './faults/plan.ts';
import { FaultWindows, bookFault } from './faults/windows.ts';
import type { HistoryEvent } from './history.ts';
import { copyFlatMessage, copyMessage } from './network/copy.ts';
import { freezeMessage } from './network/freeze.ts';
import { isNetworkFaultKind, type NetworkFault } from './network/faults.ts';
import { Network, type RouteDecision } from './network/network.ts';
import type { NetworkOptions } from './network/options.ts';
import { createNodeContext, NodeSlot, type NodePort } from './node-runtime.ts';
import type { NodeContext, NodeHandlers, NodeId } from './node-api.ts';
import type { NodeLogRecord } from './node-log.ts';
import { createRng, type Rng } from './rng.ts';
import type { FaultWindow, MessageCounts, NodeEventRecord } from './run-record.ts';
import { Trace, TraceCode, traceKindOf, type TraceEvent, type TraceRecordOption } from './trace.ts';

/** Kinds of scheduler events (the queue's `kind` field). */
const K_START = 1;
const K_DELIVER = 2;
/** A delivery that already arrived (it waited for a resume): no second partition check. */
const K_ARRIVED = 3;
const K_TIMER = 4;
const K_CALLBACK = 5;
const K_HARNESS = 6;
const K_FAULT = 7;
const K_CLIENT_WAKE = 8;
const K_CLIENT_TIMEOUT = 9;

const TOKEN_MAX = 0x7fffffff;
/** Events that may wait for one paused node's resume. */
const deferredMax = 10_000_000;
/** Bound on kept node log records (`logRecord`), so a chatty run fails loudly instead of exhausting memory. */
const LOG_RECORDS_MAX = 5_000_000;

/** A message on the wire, as the network holds it; endpoints are kernel indices. */
export interface Envelope<M> {
  from: number;
  to: number;
  msg: M;
}

/**
 * How a sent message reaches its receivers (DESIGN.md §3: the receiver gets its own copy).
 * - 'copy' (the default): every delivered copy is a deep copy, so no receiver shares anything
 *   with the sender or with another receiver, whatever either does with it later.
 * - 'shared': for systems whose message types are immutable values. The kernel hands the one
 *   object that was sent to every receiver, duplicate and held copy: a value nobody changes
 *   needs no copy of its own. To prove the declaration, the kernel deep-freezes each message
 *   when it is sent (`freezeMessage`, which skips subtrees frozen by an earlier send), so a system
 *   that mutates a message, or anything reachable from one, after sending or receiving it fails
 *   at once with a TypeError instead of silently changing what another node sees. A corrupted
 *   delivery is still a damaged copy of its own (frozen too): the shared object is never damaged.
 *   Messages must be objects, arrays and primitives (no typed arrays: they cannot be frozen).
 *
 * Freezing costs about what copying did (V8's Object.freeze and Object.isFrozen are runtime calls,
 * dearer than an inlined object spread; measured on KV message shapes: a flat request 45-70 ns
 * frozen vs 20-40 ns copied, a replica write with one version 320 vs 180 ns; whole kv-partition
 * runs freezing every send were no faster than copying). So the speed of 'shared' comes from
 * trusting the declaration where the tests have proven it: see `trustSharedMessages`.
 */
export type MessagePassing = 'copy' | 'shared';

export interface SimulationOptions<M, H extends NodeHandlers<M> = NodeHandlers<M>> {
  seed: number;
  nodeIds: readonly NodeId[];
  /** Runs at every start and restart of a node; only the disk carries over. */
  factory: (ctx: NodeContext<M>) => H;
  /** The system's declaration of how its messages may be passed; 'copy' by default. */
  messages?: MessagePassing;
  /**
   * With 'shared' messages: do not freeze them, trust the system's declaration. For production
   * runs and benchmarks only; tests and `--check-determinism` leave it off (the default), so every
   * message a system sends there is frozen and a mutation throws. Runs are the same either way
   * (same events, same trace hash), unless a system breaks its declaration: then a checked run
   * fails loudly where a trusting one would let the mutation through.
   */
  trustSharedMessages?: boolean;
  /**
   * A number that stands for a message's whole content, where the system already has one (a
   * checksum its senders stamp on every message). The trace then folds that number into the hash
   * of each send instead of walking the message's top level itself: deeper (nested fields count
   * too) and cheaper (no walk). Undefined for a message means: walk it as usual.
   */
  messageDigest?: (msg: M) => number | undefined;
  network?: Partial<NetworkOptions>;
  disk?: Partial<DiskOptions>;
  clients?: ClientOptions<M>;
  /** No event later than this true time runs. */
  durationUs: number;
  /** No more than this many scheduler events run. */
  eventsMax: number;
  /** Keep trace events in memory: all of them, or an index window (for determinism diffs). */
  traceRecord?: TraceRecordOption;
  /** Keep the per-event hash chain, to find where two runs diverge (implied by traceRecord). */
  traceChain?: boolean;
  /** Keep every node's `ctx.log` call as a record (`nodeLogs`), for checkers that read them. */
  logRecord?: boolean;
}

/**
 * Why `run` returned. 'done': the clients finished (or, without clients, nothing is left to do);
 * 'until': the `untilUs` given to run was reached; 'duration' / 'events': a limit was hit — with
 * clients still busy that is a liveness failure, and `pending` says what they still wait for.
 */
export interface RunStop {
  readonly reason: 'done' | 'until' | 'duration' | 'events';
  readonly nowUs: number;
  readonly events: number;
  /** Client operations invoked and not completed, in words. */
  readonly pending: readonly string[];
  /** What is still in the scheduler, by kind: 'messages', 'timers', … */
  readonly queued: Readonly<Record<string, number>>;
}

/** A read-only view of one node for tests, checkers and scenarios. */
export interface NodeView<H> {
  readonly id: NodeId;
  readonly up: boolean;
  readonly paused: boolean;
  /** The current incarnation's handlers (undefined while down or before the start). */
  readonly handlers: H | undefined;
  /** How many times the factory has run. */
  readonly starts: number;
  readonly disk: SimDisk;
  readonly clock: SimClock;
}

/**
 * The simulator facade: one seeded run of a cluster of nodes, a network, per-node clocks and
 * disks, clients and faults, driven by a single event queue in integer microseconds of true time.
 * Everything it does folds into the trace hash, so the same seed and options give the same hash.
 */
export class Simulation<M, H extends NodeHandlers<M> = NodeHandlers<M>> {
  readonly rng: Rng;
  private readonly o: SimulationOptions<M, H>;
  private readonly queue = new EventQueue();
  private readonly trace: Trace;
  private readonly network: Network<Envelope<M>>;
  /** Node ids, then client ids: an endpoint's index is its position here. */
  private readonly ids: NodeId[];
  private readonly indexOf = new Map<NodeId, number>();
  private readonly nodeCount: number;
  private readonly slots: NodeSlot<H, SimDisk, SimClock>[];
  private readonly clients: ClientDriver<M> | undefined;
  private readonly windows = new FaultWindows();
  private readonly realised: FaultStep[] = [];
  private readonly counts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, corrupted: 0 };
  private readonly nodePort: NodePort<M>;
  /** Messages are shared, not copied (`MessagePassing`). */
  private readonly shared: boolean;
  /** Shared messages are frozen at send: the run does not trust the system (`trustSharedMessages`). */
  private readonly freezeShared: boolean;
  private readonly messageDigest: ((msg: M) => number | undefined) | undefined;
  /** The nodes' log records, when `logRecord` is on. */
  private readonly logs: NodeLogRecord[] | undefined;
  /**
   * Reused for every `network.route` call: the network reads its argument synchronously and
   * keeps only the item, and only when it holds the message. So one spare envelope serves every
   * send, and a fresh spare is made only when the network keeps one (see `route`).
   */
  private spare: Envelope<M> = { from: -1, to: -1, msg: undefined as M };
  private readonly routeArg = { from: 0, to: 0, nowUs: 0, item: this.spare };
  private now = 0;
  private events = 0;
  private timerTokenNext = 1;

  constructor(o: SimulationOptions<M, H>) {
    this.o = o;
    this.shared = o.messages === 'shared';
    this.messageDigest = o.messageDigest;
    this.freezeShared = this.shared && o.trustSharedMessages !== true;
    this.rng = createRng(o.seed);
    this.trace = new Trace({ record: o.traceRecord ?? false, chain: o.traceChain ?? false });
    this.logs = o.logRecord === true ? [] : undefined;
    const clientIds = Array.from({ length: o.clients?.count ?? 0 }, (_, i) => `c${i}`);
    this.ids = [...o.nodeIds, ...clientIds];
    this.nodeCount = o.nodeIds.length;
    simAssert(this.nodeCount > 0, 'a simulation needs at least one node');
    this.ids.forEach((id, index) => {
      if (this.indexOf.has(id)) simFail(`endpoint id "${id}" is used twice (client ids are c0, c1, …)`);
      this.indexOf.set(id, index);
    });
    this.network = new Network<Envelope<M>>({
      rng: this.rng.fork('network'),
      nodeIds: o.nodeIds,
      clientIds,
      options: { latency: { kind: 'uniform', minUs: 500, maxUs: 1_500 }, ...o.network },
    });
    this.slots = o.nodeIds.map((id, index) => {
      const disk = new SimDisk({
        rng: this.rng.fork(`disk/${id}`),
        ...(o.disk !== undefined ? { options: o.disk } : {}),
        schedule: (delayUs, fn) => this.scheduleCallback(index, delayUs, fn),
      });
      return new NodeSlot<H, SimDisk, SimClock>(id, index, disk, new SimClock());
    });
    this.nodePort = {
      send: (from, incarnation, to, msg) => this.sendFromNode(from, incarnation, to, msg),
      setTimer: (node, incarnation, name, delayUs) => this.setTimer(node, incarnation, name, delayUs),
      cancelTimer: (node, incarnation, name) => this.cancelTimer(node, incarnation, name),
      clockUs: (node) => this.slot(node).clock.readUs(this.now),
      log: (node, incarnation, event, fields) => this.logFromNode(node, incarnation, event, fields),
    };
    this.clients = o.clients === undefined ? undefined : new ClientDriver<M>(o.clients, { rng: this.rng.fork('clients'), clientIds, nodeIds: o.nodeIds, port: this.clientPort() });
    for (let i = 0; i < this.nodeCount; i++) this.queue.push(0, K_START, i, 0, undefined);
    if (this.clients !== undefined) this.queue.push(0, K_CLIENT_WAKE, -1, 0, undefined);
  }

  /** Current true time. */
  nowUs(): number {
    return this.now;
  }

  /** Runs `fn` at true time `timeUs` (a harness callback, e.g. a phase change). */
  at(timeUs: number, fn: () => void): void {
    this.assertFuture(timeUs, 'at');
    this.queue.push(timeUs, K_HARNESS, 0, 0, fn);
  }

  /** Schedules every step of a (validated) plan at its time. */
  schedulePlan(plan: FaultPlan): void {
    for (const step of plan.steps) {
      this.assertFuture(step.atUs, `fault ${step.fault.kind}`);
      this.queue.push(step.atUs, K_FAULT, 0, 0, step.fault);
    }
  }

  /**
   * Runs events in time order until the clients are finished (or, without clients, the queue is
   * empty), `untilUs` is reached, or `durationUs` / `eventsMax` is hit. Never hangs.
   */
  run(o: { untilUs?: number } = {}): RunStop {
    const untilUs = Math.min(o.untilUs ?? Infinity, this.o.durationUs);
    const queue = this.queue;
    const clients = this.clients;
    for (;;) {
      if (clients !== undefined && clients.finished()) return this.stop('done');
      const nextUs = queue.peekTimeUs();
      if (nextUs === Infinity) return this.stop('done');
      if (nextUs > untilUs) {
        this.now = Math.max(this.now, untilUs);
        return this.stop(untilUs < this.o.durationUs ? 'until' : 'duration');
      }
      if (this.events >= this.o.eventsMax) return this.stop('events');
      const ref = queue.popRef();
      if (queue.topTimeUs < this.now) timeWentBackwards(queue.topTimeUs, this.now);
      this.now = queue.topTimeUs;
      this.events++;
      this.dispatch(queue.topKind, queue.topA, queue.topB, ref);
    }
  }

  /** Applies a fault now and returns its resolved, replayable form. */
  applyFault(f: Fault): Fault {
    const { resolved, label } = this.applyAny(f);
    this.realised.push({ atUs: this.now, fault: resolved });
    const t = this.trace;
    t.begin(TraceCode.fault, this.now, -1, -1);
    t.mixString(resolved.kind);
    t.mixString(label);
    t.end(t.wants() ? this.traceEvent(TraceCode.fault, -1, -1, label) : undefined);
    bookFault(this.windows, { fault: resolved, label, nowUs: this.now });
    return resolved;
  }

  history(): HistoryEvent[] {
    return this.clients?.history() ?? [];
  }

  pendingOperations(): string[] {
    return this.clients?.pending() ?? [];
  }

  node(id: NodeId): NodeView<H> {
    const index = this.indexOf.get(id);
    if (index === undefined || index >= this.nodeCount) simFail(`unknown node "${id}"; known: ${this.o.nodeIds.join(', ')}`);
    const slot = this.slot(index);
    return { id, up: slot.up, paused: slot.paused, handlers: slot.handlers, starts: slot.starts, disk: slot.disk, clock: slot.clock };
  }

  /** The run's trace hash so far (16 hex digits). */
  traceHash(): string {
    return this.trace.hash();
  }

  /** Scheduler events run so far (what `eventsMax` bounds). */
  eventCount(): number {
    return this.events;
  }

  /** Trace events so far (what the hash covers; indices of `traceEvents`). */
  traceLength(): number {
    return this.trace.length;
  }

  /** Recorded trace events (empty unless `traceRecord`). */
  traceEvents(): readonly TraceEvent[] {
    return this.trace.recorded();
  }

  /** Every node's `ctx.log` calls so far, in order (empty unless `logRecord`). */
  nodeLogs(): readonly NodeLogRecord[] {
    return this.logs ?? [];
  }

  /** The per-event hash chain (undefined unless `traceChain` or `traceRecord`). */
  traceChain(): Uint32Array | undefined {
    return this.trace.hashChain();
  }

  messageCounts(): MessageCounts {
    return { ...this.counts };
  }

  faultWindows(): FaultWindow[] {
    return this.windows.all();
  }

  nodeEvents(): NodeEventRecord[] {
    return this.windows.nodeEvents();
  }

  /** Every fault applied, resolved, with its time: replaying it reproduces the run's faults. */
  realisedPlan(): FaultPlan {
    return { steps: this.realised.slice() };
  }

  /** Messages the network holds (hold faults), for tests and reports. */
  heldCount(): number {
    return this.network.heldCount();
  }

  private dispatch(kind: number, a: number, b: number, ref: unknown): void {
    switch (kind) {
      case K_DELIVER:
        this.deliver(a, b, ref as M);
        return;
      case K_ARRIVED:
        this.arrive(a, b, ref as M);
        return;
      case K_TIMER:
        this.fireTimer(a, b, ref as string);
        return;
      case K_CALLBACK:
        this.runCallback(a, b, ref as () => void);
        return;
      case K_START:
        this.startNode(this.slot(a));
        return;
      case K_HARNESS:
        (ref as () => void)();
        return;
      case K_FAULT:
        this.applyFault(ref as Fault);
        return;
      case K_CLIENT_WAKE:
        if (a < 0) (this.clients as ClientDriver<M>).start();
        else (this.clients as ClientDriver<M>).wake(a, b);
        return;
      case K_CLIENT_TIMEOUT:
        (this.clients as ClientDriver<M>).timeout(a, b);
        return;
      default:
        simFail(`unknown scheduler event kind ${kind}`);
    }
  }

  private sendFromNode(from: number, incarnation: number, toId: NodeId, msg: M): void {
    this.assertLive(from, incarnation, 'send');
    const to = this.indexOf.get(toId);
    if (to === undefined) unknownEndpoint(this.ids[from] as NodeId, toId);
    this.transmit(from, to, msg);
  }

  /** One message sent now: counted, traced, routed. */
  private transmit(from: number, to: number, msg: M): void {
    this.counts.sent++;
    if (this.freezeShared) freezeMessage(msg);
    const t = this.trace;
    t.begin(TraceCode.send, this.now, from, to);
    const digest = this.messageDigest === undefined ? undefined : this.messageDigest(msg);
    let flat = false;
    if (digest === undefined) flat = t.mixMessage(msg);
    else t.mixNumber(digest);
    t.end(t.wants() ? this.traceEvent(TraceCode.send, from, to, describeMessage(msg)) : undefined);
    this.route(from, to, msg, undefined, flat);
  }

  /**
   * Routes a message: `held` is the envelope when a held message is released, else undefined;
   * `flat` when the message holds only numbers, strings and booleans (see Trace.mixMessage).
   */
  private route(from: number, to: number, msg: M, held: Envelope<M> | undefined, flat: boolean): void {
    const delayUs = this.network.plainDelayUs(from, to, this.now);
    if (delayUs >= 0) {
      this.queue.push(this.now + delayUs, K_DELIVER, from, to, this.shared ? msg : flat ? copyFlatMessage(msg) : copyMessage(msg));
      return;
    }
    this.routeShaped(from, to, msg, held);
  }

  /** Every fate but the plain one, out of line so the common path stays small enough to inline. */
  private routeShaped(from: number, to: number, msg: M, held: Envelope<M> | undefined): void {
    const envelope = held ?? this.spare;
    envelope.from = from;
    envelope.to = to;
    envelope.msg = msg;
    const arg = this.routeArg;
    arg.from = from;
    arg.to = to;
    arg.nowUs = this.now;
    arg.item = envelope;
    const decision: RouteDecision = this.network.routeIndexed(arg);
    if (decision.kind === 'deliver') {
      const copies = decision.copies;
      const n = copies.length;
      if (n > 1) this.counts.duplicated += n - 1;
      for (let i = 0; i < n; i++) {
        const copy = copies[i] as { delayUs: number; corrupt: boolean };
        let received: M;
        if (copy.corrupt) {
          this.counts.corrupted++;
          received = this.network.corrupt(msg);
          if (this.freezeShared) freezeMessage(received);
        } else {
          received = this.shared ? msg : copyMessage(msg);
        }
        this.queue.push(this.now + copy.delayUs, K_DELIVER, from, to, received);
      }
      return;
    }
    if (decision.kind === 'hold') {
      if (envelope === this.spare) this.spare = { from: -1, to: -1, msg: undefined as M };
      envelope.msg = this.shared ? msg : copyMessage(msg);
      this.traceSimple(TraceCode.hold, from, to, undefined);
      return;
    }
    this.drop(from, to, decision.reason);
  }

  private drop(from: number, to: number, reason: string): void {
    this.counts.dropped++;
    const t = this.trace;
    t.begin(TraceCode.drop, this.now, to, from);
    t.mixString(reason);
    t.end(t.wants() ? this.traceEvent(TraceCode.drop, to, from, reason) : undefined);
  }

  private deliver(from: number, to: number, msg: M): void {
    if (!this.network.canDeliverIndexed(from, to)) {
      this.drop(from, to, 'partition');
      return;
    }
    this.arrive(from, to, msg);
  }

  /** A message reached its destination's machine. */
  private arrive(from: number, to: number, msg: M): void {
    if (to >= this.nodeCount) {
      this.counts.delivered++;
      this.traceSimple(TraceCode.deliver, to, from, msg);
      (this.clients as ClientDriver<M>).receive(to - this.nodeCount, msg);
      return;
    }
    const slot = this.slot(to);
    if (!slot.up) {
      this.drop(from, to, 'node-down');
      return;
    }
    if (slot.paused) {
      this.defer(slot, K_ARRIVED, from, to, msg);
      return;
    }
    this.counts.delivered++;
    this.traceSimple(TraceCode.deliver, to, from, msg);
    (slot.handlers as H).onMessage(this.ids[from] as NodeId, msg);
  }

  /** Schedules the timer; one of the same name still pending is replaced, its event removed. */
  private setTimer(node: number, incarnation: number, name: string, delayUs: number): void {
    this.assertLive(node, incarnation, 'set a timer');
    const token = this.timerTokenNext++;
    simAssert(token < TOKEN_MAX, 'timer tokens exhausted');
    const queueSlot = this.queue.push(this.now + delayUs, K_TIMER, node, token, name);
    const timers = this.slot(node).timers;
    const entry = timers.get(name);
    if (entry === undefined) {
      timers.set(name, { token, queueSlot });
      return;
    }
    this.queue.cancel(entry.queueSlot, { kind: K_TIMER, b: entry.token });
    entry.token = token;
    entry.queueSlot = queueSlot;
  }

  /** Forgets the timer and removes its event, so a cancelled timer costs no scheduler event. */
  private cancelTimer(node: number, incarnation: number, name: string): void {
    this.assertLive(node, incarnation, 'cancel a timer');
    const timers = this.slot(node).timers;
    const entry = timers.get(name);
    if (entry === undefined) return;
    this.queue.cancel(entry.queueSlot, { kind: K_TIMER, b: entry.token });
    timers.delete(name);
  }

  private fireTimer(node: number, token: number, name: string): void {
    const slot = this.slot(node);
    // A timer's event after a crash, or one that waited for a resume and was replaced since.
    if (!slot.up || slot.timers.get(name)?.token !== token) return;
    if (slot.paused) {
      this.defer(slot, K_TIMER, node, token, name);
      return;
    }
    slot.timers.delete(name);
    const t = this.trace;
    t.begin(TraceCode.timer, this.now, node, -1);
    t.mixString(name);
    t.end(t.wants() ? this.traceEvent(TraceCode.timer, node, -1, name) : undefined);
    (slot.handlers as H).onTimer(name);
  }

  private scheduleCallback(node: number, delayUs: number, fn: () => void): void {
    if (!(Number.isSafeInteger(delayUs) && delayUs >= 0)) simFail(`disk of ${this.ids[node]}: callback delay must be a non-negative integer; got ${delayUs}`);
    this.queue.push(this.now + delayUs, K_CALLBACK, node, this.slot(node).incarnation, fn);
  }

  private runCallback(node: number, incarnation: number, fn: () => void): void {
    const slot = this.slot(node);
    if (!slot.up || slot.incarnation !== incarnation) return;
    if (slot.paused) {
      this.defer(slot, K_CALLBACK, node, incarnation, fn);
      return;
    }
    this.traceSimple(TraceCode.diskCallback, node, -1, undefined);
    fn();
  }

  private defer(slot: NodeSlot<H, SimDisk, SimClock>, kind: number, a: number, b: number, ref: unknown): void {
    if (slot.deferred.length >= deferredMax) simFail(`node ${slot.id}: too many events waiting for its resume`);
    slot.deferred.push({ kind, a, b, ref });
    this.traceSimple(TraceCode.deferred, slot.index, -1, undefined);
  }

  private startNode(slot: NodeSlot<H, SimDisk, SimClock>): void {
    slot.incarnation++;
    slot.starts++;
    slot.up = true;
    slot.paused = false;
    const peers = this.o.nodeIds.filter((id) => id !== slot.id);
    const rng = this.rng.fork(`node/${slot.id}/${slot.starts}`);
    const ctx = createNodeContext<M, H, SimDisk, SimClock>({ slot, peers, rng, port: this.nodePort });
    this.traceSimple(slot.starts === 1 ? TraceCode.start : TraceCode.restart, slot.index, -1, undefined);
    const handlers = this.o.factory(ctx);
    slot.handlers = handlers;
    handlers.onStart();
  }

  private applyAny(f: Fault): { resolved: Fault; label: string } {
    if (isNetworkFaultKind(f.kind)) return this.applyNetwork(f as NetworkFault);
    if (isDiskFaultKind(f.kind) || isClockFaultKind(f.kind) || isNodeFaultKind(f.kind)) {
      const node = (f as { node: NodeId }).node;
      const index = this.indexOf.get(node);
      if (index === undefined || index >= this.nodeCount) simFail(`fault ${f.kind}: unknown node "${node}"`);
      const slot = this.slot(index);
      if (f.kind === 'crash' || f.kind === 'restart' || f.kind === 'pause' || f.kind === 'resume') return this.applyNode(slot, f);
      if (f.kind.startsWith('disk-')) return slot.disk.apply(f as DiskFault);
      return slot.clock.apply(f as ClockFault, this.now);
    }
    if (f.kind !== 'heal-all') simFail(`unknown fault kind "${f.kind}"`);
    this.healAll();
    return { resolved: f, label: 'heal-all' };
  }

  private applyNetwork(f: NetworkFault): { resolved: Fault; label: string } {
    const applied = this.network.apply(f, this.now);
    this.reroute(applied.released);
    return applied;
  }

  private reroute(released: readonly Envelope<M>[]): void {
    for (const envelope of released) this.route(envelope.from, envelope.to, envelope.msg, envelope, false);
  }

  private applyNode(slot: NodeSlot<H, SimDisk, SimClock>, f: NodeFault): { resolved: Fault; label: string } {
    const label = `${f.kind} ${slot.id}`;
    switch (f.kind) {
      case 'crash':
        if (!slot.up) return { resolved: f, label: `${label} (already down)` };
        slot.dropVolatile();
        slot.disk.crash();
        this.traceSimple(TraceCode.crash, slot.index, -1, undefined);
        return { resolved: f, label };
      case 'restart':
        if (slot.up) return { resolved: f, label: `${label} (already up)` };
        this.startNode(slot);
        return { resolved: f, label };
      case 'pause':
        if (!slot.up || slot.paused) return { resolved: f, label: `${label} (not running)` };
        slot.paused = true;
        this.traceSimple(TraceCode.pause, slot.index, -1, undefined);
        return { resolved: f, label };
      case 'resume':
        if (!slot.up || !slot.paused) return { resolved: f, label: `${label} (not paused)` };
        slot.paused = false;
        this.traceSimple(TraceCode.resume, slot.index, -1, undefined);
        for (const e of slot.deferred) this.queue.push(this.now, e.kind, e.a, e.b, e.ref);
        slot.deferred.length = 0;
        return { resolved: f, label };
    }
  }

  /** Heals the network, resumes and restarts nodes, clears disk faults; clock skew stays. */
  private healAll(): void {
    this.reroute(this.network.healAll(this.now));
    for (const slot of this.slots) {
      if (slot.up && slot.paused) this.bookSub(this.applyNode(slot, { kind: 'resume', node: slot.id }));
      if (!slot.up) this.bookSub(this.applyNode(slot, { kind: 'restart', node: slot.id }));
      slot.disk.apply({ kind: 'disk-clear', node: slot.id });
    }
  }

  private bookSub(applied: { resolved: Fault; label: string }): void {
    bookFault(this.windows, { fault: applied.resolved, label: applied.label, nowUs: this.now });
  }

  private logFromNode(node: number, incarnation: number, event: string, fields: Record<string, unknown> | undefined): void {
    this.assertLive(node, incarnation, 'log');
    const t = this.trace;
    t.begin(TraceCode.log, this.now, node, -1);
    t.mixString(event);
    if (fields !== undefined) t.mixString(JSON.stringify(fields));
    t.end(t.wants() ? this.traceEvent(TraceCode.log, node, -1, fields === undefined ? event : `${event} ${JSON.stringify(fields)}`) : undefined);
    if (this.logs !== undefined) this.recordLog(this.logs, node, event, fields);
  }

  private recordLog(logs: NodeLogRecord[], node: number, event: string, fields: Record<string, unknown> | undefined): void {
    simAssert(logs.length < LOG_RECORDS_MAX, `more than ${LOG_RECORDS_MAX} node log records; run shorter or log less`);
    const copy = fields === undefined ? {} : (JSON.parse(JSON.stringify(fields)) as Record<string, unknown>);
    logs.push({ timeUs: this.now, node: this.ids[node] as NodeId, event, fields: copy });
  }

  private clientPort(): ClientPort<M> {
    return {
      nowUs: () => this.now,
      send: ({ client, to, msg }) => {
        const index = this.indexOf.get(to);
        if (index === undefined || index >= this.nodeCount) simFail(`client c${client} sent to unknown node "${to}"`);
        this.transmit(this.nodeCount + client, index, msg);
      },
      scheduleWake: ({ client, atUs, token }) => {
        this.queue.push(atUs, K_CLIENT_WAKE, client, token, undefined);
      },
      scheduleTimeout: ({ client, atUs, reqId }) => this.queue.push(atUs, K_CLIENT_TIMEOUT, client, reqId, undefined),
      cancelTimeout: ({ handle, reqId }) => {
        this.queue.cancel(handle, { kind: K_CLIENT_TIMEOUT, b: reqId });
      },
      traceClient: ({ client, event, note }) => {
        const code = event === undefined ? TraceCode.lateReply : event.type === 'invoke' ? TraceCode.invoke : TraceCode.complete;
        const t = this.trace;
        t.begin(code, this.now, this.nodeCount + client, -1);
        t.mixString(note);
        if (event !== undefined) {
          t.mix(event.process);
          t.mixString(event.f);
          t.mixMessage(event.value);
        }
        t.end(t.wants() ? this.traceEvent(code, this.nodeCount + client, -1, event === undefined ? note : describeMessage(event)) : undefined);
      },
    };
  }

  /** A context call from an incarnation that is no longer running is a kernel or system bug. */
  private assertLive(node: number, incarnation: number, what: string): void {
    const slot = this.slot(node);
    if (!slot.up || slot.incarnation !== incarnation) deadIncarnation(slot.id, what);
  }

  private traceSimple(code: number, at: number, peer: number, detail: unknown): void {
    const t = this.trace;
    t.begin(code, this.now, at, peer);
    t.end(t.wants() ? this.traceEvent(code, at, peer, detail === undefined ? undefined : describeMessage(detail)) : undefined);
  }

  private traceEvent(code: number, at: number, peer: number, detail: string | undefined): TraceEvent {
    return {
      index: this.trace.length,
      timeUs: this.now,
      kind: traceKindOf(code),
      at: this.ids[at] ?? '',
      ...(peer >= 0 ? { peer: this.ids[peer] as string } : {}),
      ...(detail !== undefined ? { detail } : {}),
    };
  }

  private stop(reason: RunStop['reason']): RunStop {
    const queued: Record<string, number> = {};
    const names: Record<number, string> = { [K_DELIVER]: 'messages', [K_ARRIVED]: 'messages', [K_TIMER]: 'timers', [K_CALLBACK]: 'disk callbacks', [K_FAULT]: 'faults' };
    this.queue.forEach((kind) => {
      const name = names[kind] ?? 'other';
      queued[name] = (queued[name] ?? 0) + 1;
    });
    const held = this.network.heldCount();
    if (held > 0) queued['held messages'] = held;
    return { reason, nowUs: this.now, events: this.events, pending: this.pendingOperations(), queued };
  }

  private slot(index: number): NodeSlot<H, SimDisk, SimClock> {
    const slot = this.slots[index];
    if (slot === undefined) noSuchNode(index);
    return slot;
  }

  private assertFuture(timeUs: number, what: string): void {
    if (!(Number.isSafeInteger(timeUs) && timeUs >= this.now)) simFail(`${what}: time must be an integer >= now (${this.now}us); got ${timeUs}`);
  }
}

/*
 * Failure messages of hot paths live in functions of their own: a template literal at the call
 * site would make the hot function bigger and less likely to be inlined.
 */
function timeWentBackwards(atUs: number, nowUs: number): never {
  return simFail(`time went backwards: event at ${atUs}us after ${nowUs}us`);
}

function unknownEndpoint(from: NodeId, to: NodeId): never {
  return simFail(`node ${from} sent to unknown endpoint "${to}"`);
}

function deadIncarnation(node: NodeId, what: string): never {
  return simFail(`node ${node}: a dead incarnation tried to ${what} (a callback outlived a crash?)`);
}

function noSuchNode(index: number): never {
  return simFail(`no node #${index}`);
}

function describeMessage(msg: unknown): string {
  return typeof msg === 'string' ? msg : JSON.stringify(msg) ?? String(msg);
}
