/**
 * copyMessage against structuredClone on message shapes systems send (`npm run bench -- copy`).
 * Every delivered message is copied once, so this is on the kernel's hot path.
 */
import { copyMessage } from '../../sim/network/copy.ts';
import { registerBench } from './registry.ts';

interface Shape {
  readonly name: string;
  readonly message: unknown;
}

const shapes: readonly Shape[] = [
  { name: 'ping (4 fields)', message: { type: 'ping', seq: 123, from: 'n1', sentUs: 1_000_500 } },
  {
    name: 'kv put (nested, 5 entries)',
    message: {
      type: 'put',
      reqId: 77,
      key: 'k17',
      value: 42,
      clock: { n1: 3, n2: 5, n3: 1 },
      hints: Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: i, clock: [i, i + 1, i + 2] })),
    },
  },
  { name: 'append (1 KiB bytes)', message: { type: 'append', offset: 4096, payload: new Uint8Array(1024).fill(7) } },
  {
    name: 'gossip (100 entries)',
    message: { type: 'gossip', from: 'n2', digest: Array.from({ length: 100 }, (_, i) => ({ key: `key-${i}`, version: i * 3, tombstone: i % 7 === 0 })) },
  },
];

/** Copies per second of `copy` on `message`, measured over at least `minMs` of wall time. */
function rate(copy: (m: unknown) => unknown, message: unknown, minMs: number): number {
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += copy(message) === message ? 1 : 0;
  let n = 0;
  let batch = 1_000;
  const start = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < minMs) {
    for (let i = 0; i < batch; i++) sink += copy(message) === message ? 1 : 0;
    n += batch;
    batch *= 2;
    elapsedMs = performance.now() - start;
  }
  if (sink !== 0) throw new Error('bench: a copy returned the original');
  return (n / elapsedMs) * 1000;
}

function format(perSec: number): string {
  return perSec >= 1e6 ? `${(perSec / 1e6).toFixed(2)} M/s` : `${(perSec / 1e3).toFixed(0)} k/s`;
}

/** Prints one line per message shape: both rates and how many times faster copyMessage is. */
function benchCopy(minMs: number): void {
  for (const { name, message } of shapes) {
    const ours = rate(copyMessage, message, minMs);
    const clone = rate(structuredClone, message, minMs);
    console.log(`  ${name.padEnd(28)} copyMessage ${format(ours).padStart(11)}   structuredClone ${format(clone).padStart(11)}   x${(ours / clone).toFixed(1)}`);
  }
}

registerBench({ name: 'copy', doc: 'copyMessage vs structuredClone, copies per second by message shape', run: () => benchCopy(300) });
