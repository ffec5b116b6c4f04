import type { CheckResult } from '../sim/check/result.ts';
import type { FaultPlan } from '../sim/faults/plan.ts';
import type { NodeId } from '../sim/node-api.ts';
import { checkConvergence, checkDurability, checkKvLinearizable, checkLostWrites, checkMembership, checkReadValidity } from '../systems/kv/checkers.ts';
import { kvClientProtocol } from '../systems/kv/client.ts';
import { kvMessageDigest, kvMessagePassing } from '../systems/kv/messages.ts';
import type { KvMessage } from '../systems/kv/messages.ts';
import { kvNode } from '../systems/kv/node.ts';
import type { KvHandlers, KvSnapshot } from '../systems/kv/node.ts';
import { defaultKvConfig, validateKvConfig } from '../systems/kv/options.ts';
import type { ConsistencyMode, KvConfig, MembershipChange } from '../systems/kv/options.ts';
import type { ConflictMode } from '../systems/kv/versions.ts';
import type { FsyncPolicy } from '../systems/kv/wal.ts';
import { kvWorkload } from '../systems/kv/workload.ts';
import { booleanOption, enumOption, intOption, numberOption, phaseOptions } from './options.ts';
import type { FaultSource, FinishedRun, ScenarioBuild, ScenarioChecker } from './scenario.ts';

/**
 * What the six kv-* scenarios share: the `kv.*` options (settable with `--set`), and the build
 * of one run from them: cluster, store configuration, clients, workload and checkers. Each
 * scenario file chooses its defaults, its faults and which checkers its story needs.
 */
export type KvOptionValues = {
  'kv.nodes': number;
  'kv.consistency': ConsistencyMode;
  'kv.conflicts': ConflictMode;
  'kv.fsync': FsyncPolicy;
  'kv.n': number;
  'kv.r': number;
  'kv.w': number;
  'kv.sloppy': boolean;
  'kv.hintedHandoff': boolean;
  'kv.readRepair': boolean;
  'kv.vnodes': number;
  'kv.keys': number;
  'kv.clients': number;
  'kv.getP': number;
  'kv.deleteP': number;
  'kv.thinkUsMax': number;
  'kv.requestTimeoutUs': number;
  'kv.antiEntropyUs': number;
  chaosUs: number;
  quietUs: number;
};

export interface KvDefaults {
  readonly nodes: number;
  readonly consistency: ConsistencyMode;
  readonly conflicts: ConflictMode;
  readonly fsync: FsyncPolicy;
  readonly chaosUs: number;
  readonly quietUs: number;
}

