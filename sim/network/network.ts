import { sampleUs } from '../distributions.ts';
import type { NodeId } from '../node-api.ts';
import type { Rng } from '../rng.ts';
import { corruptMessage } from './corrupt.ts';
import { cutsOf, type Cut } from './cuts.ts';
import type { NetworkFault } from './faults.ts';
import { HoldBuffer } from './hold.ts';
import { ActiveRule, compileLinkPlan, type LinkPlan } from './link-plan.ts';
import { LinkIndex } from './links.ts';
import { defaultNetworkOptions, type NetworkOptions } from './options.ts';
import { describePartition, resolvePartition } from './partition.ts';
import { Reachability } from './reachability.ts';
import { describeFilter, describeRule, duplicateCopiesMax, type NetworkRule } from './rules.ts';

/** Why the network lost a message. */
export type DropReason = 'partition' | 'loss' | 'hold-full' | 'capacity-full';

/** One copy the kernel should deliver `delayUs` from now (an integer), corrupted or intact. */
export interface DeliveryCopy {
  readonly delayUs: number;
  readonly corrupt: boolean;
}

/** The fate of one message. Two or more copies mean it was duplicated. */
export type RouteDecision =
  | { readonly kind: 'drop'; readonly reason: DropReason }
  | { readonly kind: 'hold' }
  | { readonly kind: 'deliver'; readonly copies: readonly DeliveryCopy[] };

/** What `apply` did: the concrete, replayable fault, a label for people, released items. */
export interface AppliedNetworkFault<T> {
  readonly resolved: NetworkFault;
  readonly label: string;
  /** For `release`: the held items in the order they were held, to be routed again. */
  readonly released: T[];
}

const dropPartition: RouteDecision = Object.freeze({ kind: 'drop', reason: 'partition' });
const dropLoss: RouteDecision = Object.freeze({ kind: 'drop', reason: 'loss' });
const dropHoldFull: RouteDecision = Object.freeze({ kind: 'drop', reason: 'hold-full' });
const dropCapacityFull: RouteDecision = Object.freeze({ kind: 'drop', reason: 'capacity-full' });
const held: RouteDecision = Object.freeze({ kind: 'hold' });

/**
 * The simulated network: pure decisions, no scheduling (DESIGN.md §4). The kernel asks `route`
 * what happens to each message sent, schedules the copies, asks `canDeliver` again when a copy
 * arrives, and applies network faults with `apply`. Each link draws from its own rng stream
 * (forked by link name), so traffic on one link never shifts the draws of another.
 *
 * A message passes an ordered chain; the first step that does not pass decides: a partition cut
 * drops it ('partition'); a hold keeps it ('hold', or 'hold-full' past `heldMax`); then the rules
 * (see `NetworkRule`): the first fate rule that fires drops, duplicates or corrupts it; every
 * delivered copy then travels for the link's latency, plus a reorder delay and a capacity-queue
 * wait where such rules apply ('capacity-full' when no copy fits the queue).
 */
export class Network<T> {
  private readonly rng: Rng;
  private readonly links: LinkIndex;
  private readonly reach: Reachability;
  private readonly held: HoldBuffer<T>;
  private readonly options: Required<NetworkOptions>;
  private readonly baseRules: ActiveRule[];
  private faultRules: ActiveRule[] = [];
  /**
   * Compiled plans, made on a link's first message and dropped when the rules change: node-to-node
   * links (the hot ones) in an array by `from * nodeCount + to`, links with a client by link number
   * in a map, so many clients cost memory only for the links they use.
   */
  private readonly nodePlans: (LinkPlan | undefined)[];
  private readonly clientPlans = new Map<number, LinkPlan>();
  private readonly linkRngs = new Map<number, Rng>();
  private readonly partitionRng: Rng;
  private readonly corruptRng: Rng;
  private lastNowUs = 0;

  constructor(o: { rng: Rng; nodeIds: readonly NodeId[]; clientIds: readonly NodeId[]; options: NetworkOptions }) {
    this.rng = o.rng;
    this.links = new LinkIndex({ nodeIds: o.nodeIds, clientIds: o.clientIds });
    this.options = { ...defaultNetworkOptions, ...o.options };
    this.reach = new Reachability(this.links);
    this.nodePlans = new Array<LinkPlan | undefined>(this.links.nodeCount * this.links.nodeCount).fill(undefined);
    this.held = new HoldBuffer<T>({ links: this.links, heldMax: this.options.heldMax });
    this.baseRules = this.options.rules.map((rule) => new ActiveRule({ rule, links: this.links }));
    this.assertRuleLimit();
    this.partitionRng = o.rng.fork('partition');
    this.corruptRng = o.rng.fork('corrupt');
  }

