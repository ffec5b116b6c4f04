import type { Disk, DiskError, DiskWriteResult } from '../../sim/node-api.ts';
import { decodeLog, encodeRecord, encodeRecordView } from './wal-codec.ts';
import type { DecodedLog } from './wal-codec.ts';
import type { WalRecord } from './wal-payload.ts';

/**
 * When a write counts as durable:
 * - 'always': every record is fsynced before it is acknowledged (safe, slowest);
 * - 'batch': group commit, as Cassandra's batch commitlog: records wait for the next fsync,
 *   which covers all records appended while the previous one ran (safe, fewer fsyncs);
 * - 'never': acknowledged once in the page cache and never fsynced, as with a periodic commitlog
 *   whose period is longer than the run: a crash loses everything the node wrote.
 */
export type FsyncPolicy = 'always' | 'batch' | 'never';

type Done = (result: DiskWriteResult) => void;

/** The write-ahead log of one node: append records, learn when they are durable, replay them. */
export class Wal {
  private readonly disk: Disk;
  private readonly file: string;
  private readonly policy: FsyncPolicy;
  private readonly waiting: Done[] = [];
  private syncing = false;

  constructor(o: { disk: Disk; file: string; policy: FsyncPolicy }) {
    this.disk = o.disk;
    this.file = o.file;
    this.policy = o.policy;
  }

  /**
   * Appends a record and returns whether the append reached the page cache; when it did, `done`
   * runs once the record is as durable as the policy promises. A failed append (a full disk)
   * calls nothing: the caller must not apply the change.
   */
  append(record: WalRecord, done: Done): DiskWriteResult {
    const written = this.disk.append(this.file, encodeRecordView(record));
    if (written.ok) this.sync(done);
    return written;
  }

  /**
   * Runs `done` once everything appended so far is durable per the policy: also used when a
   * replica is asked to store what it already has, since that may not be durable yet.
   */
  sync(done: Done): void {
    if (this.policy === 'never') {
      done({ ok: true });
      return;
    }
    if (this.policy === 'always') {
      this.disk.fsync(this.file, done);
      return;
    }
    this.waiting.push(done);
    if (!this.syncing) this.groupCommit();
  }

  private groupCommit(): void {
    const batch = this.waiting.splice(0);
    this.syncing = true;
    this.disk.fsync(this.file, (result) => {
      this.syncing = false;
      for (const done of batch) done(result);
      if (this.waiting.length > 0) this.groupCommit();
    });
  }

  /**
   * Reads and decodes the log; a missing file is an empty log. When the log had a torn tail or
   * damaged records it is rewritten with only the valid ones, so later appends never follow
   * garbage; until that rewrite is durable a crash simply finds (and drops) the damage again.
   */
  recover(): DecodedLog & { readonly readError?: DiskError } {
    const read = this.disk.read(this.file);
    if (!read.ok) {
      const empty = { records: [], corruptRegions: [], tornTailBytes: 0 };
      return read.error === 'not-found' ? empty : { ...empty, readError: read.error };
    }
    const log = decodeLog(read.bytes);
    if (log.tornTailBytes > 0 || log.corruptRegions.length > 0) {
      const frames = log.records.map(encodeRecord);
      const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
      let at = 0;
      for (const frame of frames) {
        bytes.set(frame, at);
        at += frame.length;
      }
      if (this.disk.write(this.file, bytes).ok) this.disk.fsync(this.file, () => {});
    }
    return log;
  }
}