export function kvOptionSpecs(d: KvDefaults) {
  return {
    'kv.nodes': intOption({ doc: 'nodes in the cluster (ids n1, n2, …)', min: 3, max: 9, default: d.nodes }),
    'kv.consistency': enumOption({ doc: "'one' (R=W=1), 'quorum' (Dynamo: R/W of N, sloppy) or 'linearizable' (ABD majorities)", values: ['one', 'quorum', 'linearizable'] as const, default: d.consistency }),
    'kv.conflicts': enumOption({ doc: "concurrent versions: 'lww' (highest coordinator timestamp wins) or 'siblings' (keep all)", values: ['lww', 'siblings'] as const, default: d.conflicts }),
    'kv.fsync': enumOption({ doc: "WAL durability: 'always' (fsync per record), 'batch' (group commit), 'never' (page cache only)", values: ['always', 'batch', 'never'] as const, default: d.fsync }),
    'kv.n': intOption({ doc: 'replicas per key', min: 1, max: 9, default: 3 }),
    'kv.r': intOption({ doc: "replies a read waits for ('quorum' mode)", min: 1, max: 9, default: 2 }),
    'kv.w': intOption({ doc: "acknowledgements a write waits for ('quorum' mode)", min: 1, max: 9, default: 2 }),
    'kv.sloppy': booleanOption({ doc: 'sloppy quorum: replace unreachable owners by the next healthy nodes', default: true }),
    'kv.hintedHandoff': booleanOption({ doc: 'fallbacks hand hinted data back to its owners', default: true }),
    'kv.readRepair': booleanOption({ doc: 'reads send merged versions to stale replicas', default: true }),
    'kv.vnodes': intOption({ doc: 'virtual nodes per member on the ring', min: 1, max: 256, default: 16 }),
    'kv.keys': intOption({ doc: 'keys the workload uses (k0, k1, …)', min: 1, max: 1000, default: 3 }),
    'kv.clients': intOption({ doc: 'concurrent client processes', min: 1, max: 100, default: 5 }),
    'kv.getP': numberOption({ doc: 'fraction of gets; the rest are puts and deletes', min: 0, max: 1, default: 0.5 }),
    'kv.deleteP': numberOption({ doc: 'fraction of deletes', min: 0, max: 1, default: 0.1 }),
    'kv.thinkUsMax': intOption({ doc: 'a client pauses between 1 ms and this long between two operations', min: 1_000, max: 10_000_000, default: 50_000 }),
    'kv.requestTimeoutUs': intOption({ doc: 'a coordinator gives up on a request after this long', min: 1_000, max: 60_000_000, default: 400_000 }),
    'kv.antiEntropyUs': intOption({ doc: 'time between two Merkle anti-entropy exchanges of a node', min: 10_000, max: 60_000_000, default: 400_000 }),
    ...phaseOptions({ chaosUs: d.chaosUs, quietUs: d.quietUs }),
  };
}

export type KvCheckerName = 'linearizable' | 'durability' | 'lost-writes' | 'read-validity' | 'convergence' | 'membership';

export interface KvRun {
  readonly options: KvOptionValues;
  /** The scenario's faults, given the node ids. */
  readonly faults: (nodeIds: readonly NodeId[]) => FaultSource;
  readonly checkers: readonly KvCheckerName[];
  /** Nodes beyond the initial ring (spares that join later). */
  readonly spares?: number;
  readonly changes?: (nodeIds: readonly NodeId[]) => readonly MembershipChange[];
}

function kvConfig(o: KvOptionValues, c: { members: readonly NodeId[]; changes: readonly MembershipChange[] }): KvConfig {
  return {
    ...defaultKvConfig,
    consistency: o['kv.consistency'],
    conflicts: o['kv.conflicts'],
    fsync: o['kv.fsync'],
    n: o['kv.n'],
    r: o['kv.r'],
    w: o['kv.w'],
    sloppy: o['kv.sloppy'],
    hintedHandoff: o['kv.hintedHandoff'],
    readRepair: o['kv.readRepair'],
    vnodes: o['kv.vnodes'],
    antiEntropyIntervalUs: o['kv.antiEntropyUs'],
    requestTimeoutUs: o['kv.requestTimeoutUs'],
    initialMembers: c.members,
    changes: c.changes,
  };
}

/** What is wrong with a combination of kv options, in one line (a usage error), or undefined. */
export function validateKvOptions(o: KvOptionValues): string | undefined {
  if (o['kv.getP'] + o['kv.deleteP'] > 1) return `kv.getP + kv.deleteP must be at most 1; got ${o['kv.getP']} + ${o['kv.deleteP']}`;
  const members = Array.from({ length: o['kv.nodes'] }, (_, i) => `n${i + 1}`);
  return validateKvConfig(kvConfig(o, { members, changes: [] }));
}

/** Client timeout: longer than a coordinator's, so a coordinator's definite answer arrives first. */
const clientTimeoutFactor = 3;

