import { simAssert, simFail } from './assert.ts';
import { sampleUs, type Distribution } from './distributions.ts';
import type { HistoryEvent, Value } from './history.ts';
import type { NodeId } from './node-api.ts';
import type { Rng } from './rng.ts';

/**
 * Clients: virtual processes next to the cluster (DESIGN.md §7). Each client runs one operation at
 * a time: it records `invoke`, sends a request, and records exactly one completion: `ok`, `fail`
 * (the reply says it definitely did not happen) or `info` (no reply within `timeoutUs`: unknown).
 * After an `info` the process is retired, since its operation may still take effect, and the
 * client continues as process `process + count` (Jepsen's convention). Replies that arrive after
 * their operation completed are ignored but traced.
 */

/** An operation a workload wants to run. */
export interface OpRequest {
  readonly f: string;
  readonly key?: string;
  readonly value: Value;
}

export type ClientPhase = 'main' | 'final';

/** Generates operations; `undefined` means "nothing more in this phase" for that process. */
export interface Workload {
  next(c: { rng: Rng; process: number; phase: ClientPhase; nowUs: number }): OpRequest | undefined;
}

/** A system's reply to a client request, as the protocol recognises it. */
export interface ClientReply {
  readonly reqId: number;
  readonly type: 'ok' | 'fail';
  readonly value: Value;
  readonly error?: string;
}

/** How a system's clients talk to it: building requests and recognising replies. */
export interface ClientProtocol<M> {
  /** Builds the request for an operation and picks the node to send it to. */
  request(op: OpRequest, c: { reqId: number; clientId: NodeId; rng: Rng; nodeIds: readonly NodeId[] }): { to: NodeId; msg: M };
  /** Recognises a reply to one of this client's requests; undefined for anything else. */
  reply(msg: M): ClientReply | undefined;
}

export interface ClientOptions<M> {
  count: number;
  protocol: ClientProtocol<M>;
  workload: Workload;
  /** No reply in time -> `info` with error 'timeout'; the process is retired. */
  timeoutUs: number;
  /** Pause between a completion and the next invocation. */
  thinkUs: Distribution;
  /** No new 'main' operations at or after this time. */
  loadUntilUs: number;
  /** From this time, 'final' operations until the workload returns undefined. */
  finalAtUs: number;
  /** Cap on 'main' invocations over all clients. */
  opsMax?: number;
}

/** What the client driver asks of the kernel. */
export interface ClientPort<M> {
  nowUs(): number;
  send(o: { client: number; to: NodeId; msg: M }): void;
  /** Calls `wake(client, token)` at `atUs`. */
  scheduleWake(o: { client: number; atUs: number; token: number }): void;
  /** Calls `timeout(client, reqId)` at `atUs`; returns a handle for `cancelTimeout`. */
  scheduleTimeout(o: { client: number; atUs: number; reqId: number }): number;
  /** Removes a scheduled timeout whose operation completed first (it would find nothing open). */
  cancelTimeout(o: { handle: number; reqId: number }): void;
  /** Folds a history event or an ignored reply into the trace. */
  traceClient(o: { client: number; event: HistoryEvent | undefined; note: string }): void;
}

interface ClientState {
  readonly index: number;
  readonly id: NodeId;
  readonly rng: Rng;
  process: number;
  /** reqId of the open operation, 0 when none. */
  openReqId: number;
  openOp: OpRequest | undefined;
  openNode: NodeId | undefined;
  openAtUs: number;
  /** The open operation's scheduled timeout. */
  timeoutHandle: number;
  wakeToken: number;
  done: boolean;
}

/** Hard bound on operations of the final phase, so a workload that never says "done" ends. */
const finalOpsMax = 1_000_000;

/** Runs the clients of one simulation and records their history. */
export class ClientDriver<M> {
  private readonly clients: ClientState[];
  private readonly events: HistoryEvent[] = [];
  private reqIdNext = 1;
  private mainOps = 0;
  private finalOps = 0;
  private doneCount = 0;

  constructor(
    private readonly o: ClientOptions<M>,
    private readonly c: { rng: Rng; clientIds: readonly NodeId[]; nodeIds: readonly NodeId[]; port: ClientPort<M> },
  ) {
    simAssert(o.count === c.clientIds.length, 'client count and client ids disagree');
    if (!(Number.isSafeInteger(o.timeoutUs) && o.timeoutUs > 0)) simFail(`clients: timeoutUs must be a positive integer; got ${o.timeoutUs}`);
    this.clients = c.clientIds.map((id, index) => ({
      index,
      id,
      rng: c.rng.fork(`client/${id}`),
      process: index,
      openReqId: 0,
      openOp: undefined,
      openNode: undefined,
      openAtUs: 0,
      timeoutHandle: -1,
      wakeToken: 0,
      done: false,
    }));
  }

  /** Schedules every client's first operation after one think time. */
  start(): void {
    for (const client of this.clients) this.wakeAfterThink(client);
  }

  /** True when every client has finished its final phase and has nothing open. */
  finished(): boolean {
    return this.doneCount === this.clients.length;
  }

  history(): HistoryEvent[] {
    return this.events.slice();
  }

