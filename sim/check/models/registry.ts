import type { Operation } from '../../history.ts';
import type { Model } from '../model.ts';
import { createCasRegisterModel } from './cas-register.ts';
import { createKvModel, inferAbsentValue } from './kv.ts';
import { createQueueModel } from './queue.ts';
import { createRegisterModel } from './register.ts';
import { createSetModel } from './set.ts';

/** The models `--model` accepts. */
export const modelNames = ['register', 'cas-register', 'kv', 'queue', 'set'] as const;
export type ModelName = (typeof modelNames)[number];

export function isModelName(name: string): name is ModelName {
  return (modelNames as readonly string[]).includes(name);
}

export interface ModelSetup {
  /** kv: what an absent key reads as; default: inferred from the history. */
  readonly absentValue?: null | '';
}

/**
 * A model by name, set up for a history where that matters (the kv model reads from the history
 * whether an absent key reads as nil or "", unless told).
 */
export function createModelFor(name: ModelName, operations: readonly Operation[], setup: ModelSetup = {}): Model<unknown> {
  switch (name) {
    case 'register':
      return createRegisterModel() as Model<unknown>;
    case 'cas-register':
      return createCasRegisterModel() as Model<unknown>;
    case 'kv':
      return createKvModel({ absentValue: setup.absentValue ?? inferAbsentValue(operations) }) as Model<unknown>;
    case 'queue':
      return createQueueModel() as Model<unknown>;
    case 'set':
      return createSetModel() as Model<unknown>;
  }
}
