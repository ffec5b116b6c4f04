/**
 * Sweep throughput (`npm run bench -- sweep`): seeds per second of a kv-partition sweep with 1
 * and 2 worker threads. Each sweep runs in a child process (sweep-child.ts) because the pool is
 * asynchronous and benches run synchronously. "steady" leaves out worker start-up (loading tsx
 * and the modules), which a long sweep pays once per worker.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBench } from './registry.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = process.env['FAULTLINE_BENCH_SEEDS'] ?? '1..40';

interface SweepFigures {
  readonly seeds: number;
  readonly wallMs: number;
  readonly steadySeeds: number;
  readonly steadyMs: number;
}

function measure(workers: number): SweepFigures {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'sweep-child.ts'), 'kv-partition', SEEDS, String(workers)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as SweepFigures;
}

registerBench({
  name: 'sweep',
  doc: `seeds per second of a kv-partition sweep (seeds ${SEEDS}; FAULTLINE_BENCH_SEEDS to change) with 1 and 2 workers`,
  run() {
    const rates: number[] = [];
    for (const workers of [1, 2]) {
      const f = measure(workers);
      const total = f.seeds / (f.wallMs / 1000);
      const steady = f.steadySeeds / (f.steadyMs / 1000);
      rates.push(steady);
      console.log(`  ${workers} worker(s): ${f.seeds} seeds in ${(f.wallMs / 1000).toFixed(1)} s = ${total.toFixed(2)} seeds/s overall, ${steady.toFixed(2)} seeds/s steady`);
    }
    console.log(`  speed-up with 2 workers (steady): ${((rates[1] ?? 0) / (rates[0] ?? 1)).toFixed(2)}x`);
  },
});
