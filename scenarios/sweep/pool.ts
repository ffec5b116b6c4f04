import { Worker } from 'node:worker_threads';
import type { FromWorker, TaskFunction, ToWorker, WorkerTask } from './worker-protocol.ts';

/** Options shared by the worker pool and the in-process runner. */
export interface SeedLoopOptions<Result> {
  readonly task: WorkerTask;
  /** Seeds in the order they are handed out. */
  readonly seeds: readonly number[];
  /** Asked before each seed is handed out; false stops the sweep (running seeds still finish). */
  readonly shouldContinue: () => boolean;
  /** Called once per finished seed, in completion order. */
  readonly onResult: (result: Result) => void;
}

/** What a loop over seeds did: results in completion order and the seeds it never started. */
export interface SeedLoopOutcome<Result> {
  readonly results: Result[];
  readonly notRun: number[];
}

/** The most worker threads a sweep may start. */
export const WORKERS_MAX = 256;

const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Runs the task for every seed on `workers` worker threads, one seed per thread at a time. Each
 * seed's run is a pure function of task and seed, so which thread runs it, and in which order
 * they finish, cannot change a result. Rejects when a task throws, naming the seed: that is a bug
 * in our code, not a verdict.
 */
export function runOnWorkers<Result>(o: SeedLoopOptions<Result> & { workers: number }): Promise<SeedLoopOutcome<Result>> {
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > WORKERS_MAX) {
    throw new Error(`runOnWorkers: workers must be an integer in 1..${WORKERS_MAX}, got ${o.workers}`);
  }
  return new Promise((resolve, reject) => {
    const results: Result[] = [];
    let next = 0;
    let live = 0;
    let failed = false;
    const threads: Worker[] = [];
    const retired = new Set<Worker>();
    const finish = (): void => {
      if (live === 0 && !failed) resolve({ results, notRun: o.seeds.slice(next) });
    };
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      for (const thread of threads) void thread.terminate();
      reject(new Error(message));
    };
    const feed = (thread: Worker): void => {
      const seed = o.seeds[next];
      if (seed === undefined || !o.shouldContinue()) {
        live -= 1;
        retired.add(thread);
        void thread.terminate();
        finish();
        return;
      }
      next += 1;
      thread.postMessage({ kind: 'run', seed } satisfies ToWorker);
    };
    const count = Math.min(o.workers, o.seeds.length);
    for (let i = 0; i < count; i++) {
      const thread = new Worker(WORKER_BOOT, { workerData: o.task });
      threads.push(thread);
      live += 1;
      thread.on('message', (message: FromWorker<Result>) => {
        if (message.kind === 'error') {
          fail(message.seed === undefined ? `sweep worker failed to start: ${message.message}` : `seed ${message.seed}: ${message.message}`);
          return;
        }
        if (message.kind === 'result') {
          results.push(message.result);
          o.onResult(message.result);
        }
        feed(thread);
      });
      thread.on('error', (error) => fail(`sweep worker crashed: ${error.message}`));
      thread.on('exit', (code) => {
        if (!retired.has(thread)) fail(`sweep worker exited unexpectedly with code ${code}`);
      });
    }
    finish();
  });
}

/**
 * Runs the task for every seed in this thread, with the same stopping rules as the pool: the
 * reference the pool is tested against, and the way to debug a task with a plain stack trace.
 */
export async function runInProcess<Result>(o: SeedLoopOptions<Result>): Promise<SeedLoopOutcome<Result>> {
  const module = (await import(o.task.moduleUrl)) as Record<string, unknown>;
  const run = module[o.task.exportName];
  if (typeof run !== 'function') throw new Error(`${o.task.moduleUrl} exports no function ${o.task.exportName}`);
  const results: Result[] = [];
  let next = 0;
  for (; next < o.seeds.length && o.shouldContinue(); next++) {
    const result = (run as TaskFunction<Result>)(o.task.config, o.seeds[next] as number);
    results.push(result);
    o.onResult(result);
  }
  return { results, notRun: o.seeds.slice(next) };
}
