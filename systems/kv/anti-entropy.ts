import type { NodeId } from '../../sim/node-api.ts';
import type { AbdRegister } from './abd-register.ts';
import { hash32 } from './hash.ts';
import { MerkleTree, bucketOf } from './merkle.ts';
import type { KvMessage, SyncEntry } from './messages.ts';
import type { NodeRuntime } from './runtime.ts';
import { versionsDigest } from './versions.ts';
import type { Version } from './versions.ts';

/** Entries one exchange may carry; the rest waits for the next round. */
const entriesPerExchangeMax = 256;

/**
 * Periodic anti-entropy (Dynamo §4.7): each round a node picks a live ring peer, builds a Merkle
 * tree over the keys both of them replicate and sends it. The peer compares it with its own
 * tree, and only for the buckets that differ the two exchange their entries and merge them. This
 * repairs what hinted handoff and read repair miss: replicas that were down, writes that reached
 * fewer than N replicas, and log records lost to corruption.
 */
export class AntiEntropy {
  private readonly digests = new Map<string, { source: AbdRegister | readonly Version[]; digest: number }>();

  constructor(private readonly rt: NodeRuntime) {}

  round(): void {
    const peers = this.rt
      .ring()
      .members.filter((node) => node !== this.rt.self && this.rt.membership.isAlive(node));
    if (peers.length === 0) return;
    const peer = this.rt.ctx.rng.pick(peers);
    const tree = this.tree(peer);
    this.rt.send(peer, { type: 'ae-tree', depth: tree.depth, nodes: tree.nodes });
  }

  onMessage(from: NodeId, msg: KvMessage): void {
    if (msg.type === 'ae-tree') {
      const theirs = MerkleTree.fromNodes({ depth: msg.depth, nodes: msg.nodes });
      if (theirs === undefined || theirs.depth !== this.rt.config.merkleDepth) return;
      const { buckets } = this.tree(from).diff(theirs);
      if (buckets.length > 0) this.rt.send(from, { type: 'ae-diff', buckets, entries: this.entriesIn(from, buckets) });
    } else if (msg.type === 'ae-diff') {
      const mine = this.entriesIn(from, msg.buckets);
      this.apply(msg.entries);
      this.rt.send(from, { type: 'ae-entries', entries: mine });
    } else if (msg.type === 'ae-entries') {
      this.apply(msg.entries);
    }
  }

  private tree(peer: NodeId): MerkleTree {
    const store = this.rt.store;
    const entries: { key: string; digest: number }[] = [];
    if (this.rt.config.consistency === 'linearizable') {
      for (const key of store.registerKeys()) if (this.replicatedWith(key, peer)) entries.push({ key, digest: this.digest(key, store.register(key)) });
    } else {
      for (const key of store.keys()) if (this.replicatedWith(key, peer)) entries.push({ key, digest: this.digest(key, store.versions(key)) });
    }
    return MerkleTree.build({ depth: this.rt.config.merkleDepth, entries });
  }

  /**
   * The digest of a key's register or versions, remembered with the object it was computed from:
   * the store replaces that object on every change, so an unchanged key's digest is computed
   * once, not again in every round's tree. Kept by key, updated in place (a WeakMap by object
   * paid an entry per change); bounded, as a workload of very many keys only loses the benefit.
   */
  private digest(key: string, source: AbdRegister | readonly Version[]): number {
    const known = this.digests.get(key);
    if (known !== undefined && known.source === source) return known.digest;
    const digest = isVersions(source) ? versionsDigest(source) : hash32(`${source.tag.n}|${source.tag.writer}|${JSON.stringify(source.value)}`);
    if (known !== undefined) {
      known.source = source;
      known.digest = digest;
    } else {
      if (this.digests.size >= digestsCachedMax) this.digests.clear();
      this.digests.set(key, { source, digest });
    }
    return digest;
  }

  /** Our entries for keys whose preference list holds both us and `peer`. */
  private shared(peer: NodeId): SyncEntry[] {
    const store = this.rt.store;
    const out: SyncEntry[] = [];
    if (this.rt.config.consistency === 'linearizable') {
      for (const key of store.registerKeys()) if (this.replicatedWith(key, peer)) out.push({ key, reg: store.register(key) });
    } else {
      for (const key of store.keys()) if (this.replicatedWith(key, peer)) out.push({ key, versions: store.versions(key) });
    }
    return out;
  }

  /** Both we and `peer` are on the key's preference list (its walk's first N nodes). */
  private replicatedWith(key: string, peer: NodeId): boolean {
    const walk = this.rt.ring().walk(key);
    const n = Math.min(this.rt.config.n, walk.length);
    let self = false;
    let other = false;
    for (let i = 0; i < n; i++) {
      const node = walk[i];
      if (node === this.rt.self) self = true;
      if (node === peer) other = true;
    }
    return self && other;
  }

  private entriesIn(peer: NodeId, buckets: readonly number[]): SyncEntry[] {
    const wanted = new Set(buckets);
    return this.shared(peer)
      .filter((e) => wanted.has(bucketOf(e.key, this.rt.config.merkleDepth)))
      .slice(0, entriesPerExchangeMax);
  }

  private apply(entries: readonly SyncEntry[]): void {
    for (const entry of entries.slice(0, entriesPerExchangeMax)) applyEntry(this.rt, entry);
  }
}

/** Merges one shipped entry into the local store (durably, with nobody waiting on it). */
export function applyEntry(rt: NodeRuntime, entry: SyncEntry): void {
  if (entry.reg !== undefined) rt.store.storeRegister(entry.key, entry.reg, ignore);
  if (entry.versions !== undefined) rt.store.merge({ key: entry.key, incoming: entry.versions, hinted: false }, ignore);
}

function ignore(): void {}

/** Keys whose digest one node remembers at most. */
const digestsCachedMax = 4096;

function isVersions(source: AbdRegister | readonly Version[]): source is readonly Version[] {
  return Array.isArray(source);
}
