import type { NodeId } from '../../sim/node-api.ts';
import { applyEntry } from './anti-entropy.ts';
import type { SyncEntry } from './messages.ts';
import { majority } from './options.ts';
import type { NodeRuntime } from './runtime.ts';

/**
 * Recovery of a linearizable replica that lost log records (a checksum failed on restart).
 * Such a replica may have acknowledged a register it no longer has; answering reads with its
 * older tag could break the quorum intersection ABD relies on. So it answers no reads until it
 * has heard, for every replica set it belongs to, from enough of the other replicas that any
 * majority it was part of is covered: N - majority + 1 of them. It then holds the highest tag
 * any of its write quorums stored, and rejoins. Writes it may accept meanwhile (storing a higher
 * tag durably is always safe).
 */
export class AbdRepair {
  private readonly heard = new Set<NodeId>();
  private active: boolean;

  constructor(private readonly rt: NodeRuntime, o: { needed: boolean }) {
    this.active = o.needed;
  }

  get repairing(): boolean {
    return this.active;
  }

  /** Asks every peer not yet heard from for its registers. */
  round(): void {
    if (!this.active) return;
    for (const peer of this.rt.ctx.peers) if (!this.heard.has(peer)) this.rt.send(peer, { type: 'abd-dump-req' });
  }

  /** What we send a repairing peer: our registers for keys it replicates. */
  dumpFor(peer: NodeId): SyncEntry[] {
    return this.rt.store
      .registerKeys()
      .filter((key) => this.rt.preferenceList(key).includes(peer))
      .map((key) => ({ key, reg: this.rt.store.register(key) }));
  }

  onDump(from: NodeId, entries: readonly SyncEntry[]): void {
    if (!this.active) return;
    for (const entry of entries) if (entry.reg !== undefined) applyEntry(this.rt, { key: entry.key, reg: entry.reg });
    this.heard.add(from);
    if (this.covered()) {
      this.active = false;
      this.rt.ctx.log('abd-repaired', { from: [...this.heard].sort().join(',') });
    }
  }

  private covered(): boolean {
    const { n } = this.rt.config;
    const needed = n - majority(n) + 1;
    return this.rt
      .ring()
      .arcPreferenceLists(n)
      .filter((list) => list.includes(this.rt.self))
      .every((list) => list.filter((node) => node !== this.rt.self && this.heard.has(node)).length >= Math.min(needed, list.length - 1));
  }
}
