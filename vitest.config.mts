import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    globals: true,
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-temp.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // The JSON report feeds the one-line summary that ends `npm test` (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
