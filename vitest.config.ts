import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child-process tests (CLI, kill -9) are slow on 2 cores; keep them apart from the pool limit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
