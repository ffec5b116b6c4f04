import type { NodeId } from '../../sim/node-api.ts';
import type { ConflictMode } from './versions.ts';
import type { FsyncPolicy } from './wal.ts';

/**
 * Consistency modes and what each guarantees (also in README.md, "The KV store"):
 *
 * - 'one' (R = W = 1): a write is acknowledged after one replica has it, a read answers with the
 *   first replica's versions. Always available while any replica is reachable; no guarantee
 *   beyond eventual convergence after faults heal: stale reads and lost updates are normal.
 * - 'quorum' (Dynamo, Riak, Cassandra): R and W of N replicas, with a sloppy quorum when
 *   `sloppy` is on: unreachable owners are replaced by the next healthy nodes on the ring, which
 *   keep a hint and hand the data back later. With R + W > N and no faults a read usually sees
 *   the last acknowledged write, but nothing is linearizable: during a partition both sides keep
 *   accepting writes (sloppy), reads without write-back can see new-then-old values, and LWW
 *   resolves conflicts by skewable wall clocks. After heal-all and a quiet period, hinted
 *   handoff, read repair and Merkle anti-entropy make every replica converge.
 * - 'linearizable' (ABD, Attiya–Bar-Noy–Dolev): strict majorities of the fixed preference list,
 *   no sloppy quorum; writes take a tag above every tag a majority has seen, reads write back
 *   what they return before answering, unless the majority they asked already holds it durably.
 *   Linearizable under partitions, crashes and restarts
 *   (with fsync 'always' or 'batch'), pauses, message loss, duplication, reordering and clock
 *   faults (clocks are never consulted); unavailable without a reachable majority. Not safe
 *   with fsync 'never' (a restarted replica forgets acknowledged writes), nor under membership
 *   changes, which would need a consensus-driven reconfiguration.
 */
export type ConsistencyMode = 'one' | 'quorum' | 'linearizable';

/** A scheduled operator action: at a wall-clock time, a node joins the ring or leaves it. */
export interface MembershipChange {
  readonly atUs: number;
  readonly node: NodeId;
  readonly action: 'join' | 'leave';
}

export interface KvConfig {
  readonly consistency: ConsistencyMode;
  readonly conflicts: ConflictMode;
  readonly fsync: FsyncPolicy;
  /** Replicas per key. */
  readonly n: number;
  /** Replies a read waits for in 'quorum' mode. */
  readonly r: number;
  /** Acknowledgements a write waits for in 'quorum' mode. */
  readonly w: number;
  readonly sloppy: boolean;
  readonly hintedHandoff: boolean;
  readonly readRepair: boolean;
  readonly vnodes: number;
  /** The ring at the start; other nodes are spares until they join. */
  readonly initialMembers: readonly NodeId[];
  readonly changes: readonly MembershipChange[];
  /**
   * Time between two gossip rounds of a node. The default, 200 ms, is the LAN gossip interval of
   * HashiCorp's memberlist (SWIM) and others built like it; Cassandra gossips every second.
   */
  readonly gossipIntervalUs: number;
  /**
   * A member whose heartbeat has not advanced for this many of our gossip rounds is suspected
   * down. The default, 4 rounds of 200 ms, suspects a silent node after about 0.8 s.
   */
  readonly suspectRounds: number;
  readonly antiEntropyIntervalUs: number;
  readonly handoffIntervalUs: number;
  readonly merkleDepth: number;
  /** A coordinator gives up on a request after this long (a read fails, a write stays unknown). */
  readonly requestTimeoutUs: number;
}

export const defaultKvConfig: Omit<KvConfig, 'initialMembers'> = {
  consistency: 'quorum',
  conflicts: 'lww',
  fsync: 'always',
  n: 3,
  r: 2,
  w: 2,
  sloppy: true,
  hintedHandoff: true,
  readRepair: true,
  vnodes: 16,
  changes: [],
  gossipIntervalUs: 200_000,
  suspectRounds: 4,
  antiEntropyIntervalUs: 400_000,
  handoffIntervalUs: 300_000,
  merkleDepth: 4,
  requestTimeoutUs: 400_000,
};

/** Replies a read and acknowledgements a write need in the configured mode. */
export function quorumSizes(config: KvConfig): { r: number; w: number } {
  if (config.consistency === 'one') return { r: 1, w: 1 };
  if (config.consistency === 'linearizable') return { r: majority(config.n), w: majority(config.n) };
  return { r: config.r, w: config.w };
}

export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** What is wrong with a configuration, in one line, or undefined when it is usable. */
export function validateKvConfig(config: KvConfig): string | undefined {
  if (config.n < 1 || config.n > config.initialMembers.length) return `kv.n must be between 1 and the ${config.initialMembers.length} initial members; got ${config.n}`;
  if (config.r < 1 || config.r > config.n) return `kv.r must be between 1 and kv.n (${config.n}); got ${config.r}`;
  if (config.w < 1 || config.w > config.n) return `kv.w must be between 1 and kv.n (${config.n}); got ${config.w}`;
  return undefined;
}
