import { describe, expect, it } from 'vitest';
import { findScenario } from '../../../scenarios/registry.ts';
import { runScenario } from '../../../scenarios/runner.ts';

describe('ABD coordinator (linearizable mode)', () => {
  it('answers a read in one round when the queried majority durably holds the highest register', () => {
    const scenario = findScenario('kv-partition');
    if (scenario === undefined) throw new Error('kv-partition is not registered');
    const outcome = runScenario({ scenario, seed: 3, sets: [{ key: 'kv.consistency', text: 'linearizable' }], faultsJson: { steps: [] } }, { traceRecord: true });
    if (!outcome.ok || outcome.result.simulation === undefined) throw new Error('the run did not start');
    const { record, simulation } = outcome.result;
    expect(record.checks.filter((c) => c.valid !== true)).toEqual([]);
    const invoked = record.history.filter((e) => e.type === 'invoke');
    const reads = invoked.filter((e) => e.f === 'get').length;
    const writes = invoked.length - reads;
    const sends = (type: string) => simulation.traceEvents().filter((e) => e.kind === 'send' && e.detail?.startsWith(`{"type":"${type}"`)).length;
    // Every operation queries the key's replicas once (abd-read); every write then stores
    // (abd-write), and a read only when it met a concurrent write. (Sends to the coordinator
    // itself are local calls, not in the trace; they are the same share of both.)
    const storesPerQuery = sends('abd-write') / sends('abd-read');
    expect(storesPerQuery).toBeGreaterThan((0.9 * writes) / (writes + reads));
    expect(storesPerQuery).toBeLessThan((writes + reads / 4) / (writes + reads));
  });
});