/** Builds one run of a kv scenario; throws a one-line message for contradictory options. */
export function buildKv(run: KvRun): ScenarioBuild<KvMessage, KvHandlers, KvOptionValues> {
  const o = run.options;
  const members = Array.from({ length: o['kv.nodes'] }, (_, i) => `n${i + 1}`);
  const nodeIds = [...members, ...Array.from({ length: run.spares ?? 0 }, (_, i) => `n${o['kv.nodes'] + i + 1}`)];
  const config = kvConfig(o, { members, changes: run.changes?.(nodeIds) ?? [] });
  const invalid = validateKvOptions(o);
  if (invalid !== undefined) throw new Error(invalid);
  const finalAtUs = o.chaosUs + o.quietUs;
  return {
    simulation: {
      nodeIds,
      factory: kvNode(config),
      messages: kvMessagePassing,
      messageDigest: kvMessageDigest,
      network: { latency: { kind: 'uniform', minUs: 200, maxUs: 2_000 } },
      durationUs: finalAtUs + 10_000_000,
      eventsMax: 20_000_000,
    },
    clients: {
      count: o['kv.clients'],
      protocol: kvClientProtocol,
      workload: kvWorkload({ keys: o['kv.keys'], getP: o['kv.getP'], deleteP: o['kv.deleteP'], finalReadsPerKey: 2 }),
      timeoutUs: o['kv.requestTimeoutUs'] * clientTimeoutFactor,
      thinkUs: { kind: 'uniform', minUs: 1_000, maxUs: o['kv.thinkUsMax'] },
    },
    faults: run.faults(nodeIds),
    phases: { chaosUs: o.chaosUs, quietUs: o.quietUs },
    // A mode that promises linearizability is always held to it.
    checkers: (config.consistency === 'linearizable' && !run.checkers.includes('linearizable') ? ['linearizable' as const, ...run.checkers] : run.checkers).map((name) =>
      kvChecker({ name, config, finalAtUs, nodeIds }),
    ),
    livenessCheckers: ['convergence', 'membership'],
  };
}

function kvChecker({ name, config, finalAtUs, nodeIds }: { name: KvCheckerName; config: KvConfig; finalAtUs: number; nodeIds: readonly NodeId[] }): ScenarioChecker<KvMessage, KvHandlers, KvOptionValues> {
  return (run: FinishedRun<KvMessage, KvHandlers, KvOptionValues>): CheckResult[] => {
    switch (name) {
      case 'linearizable':
        return [checkKvLinearizable(run.history)];
      case 'durability':
        return [checkDurability(run.history, { finalAtUs })];
      case 'lost-writes':
        return [checkLostWrites(run.history)];
      case 'read-validity':
        return [checkReadValidity(run.history)];
      case 'convergence':
        return [checkConvergence({ snapshots: snapshots(run, nodeIds), n: config.n, vnodes: config.vnodes, linearizable: config.consistency === 'linearizable' })];
      case 'membership':
        return [checkMembership({ snapshots: snapshots(run, nodeIds) })];
    }
  };
}

/** Snapshots by finished run: its convergence and membership checkers read the same final state. */
const snapshotsByRun = new WeakMap<FinishedRun<KvMessage, KvHandlers, KvOptionValues>, readonly KvSnapshot[]>();

/** Final state of every running node that is part of the cluster (not spares that never joined, not nodes that left). */
function snapshots(run: FinishedRun<KvMessage, KvHandlers, KvOptionValues>, nodeIds: readonly NodeId[]): readonly KvSnapshot[] {
  const known = snapshotsByRun.get(run);
  if (known !== undefined) return known;
  const out: KvSnapshot[] = [];
  for (const id of nodeIds) {
    const s = run.simulation.node(id).handlers?.snapshot();
    if (s !== undefined && (s.status === 'up' || s.status === 'leaving')) out.push(s);
  }
  snapshotsByRun.set(run, out);
  return out;
}

/** A fault plan from steps at fractions of the chaos phase. */
export function planAt(chaosUs: number, steps: readonly { at: number; fault: FaultPlan['steps'][number]['fault'] }[]): FaultPlan {
  return { steps: steps.map((s) => ({ atUs: Math.floor(chaosUs * s.at), fault: s.fault })) };
}
