import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readSource, sourceFiles, stripSource } from './tidy/source-text.ts';

/**
 * The house rules that can be checked mechanically (DESIGN.md §1 and §2): the determinism ban
 * list and the layer boundaries. Comments are stripped before matching, so documentation may
 * name what it forbids; string contents are stripped for the ban list (a message may say "Date").
 */

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));

/**
 * The CLI's edge, where the real clock and real timers are allowed: the scenario CLI picks a seed
 * from the clock when none is given, `npm run check` times its parse and search (and bounds the
 * search by `--budget-ms`), and wall-clock.ts is the sweep's one clock (progress display,
 * `--time-budget`, per-seed wall times). No simulated code imports any of them.
 */
const wallClockFiles: readonly string[] = ['scenarios/cli.ts', 'scenarios/cli/check-command.ts', 'scenarios/sweep/wall-clock.ts'];

/**
 * Where async/await/Promise are allowed: the sweep's worker pool and the chain that awaits it
 * (runSweep, the sweep CLI, the CLI entry's top-level await). That is orchestration of threads on
 * the CLI side; every seed still runs synchronously to completion inside its worker.
 */
const asyncFiles: readonly string[] = ['scenarios/cli.ts', 'scenarios/sweep/pool.ts', 'scenarios/sweep/worker.ts', 'scenarios/sweep/sweep.ts', 'scenarios/sweep/sweep-cli.ts'];

interface Ban {
  readonly name: string;
  readonly pattern: RegExp;
  /** Files where this API is allowed (none for randomness: banned even at the CLI's edge). */
  readonly allowedIn: readonly string[];
}

const bans: readonly Ban[] = [
  { name: 'Math.random', pattern: /\bMath\s*\.\s*random\b/, allowedIn: [] },
  { name: 'crypto randomness', pattern: /\bcrypto\s*\.\s*random\w*|\b(randomUUID|randomBytes|randomInt|randomFill\w*|getRandomValues)\b/, allowedIn: [] },
  { name: 'Date', pattern: /\bDate\b/, allowedIn: wallClockFiles },
  { name: 'performance.now', pattern: /\bperformance\b/, allowedIn: wallClockFiles },
  { name: 'process.hrtime', pattern: /\bhrtime\b/, allowedIn: wallClockFiles },
  { name: 'real timers', pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, allowedIn: wallClockFiles },
  { name: 'async/await/Promise', pattern: /\b(async|await|Promise)\b/, allowedIn: asyncFiles },
];

/** Uses of banned APIs in one file's source, as `file:line: ban: code`. */
function banOffences(file: string, source: string): string[] {
  const offences: string[] = [];
  const lines = stripSource(source, { strings: true }).split('\n');
  for (const ban of bans) {
    if (ban.allowedIn.includes(file)) continue;
    lines.forEach((line, i) => {
      if (ban.pattern.test(line)) offences.push(`${file}:${i + 1}: ${ban.name}: ${line.trim()}`);
    });
  }
  return offences;
}

const simulated = ['sim', 'systems', 'scenarios'].flatMap((dir) => sourceFiles(root, dir));

describe('tidy: determinism ban list (DESIGN.md §2)', () => {
  it('finds the source files', () => {
    expect(simulated).toContain('sim/rng.ts');
    expect(simulated).toContain('scenarios/runner.ts');
  });

  it('uses no banned API in sim/, systems/, scenarios/', () => {
    expect(simulated.flatMap((file) => banOffences(file, readSource(root, file)))).toEqual([]);
  });

  it('allows the clock and timers only at the CLI edge, and async only in the sweep orchestration', () => {
    expect(banOffences('scenarios/sweep/summary.ts', 'const t = Date.now();')).toHaveLength(1);
    expect(banOffences('scenarios/sweep/pool.ts', 'const t = performance.now();')).toHaveLength(1);
    expect(banOffences('scenarios/sweep/progress.ts', 'setInterval(draw, 1000);')).toHaveLength(1);
    expect(banOffences('scenarios/cli/args.ts', 'await parse();')).toHaveLength(1);
    expect(banOffences('scenarios/runner.ts', 'async function run() {}')).toHaveLength(1);
    expect(banOffences('scenarios/sweep/wall-clock.ts', 'const t = performance.now();')).toEqual([]);
    expect(banOffences('scenarios/sweep/pool.ts', 'await Promise.all(threads);')).toEqual([]);
    expect(banOffences('scenarios/cli.ts', 'const r = Math.random();')).toHaveLength(1);
  });

  it('exempts only files that need it (the lists do not grow stale)', () => {
    const uses = (file: string, list: readonly string[]): boolean => {
      const code = stripSource(readSource(root, file), { strings: true });
      return bans.some((ban) => ban.allowedIn === list && ban.pattern.test(code));
    };
    for (const file of wallClockFiles) expect(uses(file, wallClockFiles), `${file} uses no clock or timer`).toBe(true);
    for (const file of asyncFiles) expect(uses(file, asyncFiles), `${file} uses no async/await/Promise`).toBe(true);
  });

  it('catches a banned call but not a comment or a string that names it', () => {
    const code = stripSource("// Date.now() is banned\nconst s = 'Math.random';\n/* await */ const t = Date.now();\n", { strings: true });
    expect(bans.filter((b) => b.pattern.test(code)).map((b) => b.name)).toEqual(['Date']);
    const regexThenCall = stripSource("const r = /['\"]/; setTimeout(f, 1);\n", { strings: true });
    expect(bans.filter((b) => b.pattern.test(regexThenCall)).map((b) => b.name)).toEqual(['real timers']);
  });
});