  /**
   * Decides the fate of one message sent now. `m` is read at once and not kept (the caller may
   * reuse it); only `m.item` is kept, and only when the decision is 'hold'.
   */
  route(m: { from: NodeId; to: NodeId; nowUs: number; item: T }): RouteDecision {
    return this.routeIndexed({ from: this.links.indexOf(m.from), to: this.links.indexOf(m.to), nowUs: m.nowUs, item: m.item });
  }

  /**
   * `route` by endpoint number: the position in `[...nodeIds, ...clientIds]` as given to the
   * constructor. It spares the kernel, which numbers endpoints the same way, two map lookups per
   * message.
   */
  routeIndexed(m: { from: number; to: number; nowUs: number; item: T }): RouteDecision {
    this.advance(m.nowUs);
    const { from, to } = m;
    const size = this.links.size;
    if (!(from >= 0 && from < size && to >= 0 && to < size)) throw new Error(`network: no link ${from} -> ${to} among ${size} endpoints`);
    if (!this.reach.reaches(from, to)) return dropPartition;
    if (this.held.holds(from, to)) return this.held.keep(m.item) ? held : dropHoldFull;
    const plan = this.planOf(from, to);
    if (plan.plain) return { kind: 'deliver', copies: [{ delayUs: plan.sampleLatencyUs(plan.rng), corrupt: false }] };
    return this.shape(plan, m.nowUs);
  }

  /**
   * The common fate without allocating: the delay of the single intact copy when the link is
   * reachable, not held and plain (no fate, reorder or capacity rule), else -1 with no rng drawn
   * and nothing kept, so the caller then asks `routeIndexed` and gets the decision it would have
   * got anyway. It draws exactly what `routeIndexed` draws on that path.
   */
  plainDelayUs(from: number, to: number, nowUs: number): number {
    this.advance(nowUs);
    const size = this.links.size;
    if (!(from >= 0 && from < size && to >= 0 && to < size)) return -1;
    if (!this.reach.reaches(from, to) || this.held.holds(from, to)) return -1;
    const plan = this.planOf(from, to);
    return plan.plain ? plan.sampleLatencyUs(plan.rng) : -1;
  }

  /** Re-checked at delivery time: a partition that began while a message was in flight drops it. */
  canDeliver(from: NodeId, to: NodeId): boolean {
    return this.reach.whole() || this.reach.reaches(this.links.indexOf(from), this.links.indexOf(to));
  }

  /** `canDeliver` by endpoint number (see `routeIndexed`). */
  canDeliverIndexed(from: number, to: number): boolean {
    return this.reach.reaches(from, to);
  }

  /**
   * Applies a fault now. Random partition shapes are resolved with the network's rng; the
   * returned `resolved` fault replays identically.
   */
  apply(fault: NetworkFault, nowUs: number): AppliedNetworkFault<T> {
    this.advance(nowUs);
    switch (fault.kind) {
      case 'partition': {
        const partition = resolvePartition(fault.partition, { rng: this.partitionRng, nodeIds: this.nodeIds() });
        this.reach.add(cutsOf(partition, this.nodeIds()));
        return { resolved: { kind: 'partition', partition }, label: `partition ${describePartition(partition)}`, released: [] };
      }
      case 'heal':
        this.reach.heal();
        return { resolved: fault, label: 'heal', released: [] };
      case 'hold':
        this.held.hold(fault);
        return { resolved: fault, label: `hold${describeFilter(fault) || ' all node links'}`, released: [] };
      case 'release': {
        const released = this.held.release();
        return { resolved: fault, label: `release ${released.length} held`, released };
      }
      case 'net-rule':
        this.faultRules.push(new ActiveRule({ rule: fault.rule, links: this.links }));
        this.assertRuleLimit();
        this.dropPlans();
        return { resolved: fault, label: `net-rule ${describeRule(fault.rule)}`, released: [] };
      case 'net-clear':
        this.faultRules = [];
        this.dropPlans();
        return { resolved: fault, label: 'net-clear', released: [] };
    }
  }

