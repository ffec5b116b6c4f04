import { simAssert } from '../assert.ts';

/**
 * The backing store a FileBytes view points into. `used` is how far any view has written, so an
 * append may extend the store in place only when nobody else has written past the appender's end.
 */
interface Store {
  bytes: Uint8Array;
  used: number;
}

const CAPACITY_MIN = 64;

/**
 * An immutable byte string that shares storage with the views it was appended from. A disk keeps
 * several versions of a file at once (page cache, durable copy, fsync snapshots) and a log grows
 * by small appends; copying the whole file for each version would make a log of n appends cost
 * O(n²). Appending to a view writes after its end in the shared store when that region is still
 * free, so older, shorter views never see a change.
 */
export class FileBytes {
  private constructor(
    private readonly store: Store,
    readonly length: number,
  ) {}

  static readonly empty: FileBytes = new FileBytes({ bytes: new Uint8Array(0), used: 0 }, 0);

  /** A view holding a private copy of `bytes` (the caller may reuse its buffer). */
  static copyOf(bytes: Uint8Array): FileBytes {
    return new FileBytes({ bytes: bytes.slice(), used: bytes.length }, bytes.length);
  }

  /** This content followed by `bytes`; this view is unchanged. */
  append(bytes: Uint8Array): FileBytes {
    const length = this.length + bytes.length;
    const store = this.store;
    if (store.used === this.length && length <= store.bytes.length) {
      store.bytes.set(bytes, this.length);
      store.used = length;
      return new FileBytes(store, length);
    }
    const grown = new Uint8Array(Math.max(CAPACITY_MIN, length * 2));
    grown.set(store.bytes.subarray(0, this.length));
    grown.set(bytes, this.length);
    return new FileBytes({ bytes: grown, used: length }, length);
  }

  /** A fresh copy of the content, safe to hand to node code. */
  copy(): Uint8Array {
    return this.store.bytes.slice(0, this.length);
  }

  /** The first `length` bytes (sharing storage, like every view). */
  prefix(length: number): FileBytes {
    simAssert(Number.isInteger(length) && length >= 0 && length <= this.length, `FileBytes.prefix: length ${length} outside 0..${this.length}`);
    return new FileBytes(this.store, length);
  }

  /** True when this content begins with all of `other`'s content. */
  startsWith(other: FileBytes): boolean {
    if (other.length > this.length) return false;
    const mine = this.store.bytes;
    const theirs = other.store.bytes;
    if (mine === theirs) return true;
    for (let i = 0; i < other.length; i++) if (mine[i] !== theirs[i]) return false;
    return true;
  }

  /** A copy with the byte at each position XORed with its (non-zero) mask. */
  withFlips(flips: readonly { readonly index: number; readonly mask: number }[]): FileBytes {
    const bytes = this.copy();
    for (const { index, mask } of flips) {
      simAssert(index >= 0 && index < bytes.length && mask >= 1 && mask <= 255, `FileBytes.withFlips: bad flip at ${index} mask ${mask} for length ${bytes.length}`);
      bytes[index] = (bytes[index] as number) ^ mask;
    }
    return new FileBytes({ bytes, used: bytes.length }, bytes.length);
  }
}
