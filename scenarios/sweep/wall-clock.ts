/**
 * The one file in scenarios/ that reads the real clock (the tidy test exempts it by name). Real
 * time may only feed the sweep's progress display, its `--time-budget` and the per-seed wall
 * times of the summary — never a simulation, and never a field that runs are compared on.
 */
export function wallClockMs(): number {
  return performance.now();
}
