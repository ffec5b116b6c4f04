import { findScenario } from '../../../scenarios/registry.ts';
import { runScenario } from '../../../scenarios/runner.ts';
import type { RunResult } from '../../../scenarios/runner.ts';
import type { KvHandlers } from '../../../systems/kv/node.ts';
import type { KvSnapshot } from '../../../systems/kv/node.ts';

/** Runs a registered kv scenario in-process, as the CLI would with `--seed`, `--set` and `--faults`. */
export function runKv(name: string, seed: number, sets: Record<string, string> = {}, faultsJson?: unknown): RunResult {
  const scenario = findScenario(name);
  if (scenario === undefined) throw new Error(`scenario ${name} is not registered`);
  const outcome = runScenario({ scenario, seed, sets: Object.entries(sets).map(([key, text]) => ({ key, text })), ...(faultsJson !== undefined ? { faultsJson } : {}) });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result;
}

/** Names of the checkers that did not pass. */
export function failed(result: RunResult): string[] {
  return result.record.checks.filter((c) => c.valid !== true).map((c) => c.checker);
}

/** Final snapshots of the nodes that are running. */
export function snapshots(result: RunResult): KvSnapshot[] {
  const sim = result.simulation;
  if (sim === undefined) return [];
  return result.record.nodes.flatMap((id) => {
    const handlers = sim.node(id).handlers as KvHandlers | undefined;
    return handlers === undefined ? [] : [handlers.snapshot()];
  });
}
