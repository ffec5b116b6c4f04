import type { Distribution } from '../distributions.ts';
import { validateDistribution } from '../distributions.ts';
import { checkInteger, checkOptionalName, faultFields } from '../fault-fields.ts';
import type { NodeId } from '../node-api.ts';

/**
 * Faults of one node's disk, as plain JSON for fault plans. They stay in force across crashes
 * and restarts of the node (they are the device's state) until a `disk-clear`.
 */
export type DiskFault =
  /** Writes and appends fail with 'disk-full' (removes still work, reads are unaffected). */
  | { readonly kind: 'disk-full'; readonly node: NodeId }
  /** fsync callbacks wait until the stall is cleared, then fire in the order the fsyncs were issued. */
  | { readonly kind: 'disk-stall'; readonly node: NodeId }
  /** Flips `bytes` random bytes (default 1) of `file` (default: a random non-empty file), in the page cache and on the medium. */
  | { readonly kind: 'disk-corrupt'; readonly node: NodeId; readonly file?: string; readonly bytes?: number }
  /** Reads of `file` (default: every file) return 'io-error' until cleared. */
  | { readonly kind: 'disk-read-error'; readonly node: NodeId; readonly file?: string }
  /** fsync latency is drawn from `fsyncUs` instead of the disk's options until cleared. */
  | { readonly kind: 'disk-slow'; readonly node: NodeId; readonly fsyncUs: Distribution }
  /** Ends full, stall, read errors and slowness. Corrupted bytes stay corrupted. */
  | { readonly kind: 'disk-clear'; readonly node: NodeId };

export type DiskFaultKind = DiskFault['kind'];

/** The fields of each kind besides `kind`, in the order messages list them. */
const fieldsOfKind: Readonly<Record<DiskFaultKind, readonly string[]>> = {
  'disk-full': ['node'],
  'disk-stall': ['node'],
  'disk-corrupt': ['node', 'file', 'bytes'],
  'disk-read-error': ['node', 'file'],
  'disk-slow': ['node', 'fsyncUs'],
  'disk-clear': ['node'],
};

/** The kinds in a fixed order (for dispatch, nemesis choice and messages). */
export const diskFaultKinds = Object.keys(fieldsOfKind) as readonly DiskFaultKind[];

/** The most bytes one corruption fault may flip: enough to wreck any record, small enough to stay cheap. */
export const CORRUPT_BYTES_MAX = 1 << 20;

export function isDiskFaultKind(kind: unknown): kind is DiskFaultKind {
  return diskFaultKinds.includes(kind as DiskFaultKind);
}

/**
 * Checks one disk fault of a fault-plan file. Returns a one-line error naming the field and what
 * is expected (the plan validator prefixes the step), or undefined when valid.
 */
export function validateDiskFault(json: unknown, nodeIds: readonly NodeId[]): string | undefined {
  const parsed = faultFields(json, { kinds: fieldsOfKind, optional: ['file', 'bytes'], nodeIds });
  if ('error' in parsed) return parsed.error;
  const f = parsed.fields;
  switch (parsed.kind) {
    case 'disk-full':
    case 'disk-stall':
    case 'disk-clear':
      return undefined;
    case 'disk-corrupt':
      return (
        checkOptionalName(f['file'], 'file') ??
        (f['bytes'] === undefined ? undefined : checkInteger(f['bytes'], { field: 'bytes', min: 1, max: CORRUPT_BYTES_MAX, what: 'bytes to flip' }))
      );
    case 'disk-read-error':
      return checkOptionalName(f['file'], 'file');
    case 'disk-slow':
      return validateDistribution(f['fsyncUs'], 'fault.fsyncUs');
  }
}
