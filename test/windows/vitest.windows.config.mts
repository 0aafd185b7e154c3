// Runs the live Windows collector tests (windows.yml, on a windows-latest runner). They need real
// Windows PowerShell 5.1, so the default config (test/unit, test/integration) never includes them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/windows/**/*.live.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
