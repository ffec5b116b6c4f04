import type { Distribution } from '../distributions.ts';
import type { NetworkRule } from './rules.ts';

/** How the network behaves when no fault is in force. */
export interface NetworkOptions {
  /** Latency of node-to-node links. */
  readonly latency: Distribution;
  /** Latency of links to and from clients; near zero, since latency there hides anomalies. */
  readonly clientLatency?: Distribution;
  /** Rules always in force, ahead of rules added by faults. */
  readonly rules?: readonly NetworkRule[];
  /** Messages held by `hold` faults at most; more are dropped as 'hold-full'. */
  readonly heldMax?: number;
  /** Rules in the chain at most (options plus faults); adding more is a bug in the plan. */
  readonly rulesMax?: number;
}

/** The defaults: a LAN-like 0.5–1.5 ms between nodes, 100 us to clients. */
export const defaultNetworkOptions = {
  latency: { kind: 'uniform', minUs: 500, maxUs: 1_500 },
  clientLatency: { kind: 'constant', us: 100 },
  rules: [],
  heldMax: 100_000,
  rulesMax: 64,
} as const satisfies Required<NetworkOptions>;
