/** The simulated network (DESIGN.md §4): one import for the kernel and the fault plan validator. */
export { copyMessage, copyDepthMax } from './copy.ts';
export { corruptMessage } from './corrupt.ts';
export { cutsOf, type Cut } from './cuts.ts';
export { isNetworkFaultKind, networkFaultKinds, type NetworkFault, type NetworkFaultKind } from './faults.ts';
export { Network, type AppliedNetworkFault, type DeliveryCopy, type DropReason, type RouteDecision } from './network.ts';
export { defaultNetworkOptions, type NetworkOptions } from './options.ts';
export {
  describePartition,
  partitionShapeNames,
  resolvePartition,
  type PartitionShape,
  type PartitionShapeName,
  type ResolvedPartition,
} from './partition.ts';
export { networkRuleKinds, type LinkFilter, type NetworkRule, type NetworkRuleKind } from './rules.ts';
export { validateNetworkFault } from './validate.ts';
