import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Microsoft's tools (.NET) judge in their own run: npm run test:real-tools.
    exclude: ['test/real-tools/**', '**/node_modules/**'],
    // Child-process tests (CLI, kill -9) are slow on 2 cores; keep them apart from the pool limit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Both cores: vitest's default leaves one idle on a 2-core machine, and most of a test's time
    // is the run's own I/O (fsync, TCP to the simulator), not CPU. The crash matrix is two files
    // so that neither worker carries it alone.
    maxWorkers: 2,
  },
});
