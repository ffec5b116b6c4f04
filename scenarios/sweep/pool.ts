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
 * they finish, cannot change a result. Rejects when a task throws or a thread cannot start,
 * naming the seed: that is a bug in our code, not a verdict. A thread that dies while running a
 * seed (out of memory, process.exit in simulated code) costs only that seed when `onLost` turns
 * it into a result; a fresh thread takes its place.
 */
export function runOnWorkers<Result>(
  o: SeedLoopOptions<Result> & { workers: number; onLost?: (seed: number, message: string) => Result },
): Promise<SeedLoopOutcome<Result>> {
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > WORKERS_MAX) {
    throw new Error(`runOnWorkers: workers must be an integer in 1..${WORKERS_MAX}, got ${o.workers}`);
  }
  return new Promise((resolve, reject) => {
    const results: Result[] = [];
    let next = 0;
    let live = 0;
    let failed = false;
    const threads = new Set<Worker>();
    /** The seed each thread is running; absent while it starts or after it retired. */
    const running = new Map<Worker, number>();
    const finish = (): void => {
      if (live === 0 && !failed) resolve({ results, notRun: o.seeds.slice(next) });
    };
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      for (const thread of threads) void thread.terminate();
      reject(new Error(message));
    };
    const accept = (result: Result): void => {
      results.push(result);
      o.onResult(result);
    };
    const retire = (thread: Worker): void => {
      threads.delete(thread);
      running.delete(thread);
      live -= 1;
      void thread.terminate();
    };
    const feed = (thread: Worker): void => {
      const seed = o.seeds[next];
      if (seed === undefined || !o.shouldContinue()) {
        retire(thread);
        finish();
        return;
      }
      next += 1;
      running.set(thread, seed);
      thread.postMessage({ kind: 'run', seed } satisfies ToWorker);
    };
    const lost = (thread: Worker, why: string): void => {
      if (!threads.has(thread) || failed) return;
      const seed = running.get(thread);
      if (seed === undefined || o.onLost === undefined) {
        fail(seed === undefined ? `sweep worker died while starting: ${why}` : `seed ${seed}: sweep worker died: ${why}`);
        return;
      }
      retire(thread);
      accept(o.onLost(seed, why));
      if (next < o.seeds.length) spawn();
      else finish();
    };
    const spawn = (): void => {
      const thread = new Worker(WORKER_BOOT, { workerData: o.task });
      threads.add(thread);
      live += 1;
      thread.on('message', (message: FromWorker<Result>) => {
        if (message.kind === 'error') {
          fail(message.seed === undefined ? `sweep worker failed to start: ${message.message}` : `seed ${message.seed}: ${message.message}`);
          return;
        }
        if (message.kind === 'result') {
          running.delete(thread);
          accept(message.result);
        }
        feed(thread);
      });
      thread.on('error', (error) => lost(thread, error.message));
      thread.on('exit', (code) => lost(thread, `thread exited with code ${code}`));
    };
    const count = Math.min(o.workers, o.seeds.length);
    for (let i = 0; i < count; i++) spawn();
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
