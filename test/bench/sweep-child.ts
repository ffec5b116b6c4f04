/**
 * One measured sweep for the sweep bench, in its own process because benches run synchronously:
 * `tsx test/bench/sweep-child.ts SCENARIO SEEDS WORKERS` prints one JSON line with the wall time
 * of the whole sweep and of its steady part (first to last finished seed, after worker start-up).
 */
import { parseSeedRange } from '../../scenarios/sweep/seed-range.ts';
import { runSweep } from '../../scenarios/sweep/sweep.ts';

const [scenario = 'kv-partition', seedsText = '1..24', workersText = '1'] = process.argv.slice(2);
const parsed = parseSeedRange(seedsText);
if (!parsed.ok) throw new Error(parsed.error);
const finishedMs: number[] = [];
const summary = await runSweep({
  settings: { scenario, range: parsed.range, sets: [] },
  shard: { index: 1, count: 1 },
  workers: Number(workersText),
  task: { moduleUrl: new URL('../../scenarios/sweep/seed-task.ts', import.meta.url).href, exportName: 'sweepSeedTask', config: { scenario, sets: [] } },
  nowMs: () => performance.now(),
  onProgress: (state) => {
    if (state.done > 0) finishedMs.push(state.elapsedMs);
  },
});
const firstMs = finishedMs[0] ?? 0;
const lastMs = finishedMs.at(-1) ?? 0;
process.stdout.write(`${JSON.stringify({ seeds: summary.results.length, wallMs: summary.wallMs, steadySeeds: finishedMs.length - 1, steadyMs: lastMs - firstMs })}\n`);
