import { simAssert } from './assert.ts';
import type { Distribution } from './distributions.ts';
import { describeDistribution, sampleUs, validateDistribution } from './distributions.ts';
import type { DiskFault } from './disk/disk-fault.ts';
import { FileBytes } from './disk/file-bytes.ts';
import { FsyncQueue } from './disk/fsync-queue.ts';
import type { Disk, DiskReadResult, DiskWriteResult } from './node-api.ts';
import type { Rng } from './rng.ts';

export type { DiskFault, DiskFaultKind } from './disk/disk-fault.ts';
export { CORRUPT_BYTES_MAX, diskFaultKinds, isDiskFaultKind, validateDiskFault } from './disk/disk-fault.ts';

/** How a node's disk behaves when no fault is in force. */
export interface DiskOptions {
  /** Latency of one fsync, from the call to its callback. */
  fsyncUs: Distribution;
  /** Chance that, at a crash, a file's last unsynced append survives as a torn (strict) prefix. */
  tornWriteP?: number;
  /** Largest size of one file; a write or append past it fails with 'disk-full'. */
  fileBytesMax?: number;
  /** Largest total size of all files; a write or append past it fails with 'disk-full'. */
  diskBytesMax?: number;
}

/**
 * The defaults: an SSD-like fsync of 0.5–2 ms, torn appends at one crash in three (often enough
 * that recovery code meets them in every chaos run), and limits that keep a run's memory bounded.
 */
export const DEFAULT_DISK_OPTIONS: Readonly<Required<DiskOptions>> = {
  fsyncUs: { kind: 'uniform', minUs: 500, maxUs: 2000 },
  tornWriteP: 0.3,
  fileBytesMax: 16 * 1024 * 1024,
  diskBytesMax: 64 * 1024 * 1024,
};

/** More fsyncs than this in flight at once is a runaway node: the excess fail with 'io-error'. */
export const FSYNCS_PENDING_MAX = 100_000;

/** The faults in force on a disk and its fsync backlog. */
export interface DiskStatus {
  readonly full: boolean;
  readonly stalled: boolean;
  /** Files whose reads fail, or 'all'. */
  readonly readErrors: 'all' | readonly string[];
  readonly slowFsyncUs?: Distribution;
  readonly fsyncsPending: number;
}

/** Schedules `fn` after `delayUs` of simulated time (the kernel's event queue). */
export type DiskSchedule = (delayUs: number, fn: () => void) => void;

interface FileEntry {
  /** Identifies this life of the file: a remove and re-create gives a new one. */
  readonly generation: number;
  /** What reads see: every write and append, synced or not. */
  cache: FileBytes;
  /** What survives a crash; undefined when the file was never synced. */
  durable: FileBytes | undefined;
  /** Length of the last append, while nothing but that append may have followed it. */
  lastAppendBytes: number;
}

interface PendingFsync {
  readonly file: string;
  /** The content at the call; undefined when the file did not exist. */
  readonly snapshot: FileBytes | undefined;
  readonly generation: number;
  readonly done: (result: DiskWriteResult) => void;
  /** The disk's incarnation at the call: a crash since then silences the callback. */
  readonly incarnation: number;
  /** Its latency has passed; it completes once every earlier fsync has. */
  ready: boolean;
}

/** Results without a payload, shared (read-only by type): every append and fsync returns one. */
const OK: DiskWriteResult = { ok: true };
const DISK_FULL: DiskWriteResult = { ok: false, error: 'disk-full' };
const NOT_FOUND: DiskWriteResult = { ok: false, error: 'not-found' };
const IO_ERROR: DiskWriteResult = { ok: false, error: 'io-error' };

/**
 * One node's disk (DESIGN.md §5): named files with byte semantics. Writes and appends land in a
 * volatile page cache that reads see at once; `fsync` snapshots the file's content and makes it
 * durable after a latency drawn from a distribution. A crash keeps only durable content (plus,
 * sometimes, a torn prefix of the last append) and silences pending fsync callbacks. Faults are
 * values a node can observe, never exceptions. Removing a file is durable at once (the simulator
 * treats metadata as synchronous, so there is no directory fsync to forget).
 *
 * The disk outlives node incarnations: the kernel passes the same SimDisk to each restart.
 */
