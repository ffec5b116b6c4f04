import { samplerOf, type Distribution } from '../distributions.ts';
import type { Rng } from '../rng.ts';
import { LinkQueue } from './capacity.ts';
import type { LinkIndex } from './links.ts';
import { capacityQueueMaxDefault, filterMasks, type NetworkRule } from './rules.ts';

type RuleOf<K extends NetworkRule['kind']> = Extract<NetworkRule, { kind: K }>;
export type FateRule = RuleOf<'loss'> | RuleOf<'duplicate'> | RuleOf<'corrupt'>;

/** A rule in force, with the links it selects and, for capacity, its per-link queues. */
export class ActiveRule {
  readonly rule: NetworkRule;
  private readonly from: Uint8Array;
  private readonly to: Uint8Array;
  private readonly queues = new Map<number, LinkQueue>();

  constructor(o: { rule: NetworkRule; links: LinkIndex }) {
    this.rule = o.rule;
    const masks = filterMasks(o.rule, o.links);
    this.from = masks.from;
    this.to = masks.to;
  }

  selects(from: number, to: number): boolean {
    return this.from[from] === 1 && this.to[to] === 1;
  }

  /** The capacity queue of one link (capacity rules only); it lives as long as the rule. */
  queueFor(link: number): LinkQueue {
    const rule = this.rule;
    if (rule.kind !== 'capacity') throw new Error(`network: ${rule.kind} rule has no queue`);
    let queue = this.queues.get(link);
    if (queue === undefined) {
      queue = new LinkQueue({ msgsPerSec: rule.msgsPerSec, queueMax: rule.queueMax ?? capacityQueueMaxDefault });
      this.queues.set(link, queue);
    }
    return queue;
  }
}

/**
 * The rule chain as it applies to one directed link, compiled once per link and rule change so
 * routing a message touches only what concerns its link.
 */
export interface LinkPlan {
  readonly rng: Rng;
  readonly latency: Distribution;
  /** `sampleUs(rng, latency)`, compiled once per plan (it runs for every message). */
  readonly sampleLatencyUs: (rng: Rng) => number;
  /** Loss, duplicate and corrupt rules of this link, in chain order. */
  readonly fates: readonly FateRule[];
  readonly reorder: RuleOf<'reorder'> | undefined;
  readonly queue: LinkQueue | undefined;
  /** No fate, reorder or capacity rule: one copy after the latency. */
  readonly plain: boolean;
}

/** Compiles the chain for link `from -> to` (endpoint numbers). */
export function compileLinkPlan(o: {
  rules: readonly ActiveRule[];
  from: number;
  to: number;
  link: number;
  baseLatency: Distribution;
  rng: Rng;
}): LinkPlan {
  const fates: FateRule[] = [];
  let latency: Distribution | undefined;
  let reorder: RuleOf<'reorder'> | undefined;
  let queue: LinkQueue | undefined;
  for (const active of o.rules) {
    if (o.from === o.to || !active.selects(o.from, o.to)) continue;
    const rule = active.rule;
    switch (rule.kind) {
      case 'loss':
      case 'duplicate':
      case 'corrupt':
        fates.push(rule);
        break;
      case 'latency':
        latency ??= rule.latency;
        break;
      case 'reorder':
        reorder ??= rule;
        break;
      case 'capacity':
        queue ??= active.queueFor(o.link);
        break;
    }
  }
  const linkLatency = latency ?? o.baseLatency;
  return {
    rng: o.rng,
    latency: linkLatency,
    sampleLatencyUs: samplerOf(linkLatency),
    fates,
    reorder,
    queue,
    plain: fates.length === 0 && reorder === undefined && queue === undefined,
  };
}
