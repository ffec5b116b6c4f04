import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, TaskFunction, ToWorker, WorkerTask } from './worker-protocol.ts';

/**
 * A sweep worker thread (loaded by worker-boot.mjs): imports the task module once, then runs one
 * seed per 'run' message, synchronously, and posts the result back.
 */
function post(message: FromWorker<unknown>): void {
  parentPort?.postMessage(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

const task = workerData as WorkerTask;
try {
  const module = (await import(task.moduleUrl)) as Record<string, unknown>;
  const run = module[task.exportName];
  if (typeof run !== 'function') throw new Error(`${task.moduleUrl} exports no function ${task.exportName}`);
  parentPort?.on('message', (message: ToWorker) => {
    try {
      post({ kind: 'result', seed: message.seed, result: (run as TaskFunction<unknown>)(task.config, message.seed) });
    } catch (error) {
      post({ kind: 'error', seed: message.seed, message: messageOf(error) });
    }
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'error', seed: undefined, message: messageOf(error) });
}