  /** Heals every partition, releases every held message (returned in order) and clears fault rules. */
  healAll(nowUs: number): T[] {
    this.apply({ kind: 'heal' }, nowUs);
    this.apply({ kind: 'net-clear' }, nowUs);
    return this.apply({ kind: 'release' }, nowUs).released;
  }

  /** A copy of `m` with one leaf changed, drawn from the network's corruption stream. */
  corrupt<M>(m: M): M {
    return corruptMessage(m, this.corruptRng);
  }

  /** Messages held now, waiting for a release. */
  heldCount(): number {
    return this.held.count();
  }

  /** The directed node links currently cut. */
  cuts(): Cut[] {
    return this.reach.cuts();
  }

  /** The rule chain in force, in order: options' rules, then rules added by faults. */
  rules(): NetworkRule[] {
    return [...this.baseRules, ...this.faultRules].map((a) => a.rule);
  }

  private shape(plan: LinkPlan, nowUs: number): RouteDecision {
    let count = 1;
    let corrupt = false;
    for (const rule of plan.fates) {
      if (!plan.rng.chance(rule.p)) continue;
      if (rule.kind === 'loss') return dropLoss;
      if (rule.kind === 'duplicate') count = Math.min(rule.copies ?? 2, duplicateCopiesMax);
      else corrupt = true;
      break;
    }
    const copies: DeliveryCopy[] = [];
    for (let i = 0; i < count; i++) {
      const waitUs = plan.queue === undefined ? 0 : plan.queue.enqueue(nowUs);
      if (waitUs === undefined) continue;
      const reorder = plan.reorder;
      const extraUs = reorder !== undefined && plan.rng.chance(reorder.p ?? 1) ? sampleUs(plan.rng, reorder.extraUs) : 0;
      copies.push({ delayUs: waitUs + plan.sampleLatencyUs(plan.rng) + extraUs, corrupt });
    }
    return copies.length === 0 ? dropCapacityFull : { kind: 'deliver', copies };
  }

  private planOf(from: number, to: number): LinkPlan {
    const n = this.links.nodeCount;
    const plan = from < n && to < n ? this.nodePlans[from * n + to] : this.clientPlans.get(from * this.links.size + to);
    return plan ?? this.compile({ from, to, link: from * this.links.size + to });
  }

  private dropPlans(): void {
    this.nodePlans.fill(undefined);
    this.clientPlans.clear();
  }

  private compile(o: { from: number; to: number; link: number }): LinkPlan {
    const client = !this.links.isNode(o.from) || !this.links.isNode(o.to);
    const plan = compileLinkPlan({
      from: o.from,
      to: o.to,
      link: o.link,
      rules: this.faultRules.length === 0 ? this.baseRules : [...this.baseRules, ...this.faultRules],
      baseLatency: client ? this.options.clientLatency : this.options.latency,
      rng: this.linkRng(o),
    });
    const n = this.links.nodeCount;
    if (o.from < n && o.to < n) this.nodePlans[o.from * n + o.to] = plan;
    else this.clientPlans.set(o.link, plan);
    return plan;
  }

  private linkRng(o: { from: number; to: number; link: number }): Rng {
    let rng = this.linkRngs.get(o.link);
    if (rng === undefined) {
      rng = this.rng.fork(`link:${this.links.idOf(o.from)}->${this.links.idOf(o.to)}`);
      this.linkRngs.set(o.link, rng);
    }
    return rng;
  }

  private nodeIds(): NodeId[] {
    const ids: NodeId[] = [];
    for (let i = 0; i < this.links.nodeCount; i++) ids.push(this.links.idOf(i));
    return ids;
  }

  private advance(nowUs: number): void {
    if (!(nowUs >= this.lastNowUs)) throw new Error(`network: time went backwards (${nowUs}us after ${this.lastNowUs}us)`);
    this.lastNowUs = nowUs;
  }

  private assertRuleLimit(): void {
    const count = this.baseRules.length + this.faultRules.length;
    if (count > this.options.rulesMax) {
      throw new Error(`network: ${count} rules in the chain, more than rulesMax ${this.options.rulesMax}; add a net-clear step before adding more`);
    }
  }
}