export class SimDisk implements Disk {
  private readonly options: Readonly<Required<DiskOptions>>;
  private readonly schedule: DiskSchedule;
  private readonly fsyncRng: Rng;
  private readonly tornRng: Rng;
  private readonly corruptRng: Rng;
  private readonly corruptFileRng: Rng;
  private readonly files = new Map<string, FileEntry>();
  private readonly pending = new FsyncQueue<PendingFsync>();
  private incarnation = 0;
  private generationNext = 1;
  private cacheBytesTotal = 0;
  private full = false;
  private stalled = false;
  private readErrorAll = false;
  private readonly readErrorFiles = new Set<string>();
  private slowFsyncUs: Distribution | undefined;

  constructor(o: { rng: Rng; options?: Partial<DiskOptions>; schedule: DiskSchedule }) {
    this.options = { ...DEFAULT_DISK_OPTIONS, ...o.options };
    assertOptions(this.options);
    this.schedule = o.schedule;
    // A stream per purpose: a corruption fault does not shift the fsync latencies after it.
    this.fsyncRng = o.rng.fork('fsync');
    this.tornRng = o.rng.fork('torn');
    this.corruptRng = o.rng.fork('corrupt');
    // The file choice has a stream of its own: the resolved fault names the file, so its replay
    // makes no choice, and the byte positions drawn after it must not depend on whether it did.
    this.corruptFileRng = o.rng.fork('corrupt-file');
  }

  read(file: string): DiskReadResult {
    if (this.readErrorAll || this.readErrorFiles.has(file)) return { ok: false, error: 'io-error' };
    const entry = this.files.get(file);
    return entry === undefined ? { ok: false, error: 'not-found' } : { ok: true, bytes: entry.cache.copy() };
  }

  write(file: string, bytes: Uint8Array): DiskWriteResult {
    const entry = this.files.get(file);
    const refusal = this.refuse(bytes.length, entry?.cache.length ?? 0);
    if (refusal !== undefined) return refusal;
    const target = entry ?? this.create(file);
    this.cacheBytesTotal += bytes.length - target.cache.length;
    target.cache = FileBytes.copyOf(bytes);
    target.lastAppendBytes = 0;
    return OK;
  }

  append(file: string, bytes: Uint8Array): DiskWriteResult {
    const entry = this.files.get(file);
    const sizeBefore = entry?.cache.length ?? 0;
    const refusal = this.refuse(sizeBefore + bytes.length, sizeBefore);
    if (refusal !== undefined) return refusal;
    const target = entry ?? this.create(file);
    this.cacheBytesTotal += bytes.length;
    target.cache = target.cache.append(bytes);
    target.lastAppendBytes = bytes.length;
    return OK;
  }

  remove(file: string): DiskWriteResult {
    const entry = this.files.get(file);
    if (entry === undefined) return NOT_FOUND;
    this.cacheBytesTotal -= entry.cache.length;
    this.files.delete(file);
    return OK;
  }

  list(): string[] {
    return sortedNames(this.files.keys());
  }

  fsync(file: string, done: (result: DiskWriteResult) => void): void {
    if (this.pending.size >= FSYNCS_PENDING_MAX) {
      this.refuseFsync(done);
      return;
    }
    const entry = this.files.get(file);
    const p: PendingFsync = { file, snapshot: entry?.cache, generation: entry?.generation ?? 0, done, incarnation: this.incarnation, ready: false };
    this.pending.push(p);
    const latencyUs = sampleUs(this.fsyncRng, this.slowFsyncUs ?? this.options.fsyncUs);
    this.schedule(latencyUs, () => this.fsyncDue(p));
  }

