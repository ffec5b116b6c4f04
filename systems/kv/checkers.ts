import { checkOperations } from '../../sim/check/linearizability.ts';
import { createKvModel } from '../../sim/check/models/kv.ts';
import type { CheckResult } from '../../sim/check/result.ts';
import { pairOperations } from '../../sim/history.ts';
import type { History, Operation, Value } from '../../sim/history.ts';
import type { NodeId } from '../../sim/node-api.ts';
import type { KvSnapshot } from './node.ts';
import { Ring } from './ring.ts';
import { versionsText } from './versions.ts';

/** Evidence rows are capped so a broken run still yields a readable result. */
const evidenceRowsMax = 20;

/**
 * Per-key linearizability against the kv model of sim/check (histories split by key), on the
 * operations the other checkers of the run read too (paired once).
 */
export function checkKvLinearizable(history: History): CheckResult {
  return checkOperations(operationsOf(history), { model: createKvModel() });
}

/**
 * Paired operations by history: a run's checkers all read the same (read-only) history, so it
 * is paired once; the length guards against a caller that appended to it since.
 */
const pairedByHistory = new WeakMap<History, { readonly events: number; readonly operations: readonly Operation[] }>();

function operationsOf(history: History): readonly Operation[] {
  const known = pairedByHistory.get(history);
  if (known !== undefined && known.events === history.length) return known.operations;
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(`kv checkers: malformed history at event ${paired.error.index}: ${paired.error.message}`);
  pairedByHistory.set(history, { events: history.length, operations: paired.operations });
  return paired.operations;
}

const isWrite = (op: Operation) => op.f === 'put' || op.f === 'delete';

