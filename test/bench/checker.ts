/**
 * The linearizability checker on the Porcupine key-value histories (../shared/data/porcupine-kv):
 * each file split per key, and c01/c10 also as one unsplit map. Median of several runs, checking
 * time only; parsing is timed apart. Reference: Porcupine (Go) on a 2-core machine checks the six
 * files split per key in 224 ms in total (c50-ok alone 215 ms) and c10-ok / c10-bad unsplit in
 * 2.7 s / 3.7 s. Goal: at least as fast, file by file.
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
const unsplitFiles = new Set(['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad']);
const runsSplit = 7;
const runsUnsplit = 3;

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

function timeCheck(operations: readonly Operation[], split: boolean, runs: number): { ms: number; valid: string } {
  const times: number[] = [];
  let valid = '';
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const model = createModelFor('kv', operations);
    const result = checkOperations(operations, { model, split });
    times.push(performance.now() - start);
    valid = String(result.valid);
  }
  return { ms: median(times), valid };
}

registerBench({
  name: 'checker',
  doc: 'linearizability of the Porcupine kv histories, split per key and unsplit (median ms, checking only)',
  run() {
    let totalSplitMs = 0;
    console.log('file       ops   parse ms   split ms  verdict   unsplit ms  verdict');
    for (const name of files) {
      const { operations, parseMs } = load(name);
      const split = timeCheck(operations, true, runsSplit);
      totalSplitMs += split.ms;
      const unsplit = unsplitFiles.has(name) ? timeCheck(operations, false, runsUnsplit) : undefined;
      console.log(
        `${name.padEnd(9)} ${String(operations.length).padStart(5)} ${parseMs.toFixed(1).padStart(9)} ${split.ms.toFixed(1).padStart(10)}  ${split.valid.padEnd(8)}` +
          (unsplit !== undefined ? ` ${unsplit.ms.toFixed(1).padStart(11)}  ${unsplit.valid}` : ''),
      );
    }
    console.log(`split per key, six files: ${totalSplitMs.toFixed(1)} ms (Porcupine: 224 ms; c50-ok 215 ms; unsplit c10-ok 2700 ms, c10-bad 3700 ms)`);
  },
});
