import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readSource, sourceFiles, stripSource } from '../../tidy/source-text.ts';

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '../../..'));

describe('sim/testing is a test-only entry', () => {
  it('is imported by no runtime code, so fast-check stays a dev dependency', () => {
    const runtime = ['sim', 'systems', 'scenarios', 'reports'].flatMap((dir) => sourceFiles(root, dir)).filter((file) => !file.startsWith('sim/testing/'));
    expect(runtime).toContain('sim/index.ts');
    const importers = runtime.filter((file) =>
      importsOf(stripSource(readSource(root, file), { strings: false })).some(
        (ref) => ref.specifier === 'fast-check' || normalize(join(dirname(file), ref.specifier)).startsWith('sim/testing/'),
      ),
    );
    expect(importers).toEqual([]);
  });
});
