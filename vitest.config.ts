import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Vitest leaves one core free by default, which on a two-core machine halves the suite's
    // speed; the tests wait on child processes and loopback servers as much as they compute.
    maxWorkers: availableParallelism(),
  },
});