/** Which of our folders a relative import from `file` lands in ('' when not one of ours). */
function targetFolder(file: string, specifier: string): string {
  const target = normalize(join(dirname(file), specifier)).split('\\').join('/');
  return target.split('/')[0] ?? '';
}

/** The writer of run and check reports: the only file besides the CLI and the sweep that writes files. */
const reportWriter = 'scenarios/report-writer.ts';

/**
 * Files that may import Node built-ins: the CLI, the sweep (files, worker threads; CLI-side
 * orchestration) and the report writer. The clock and async have their own, narrower lists.
 */
const nodeBuiltinsAllowed = (file: string): boolean =>
  file === 'scenarios/cli.ts' || file.startsWith('scenarios/cli/') || file.startsWith('scenarios/sweep/') || file === reportWriter;

const nodeBuiltins = /^node:|^(fs|path|url|os|child_process|worker_threads|crypto|util|process)(\/|$)/;

interface Violation {
  file: string;
  line: number;
  specifier: string;
  why: string;
}

/** The layer rules of DESIGN.md §1 for one import; undefined when it is allowed. */
function layerViolation(file: string, ref: { specifier: string; typeOnly: boolean }): string | undefined {
  const layer = file.split('/')[0];
  const relativeImport = ref.specifier.startsWith('.');
  const target = relativeImport ? targetFolder(file, ref.specifier) : '';
  if (ref.specifier === 'seedrandom' && file !== 'sim/rng.ts') return 'only sim/rng.ts imports seedrandom';
  if (layer === 'sim') {
    if (relativeImport && target !== 'sim') return 'sim/ imports nothing of ours outside sim/';
    // sim/testing/ is the test-only entry of fast-check arbitraries; the runtime never loads it.
    const testingEntry = file.startsWith('sim/testing/') && ref.specifier === 'fast-check';
    if (!relativeImport && ref.specifier !== 'seedrandom' && !testingEntry) return 'sim/ uses no packages or Node built-ins (only seedrandom, in sim/rng.ts)';
  }
  if (layer === 'systems') {
    const system = file.split('/')[1];
    const ownSystem = normalize(join(dirname(file), ref.specifier)).startsWith(`systems/${system}/`);
    if (relativeImport && target !== 'sim' && !ownSystem) return 'a system imports only sim/ and its own folder';
    if (!relativeImport) return 'systems/ use no packages or Node built-ins';
  }
  if (layer === 'reports') {
    if (relativeImport && target === 'sim' && !ref.typeOnly) return 'reports/ import only types from sim/';
    if (relativeImport && target !== 'sim' && target !== 'reports') return 'reports/ import only types of sim/';
    if (!relativeImport && ref.specifier !== 'd3-scale') return 'reports/ use no package but d3-scale';
  }
  if (layer === 'scenarios') {
    if (relativeImport && !['sim', 'systems', 'scenarios', 'reports'].includes(target)) return 'scenarios/ import sim/, systems/, reports/ only';
    if (!relativeImport && nodeBuiltins.test(ref.specifier) && !nodeBuiltinsAllowed(file)) {
      return 'only the CLI, the sweep and the report writer touch Node built-ins (files, clock, workers)';
    }
  }
  return undefined;
}

describe('tidy: layer boundaries (DESIGN.md §1)', () => {
  const layered = ['sim', 'systems', 'scenarios', 'reports'].flatMap((dir) => sourceFiles(root, dir));

  it('imports only go down the layers', () => {
    const violations: Violation[] = [];
    for (const file of layered) {
      for (const ref of importsOf(stripSource(readSource(root, file), { strings: false }))) {
        const why = layerViolation(file, ref);
        if (why !== undefined) violations.push({ file, line: ref.line, specifier: ref.specifier, why });
      }
    }
    expect(violations).toEqual([]);
  });

  it('only sim/rng.ts imports seedrandom, anywhere in the project', () => {
    const importers = [...layered, ...sourceFiles(root, 'test')].filter((file) =>
      importsOf(stripSource(readSource(root, file), { strings: false })).some((ref) => ref.specifier === 'seedrandom'),
    );
    expect(importers).toEqual(['sim/rng.ts']);
  });

  it('flags a forbidden import', () => {
    expect(layerViolation('sim/network/links.ts', { specifier: '../../systems/kv/node.ts', typeOnly: false })).toMatch(/sim\//);
    expect(layerViolation('systems/kv/node.ts', { specifier: '../ping/node.ts', typeOnly: false })).toMatch(/own folder/);
    expect(layerViolation('reports/timeline.ts', { specifier: '../sim/history.ts', typeOnly: false })).toMatch(/only types/);
    expect(layerViolation('reports/timeline.ts', { specifier: '../sim/history.ts', typeOnly: true })).toBeUndefined();
    expect(layerViolation('scenarios/ping.ts', { specifier: 'node:fs', typeOnly: false })).toMatch(/Node built-ins/);
  });

  it('reads type-only imports', () => {
    const refs = importsOf("import type { A } from './a.ts';\nimport { type B, type C } from './b.ts';\nimport { D, type E } from './d.ts';\n");
    expect(refs.map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['./a.ts', true],
      ['./b.ts', true],
      ['./d.ts', false],
    ]);
  });
});
