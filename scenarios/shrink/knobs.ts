import type { AnyScenario } from '../scenario.ts';
import type { KnobSpec } from './plan-passes.ts';

/**
 * Which scenario options the shrinker lowers: integer options whose last name segment counts
 * operations or clients (`kv.opsMax`, `kv.clients`, …). Scenario authors opt in by naming; the
 * floor is the option's own minimum, but never below 1 (a run with no client checks nothing).
 * The shared `chaosUs` phase option is lowered too, never before the last fault step: a shorter
 * chaos phase means fewer operations.
 */
export const SHRINKABLE_OPTION_NAMES: readonly string[] = ['opsMax', 'clients', 'clientCount', 'keys', 'keyCount'];

/** The shrinkable options of a scenario, in its declaration order. */
export function shrinkableKnobs(scenario: AnyScenario): KnobSpec[] {
  const knobs: KnobSpec[] = [];
  for (const [name, spec] of Object.entries(scenario.options)) {
    const last = name.split('.').at(-1) ?? name;
    if (spec.type === 'int' && SHRINKABLE_OPTION_NAMES.includes(last)) knobs.push({ name, min: Math.max(1, spec.min) });
  }
  const chaos = scenario.options['chaosUs'];
  if (chaos?.type === 'int') knobs.push({ name: 'chaosUs', min: Math.max(1, chaos.min), aboveSteps: true });
  return knobs;
}
