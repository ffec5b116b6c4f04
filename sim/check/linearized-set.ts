import { operationHash } from './configuration-cache.ts';

/**
 * A set of operation indices (the linearized ones) as a bitset, with what ConfigurationCache
 * stores and hashes kept up to date on every change: a running hash (XOR of the members'
 * `operationHash`), `lowWord` (the first word not all ones; all words before it are) and
 * `highWord` (one past the last non-zero word).
 */
export class LinearizedSet {
  readonly words: Uint32Array;
  hash = 0;
  lowWord = 0;
  highWord = 0;

  constructor(size: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(size / 32)));
  }

  /** Adds `index`, which must not be a member. */
  add(index: number): void {
    const { words } = this;
    const word = index >>> 5;
    words[word]! |= 1 << (index & 31);
    this.hash ^= operationHash(index);
    if (word >= this.highWord) this.highWord = word + 1;
    while (this.lowWord < words.length && words[this.lowWord] === 0xffffffff) this.lowWord++;
  }

  /** Removes `index`, which must be a member. */
  remove(index: number): void {
    const { words } = this;
    const word = index >>> 5;
    words[word]! &= ~(1 << (index & 31));
    this.hash ^= operationHash(index);
    if (word < this.lowWord) this.lowWord = word;
    while (this.highWord > 0 && words[this.highWord - 1] === 0) this.highWord--;
  }
}
