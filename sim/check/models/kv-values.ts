import type { Value } from '../../history.ts';
import { PairTable } from '../pair-table.ts';
import { canonicalText, valuesEqual } from '../value.ts';

/** Appended values named before the (parent, suffix) table forgets and names anew. */
const appendedMax = 1 << 21;
/** Base of the polynomial string hash (mod 2^32). */
const hashBase = 0x01000193;

/** The polynomial hash of a string: Σ code(i) · base^(n-1-i) mod 2^32. */
function textHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, hashBase) + text.charCodeAt(i)) | 0;
  return hash;
}

/** base^exponent mod 2^32. */
function hashPower(exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, hashBase);
  return result;
}

/**
 * The values of a kv history as small integer ids, so states hash and compare as integers and
 * appends build no strings: a written value is named by its text, an appended one by (the id it
 * extends, the suffix), like a rope. Comparing a rope with a read's result walks the suffixes
 * from the end without building the string, and a length mismatch answers at once. The same text
 * reached both ways gets two ids, which only costs a missed cache hit in the search. Every string
 * id also carries a polynomial hash, extended on append in O(1), so most unequal reads are told
 * apart by length or hash before any characters are compared.
 */
export class KvValues {
  private readonly writtenIds = new Map<string, number>();
  /** Ids of written finite numbers (see `writtenNumber`). */
  private readonly numberIds = new Map<number, number>();
  private readonly appendedIds = new PairTable({ entriesMax: appendedMax });
  private readonly suffixIds = new Map<string, number>();
  /** For a written id its value, for an appended one its suffix. */
  private readonly payload: Value[] = [];
  /** For an appended id the id it extends, -1 for a written one. */
  private readonly parent: number[] = [];
  /** String length, or -1 for a written value that is not a string. */
  private readonly length: number[] = [];
  /** `textHash` of the string, 0 for other values. */
  private readonly hash: number[] = [];
  private readonly suffixPowers: number[] = [];
  private readonly suffixHashes: number[] = [];
  private readonly observedHashes = new Map<string, number>();
  /** Per observed string, the hashes of its prefixes by length. */
  private readonly prefixHashes = new Map<string, Int32Array>();

  written(value: Value): number {
    if (typeof value === 'number' && Number.isFinite(value)) return this.writtenNumber(value);
    const text = typeof value === 'string' ? value : `\u0000${canonicalText(value)}`;
    let id = this.writtenIds.get(text);
    if (id === undefined) {
      id = typeof value === 'string' ? this.add(value, -1, value.length, textHash(value)) : this.add(value, -1, -1, 0);
      this.writtenIds.set(text, id);
    }
    return id;
  }

  /**
   * Finite numbers, the values simulator histories mostly write, are named by the number itself:
   * no other value has the text of a finite number (NaN and the infinities share null's), so
   * they need no text.
   */
  private writtenNumber(value: number): number {
    let id = this.numberIds.get(value);
    if (id === undefined) {
      id = this.add(value, -1, -1, 0);
      this.numberIds.set(value, id);
    }
    return id;
  }

  /** The id of value `id` with `suffix` appended; `id` must name a string. */
  appended(id: number, suffix: string): number {
    let suffixId = this.suffixIds.get(suffix);
    if (suffixId === undefined) {
      suffixId = this.suffixIds.size;
      this.suffixIds.set(suffix, suffixId);
      this.suffixPowers.push(hashPower(suffix.length));
      this.suffixHashes.push(textHash(suffix));
    }
    let appendedId = this.appendedIds.get(id, suffixId, -1);
    if (appendedId === -1) {
      const hash = (Math.imul(this.hash[id]!, this.suffixPowers[suffixId]!) + this.suffixHashes[suffixId]!) | 0;
      appendedId = this.add(suffix, id, this.length[id]! + suffix.length, hash);
      this.appendedIds.set(id, suffixId, appendedId);
    }
    return appendedId;
  }

  isString(id: number): boolean {
    return this.length[id]! >= 0;
  }

  /** Whether value `id` equals `observed`, without building appended strings. */
  equals(id: number, observed: Value): boolean {
    if (typeof observed !== 'string') return this.parent[id] === -1 && valuesEqual(this.payload[id] as Value, observed);
    if (this.length[id] !== observed.length) return false;
    let observedHash = this.observedHashes.get(observed);
    if (observedHash === undefined) {
      observedHash = textHash(observed);
      this.observedHashes.set(observed, observedHash);
    }
    if (this.hash[id] !== observedHash) return false;
    let end = observed.length;
    let at = id;
    for (;;) {
      const piece = this.payload[at] as string;
      if (this.parent[at] === -1) return end === piece.length && observed.startsWith(piece);
      end -= piece.length;
      if (!observed.startsWith(piece, end)) return false;
      at = this.parent[at]!;
    }
  }

  /**
   * False when string value `id` is certainly not a prefix of `observed` (too long, or its hash
   * differs from the hash of `observed`'s prefix of its length); true when it may be. Values that
   * are not strings may be anything: true.
   */
  mayPrefix(id: number, observed: string): boolean {
    const length = this.length[id]!;
    if (length < 0) return true;
    if (length > observed.length) return false;
    let prefixes = this.prefixHashes.get(observed);
    if (prefixes === undefined) {
      prefixes = new Int32Array(observed.length + 1);
      for (let i = 0; i < observed.length; i++) prefixes[i + 1] = (Math.imul(prefixes[i]!, hashBase) + observed.charCodeAt(i)) | 0;
      this.prefixHashes.set(observed, prefixes);
    }
    return prefixes[length] === this.hash[id];
  }

  /** The value itself (builds appended strings; for evidence, not the search). */
  value(id: number): Value {
    const pieces: string[] = [];
    let at = id;
    while (this.parent[at] !== -1) {
      pieces.push(this.payload[at] as string);
      at = this.parent[at]!;
    }
    if (pieces.length === 0) return this.payload[at] as Value;
    pieces.push(this.payload[at] as string);
    return pieces.reverse().join('');
  }

  private add(payload: Value, parent: number, length: number, hash: number): number {
    this.payload.push(payload);
    this.parent.push(parent);
    this.length.push(length);
    this.hash.push(hash);
    return this.payload.length - 1;
  }
}
