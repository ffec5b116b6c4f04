/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs the named ones.
 * A bench joins by one import line below (its file calls registerBench).
 */
import { registeredBenches } from './registry.ts';
import './kernel.ts';
import './checker.ts';
import './copy.ts';
import './network.ts';
import './kv.ts';
import './reports.ts';
import './sweep.ts';

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const all = registeredBenches();
const unknown = wanted.filter((name) => !all.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench "${unknown[0]}"; known: ${all.map((b) => b.name).join(', ')}`);
  process.exit(64);
}
for (const bench of all) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  console.log(`== ${bench.name}: ${bench.doc}`);
  bench.run();
}
