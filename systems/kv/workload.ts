import type { OpRequest, Workload } from '../../sim/client.ts';

export interface KvWorkloadOptions {
  /** Number of keys, named k0, k1, …: few keys make many operations meet on each. */
  readonly keys: number;
  /** Fractions of gets and deletes; the rest are puts. */
  readonly getP: number;
  readonly deleteP: number;
  /** Final-phase reads of each key (over all clients). */
  readonly finalReadsPerKey: number;
}

/**
 * The KV workload: gets, puts and deletes on a small key set. Every put writes a value never
 * written before (1, 2, 3, … across all clients), so a read's value names the write it saw; this
 * is what lets the checkers tell a stale read from a lost write. In the final phase, after
 * heal-all and the quiet period, every key is read `finalReadsPerKey` times.
 */
export function kvWorkload(o: KvWorkloadOptions): Workload {
  const keys = Array.from({ length: o.keys }, (_, i) => `k${i}`);
  const finalReads = keys.flatMap((key) => Array.from({ length: o.finalReadsPerKey }, () => key));
  let nextValue = 1;
  let finalIndex = 0;
  return {
    next({ rng, phase }): OpRequest | undefined {
      if (phase === 'final') {
        const key = finalReads[finalIndex++];
        return key === undefined ? undefined : { f: 'get', key, value: null };
      }
      const key = rng.pick(keys);
      const roll = rng.float();
      if (roll < o.getP) return { f: 'get', key, value: null };
      if (roll < o.getP + o.deleteP) return { f: 'delete', key, value: null };
      return { f: 'put', key, value: nextValue++ };
    },
  };
}