/** Values a read may return: null (absent or deleted), one value, or siblings (an array). */
function readValues(value: Value): readonly Value[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A Map key that tells values apart as their JSON texts do: a finite number stands for itself
 * (no two have the same text, but 0 and -0), so the numbers the workload writes need no text.
 */
function valueKey(value: Value): number | string {
  return typeof value === 'number' && Number.isFinite(value) ? value : JSON.stringify(value);
}

/**
 * Read validity: every successful read returns null or values that some put on that key wrote,
 * invoked before the read completed. A read of bytes a corrupted log or message produced fails
 * this, since every written value is unique and known.
 */
export function checkReadValidity(history: History): CheckResult {
  const ops = operationsOf(history);
  const written = new Map<string, Map<number | string, number>>();
  for (const op of ops) {
    if (op.f !== 'put') continue;
    const perKey = written.get(op.key ?? '') ?? new Map<number | string, number>();
    perKey.set(valueKey(op.input), op.invokeUs);
    written.set(op.key ?? '', perKey);
  }
  const bad: { op: number; key: string; value: Value }[] = [];
  let reads = 0;
  for (const op of ops) {
    if (op.f !== 'get' || op.outcome !== 'ok') continue;
    reads++;
    const ok = readValues(op.output ?? null).every((v) => {
      if (v === null) return true;
      const invokedUs = written.get(op.key ?? '')?.get(valueKey(v));
      return invokedUs !== undefined && invokedUs <= (op.completeUs ?? Number.MAX_SAFE_INTEGER);
    });
    if (!ok) bad.push({ op: op.id, key: op.key ?? '', value: op.output ?? null });
  }
  return {
    checker: 'read-validity',
    valid: bad.length === 0,
    summary: bad.length === 0 ? `all ${reads} successful reads returned written values` : `${bad.length} of ${reads} reads returned a value nobody wrote (first: op ${bad[0]?.op})`,
    evidence: { invalidReads: bad.slice(0, evidenceRowsMax) },
  };
}

/**
 * Durability: after heal-all and the quiet period, the final reads of a key must not miss an
 * acknowledged write: they may not return only values whose writes all finished before that
 * write began. Such a write had every chance to supersede them, so if the final state reflects
 * neither it nor anything that may be later, it was lost: a crash under fsync 'never', LWW with
 * a clock behind, a hint never handed off. Keys without a successful final read are unknown.
 */
export function checkDurability(history: History, o: { finalAtUs: number }): CheckResult {
  const found = missedWrites(operationsOf(history), (op) => op.invokeUs >= o.finalAtUs);
  const unchecked = found.keys.filter((key) => !found.readKeys.has(key));
  const { missed } = found;
  const valid = missed.length > 0 ? false : unchecked.length > 0 ? 'unknown' : true;
  const summary =
    missed.length > 0
      ? `${missed.length} acknowledged write(s) lost, e.g. ${describeMiss(missed[0] as Miss)}`
      : unchecked.length > 0
        ? `no successful final read of ${unchecked.join(', ')}: durability unknown there`
        : `no acknowledged write lost (final reads of ${found.keys.length} key(s))`;
  return { checker: 'durability', valid, summary, evidence: { lost: missed.slice(0, evidenceRowsMax), lostCount: missed.length, unchecked } };
}

/**
 * Lost acknowledged writes, seen by any read: no successful read may miss an acknowledged write
 * that finished before the read began (by the same rule as durability). Under LWW with a clock
 * behind, a write coordinated by the slow node vanishes at once: the next reads return the
 * older value it should have replaced. Siblings keep it, so a read still returns it.
 */
export function checkLostWrites(history: History): CheckResult {
  const { missed } = missedWrites(operationsOf(history), () => true);
  const writes = new Set(missed.map((m) => m.write));
  return {
    checker: 'lost-writes',
    valid: missed.length === 0,
    summary: missed.length === 0 ? 'no read missed an acknowledged write that finished before it began' : `${writes.size} acknowledged write(s) missed by later reads, e.g. ${describeMiss(missed[0] as Miss)}`,
    evidence: { missed: missed.slice(0, evidenceRowsMax), missedCount: missed.length, lostWrites: [...writes].sort((a, b) => a - b).slice(0, evidenceRowsMax) },
  };
}

interface Miss {
  readonly key: string;
  /** The acknowledged write (operation id) the read missed. */
  readonly write: number;
  readonly value: Value;
  readonly read: number;
  readonly readValue: Value;
}

function describeMiss(m: Miss): string {
  return `op ${m.write} (${m.value === null ? 'delete' : JSON.stringify(m.value)} on ${m.key}) is missing from read op ${m.read}, which returned ${JSON.stringify(m.readValue)}`;
}

/** For each selected successful read, the acknowledged writes it missed (one per read: the latest). */
function missedWrites(ops: readonly Operation[], selectRead: (op: Operation) => boolean): { missed: Miss[]; keys: string[]; readKeys: Set<string> } {
  const byKey = new Map<string, Operation[]>();
  for (const op of ops) {
    const onKey = byKey.get(op.key ?? '');
    if (onKey === undefined) byKey.set(op.key ?? '', [op]);
    else onKey.push(op);
  }
  const keys = [...byKey.keys()].sort();
  const missed: Miss[] = [];
  const readKeys = new Set<string>();
  for (const key of keys) {
    const onKey = byKey.get(key)!;
    const writes = new AckedWrites(onKey);
    const candidates = new CandidateEnds(onKey);
    for (const read of onKey) {
      if (read.f !== 'get' || read.outcome !== 'ok' || !selectRead(read)) continue;
      readKeys.add(key);
      const readValue = read.output ?? null;
      const latestEndUs = candidates.latestEndUs(readValue);
      if (latestEndUs === undefined) continue;
      const latest = writes.latestBefore(read.invokeUs);
      if (latest !== undefined && latestEndUs < latest.invokeUs) {
        missed.push({ key, write: latest.id, value: latest.f === 'delete' ? null : latest.input, read: read.id, readValue });
      }
    }
  }
  return { missed, keys, readKeys };
}

/** A key's acknowledged writes, to ask for the one that began last among those that ended before a time. */
class AckedWrites {
  /** In order of their ends (ties in history order). */
  private readonly byEnd: Operation[];
  /** Per prefix of `byEnd`, the position of its write that began last (the first such on ties). */
  private readonly latestInPrefix: Int32Array;

  constructor(onKey: readonly Operation[]) {
    this.byEnd = onKey.filter((op) => isWrite(op) && op.outcome === 'ok').sort((a, b) => endUs(a) - endUs(b));
    this.latestInPrefix = new Int32Array(this.byEnd.length);
    for (let i = 1; i < this.byEnd.length; i++) {
      const best = this.latestInPrefix[i - 1]!;
      this.latestInPrefix[i] = this.byEnd[i]!.invokeUs > this.byEnd[best]!.invokeUs ? i : best;
    }
  }

  /** The acknowledged write that ended before `timeUs` and began last. */
  latestBefore(timeUs: number): Operation | undefined {
    let low = 0;
    let high = this.byEnd.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (endUs(this.byEnd[middle]!) < timeUs) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : this.byEnd[this.latestInPrefix[low - 1]!];
  }
}

/**
 * For each value of a key, the latest time at which a write that could have produced it
 * finished (info writes may land any time: +Infinity).
 */
class CandidateEnds {
  /** Per put value (valueKey), the latest end of a put of it that did not fail. */
  private readonly putEndUs = new Map<number | string, number>();
  /** The latest end of a delete that did not fail; -Infinity (the initial absence) without one. */
  private readonly deleteEndUs: number = Number.NEGATIVE_INFINITY;

  constructor(onKey: readonly Operation[]) {
    for (const op of onKey) {
      if (op.outcome === 'fail') continue;
      if (op.f === 'delete') this.deleteEndUs = Math.max(this.deleteEndUs, endUs(op));
      if (op.f !== 'put') continue;
      const key = valueKey(op.input);
      this.putEndUs.set(key, Math.max(this.putEndUs.get(key) ?? Number.NEGATIVE_INFINITY, endUs(op)));
    }
  }

  /** The latest end of a write that could have produced `readValue`; undefined when none could. */
  latestEndUs(readValue: Value): number | undefined {
    let latest: number | undefined;
    for (const v of readValues(readValue)) {
      const end = v === null ? this.deleteEndUs : this.putEndUs.get(valueKey(v));
      if (end !== undefined) latest = Math.max(latest ?? Number.NEGATIVE_INFINITY, end);
    }
    return latest;
  }
}

function endUs(op: Operation): number {
  return op.completeUs ?? Number.POSITIVE_INFINITY;
}

/**
 * Convergence: after heal-all and a quiet period, every owner of a key (by the ring the nodes
 * agree on) holds the same versions, or in linearizable mode the same register.
 */
export function checkConvergence(o: { snapshots: readonly KvSnapshot[]; n: number; vnodes: number; linearizable: boolean }): CheckResult {
  const byId = new Map(o.snapshots.map((s) => [s.id, s] as const));
  const ring = new Ring({ members: o.snapshots[0]?.ring ?? [], vnodes: o.vnodes });
  const keys = new Set<string>();
  for (const s of o.snapshots) for (const k of o.linearizable ? s.registers : s.keys) keys.add(k.key);
  const diverged: { key: string; replicas: Record<NodeId, string> }[] = [];
  for (const key of [...keys].sort()) {
    const replicas: Record<NodeId, string> = {};
    for (const owner of ring.preferenceList(key, o.n)) {
      const s = byId.get(owner);
      if (s === undefined) continue;
      replicas[owner] = o.linearizable ? registerText(s, key) : versionsText(s.keys.find((k) => k.key === key)?.versions ?? []);
    }
    if (new Set(Object.values(replicas)).size > 1) diverged.push({ key, replicas });
  }
  return {
    checker: 'convergence',
    valid: diverged.length === 0,
    summary: diverged.length === 0 ? `every replica of ${keys.size} key(s) holds the same versions` : `${diverged.length} of ${keys.size} key(s) differ between replicas, e.g. ${diverged[0]?.key}`,
    evidence: { diverged: diverged.slice(0, evidenceRowsMax) },
  };
}

function registerText(s: KvSnapshot, key: string): string {
  const reg = s.registers.find((r) => r.key === key)?.reg;
  return reg === undefined ? '' : `${reg.tag.n}|${reg.tag.writer}|${JSON.stringify(reg.value)}`;
}

/** Membership: every running node sees the same ring, made of exactly the nodes that say they are up. */
export function checkMembership(o: { snapshots: readonly KvSnapshot[] }): CheckResult {
  const up = o.snapshots.filter((s) => s.status === 'up').map((s) => s.id).sort();
  const expected = up.join(',');
  const disagree = o.snapshots.filter((s) => s.ring.join(',') !== expected).map((s) => ({ node: s.id, ring: s.ring.join(',') }));
  return {
    checker: 'membership',
    valid: disagree.length === 0,
    summary: disagree.length === 0 ? `all ${o.snapshots.length} running nodes agree on the ring {${expected}}` : `${disagree.length} node(s) see another ring than {${expected}}, e.g. ${disagree[0]?.node}: {${disagree[0]?.ring}}`,
    evidence: { expected: up, disagree },
  };
}