  /** An fsync's latency has passed: it completes now, or when the earlier ones have. */
  private fsyncDue(p: PendingFsync): void {
    if (this.incarnation !== p.incarnation) return;
    p.ready = true;
    this.drain();
  }

  /** A runaway backlog: the fsync fails, from an event of its own as a completion would. */
  private refuseFsync(done: (result: DiskWriteResult) => void): void {
    const incarnation = this.incarnation;
    this.schedule(0, () => {
      if (this.incarnation === incarnation) done(IO_ERROR);
    });
  }

  /**
   * The node crashed: the page cache is lost, so each file falls back to its durable content.
   * A file whose only unsynced change is its last append keeps, with probability tornWriteP, a
   * random strict prefix of that append. Pending fsyncs are forgotten; their callbacks never run.
   */
  crash(): void {
    this.incarnation++;
    this.pending.clear();
    this.cacheBytesTotal = 0;
    for (const name of this.list()) {
      const entry = this.files.get(name) as FileEntry;
      const survivor = this.tornPrefix(entry) ?? entry.durable;
      if (survivor === undefined) {
        this.files.delete(name);
        continue;
      }
      entry.cache = survivor;
      entry.durable = survivor;
      entry.lastAppendBytes = 0;
      this.cacheBytesTotal += survivor.length;
    }
  }

  /** Puts a fault in force; returns its concrete, replayable form and a label for people. */
  apply(f: DiskFault): { resolved: DiskFault; label: string } {
    const on = `disk ${f.node}`;
    switch (f.kind) {
      case 'disk-full':
        this.full = true;
        return { resolved: f, label: `${on} full: writes and appends fail with disk-full` };
      case 'disk-stall':
        this.stalled = true;
        return { resolved: f, label: `${on} stalled: fsyncs do not complete` };
      case 'disk-corrupt':
        return this.corrupt(f);
      case 'disk-read-error':
        if (f.file === undefined) this.readErrorAll = true;
        else this.readErrorFiles.add(f.file);
        return { resolved: f, label: `${on} read errors: reads of ${f.file === undefined ? 'every file' : `"${f.file}"`} fail with io-error` };
      case 'disk-slow':
        this.slowFsyncUs = f.fsyncUs;
        return { resolved: f, label: `${on} slow: fsync takes ${describeDistribution(f.fsyncUs)}` };
      case 'disk-clear':
        this.clearFaults();
        return { resolved: f, label: `${on} cleared: full, stall, read errors and slowness end` };
    }
  }

