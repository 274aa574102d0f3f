import { defineConfig } from 'vitest/config';

/** npm run test:real-tools: Microsoft's own tools judge our PowerShell, T-SQL and TDS simulator. */
export default defineConfig({
  test: {
    include: ['test/real-tools/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
