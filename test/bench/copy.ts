/**
 * copyMessage against structuredClone on message shapes systems send (`npm run bench -- copy`).
 * Every delivered message of a system that passes messages by copy (the default) is copied once,
 * so this is on the kernel's hot path.
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

/**
 * Copies per second of `copy` on `message`: the best of `rounds` timed batches, each at least
 * `minMs` of this process's CPU time (CPU time, not wall time, so other load on the machine
 * disturbs the figure less).
 */
function rate(copy: (m: unknown) => unknown, message: unknown, o: { minMs: number; rounds: number }): number {
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += copy(message) === message ? 1 : 0;
  let best = 0;
  for (let round = 0; round < o.rounds; round++) {
    let n = 0;
    let batch = 1_000;
    const start = process.cpuUsage();
    let elapsedMs = 0;
    while (elapsedMs < o.minMs) {
      for (let i = 0; i < batch; i++) sink += copy(message) === message ? 1 : 0;
      n += batch;
      batch *= 2;
      const used = process.cpuUsage(start);
      elapsedMs = (used.user + used.system) / 1000;
    }
    best = Math.max(best, (n / elapsedMs) * 1000);
  }
  if (sink !== 0) throw new Error('bench: a copy returned the original');
  return best;
}

function format(perSec: number): string {
  return perSec >= 1e6 ? `${(perSec / 1e6).toFixed(2)} M/s` : `${(perSec / 1e3).toFixed(0)} k/s`;
}

/** Prints one line per message shape: both rates and how many times faster copyMessage is. */
function benchCopy(minMs: number): void {
  for (const { name, message } of shapes) {
    const ours = rate(copyMessage, message, { minMs, rounds: 3 });
    const clone = rate(structuredClone, message, { minMs, rounds: 3 });
    console.log(`  ${name.padEnd(28)} copyMessage ${format(ours).padStart(11)}   structuredClone ${format(clone).padStart(11)}   x${(ours / clone).toFixed(1)}`);
  }
}

registerBench({ name: 'copy', doc: 'copyMessage vs structuredClone, copies per CPU second by message shape', run: () => benchCopy(150) });
