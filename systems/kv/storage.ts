import type { Disk, DiskWriteResult } from '../../sim/node-api.ts';
import { emptyRegister, newerRegister } from './abd-register.ts';
import type { AbdRegister } from './abd-register.ts';
import { reconcile, sameVersions } from './versions.ts';
import type { ConflictMode, Version } from './versions.ts';
import { Wal } from './wal.ts';
import type { WalRecord } from './wal-payload.ts';
import type { FsyncPolicy } from './wal.ts';

/** What a replica keeps for one key in the Dynamo modes. */
export interface StoredKey {
  readonly versions: readonly Version[];
  /** Held for an unreachable owner (sloppy quorum): to be handed off, then dropped. */
  readonly hinted: boolean;
}

/** What recovery found in the log. */
export interface RecoveryReport {
  readonly records: number;
  readonly corruptRegions: number;
  readonly corruptBytes: number;
  readonly tornTailBytes: number;
  readonly readError: boolean;
}

type Done = (result: DiskWriteResult) => void;

/**
 * The local replica state of a node: the versions of the keys it holds (Dynamo modes) and its
 * ABD registers (linearizable mode). Every change is logged before it is acknowledged; memory
 * is the page cache's view, so reads see a change at once and the log makes it survive a crash.
 * The log is the only durable copy: on restart `recover` rebuilds memory by replaying it, and
 * records that fail their checksum are skipped, never served; other replicas repair the loss.
 */
export class ReplicaStore {
  private readonly data = new Map<string, StoredKey>();
  private readonly registers = new Map<string, AbdRegister>();
  /** Keys whose register in memory may not be durable yet (logged, fsync not confirmed). */
  private readonly unsyncedRegisters = new Set<string>();
  /** `keys()` and `registerKeys()`, kept until a key appears or goes (values change far more often). */
  private sortedKeys: readonly string[] | undefined;
  private sortedRegisterKeys: readonly string[] | undefined;
  private readonly wal: Wal;
  private readonly conflicts: ConflictMode;

  constructor(o: { disk: Disk; fsync: FsyncPolicy; conflicts: ConflictMode }) {
    this.wal = new Wal({ disk: o.disk, file: 'kv.log', policy: o.fsync });
    this.conflicts = o.conflicts;
  }

  recover(): RecoveryReport {
    const log = this.wal.recover();
    for (const record of log.records) {
      if (record.t === 'kv') {
        const current = this.data.get(record.key)?.versions ?? [];
        this.setKey(record.key, { versions: reconcile({ current, incoming: record.versions, conflicts: this.conflicts }), hinted: record.hinted });
      } else if (record.t === 'drop') {
        this.deleteKey(record.key);
      } else {
        this.setRegister(record.key, newerRegister(this.register(record.key), record.reg));
      }
    }
    return {
      records: log.records.length,
      corruptRegions: log.corruptRegions.length,
      corruptBytes: log.corruptRegions.reduce((n, r) => n + r.bytes, 0),
      tornTailBytes: log.tornTailBytes,
      readError: log.readError !== undefined,
    };
  }

  /** Keys held in the Dynamo modes, sorted. */
  keys(): readonly string[] {
    this.sortedKeys ??= [...this.data.keys()].sort(compareText);
    return this.sortedKeys;
  }

  get(key: string): StoredKey | undefined {
    return this.data.get(key);
  }

  versions(key: string): readonly Version[] {
    return this.data.get(key)?.versions ?? [];
  }

  /**
   * Merges versions into a key and calls `done` once the result is durable. A hinted write keeps
   * the key marked hinted only while this node holds nothing it owns for it.
   */
  merge(o: { key: string; incoming: readonly Version[]; hinted: boolean }, done: Done): void {
    const stored = this.data.get(o.key);
    const versions = reconcile({ current: stored?.versions ?? [], incoming: o.incoming, conflicts: this.conflicts });
    const hinted = o.hinted && (stored?.hinted ?? true);
    if (stored !== undefined && stored.hinted === hinted && sameVersions(stored.versions, versions)) {
      this.wal.sync(done);
      return;
    }
    if (this.logged({ t: 'kv', key: o.key, versions, hinted }, done)) this.setKey(o.key, { versions, hinted });
  }

  /** Forgets a key after it was handed off to its owners. */
  drop(key: string, done: Done): void {
    if (!this.data.has(key)) {
      done({ ok: true });
      return;
    }
    if (this.logged({ t: 'drop', key }, done)) this.deleteKey(key);
  }

  /** Keys holding a register (linearizable mode), sorted. */
  registerKeys(): readonly string[] {
    this.sortedRegisterKeys ??= [...this.registers.keys()].sort(compareText);
    return this.sortedRegisterKeys;
  }

  register(key: string): AbdRegister {
    return this.registers.get(key) ?? emptyRegister;
  }

  /** Adopts a register if its tag is higher, and calls `done` once that is durable. */
  storeRegister(key: string, reg: AbdRegister, done: Done): void {
    const current = this.register(key);
    if (newerRegister(current, reg) === current) {
      this.wal.sync(this.confirmingRegister(key, current, done));
      return;
    }
    if (!this.logged({ t: 'abd', key, reg }, this.confirmingRegister(key, reg, done))) return;
    this.setRegister(key, reg);
    this.unsyncedRegisters.add(key);
  }

  /**
   * True when the key's register in memory is known durable (its log record fsynced, per the
   * policy): what a linearizable read may rely on without writing the register back.
   */
  registerDurable(key: string): boolean {
    return !this.unsyncedRegisters.has(key);
  }

  /** `done`, after marking the key's register durable if it is still `reg` and the sync succeeded. */
  private confirmingRegister(key: string, reg: AbdRegister, done: Done): Done {
    return (result) => {
      if (result.ok && this.registers.get(key) === reg) this.unsyncedRegisters.delete(key);
      done(result);
    };
  }

  private setKey(key: string, stored: StoredKey): void {
    if (!this.data.has(key)) this.sortedKeys = undefined;
    this.data.set(key, stored);
  }

  private deleteKey(key: string): void {
    if (this.data.delete(key)) this.sortedKeys = undefined;
  }

  private setRegister(key: string, reg: AbdRegister): void {
    if (!this.registers.has(key)) this.sortedRegisterKeys = undefined;
    this.registers.set(key, reg);
  }

  /**
   * Logs a change; true when the log accepted it, and only then may the caller apply it to
   * memory. A refused append has already been reported to `done`.
   */
  private logged(record: WalRecord, done: Done): boolean {
    const written = this.wal.append(record, done);
    if (!written.ok) done(written);
    return written.ok;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
