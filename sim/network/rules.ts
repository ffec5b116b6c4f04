import { describeDistribution, type Distribution } from '../distributions.ts';
import type { NodeId } from '../node-api.ts';
import type { LinkIndex } from './links.ts';

/**
 * Which directed links a rule or a hold applies to. An omitted side means "every node" — never a
 * client: faults apply between nodes only unless a rule names a client explicitly (DESIGN.md §4).
 * A node's messages to itself never cross the network, so no rule, hold or cut touches them.
 */
export interface LinkFilter {
  readonly from?: readonly NodeId[];
  readonly to?: readonly NodeId[];
}

/**
 * One rule of the network's ordered chain (plain JSON, so fault plans can add them).
 *
 * Fate rules — `loss`, `duplicate`, `corrupt` — are tried in chain order; the first one that does
 * not pass (its link matches and its coin with probability `p` comes up) decides the message's
 * fate: dropped, delivered as `copies` copies (default 2), or delivered with one leaf of the
 * payload changed. When every fate rule passes, one intact copy is delivered.
 *
 * Delay rules shape how each delivered copy travels; for each kind the first rule in chain order
 * whose link matches applies: `latency` replaces the base latency distribution; `reorder` adds,
 * with probability `p` (default 1), an independent extra delay to each copy so later messages can
 * overtake it; `capacity` makes the link a FIFO queue serving `msgsPerSec` (each copy holds the
 * link for a whole number of microseconds, at least one, so rates above 1,000,000 act as
 * 1,000,000), with at most `queueMax` copies waiting (default 10,000; beyond it copies are
 * dropped as 'capacity-full').
 */
export type NetworkRule = LinkFilter &
  (
    | { readonly kind: 'loss'; readonly p: number }
    | { readonly kind: 'duplicate'; readonly p: number; readonly copies?: number }
    | { readonly kind: 'corrupt'; readonly p: number }
    | { readonly kind: 'latency'; readonly latency: Distribution }
    | { readonly kind: 'reorder'; readonly p?: number; readonly extraUs: Distribution }
    | { readonly kind: 'capacity'; readonly msgsPerSec: number; readonly queueMax?: number }
  );

export type NetworkRuleKind = NetworkRule['kind'];

/** The rule kinds in a fixed order (validation messages, nemesis draws). */
export const networkRuleKinds: readonly NetworkRuleKind[] = ['loss', 'duplicate', 'corrupt', 'latency', 'reorder', 'capacity'];

/** Copies a duplicate rule may ask for at most: a limit, so one message cannot flood a run. */
export const duplicateCopiesMax = 10;

/** Default bound on the copies waiting on a capacity-limited link. */
export const capacityQueueMaxDefault = 10_000;

/**
 * The filter as two masks over endpoint numbers: link `from -> to` is selected when
 * `from[from] === 1 && to[to] === 1`.
 */
export function filterMasks(filter: LinkFilter, links: LinkIndex): { from: Uint8Array; to: Uint8Array } {
  return { from: sideMask(filter.from, links), to: sideMask(filter.to, links) };
}

/** A short human description, e.g. `loss p=0.1 n1 -> *`. */
export function describeRule(rule: NetworkRule): string {
  return `${describeEffect(rule)}${describeFilter(rule)}`;
}

/** ` from -> to` for a restricted filter, empty for "all node links". */
export function describeFilter(filter: LinkFilter): string {
  if (filter.from === undefined && filter.to === undefined) return '';
  return ` ${filter.from?.join(',') ?? '*'} -> ${filter.to?.join(',') ?? '*'}`;
}

function describeEffect(rule: NetworkRule): string {
  switch (rule.kind) {
    case 'loss':
    case 'corrupt':
      return `${rule.kind} p=${rule.p}`;
    case 'duplicate':
      return `duplicate p=${rule.p} x${rule.copies ?? 2}`;
    case 'latency':
      return `latency ${describeDistribution(rule.latency)}`;
    case 'reorder':
      return `reorder p=${rule.p ?? 1} extra ${describeDistribution(rule.extraUs)}`;
    case 'capacity':
      return `capacity ${rule.msgsPerSec} msgs/s`;
  }
}

function sideMask(ids: readonly NodeId[] | undefined, links: LinkIndex): Uint8Array {
  const mask = new Uint8Array(links.size);
  if (ids === undefined) {
    mask.fill(1, 0, links.nodeCount);
    return mask;
  }
  for (const id of ids) mask[links.indexOf(id)] = 1;
  return mask;
}
