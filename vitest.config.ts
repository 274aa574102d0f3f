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
  },
});
