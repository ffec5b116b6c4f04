import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Every test run freezes the messages of systems that share them (scenarios/runner.ts), in
    // this process, in sweep workers and in spawned CLIs alike, so a mutation fails a test.
    env: { FAULTLINE_CHECK_MESSAGES: '1' },
  },
});
