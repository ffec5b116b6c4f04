/**
 * The linearizability checker on the Porcupine key-value histories (../shared/data/porcupine-kv):
 * each file split per key, and also as one unsplit map (state = the whole map). Median of several
 * runs, checking time only; parsing is timed apart. Reference: Porcupine (Go) on a 2-core machine
 * checks the six files split per key in 224 ms in total (c50-ok alone 215 ms) and c10-ok /
 * c10-bad unsplit in 2.7 s / 3.7 s. Goal: at least as fast, file by file.
 *
 * Each figure is the median after warm-up runs (the JIT needs them; a c50 file unsplit runs long
 * enough to warm up in one). Split per key, the verdict alone (`explainFailures: false`: what
 * Porcupine's CheckOperations computes, a yes or no) is timed apart from the default check, which
 * for a failing file also re-runs the failing part unpruned to explain it (as CheckOperationsVerbose
 * does more work than CheckOperations). Wall time is what a user waits; CPU time (user + system of this
 * process) is printed beside it because on a shared, loaded machine the wall time also counts
 * other processes' turns. Unsplit runs have a 20 s budget each, so a regression shows as
 * `unknown` instead of a hang; the configurations column says how much searching they took.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createModelFor } from '../../sim/check/models/registry.ts';
import { parseJepsenEdn } from '../../sim/formats/jepsen-edn.ts';
import { pairOperations } from '../../sim/history.ts';
import type { Operation } from '../../sim/history.ts';
import { registerBench } from './registry.ts';

const dataDir = new URL('../../../shared/data/porcupine-kv/', import.meta.url);
const files = ['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad', 'c50-ok', 'c50-bad'] as const;
/** Files whose unsplit check takes seconds: one warm-up run is enough. */
const longUnsplitFiles = new Set(['c50-ok', 'c50-bad']);
const runsSplit = 7;
const runsUnsplit = 3;
const warmUpRuns = 3;
/** Split checks take milliseconds, too few for the JIT to settle in three runs. */
const warmUpRunsSplit = 20;
/** Wall-clock budget of each unsplit run. */
const unsplitTimeMs = 20_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function load(name: string): { operations: Operation[]; parseMs: number } {
  const text = readFileSync(new URL(`${name}.txt`, dataDir), 'utf8');
  const start = performance.now();
  const parsed = parseJepsenEdn(text);
  if (!parsed.ok) throw new Error(`${name}: line ${parsed.error.line}: ${parsed.error.message}`);
  const paired = pairOperations(parsed.value.history);
  if (!paired.ok) throw new Error(`${name}: ${paired.error.message}`);
  return { operations: paired.operations, parseMs: performance.now() - start };
}

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly valid: string;
  readonly configurations: number;
}

function timeCheck(
  operations: readonly Operation[],
  options: { readonly split: boolean; readonly runs: number; readonly warmUps: number; readonly timeMsMax?: number; readonly explainFailures?: boolean },
): Timing {
  const { split, runs, warmUps, timeMsMax, explainFailures = true } = options;
  const budget = timeMsMax !== undefined ? { timeMsMax, nowMs: () => performance.now() } : {};
  const walls: number[] = [];
  const cpus: number[] = [];
  let valid = '';
  let configurations = 0;
  for (let run = 0; run < warmUps + runs; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const model = createModelFor('kv', operations);
    const result = checkOperations(operations, { model, split, budget, explainFailures });
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    valid = String(result.valid);
    configurations = result.evidence?.statistics.configurations ?? 0;
    if (run < warmUps) continue;
    walls.push(wallMs);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), valid, configurations };
}

function figures(timing: Timing): string {
  return `${timing.wallMs.toFixed(1).padStart(8)} ${timing.cpuMs.toFixed(1).padStart(8)}  ${timing.valid.padEnd(6)}`;
}

registerBench({
  name: 'checker',
  doc: 'linearizability of the Porcupine kv histories, split per key and unsplit (median ms, checking only)',
  run() {
    let totalWallMs = 0;
    let totalCpuMs = 0;
    let totalExplainedCpuMs = 0;
    console.log('                        split per key: verdict   explained     unsplit (one map)');
    console.log('file        ops parse ms  wall ms   cpu ms  verdict   cpu ms   wall ms   cpu ms  verdict  configs');
    for (const name of files) {
      const { operations, parseMs } = load(name);
      const split = timeCheck(operations, { split: true, runs: runsSplit, warmUps: warmUpRunsSplit, explainFailures: false });
      const explained = timeCheck(operations, { split: true, runs: runsSplit, warmUps: warmUpRunsSplit });
      totalWallMs += split.wallMs;
      totalCpuMs += split.cpuMs;
      totalExplainedCpuMs += explained.cpuMs;
      const unsplit = timeCheck(operations, { split: false, runs: runsUnsplit, warmUps: longUnsplitFiles.has(name) ? 1 : warmUpRuns, timeMsMax: unsplitTimeMs });
      console.log(
        `${name.padEnd(8)} ${String(operations.length).padStart(6)} ${parseMs.toFixed(1).padStart(8)} ${figures(split)} ${explained.cpuMs.toFixed(1).padStart(8)}  ${figures(unsplit)} ${String(unsplit.configurations).padStart(8)}`,
      );
    }
    console.log(`six files split per key: verdict ${totalWallMs.toFixed(1)} ms wall, ${totalCpuMs.toFixed(1)} ms cpu; explained ${totalExplainedCpuMs.toFixed(1)} ms cpu`);
    console.log('Porcupine (Go, 2 cores): six files split 224 ms (c50-ok 215 ms); unsplit c10-ok 2700 ms, c10-bad 3700 ms; no unsplit c50 figure');
  },
});
