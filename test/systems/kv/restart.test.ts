import { describe, expect, it } from 'vitest';
import { runKv } from './run-kv.ts';

describe('kv node restart', () => {
  it('a node restarted on a full disk starts coordinating once the disk has room again', () => {
    const plan = {
      steps: [
        { atUs: 1_000_000, fault: { kind: 'crash', node: 'n2' } },
        { atUs: 1_100_000, fault: { kind: 'disk-full', node: 'n2' } },
        { atUs: 1_500_000, fault: { kind: 'restart', node: 'n2' } },
        { atUs: 3_000_000, fault: { kind: 'disk-clear', node: 'n2' } },
      ],
    };
    const history = runKv('kv-partition', 1, {}, plan).record.history;
    const completions = history.filter((e) => e.type !== 'invoke' && e.node === 'n2');
    const starting = (e: (typeof completions)[number]) => e.type === 'fail' && String(e.error).startsWith('starting');
    // While its disk is full it cannot make its new incarnation durable, so it refuses to coordinate...
    expect(completions.some((e) => e.timeUs > 1_500_000 && e.timeUs < 3_000_000 && starting(e))).toBe(true);
    // ...and once the disk has room it retries and coordinates again.
    expect(completions.some((e) => e.timeUs > 3_500_000 && e.type === 'ok')).toBe(true);
    expect(completions.some((e) => e.timeUs > 3_500_000 && starting(e))).toBe(false);
  });
});
