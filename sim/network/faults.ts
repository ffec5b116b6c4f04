import type { PartitionShape } from './partition.ts';
import type { LinkFilter, NetworkRule } from './rules.ts';

/**
 * Network faults, all plain JSON so fault plans can list them (DESIGN.md §6). `partition` cuts add
 * up until `heal`; holds add up until `release`; `net-rule` appends a rule to the chain and
 * `net-clear` removes every rule added by faults (rules from the network options stay).
 */
export type NetworkFault =
  | { readonly kind: 'partition'; readonly partition: PartitionShape }
  | { readonly kind: 'heal' }
  | ({ readonly kind: 'hold' } & LinkFilter)
  | { readonly kind: 'release' }
  | { readonly kind: 'net-rule'; readonly rule: NetworkRule }
  | { readonly kind: 'net-clear' };

export type NetworkFaultKind = NetworkFault['kind'];

/** The network fault kinds in a fixed order. */
export const networkFaultKinds: readonly NetworkFaultKind[] = ['partition', 'heal', 'hold', 'release', 'net-rule', 'net-clear'];

/** True when `kind` names a network fault (the plan validator dispatches on it). */
export function isNetworkFaultKind(kind: unknown): kind is NetworkFaultKind {
  return typeof kind === 'string' && (networkFaultKinds as readonly string[]).includes(kind);
}
