import type { Value } from '../../sim/history.ts';
import type { MessagePassing } from '../../sim/simulation.ts';
import type { AbdRegister } from './abd-register.ts';
import type { Sealed } from './checksum.ts';
import type { MemberColumns } from './gossip.ts';
import type { Version } from './versions.ts';

/**
 * Every message of the KV store: client requests and replies, replica reads and writes of the
 * Dynamo modes, the two-phase register operations of the linearizable (ABD) mode, gossip, and
 * anti-entropy. All plain data, so the network can copy, hold and corrupt them; every message on
 * the wire is sealed with a checksum (checksum.ts) and dropped by its receiver when it is damaged.
 */
export type KvMessage = (ClientRequest | ClientResponse | ReplicaMessage | AbdMessage | GossipMessage | AntiEntropyMessage) & Sealed;

export type ClientRequest =
  | { readonly type: 'get'; readonly reqId: number; readonly key: string }
  | { readonly type: 'put'; readonly reqId: number; readonly key: string; readonly value: Value }
  | { readonly type: 'delete'; readonly reqId: number; readonly key: string };

/** `ok: false` only when the operation certainly did not take effect. */
export interface ClientResponse {
  readonly type: 'reply';
  readonly reqId: number;
  readonly ok: boolean;
  readonly value: Value;
  readonly error?: string;
}

/** Replica reads and writes. `opId` 0 asks for no tracking (read repair). */
export type ReplicaMessage =
  | { readonly type: 'r-get'; readonly opId: number; readonly key: string }
  | { readonly type: 'r-get-ok'; readonly opId: number; readonly key: string; readonly versions: readonly Version[] }
  /** `hinted`: the receiver stands in for an unreachable owner (sloppy quorum). */
  | { readonly type: 'r-put'; readonly opId: number; readonly key: string; readonly versions: readonly Version[]; readonly hinted: boolean }
  | { readonly type: 'r-put-ok'; readonly opId: number; readonly key: string }
  | { readonly type: 'r-put-fail'; readonly opId: number; readonly key: string; readonly error: string };

export type AbdMessage =
  | { readonly type: 'abd-read'; readonly opId: number; readonly key: string }
  /** `durable`: the replica's register is fsynced, so a read may skip writing it back. */
  | { readonly type: 'abd-read-ok'; readonly opId: number; readonly key: string; readonly reg: AbdRegister; readonly durable: boolean }
  | { readonly type: 'abd-write'; readonly opId: number; readonly key: string; readonly reg: AbdRegister }
  | { readonly type: 'abd-write-ok'; readonly opId: number; readonly key: string }
  /** A replica that lost log records asks its peers for every register it replicates. */
  | { readonly type: 'abd-dump-req' }
  | { readonly type: 'abd-dump'; readonly entries: readonly SyncEntry[] };

/** The sender's member records, as columns (see MemberColumns). */
export interface GossipMessage extends MemberColumns {
  readonly type: 'gossip';
  /** True for the answer of a push-pull exchange, which is not answered again. */
  readonly reply: boolean;
}

/** One key's state as anti-entropy ships it: versions (Dynamo modes) or a register (ABD). */
export interface SyncEntry {
  readonly key: string;
  readonly versions?: readonly Version[];
  readonly reg?: AbdRegister;
}

export type AntiEntropyMessage =
  | { readonly type: 'ae-tree'; readonly depth: number; readonly nodes: readonly number[] }
  /** The buckets that differ, with the sender's entries in them; the receiver answers with its own. */
  | { readonly type: 'ae-diff'; readonly buckets: readonly number[]; readonly entries: readonly SyncEntry[] }
  | { readonly type: 'ae-entries'; readonly entries: readonly SyncEntry[] };

/**
 * The store's messages are immutable values: every type above is `readonly` all the way down,
 * and no part of a node changes a message, or anything reachable from one (a replica's stored
 * versions, a register), after sending or receiving it. So the kernel may share one frozen
 * message among its receivers instead of copying it for each (see `MessagePassing`); a change
 * that broke this would throw at once.
 */
export const kvMessagePassing: MessagePassing = 'shared';

/**
 * The trace's digest of a message (the kernel's `messageDigest`): its checksum, which every
 * sender stamps and which covers every field down to each character, so the trace hash tells
 * runs apart by all of a message's content for the price of reading one number.
 */
export function kvMessageDigest(msg: KvMessage): number | undefined {
  return msg.sum;
}
