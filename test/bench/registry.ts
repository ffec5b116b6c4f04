/**
 * The benchmark registry: each bench file registers itself on import, and test/bench/run.ts
 * imports every bench file (one line each) and runs all of them or the one named.
 */
export interface Bench {
  /** The name given on the command line: `npm run bench -- NAME`. */
  readonly name: string;
  /** One line saying what is measured. */
  readonly doc: string;
  /** Runs the bench and prints its figures. */
  run(): void;
}

const benches: Bench[] = [];

export function registerBench(bench: Bench): void {
  if (benches.some((b) => b.name === bench.name)) throw new Error(`bench "${bench.name}" is registered twice`);
  benches.push(bench);
}

export function registeredBenches(): readonly Bench[] {
  return benches;
}
