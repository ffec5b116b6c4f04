/**
 * A broken kernel or system invariant. It is a distinct class so the runner can tell "our code is
 * wrong" (exit 4, with the seed) from conditions real code observes, which are values.
 */
export class SimulationAssertionError extends Error {
  override readonly name = 'SimulationAssertionError';
}

/** Stops the run when an invariant does not hold. */
export function simAssert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SimulationAssertionError(message);
}

/**
 * Stops the run: for hot paths, as `if (!cond) simFail(\`…\`)`, so the message is only built
 * when the invariant is broken (a template literal passed to `simAssert` is built on every call).
 */
export function simFail(message: string): never {
  throw new SimulationAssertionError(message);
}
