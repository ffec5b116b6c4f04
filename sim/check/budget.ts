/**
 * Limits of one linearizability search. The search is exponential in the worst case, so every
 * run is bounded; hitting a limit yields `unknown`, never a hang or an out-of-memory crash.
 * Without `nowMs` the search is deterministic (simulations check with a configuration budget
 * only); the CLI passes a clock to honour `--budget-ms`.
 */
export interface SearchBudget {
  /** Most (linearized set, state) configurations to record per part. */
  readonly configurationsMax?: number;
  /**
   * Most bytes for the configuration cache per part (bitsets and hash table). A search with
   * footprints (an unsplit map) may use a quarter more to remember each footprint's dead ends
   * and last choices (FootprintMemory).
   */
  readonly cacheBytesMax?: number;
  /** Most distinct model states to keep per part. */
  readonly statesMax?: number;
  /** Wall-clock limit for the whole check (all parts); needs `nowMs`. */
  readonly timeMsMax?: number;
  /** A clock in milliseconds, e.g. `performance.now`; supplied by callers outside the simulation. */
  readonly nowMs?: () => number;
}

export const defaultSearchBudget = {
  configurationsMax: 20_000_000,
  cacheBytesMax: 256 * 1024 * 1024,
  statesMax: 2_000_000,
} as const;