  /** The content that would survive a crash now, by file name (sorted); copies. */
  durableFiles(): ReadonlyMap<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const name of this.list()) {
      const durable = this.files.get(name)?.durable;
      if (durable !== undefined) out.set(name, durable.copy());
    }
    return out;
  }

  /** The faults in force and the backlog, for traces and reports. */
  status(): DiskStatus {
    const readErrors: DiskStatus['readErrors'] = this.readErrorAll ? 'all' : sortedNames(this.readErrorFiles);
    const base = { full: this.full, stalled: this.stalled, readErrors, fsyncsPending: this.pending.size };
    return this.slowFsyncUs === undefined ? base : { ...base, slowFsyncUs: this.slowFsyncUs };
  }

  private create(file: string): FileEntry {
    const entry: FileEntry = { generation: this.generationNext++, cache: FileBytes.empty, durable: undefined, lastAppendBytes: 0 };
    this.files.set(file, entry);
    return entry;
  }

  /** The reason a file of `sizeAfter` bytes (replacing `sizeBefore`) cannot be stored, if any. */
  private refuse(sizeAfter: number, sizeBefore: number): DiskWriteResult | undefined {
    const tooBig =
      this.full || sizeAfter > this.options.fileBytesMax || this.cacheBytesTotal - sizeBefore + sizeAfter > this.options.diskBytesMax;
    return tooBig ? DISK_FULL : undefined;
  }

  /** Completes ready fsyncs in issue order, unless the disk is stalled. */
  private drain(): void {
    if (this.stalled) return;
    for (let limit = this.pending.size; limit > 0; limit--) {
      const p = this.pending.takeReady();
      if (p === undefined) return;
      p.done(this.complete(p));
    }
  }

  private complete(p: PendingFsync): DiskWriteResult {
    if (p.snapshot === undefined) return NOT_FOUND;
    const entry = this.files.get(p.file);
    // A file removed (and maybe re-created) since the call keeps its removal: the snapshot is moot.
    if (entry !== undefined && entry.generation === p.generation) entry.durable = p.snapshot;
    return OK;
  }

  private tornPrefix(entry: FileEntry): FileBytes | undefined {
    const appended = entry.lastAppendBytes;
    if (appended < 2) return undefined;
    const base = entry.durable ?? FileBytes.empty;
    const onlyTheAppendIsUnsynced = entry.cache.length === base.length + appended && entry.cache.startsWith(base);
    if (!onlyTheAppendIsUnsynced || !this.tornRng.chance(this.options.tornWriteP)) return undefined;
    return entry.cache.prefix(base.length + this.tornRng.int({ min: 1, max: appended - 1 }));
  }

  private corrupt(f: DiskFault & { kind: 'disk-corrupt' }): { resolved: DiskFault; label: string } {
    const on = `disk ${f.node}`;
    const name = f.file ?? this.pickNonEmptyFile();
    const entry = name === undefined ? undefined : this.files.get(name);
    if (name === undefined || entry === undefined || entry.cache.length === 0) {
      const what = name === undefined ? 'no file has content' : `"${name}" has no content`;
      return { resolved: f, label: `${on} corrupt: nothing to corrupt (${what})` };
    }
    const count = Math.min(f.bytes ?? 1, entry.cache.length);
    const flips = distinctIndices(this.corruptRng, { count, below: entry.cache.length }).map((index) => ({
      index,
      mask: this.corruptRng.int({ min: 1, max: 255 }),
    }));
    entry.cache = entry.cache.withFlips(flips);
    const durable = entry.durable;
    if (durable !== undefined) entry.durable = durable.withFlips(flips.filter((flip) => flip.index < durable.length));
    entry.lastAppendBytes = 0;
    return { resolved: { kind: 'disk-corrupt', node: f.node, file: name, bytes: count }, label: `${on} corrupt: flipped ${count} byte(s) of "${name}"` };
  }

  private pickNonEmptyFile(): string | undefined {
    const names = this.list().filter((name) => (this.files.get(name)?.cache.length ?? 0) > 0);
    return names.length === 0 ? undefined : this.corruptFileRng.pick(names);
  }

  private clearFaults(): void {
    this.full = false;
    this.readErrorAll = false;
    this.readErrorFiles.clear();
    this.slowFsyncUs = undefined;
    if (this.stalled) {
      this.stalled = false;
      // Through the event queue, so the backlog's callbacks run as events of their own, in order.
      this.schedule(0, () => this.drain());
    }
  }
}

/** `count` distinct integers in [0, below), in increasing order (Floyd's sampling: exactly `count` draws). */
function distinctIndices(rng: Rng, o: { count: number; below: number }): number[] {
  const chosen = new Set<number>();
  for (let j = o.below - o.count; j < o.below; j++) {
    const t = rng.int({ min: 0, max: j });
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function assertOptions(o: Readonly<Required<DiskOptions>>): void {
  const fsyncError = validateDistribution(o.fsyncUs, 'disk options fsyncUs');
  simAssert(fsyncError === undefined, fsyncError ?? '');
  simAssert(o.tornWriteP >= 0 && o.tornWriteP <= 1, `disk options: tornWriteP must be in [0, 1]; got ${o.tornWriteP}`);
  for (const [field, value] of [
    ['fileBytesMax', o.fileBytesMax],
    ['diskBytesMax', o.diskBytesMax],
  ] as const) {
    simAssert(Number.isSafeInteger(value) && value >= 0, `disk options: ${field} must be a non-negative integer; got ${value}`);
  }
}
