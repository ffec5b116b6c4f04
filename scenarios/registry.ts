import { ping } from './ping.ts';
import type { AnyScenario } from './scenario.ts';

/** Every scenario the CLI can run, in the order `list` shows them. */
export const scenarios: readonly AnyScenario[] = [ping];

/** The scenario with this name, or undefined. */
export function findScenario(name: string): AnyScenario | undefined {
  return scenarios.find((s) => s.name === name);
}
