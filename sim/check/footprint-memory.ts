import { ConfigurationCache } from './configuration-cache.ts';
import { LinearizedSet } from './linearized-set.ts';
import type { Model } from './model.ts';

/**
 * What the search learns about each footprint on its own, kept across the rest of the state.
 * A footprint's sub-configuration is its linearized operations and its part of the state
 * (Model.footprintKey); which of its operations may go next, and whether any order of its
 * remaining ones works, depend on nothing else.
 *
 * - Dead ends (nogood learning): when a configuration's failure depends on footprint F alone, no
 *   order of F's remaining operations works from F's sub-configuration, so any later
 *   configuration where F stands the same is a dead end too, whatever other footprints did
 *   meanwhile. Without this, the unsplit search of a map re-learns one key's dead ends once for
 *   every combination of the other keys' choices.
 * - Last choices: after backjumping over other footprints' choices, the search makes them again
 *   from the same sub-configurations; trying first the operation chosen last time there skips
 *   the candidates already known to be dead ends. Only the order of trying changes.
 *
 * Each footprint's linearized operations are a bitset over that footprint's own operations, and
 * the (footprint, part key) pair is interned as one id, so ConfigurationCaches hold the pairs.
 * Memory is bounded by `bytesMax` per table; past it, nothing more is remembered (the search only
 * gets slower, never wrong).
 */
export class FootprintMemory<State> {
  private readonly model: Model<State>;
  /** Per footprint id, the footprint as the model gave it. */
  private readonly footprints: readonly (string | number)[];
  /** Per operation, its footprint id and its index among that footprint's operations. */
  private readonly footIds: Int32Array;
  private readonly localIndices: Int32Array;
  private readonly linearized: LinearizedSet[];
  /** Per footprint id, its part keys' interned ids (unique across footprints). */
  private readonly partIds: Map<string | number, number>[];
  private partCount = 0;
  private readonly dead: ConfigurationCache;
  /** Sub-configurations a choice was made from; the tag is the operation chosen last. */
  private readonly choices: ConfigurationCache;
  /** Whether a table reached its memory limit: it then stops taking new entries. */
  private deadFull = false;
  private choicesFull = false;

  constructor(options: {
    readonly model: Model<State>;
    readonly footprints: readonly (string | number)[];
    readonly footIds: Int32Array;
    readonly bytesMax: number;
  }) {
    const { footprints, footIds } = options;
    this.model = options.model;
    this.footprints = footprints;
    this.footIds = footIds;
    this.localIndices = new Int32Array(footIds.length);
    const counts = new Int32Array(footprints.length);
    for (let op = 0; op < footIds.length; op++) {
      const footId = footIds[op]!;
      if (footId >= 0) this.localIndices[op] = counts[footId]!++;
    }
    this.linearized = Array.from(counts, (count) => new LinearizedSet(count));
    this.partIds = footprints.map(() => new Map());
    this.dead = new ConfigurationCache({ bytesMax: options.bytesMax });
    this.choices = new ConfigurationCache({ bytesMax: options.bytesMax });
  }

  /** Follows the search: operation `op` was linearized. */
  add(op: number): void {
    const footId = this.footIds[op]!;
    if (footId >= 0) this.linearized[footId]!.add(this.localIndices[op]!);
  }

  /** Follows the search: operation `op` was taken back. */
  remove(op: number): void {
    const footId = this.footIds[op]!;
    if (footId >= 0) this.linearized[footId]!.remove(this.localIndices[op]!);
  }

  /** Whether footprint `footId`, as linearized now and with its part of `state`, is a known dead end. */
  isDead(footId: number, state: State): boolean {
    const set = this.linearized[footId]!;
    const partId = this.partId(footId, state, false);
    return partId >= 0 && this.dead.has(set.words, set, partId);
  }

  /** Remembers that footprint `footId`, as linearized now and with its part of `state`, is a dead end. */
  recordDead(footId: number, state: State): void {
    if (this.deadFull) return;
    const set = this.linearized[footId]!;
    if (this.dead.add(set.words, set, this.partId(footId, state, true)) === -1) this.deadFull = true;
  }

  /**
   * The entry that keeps the last choice made from footprint `footId`'s sub-configuration, as
   * linearized now and with its part of `state`: read it with `lastChoice`, write it with
   * `setLastChoice`. -1 when memory is full.
   */
  choiceEntry(footId: number, state: State): number {
    if (this.choicesFull) return -1;
    const set = this.linearized[footId]!;
    if (this.choices.add(set.words, set, this.partId(footId, state, true)) === -1) {
      this.choicesFull = true;
      return -1;
    }
    return this.choices.lastEntry;
  }

  /** The operation last chosen from the entry's sub-configuration, or -1. */
  lastChoice(entry: number): number {
    return this.choices.tag(entry);
  }

  setLastChoice(entry: number, op: number): void {
    this.choices.setTag(entry, op);
  }

  /**
   * The interned id of footprint `footId`'s part of `state`; -1 when it is new and `intern` is
   * false. There are at most as many as the search has model states.
   */
  private partId(footId: number, state: State, intern: boolean): number {
    const key = this.model.footprintKey!(state, this.footprints[footId]!);
    const ids = this.partIds[footId]!;
    let id = ids.get(key);
    if (id === undefined) {
      if (!intern) return -1;
      id = this.partCount++;
      ids.set(key, id);
    }
    return id;
  }
}
