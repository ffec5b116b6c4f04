import type { Rng } from './rng.ts';

/**
 * What a system author sees (DESIGN.md §3). A node is a factory returning handlers; the factory
 * runs again at every restart, so only what the node made durable on its disk survives a crash.
 * Handlers run to completion: no Promises, no real timers, no wall clock.
 */
export type NodeId = string;

export interface NodeHandlers<M> {
  onStart(): void;
  onMessage(from: NodeId, msg: M): void;
  onTimer(name: string): void;
}

export type NodeFactory<M> = (ctx: NodeContext<M>) => NodeHandlers<M>;

export interface NodeTimers {
  /** Fires `onTimer(name)` after `delayUs` of true time; setting a name again replaces it. */
  set(name: string, delayUs: number): void;
  cancel(name: string): void;
}

export interface NodeContext<M> {
  readonly id: NodeId;
  /** The other nodes of the cluster (not clients), in a fixed order. */
  readonly peers: readonly NodeId[];
  /** This node's own stream; forked per incarnation so a restart does not replay old draws. */
  readonly rng: Rng;
  /** This node's wall clock: true time + offset + drift + jumps. May go backwards after a jump. */
  clockUs(): number;
  /**
   * Sends a message; the receiver gets its own copy, or, for a system that declares its messages
   * immutable values (`MessagePassing` 'shared'), the same object, never to be changed by anyone.
   * Clients are addressed by their ids too.
   */
  send(to: NodeId, msg: M): void;
  readonly timers: NodeTimers;
  readonly disk: Disk;
  /** A line in the trace, attributed to this node. */
  log(event: string, fields?: Record<string, unknown>): void;
}

/** Errors a disk reports as values: real code can observe them, so they are not exceptions. */
export type DiskError = 'not-found' | 'disk-full' | 'io-error';

export type DiskReadResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: DiskError };
export type DiskWriteResult = { readonly ok: true } | { readonly ok: false; readonly error: DiskError };

/**
 * A node's disk of named files with byte semantics. Reads and writes work on the page cache and
 * complete at once (buffered I/O); `fsync` is where latency lives: its callback runs after the
 * simulated fsync latency, and only then are the bytes durable. A crash drops what was not
 * fsynced (the last unsynced append may survive as a torn prefix); callbacks of a crashed node
 * never run.
 */
export interface Disk {
  read(file: string): DiskReadResult;
  /** Replaces the whole file. */
  write(file: string, bytes: Uint8Array): DiskWriteResult;
  append(file: string, bytes: Uint8Array): DiskWriteResult;
  remove(file: string): DiskWriteResult;
  /** Names of existing files, sorted. */
  list(): string[];
  /** Makes the file's current contents durable, then calls `done`. */
  fsync(file: string, done: (result: DiskWriteResult) => void): void;
}
