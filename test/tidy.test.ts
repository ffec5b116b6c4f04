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
 * Files outside the simulation proper that may use the wall clock, real timers and Promises: the
 * CLI (its progress display, file output) and the sweep's worker pool and progress display.
 * Math.random and crypto randomness stay banned even there.
 */
const wallClockAllowed = (file: string): boolean => file === 'scenarios/cli.ts' || file.startsWith('scenarios/cli/') || file.startsWith('scenarios/sweep/');

interface Ban {
  readonly name: string;
  readonly pattern: RegExp;
  /** Banned even in the wall-clock files. */
  readonly everywhere: boolean;
}

const bans: readonly Ban[] = [
  { name: 'Math.random', pattern: /\bMath\s*\.\s*random\b/, everywhere: true },
  { name: 'crypto randomness', pattern: /\bcrypto\s*\.\s*random\w*|\b(randomUUID|randomBytes|randomInt|randomFill\w*|getRandomValues)\b/, everywhere: true },
  { name: 'Date', pattern: /\bDate\b/, everywhere: false },
  { name: 'performance.now', pattern: /\bperformance\b/, everywhere: false },
  { name: 'process.hrtime', pattern: /\bhrtime\b/, everywhere: false },
  { name: 'real timers', pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, everywhere: false },
  { name: 'async/await/Promise', pattern: /\b(async|await|Promise)\b/, everywhere: false },
];

const simulated = ['sim', 'systems', 'scenarios'].flatMap((dir) => sourceFiles(root, dir));

describe('tidy: determinism ban list (DESIGN.md §2)', () => {
  it('finds the source files', () => {
    expect(simulated).toContain('sim/rng.ts');
    expect(simulated).toContain('scenarios/runner.ts');
  });

  it('uses no banned API in sim/, systems/, scenarios/', () => {
    const offences: string[] = [];
    for (const file of simulated) {
      const lines = stripSource(readSource(root, file), { strings: true }).split('\n');
      for (const ban of bans) {
        if (!ban.everywhere && wallClockAllowed(file)) continue;
        lines.forEach((line, i) => {
          if (ban.pattern.test(line)) offences.push(`${file}:${i + 1}: ${ban.name}: ${line.trim()}`);
        });
      }
    }
    expect(offences).toEqual([]);
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

/** The writers of run and check reports: the only files besides the CLI and the sweep that write files. */
const reportWriters = ['scenarios/report-writer.ts', 'scenarios/report-artifacts.ts'];

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
    if (!relativeImport && nodeBuiltins.test(ref.specifier) && !wallClockAllowed(file) && !reportWriters.includes(file)) {
      return 'only the CLI, the sweep and the report writers touch Node built-ins (files, clock, workers)';
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
