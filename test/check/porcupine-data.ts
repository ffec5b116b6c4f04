import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJepsenEdn } from '../../sim/formats/jepsen-edn.ts';
import type { Operation } from '../../sim/history.ts';
import { operationsOf } from './history-builder.ts';

/** The Porcupine kv histories and their verdicts from ../shared/data/porcupine-kv/README.md. */
export const porcupineFiles = [
  { name: 'c01-ok', linearizable: true },
  { name: 'c01-bad', linearizable: false },
  { name: 'c10-ok', linearizable: true },
  { name: 'c10-bad', linearizable: false },
  { name: 'c50-ok', linearizable: true },
  { name: 'c50-bad', linearizable: false },
] as const;

export function porcupinePath(name: string): string {
  return fileURLToPath(new URL(`../../../shared/data/porcupine-kv/${name}.txt`, import.meta.url));
}

export function porcupineOperations(name: string): Operation[] {
  const parsed = parseJepsenEdn(readFileSync(porcupinePath(name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}:${parsed.error.line}: ${parsed.error.message}`);
  return operationsOf(parsed.value.history);
}
