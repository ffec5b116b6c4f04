import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { FaultPlan } from '../../sim/faults/plan.ts';

/**
 * Property tests of faultline scenarios: fixed fast-check seeds so CI reproduces, more runs by
 * environment for nightly jobs, and a failure message that says how to reproduce both the
 * property (fast-check seed and path) and the failing simulation (the faultline command).
 *
 *   FAULTLINE_PROP_RUNS=500            more runs per property (nightly)
 *   FAULTLINE_PROP_SEED=123            another fast-check seed (explore; print it to reproduce)
 *   FAULTLINE_PROP_PATH="4:1:0"        with the seed: replay one counterexample directly
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function envInt(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got '${text}'`);
  return value;
}

/** Runs per property: FAULTLINE_PROP_RUNS when set, else the test's CI default. */
export function propRuns(ciDefault: number): number {
  return envInt('FAULTLINE_PROP_RUNS') ?? ciDefault;
}

/** How a counterexample is replayed outside the test: the run's scenario, seed, overrides and plan. */
export interface ScenarioCase {
  readonly scenario: string;
  readonly seed: number;
  readonly sets: readonly { readonly key: string; readonly text: string }[];
  readonly plan: FaultPlan;
}

/** The faultline command that replays a case, with its plan written to `planPath`. */
export function replayCommandOf(c: ScenarioCase, planPath: string): string {
  const sets = c.sets.map((set) => ` --set ${set.key}=${set.text}`).join('');
  return `npm run scenario -- ${c.scenario} --seed ${c.seed}${sets} --faults ${planPath}`;
}

/** Writes a counterexample's plan under out/properties/ and returns its path relative to the project. */
function writeCounterexample(name: string, c: ScenarioCase): string {
  const relative = join('out', 'properties', `${name.replace(/[^\w.-]+/g, '-')}.json`);
  mkdirSync(dirname(join(root, relative)), { recursive: true });
  writeFileSync(join(root, relative), `${JSON.stringify(c.plan, null, 2)}\n`);
  return relative;
}

/** The message of a failed property: what failed, how to rerun the property, how to replay the run. */
export function failureMessage(o: { name: string; testFile: string; details: fc.RunDetails<[ScenarioCase]>; planPath: string | undefined; counterexample: ScenarioCase | undefined }): string {
  const { details } = o;
  const lines = [
    `property "${o.name}" failed after ${details.numRuns} run(s), fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}"`,
    `  rerun the property: FAULTLINE_PROP_SEED=${details.seed} FAULTLINE_PROP_PATH="${details.counterexamplePath ?? ''}" npx vitest run ${o.testFile}`,
  ];
  if (o.counterexample !== undefined && o.planPath !== undefined) {
    lines.push(`  replay the run:     ${replayCommandOf(o.counterexample, o.planPath)}`);
    lines.push(`  counterexample:     seed ${o.counterexample.seed}, ${o.counterexample.plan.steps.length} fault step(s) (${o.planPath})`);
  }
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? 'property returned false');
  lines.push(`  cause: ${cause.split('\n')[0] ?? ''}`);
  return lines.join('\n');
}

/**
 * Checks a property over scenario cases. On failure it writes the counterexample's plan to
 * out/properties/NAME.json and throws with fast-check's seed and path and the faultline replay
 * command, so a red CI log is enough to reproduce the failing simulation.
 */
export function assertScenarioProperty(o: {
  name: string;
  testFile: string;
  cases: fc.Arbitrary<ScenarioCase>;
  check: (c: ScenarioCase) => void;
  seed: number;
  numRuns: number;
}): void {
  const details = runProperty(o);
  if (!details.failed) return;
  const counterexample = details.counterexample?.[0];
  const planPath = counterexample === undefined ? undefined : writeCounterexample(o.name, counterexample);
  throw new Error(failureMessage({ name: o.name, testFile: o.testFile, details, planPath, counterexample }));
}

/** Runs the property with the fixed seed, or the environment's seed and path when given. */
export function runProperty(o: { cases: fc.Arbitrary<ScenarioCase>; check: (c: ScenarioCase) => void; seed: number; numRuns: number; endOnFailure?: boolean }): fc.RunDetails<[ScenarioCase]> {
  const seed = envInt('FAULTLINE_PROP_SEED') ?? o.seed;
  const path = process.env['FAULTLINE_PROP_PATH'];
  return fc.check(fc.property(o.cases, o.check), {
    seed,
    numRuns: o.numRuns,
    ...(path !== undefined && path !== '' ? { path } : {}),
    ...(o.endOnFailure === true ? { endOnFailure: true } : {}),
  });
}
