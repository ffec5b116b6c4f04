import { ConfigurationCache } from './configuration-cache.ts';
import { LinearizedSet } from './linearized-set.ts';
import type { Model } from './model.ts';

/**
 * Dead ends of one footprint, remembered across the rest of the state (nogood learning). When a
 * configuration's failure depends on footprint F alone, no order of F's remaining operations
 * works from F's part of the state; that is a fact about F's linearized operations and F's part
 * of the state only (Model.footprintKey), so any later configuration that agrees on both is a
 * dead end too, whatever other footprints did meanwhile. The unsplit search of a map otherwise
 * re-learns one key's dead ends once for every combination of the other keys' choices.
 *
 * Each footprint's linearized operations are a bitset over that footprint's own operations, and
 * the (footprint, part key) pair is interned as one id, so a ConfigurationCache holds the pairs.
 * Memory is bounded by `bytesMax`; past it, nothing more is remembered (the search only gets
 * slower, never wrong).
 */
export class FootprintNogoods<State> {
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
  private readonly cache: ConfigurationCache;
  private full = false;

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
    this.cache = new ConfigurationCache({ bytesMax: options.bytesMax });
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
    return partId >= 0 && this.cache.has(set.words, set, partId);
  }

  /** Remembers that footprint `footId`, as linearized now and with its part of `state`, is a dead end. */
  recordDead(footId: number, state: State): void {
    if (this.full) return;
    const set = this.linearized[footId]!;
    const partId = this.partId(footId, state, true);
    if (this.cache.add(set.words, set, partId) === -1) this.full = true;
  }

  /** The interned id of footprint `footId`'s part of `state`; -1 when new and `intern` is false. */
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
