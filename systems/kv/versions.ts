import type { Value } from '../../sim/history.ts';
import type { NodeId } from '../../sim/node-api.ts';
import { fnvNumber, fnvStart, fnvText, hash32, mix32 } from './hash.ts';
import { clockText, compareClocks } from './vclock.ts';
import type { VClock } from './vclock.ts';

/**
 * The versions of one key that a replica keeps. A write makes a version stamped with a vector
 * clock and with its coordinator's wall clock (`tsUs`). Versions that another version descends
 * are obsolete and dropped; what is left is a set of mutually concurrent versions, which
 * `conflicts` resolves:
 * - 'lww' (Cassandra): the version with the highest coordinator timestamp wins, whatever the
 *   clocks say. Timestamps come from skewable wall clocks, so a write coordinated by a node whose
 *   clock is behind loses to an older write: an acknowledged write silently disappears. Taking
 *   the maximum of one total order is what makes LWW a join (replicas converge whatever order
 *   versions arrive in); letting vector clocks decide first and timestamps only between
 *   concurrent versions is not associative, and replicas could disagree forever.
 * - 'siblings' (Riak allow_mult=true, Dynamo's shopping cart): versions another version's clock
 *   descends are dropped, and the remaining concurrent versions are all kept; a read returns
 *   them all and a later write whose clock descends them all supersedes them.
 * A delete is a version too (a tombstone), so it can supersede, be superseded and replicate.
 */
export interface Version {
  readonly clock: VClock;
  /** The written value; null for a tombstone. */
  readonly value: Value;
  readonly deleted: boolean;
  /** The coordinator's wall clock when the write began: the LWW timestamp. */
  readonly tsUs: number;
  readonly writer: NodeId;
}

export type ConflictMode = 'lww' | 'siblings';

/**
 * The versions of a key after learning `incoming`, in canonical order. The result may be one of
 * the given arrays (under LWW, the one-version set the winner came from): version sets are never
 * mutated once made.
 */
export function reconcile(o: { current: readonly Version[]; incoming: readonly Version[]; conflicts: ConflictMode }): readonly Version[] {
  if (o.conflicts === 'lww') return lwwWinner(o.current, o.incoming);
  const all = [...o.current, ...o.incoming];
  const survivors: Version[] = [];
  for (const candidate of all) {
    if (survivors.some((kept) => dominatesOrEquals(kept, candidate))) continue;
    const others = survivors.filter((kept) => !dominatesOrEquals(candidate, kept));
    others.push(candidate);
    survivors.length = 0;
    survivors.push(...others);
  }
  return survivors.sort(compareVersions);
}

/**
 * The LWW survivor of both sets (the first of equals, so unchanged data keeps its objects), as
 * the set it came from when that holds nothing else: most merges meet the same or a one-version
 * set, and a fresh array for each would be garbage at once.
 */
function lwwWinner(current: readonly Version[], incoming: readonly Version[]): readonly Version[] {
  const best = lwwBest(incoming, lwwBest(current, undefined));
  if (best === undefined) return noVersions;
  if (current.length === 1 && current[0] === best) return current;
  if (incoming.length === 1 && incoming[0] === best) return incoming;
  return [best];
}

const noVersions: readonly Version[] = [];

function lwwBest(set: readonly Version[], best: Version | undefined): Version | undefined {
  for (const v of set) if (best === undefined || lwwOrder(v, best) > 0) best = v;
  return best;
}

/** True when `a` makes `b` obsolete: a's clock descends b's. Equal clocks are the same write. */
function dominatesOrEquals(a: Version, b: Version): boolean {
  const order = compareClocks(a.clock, b.clock);
  return order === 'after' || order === 'equal';
}

/** Orders by timestamp, then writer, then clock text, so every replica picks the same winner. */
function lwwOrder(a: Version, b: Version): number {
  if (a.tsUs !== b.tsUs) return a.tsUs - b.tsUs;
  if (a.writer !== b.writer) return a.writer < b.writer ? -1 : 1;
  // Mostly the same write met twice (from two replicas): equal clocks need no text.
  if (compareClocks(a.clock, b.clock) === 'equal') return 0;
  const ta = clockText(a.clock);
  const tb = clockText(b.clock);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** A total order used to store siblings canonically. */
export function compareVersions(a: Version, b: Version): number {
  return lwwOrder(a, b);
}

/**
 * What a read returns for a key: null when absent or deleted, the value when there is one
 * version, and for siblings the sorted list of their values (null for a tombstone sibling).
 */
export function readValue(versions: readonly Version[]): Value {
  if (versions.length === 0) return null;
  if (versions.length === 1) return (versions[0] as Version).deleted ? null : (versions[0] as Version).value;
  const values = versions.map((v) => (v.deleted ? null : v.value));
  return values.sort((a, b) => compareValueText(JSON.stringify(a), JSON.stringify(b)));
}

function compareValueText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical text of a version set: equal text means the replicas hold the same versions. */
export function versionsText(versions: readonly Version[]): string {
  return versions
    .map((v) => `${clockText(v.clock)}|${v.deleted ? 'x' : JSON.stringify(v.value)}|${v.tsUs}|${v.writer}`)
    .sort(compareValueText)
    .join(';');
}

/**
 * A 32-bit digest of a version set, the leaf input of the Merkle tree: `hash32(versionsText)`.
 * A single version (every key under LWW) is hashed piece by piece without making its text.
 */
export function versionsDigest(versions: readonly Version[]): number {
  if (versions.length !== 1) return hash32(versionsText(versions));
  const v = versions[0] as Version;
  let h = fnvClock(fnvStart, v.clock);
  h = fnvText(h, '|');
  h = v.deleted ? fnvText(h, 'x') : typeof v.value === 'number' && Number.isFinite(v.value) ? fnvNumber(h, v.value) : fnvText(h, JSON.stringify(v.value));
  h = fnvText(h, '|');
  h = fnvNumber(h, v.tsUs);
  h = fnvText(h, '|');
  return mix32(fnvText(h, v.writer));
}

/** `fnvText` of `clockText(clock)`, for a clock whose nodes are in order (as this store makes them). */
function fnvClock(state: number, clock: VClock): number {
  let h = state;
  let previous: string | undefined;
  let first = true;
  for (const node in clock) {
    if (previous !== undefined && previous >= node) return fnvText(state, clockText(clock));
    previous = node;
    const counter = clock[node] ?? 0;
    if (!(counter > 0)) continue;
    if (!first) h = fnvText(h, ',');
    first = false;
    h = fnvNumber(fnvText(fnvText(h, node), ':'), counter);
  }
  return h;
}

/**
 * True when both sets hold exactly the same versions (as multisets: what equal `versionsText`
 * means), compared field by field rather than through their text, since every replica merge
 * and read repair asks.
 */
export function sameVersions(a: readonly Version[], b: readonly Version[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (a.length === 1) return sameVersion(a[0] as Version, b[0] as Version);
  return a.every((v) => countSame(a, v) === countSame(b, v));
}

function countSame(set: readonly Version[], v: Version): number {
  return set.reduce((n, w) => (sameVersion(v, w) ? n + 1 : n), 0);
}

function sameVersion(a: Version, b: Version): boolean {
  if (a === b) return true;
  if (a.tsUs !== b.tsUs || a.writer !== b.writer || a.deleted !== b.deleted) return false;
  if (compareClocks(a.clock, b.clock) !== 'equal') return false;
  return a.deleted || sameValue(a.value, b.value);
}

/** Values are JSON data: equal when their JSON is (identical ones need no text). */
function sameValue(a: Value, b: Value): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
