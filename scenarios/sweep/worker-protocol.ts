/**
 * Messages between the sweep pool and its worker threads. A task is a function exported by a
 * module, `(config, seed) => result`, that the worker imports once and calls per seed; only
 * plain data crosses the thread boundary.
 */
export interface WorkerTask {
  /** file: URL of the module that exports the task function. */
  readonly moduleUrl: string;
  readonly exportName: string;
  /** Plain data passed as the task function's first argument. */
  readonly config: unknown;
}

/** The function a task module exports. */
export type TaskFunction<Result> = (config: unknown, seed: number) => Result;

export type ToWorker = { readonly kind: 'run'; readonly seed: number };

export type FromWorker<Result> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly seed: number; readonly result: Result }
  | { readonly kind: 'error'; readonly seed: number | undefined; readonly message: string };
