/**
 * Routing decisions per CPU second (`npm run bench -- network`): `routeIndexed` plus the
 * delivery-time `canDeliverIndexed`, as the kernel calls them for every message, on a quiet
 * network, under a partition, and with a chain of rules in force.
 */
import type { NetworkFault } from '../../sim/network/faults.ts';
import { Network } from '../../sim/network/network.ts';
import { createRng } from '../../sim/rng.ts';
import { registerBench } from './registry.ts';

const nodeIds = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
const clientIds = Array.from({ length: 10 }, (_, i) => `c${i}`);

const setups: readonly { readonly name: string; readonly faults: readonly NetworkFault[] }[] = [
  { name: 'quiet', faults: [] },
  { name: 'majority-minority partition', faults: [{ kind: 'partition', partition: { shape: 'majority-minority' } }] },
  {
    name: 'loss + duplicate + reorder + capacity',
    faults: [
      { kind: 'net-rule', rule: { kind: 'loss', p: 0.01 } },
      { kind: 'net-rule', rule: { kind: 'duplicate', p: 0.01 } },
      { kind: 'net-rule', rule: { kind: 'reorder', p: 0.1, extraUs: { kind: 'exponential', meanUs: 5_000 } } },
      { kind: 'net-rule', rule: { kind: 'capacity', msgsPerSec: 1_000_000 } },
    ],
  },
];

function routesPerSecond(faults: readonly NetworkFault[], messages: number): number {
  const net = new Network<number>({ rng: createRng(1), nodeIds, clientIds, options: { latency: { kind: 'uniform', minUs: 500, maxUs: 1_500 } } });
  for (const fault of faults) net.apply(fault, 0);
  const endpoints = nodeIds.length + clientIds.length;
  const arg = { from: 0, to: 0, nowUs: 0, item: 0 };
  let delivered = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < messages; i++) {
    arg.from = i % endpoints;
    arg.to = (i * 7 + 3) % endpoints;
    arg.nowUs = i;
    const d = net.routeIndexed(arg);
    if (d.kind === 'deliver' && net.canDeliverIndexed(arg.from, arg.to)) delivered += d.copies.length;
  }
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  if (delivered === 0) throw new Error('bench: nothing was delivered');
  return messages / seconds;
}

registerBench({
  name: 'network',
  doc: 'routing decisions per CPU second (route + canDeliver by endpoint number)',
  run() {
    routesPerSecond([], 200_000);
    for (const { name, faults } of setups) {
      console.log(`  ${name.padEnd(40)} ${(routesPerSecond(faults, 2_000_000) / 1e6).toFixed(2)}M messages/s`);
    }
  },
});
