/**
 * Bundles probe-runner.ts (and the probes it imports) into one CommonJS file, so that it can run
 * as a plain `node` process inside a network namespace. Each caller gets its own directory:
 * parallel test files never share (or half-read) a bundle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface Bundle {
  file: string;
  cleanup(): void;
}

export async function bundleProbeRunner(): Promise<Bundle> {
  const dir = mkdtempSync(join(tmpdir(), 'ad-runner-'));
  const file = join(dir, 'probe-runner.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./probe-runner.ts', import.meta.url))],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron', 'node-powershell'],
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
