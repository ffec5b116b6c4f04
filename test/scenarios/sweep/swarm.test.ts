import { describe, expect, it } from 'vitest';
import type { SeedResult } from '../../../scenarios/sweep/seed-result.ts';
import { swarmTable } from '../../../scenarios/sweep/swarm.ts';
import { digestTask } from './fixtures/digest-task.ts';

const result = (seed: number, failing: boolean, drawn: SeedResult['drawn']): SeedResult => ({
  ...digestTask({ salt: 'swarm', failEvery: 1_000_000 }, seed),
  verdict: failing ? 'safety' : 'pass',
  exitCode: failing ? 1 : 0,
  drawn,
});

describe('swarmTable', () => {
  it('splits drawn kind lists into one yes/no row pair per kind', () => {
    const rows = swarmTable([
      result(1, true, { 'nemesis.kinds': 'crash,partition' }),
      result(2, true, { 'nemesis.kinds': 'partition' }),
      result(3, false, { 'nemesis.kinds': 'clock,crash' }),
    ]);
    expect(rows).toEqual([
      { key: 'nemesis.kinds has clock', value: 'yes', seeds: 1, failing: 0 },
      { key: 'nemesis.kinds has clock', value: 'no', seeds: 2, failing: 2 },
      { key: 'nemesis.kinds has crash', value: 'yes', seeds: 2, failing: 1 },
      { key: 'nemesis.kinds has crash', value: 'no', seeds: 1, failing: 1 },
      { key: 'nemesis.kinds has partition', value: 'yes', seeds: 2, failing: 2 },
      { key: 'nemesis.kinds has partition', value: 'no', seeds: 1, failing: 0 },
    ]);
  });

  it('lists few values as they are, splits many numbers at the median, drops chatty text', () => {
    const results = Array.from({ length: 20 }, (_, i) => result(i + 1, i < 5, { 'nemesis.on': i % 2 === 0, 'nemesis.gapUs': (i + 1) * 100, id: `x${i}` }));
    const rows = swarmTable(results);
    expect(rows.filter((row) => row.key === 'nemesis.on')).toEqual([
      { key: 'nemesis.on', value: 'false', seeds: 10, failing: 2 },
      { key: 'nemesis.on', value: 'true', seeds: 10, failing: 3 },
    ]);
    expect(rows.filter((row) => row.key === 'nemesis.gapUs')).toEqual([
      { key: 'nemesis.gapUs', value: '<= 1000', seeds: 10, failing: 5 },
      { key: 'nemesis.gapUs', value: '> 1000', seeds: 10, failing: 0 },
    ]);
    expect(rows.some((row) => row.key === 'id')).toBe(false);
  });
});
