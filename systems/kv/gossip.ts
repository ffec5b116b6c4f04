import type { NodeId } from '../../sim/node-api.ts';

/**
 * Membership by gossip (Dynamo §4.8, Cassandra's gossiper, SWIM's incarnations). Every node
 * keeps one record per known node; only the node itself changes its own record, bumping its
 * heartbeat each gossip round and its incarnation at each restart, so a record with a higher
 * (incarnation, heartbeat) is always newer and merging keeps the newer one. Records spread by
 * push-pull exchanges with one random peer per round, reaching every node in O(log n) rounds.
 *
 * The ring is the set of members whose status is 'up'. Status changes are operator actions
 * carried by the same records: a spare node becomes 'up' when it joins, a member becomes
 * 'leaving' when it leaves (and is out of the ring at once, so its data moves to new owners) and
 * 'left' once it has handed everything off.
 *
 * Failure detection is local and separate from the ring, as in Dynamo: a member whose heartbeat
 * has not advanced for `suspectRounds` of our own rounds is suspected down, so coordinators stop
 * waiting for it (sloppy quorum) without moving any data. Rounds are counted, not read off the
 * wall clock, so clock jumps cannot make nodes look dead.
 */
export type MemberStatus = 'spare' | 'up' | 'leaving' | 'left';

export interface MemberRecord {
  readonly id: NodeId;
  readonly incarnation: number;
  readonly heartbeat: number;
  readonly status: MemberStatus;
}

/**
 * Records as the gossip message carries them: one array per field, position i describing one
 * node. Arrays of numbers and strings are what the network copies and the checksum reads
 * cheapest; an array of small record objects cost about twice as much per message to copy.
 */
export interface MemberColumns {
  readonly ids: readonly NodeId[];
  readonly incarnations: readonly number[];
  readonly heartbeats: readonly number[];
  readonly statuses: readonly MemberStatus[];
}

export class Membership {
  private readonly self: NodeId;
  private readonly suspectRounds: number;
  private readonly records = new Map<NodeId, MemberRecord>();
  /** The keys of `records`, sorted: ids are added rarely, records are read every round. */
  private readonly ids: NodeId[] = [];
  /** Our round when each node's record last advanced. */
  private readonly heardRound = new Map<NodeId, number>();
  private round = 0;
  /** Advances whenever a record's status changes or a node appears: the ring may have changed. */
  private statusEpoch = 0;

  constructor(o: { self: NodeId; incarnation: number; status: MemberStatus; initialMembers: readonly NodeId[]; suspectRounds: number }) {
    this.self = o.self;
    this.suspectRounds = o.suspectRounds;
    for (const id of o.initialMembers) {
      this.put({ id, incarnation: 0, heartbeat: 0, status: 'up' });
      this.heardRound.set(id, 0);
    }
    this.put({ id: o.self, incarnation: o.incarnation, heartbeat: 0, status: o.status });
    this.heardRound.set(o.self, 0);
  }

  /** Starts a gossip round: our heartbeat advances. */
  tick(): void {
    this.round++;
    this.updateSelf({});
  }

  /** Our own status. */
  status(): MemberStatus {
    return (this.records.get(this.self) as MemberRecord).status;
  }

  setStatus(status: MemberStatus): void {
    this.updateSelf({ status });
  }

  /**
   * Merges a peer's records, as a gossip message carries them (gossip runs every round:
   * heartbeats change, statuses rarely); a record object is made only for news. False, and
   * nothing merged, when the columns differ in length (not a message we send).
   */
  merge(c: MemberColumns): boolean {
    const n = c.ids.length;
    if (c.incarnations.length !== n || c.heartbeats.length !== n || c.statuses.length !== n) return false;
    for (let i = 0; i < n; i++) {
      const id = c.ids[i] as NodeId;
      const incarnation = c.incarnations[i] as number;
      const heartbeat = c.heartbeats[i] as number;
      if (id === this.self) continue;
      const known = this.records.get(id);
      if (known !== undefined && !isNewer({ incarnation, heartbeat }, known)) continue;
      this.put({ id, incarnation, heartbeat, status: c.statuses[i] as MemberStatus });
      this.heardRound.set(id, this.round);
    }
    return true;
  }

  /** All records, sorted by id, as columns: the gossip payload. */
  columns(): MemberColumns {
    const incarnations: number[] = [];
    const heartbeats: number[] = [];
    const statuses: MemberStatus[] = [];
    for (const id of this.ids) {
      const r = this.records.get(id) as MemberRecord;
      incarnations.push(r.incarnation);
      heartbeats.push(r.heartbeat);
      statuses.push(r.status);
    }
    return { ids: this.ids.slice(), incarnations, heartbeats, statuses };
  }

  /** A number that changes whenever `ringMembers()` may have: read it instead of comparing lists. */
  epoch(): number {
    return this.statusEpoch;
  }

  /** Members of the ring (status 'up'), sorted. */
  ringMembers(): NodeId[] {
    const out: NodeId[] = [];
    for (const id of this.ids) if ((this.records.get(id) as MemberRecord).status === 'up') out.push(id);
    return out;
  }

  /** Whether we believe `id` is running: ourselves always; others while their heartbeat advances. */
  isAlive(id: NodeId): boolean {
    if (id === this.self) return true;
    const heard = this.heardRound.get(id);
    return heard !== undefined && this.round - heard <= this.suspectRounds;
  }

  private updateSelf(change: { status?: MemberStatus }): void {
    const current = this.records.get(this.self) as MemberRecord;
    if (change.status !== undefined && change.status !== current.status) this.statusEpoch++;
    this.records.set(this.self, { id: current.id, incarnation: current.incarnation, heartbeat: current.heartbeat + 1, status: change.status ?? current.status });
  }

  private put(record: MemberRecord): void {
    const known = this.records.get(record.id);
    if (known === undefined) {
      this.ids.push(record.id);
      this.ids.sort(compareText);
    }
    if (known?.status !== record.status) this.statusEpoch++;
    this.records.set(record.id, record);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNewer(a: { incarnation: number; heartbeat: number }, b: MemberRecord): boolean {
  return a.incarnation !== b.incarnation ? a.incarnation > b.incarnation : a.heartbeat > b.heartbeat;
}
