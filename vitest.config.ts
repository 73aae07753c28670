import { defineConfig } from 'vitest/config';

/** Unit tests (pure rules) and integration tests (services on a real SQLite file). E2E runs under Playwright. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
