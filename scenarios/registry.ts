import { kvChaos } from './kv-chaos.ts';
import { kvChurn } from './kv-churn.ts';
import { kvClockSkew } from './kv-clock-skew.ts';
import { kvCrashRestart } from './kv-crash-restart.ts';
import { kvDiskCorruption } from './kv-disk-corruption.ts';
import { kvPartition } from './kv-partition.ts';
import { ping } from './ping.ts';
import type { AnyScenario } from './scenario.ts';

/** Every scenario the CLI can run, in the order `list` shows them. */
export const scenarios: readonly AnyScenario[] = [ping, kvPartition, kvClockSkew, kvCrashRestart, kvChurn, kvDiskCorruption, kvChaos];

/** The scenario with this name, or undefined. */
export function findScenario(name: string): AnyScenario | undefined {
  return scenarios.find((s) => s.name === name);
}