  /** Operations invoked and not completed, in words. */
  pending(): string[] {
    const out: string[] = [];
    for (const client of this.clients) {
      const op = client.openOp;
      if (op === undefined) continue;
      const key = op.key === undefined ? '' : ` key ${op.key}`;
      out.push(`process ${client.process} (${client.id}): ${op.f}${key} ${JSON.stringify(op.value)} sent to ${client.openNode ?? '?'} at ${client.openAtUs}us, no reply`);
    }
    return out;
  }

  wake(index: number, token: number): void {
    const client = this.client(index);
    if (token !== client.wakeToken || client.done) return;
    if (client.openReqId !== 0) simFail(`client ${client.id} woke with an open operation`);
    this.step(client);
  }

  timeout(index: number, reqId: number): void {
    const client = this.client(index);
    if (client.openReqId !== reqId) return;
    const op = client.openOp as OpRequest;
    this.complete(client, { type: 'info', value: op.value, error: 'timeout' });
    client.process += this.o.count;
    this.wakeAfterThink(client);
  }

  /** A message delivered to a client. */
  receive(index: number, msg: M): void {
    const client = this.client(index);
    const reply = this.o.protocol.reply(msg);
    if (reply === undefined) {
      this.c.port.traceClient({ client: index, event: undefined, note: 'unrecognised' });
      return;
    }
    if (reply.reqId !== client.openReqId) {
      this.c.port.traceClient({ client: index, event: undefined, note: `late reply to request ${reply.reqId}` });
      return;
    }
    this.c.port.cancelTimeout({ handle: client.timeoutHandle, reqId: reply.reqId });
    this.complete(client, { type: reply.type, value: reply.value, error: reply.error });
    this.wakeAfterThink(client);
  }

  private step(client: ClientState): void {
    const nowUs = this.c.port.nowUs();
    if (nowUs < this.o.loadUntilUs && this.mainAllowed()) {
      const op = this.o.workload.next({ rng: client.rng, process: client.process, phase: 'main', nowUs });
      if (op !== undefined) {
        this.mainOps++;
        this.invoke(client, op);
        return;
      }
    }
    if (nowUs < this.o.finalAtUs) {
      this.wakeAt(client, this.o.finalAtUs);
      return;
    }
    const op = this.finalOps < finalOpsMax ? this.o.workload.next({ rng: client.rng, process: client.process, phase: 'final', nowUs }) : undefined;
    if (op === undefined) {
      client.done = true;
      this.doneCount++;
      return;
    }
    this.finalOps++;
    this.invoke(client, op);
  }

  private mainAllowed(): boolean {
    return this.o.opsMax === undefined || this.mainOps < this.o.opsMax;
  }

  private invoke(client: ClientState, op: OpRequest): void {
    const port = this.c.port;
    const reqId = this.reqIdNext++;
    const { to, msg } = this.o.protocol.request(op, { reqId, clientId: client.id, rng: client.rng, nodeIds: this.c.nodeIds });
    const nowUs = port.nowUs();
    client.openReqId = reqId;
    client.openOp = op;
    client.openNode = to;
    client.openAtUs = nowUs;
    this.record(client, { type: 'invoke', f: op.f, key: op.key, value: op.value, node: to, error: undefined });
    port.send({ client: client.index, to, msg });
    client.timeoutHandle = port.scheduleTimeout({ client: client.index, atUs: nowUs + this.o.timeoutUs, reqId });
  }

  private complete(client: ClientState, r: { type: 'ok' | 'fail' | 'info'; value: Value; error: string | undefined }): void {
    const op = client.openOp as OpRequest;
    this.record(client, { type: r.type, f: op.f, key: op.key, value: r.value, node: client.openNode, error: r.error });
    client.openReqId = 0;
    client.openOp = undefined;
    client.openNode = undefined;
  }

  /**
   * Appends a history event. Built from literals, with the optional fields assigned after them
   * in a fixed order (no conditional spreads), so the events of a run share a few hidden classes
   * and the field order stays that of HistoryEvent.
   */
  private record(
    client: ClientState,
    e: { type: HistoryEvent['type']; f: string; key: string | undefined; value: Value; node: string | undefined; error: string | undefined },
  ): void {
    const index = this.events.length;
    const { process } = client;
    const { type, f, key, value } = e;
    const timeUs = this.c.port.nowUs();
    const event: Mutable<HistoryEvent> = key === undefined ? { index, process, type, f, value, timeUs } : { index, process, type, f, key, value, timeUs };
    if (e.node !== undefined) event.node = e.node;
    if (e.error !== undefined) event.error = e.error;
    this.events.push(event);
    this.c.port.traceClient({ client: client.index, event, note: type });
  }

  private wakeAfterThink(client: ClientState): void {
    this.wakeAt(client, this.c.port.nowUs() + sampleUs(client.rng, this.o.thinkUs));
  }

  private wakeAt(client: ClientState, atUs: number): void {
    client.wakeToken++;
    this.c.port.scheduleWake({ client: client.index, atUs, token: client.wakeToken });
  }

  private client(index: number): ClientState {
    const client = this.clients[index];
    if (client === undefined) simFail(`no client #${index}`);
    return client;
  }
}

/** A record type with its readonly modifiers removed, for building one field by field. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
