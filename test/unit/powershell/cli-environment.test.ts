import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDiagnose } from '../../../main/cli/commands/diagnose';
import { runFix } from '../../../main/cli/commands/fix';
import type { LocalComputer } from '../../../main/local-computer';
import { prepareCliShellEnvironment } from '../../../main/powershell/environment';
import { healthySnapshot } from '../../support/snapshot-builder';

// The command line is never a packaged app, yet `fix --yes` runs elevated with the product key in
// the PowerShell parameters; node-powershell traces every command it sends when DEBUG is set.
const tracing = createRequire(createRequire(__filename).resolve('child-shell'))('debug') as { enable: (n: string) => void; enabled: (n: string) => boolean };
const SHELL_TRACE = 'POWERSHELL.EXE:1234 $';
const quiet = { stdout: () => {}, stderr: () => {} };

afterEach(() => {
  vi.unstubAllEnvs();
  tracing.enable('');
});

describe('the command line before it runs PowerShell', () => {
  it('removes DEBUG in any spelling and silences the tracing, but leaves NODE_POWERSHELL (development, tests)', () => {
    const env: NodeJS.ProcessEnv = { debug: '*', NODE_POWERSHELL: '/opt/fake-shell', PATH: '/usr/bin' };
    tracing.enable('*');
    expect(prepareCliShellEnvironment(env)).toEqual(['debug']);
    expect(env).toEqual({ NODE_POWERSHELL: '/opt/fake-shell', PATH: '/usr/bin' });
    expect(tracing.enabled(SHELL_TRACE)).toBe(false);
  });

  it('fix --yes: no DEBUG and no tracing by the time the fix runs', async () => {
    vi.stubEnv('DEBUG', '*');
    tracing.enable('*');
    let seen: { debug: string | undefined; traced: boolean } | undefined;
    const computer = {
      fixes: {
        run: async () => {
          seen = { debug: process.env.DEBUG, traced: tracing.enabled(SHELL_TRACE) };
          throw new Error('stop here');
        },
      },
      dispose: async () => {},
    } as unknown as LocalComputer;
    await expect(runFix(['install-key-and-activate', '--key', 'ABCDE-FGHIJ-KLMNO-PQRST-VWXYZ', '--yes'], quiet, { platform: 'win32', computer })).rejects.toThrow('stop here');
    expect(seen).toEqual({ debug: undefined, traced: false });
  });

  it('diagnose (this computer): no DEBUG and no tracing when the checks start', async () => {
    vi.stubEnv('DEBUG', 'child-shell*');
    tracing.enable('*');
    let seen: { debug: string | undefined; traced: boolean } | undefined;
    await runDiagnose([], quiet, {
      platform: 'win32',
      env: {},
      collect: async () => {
        seen = { debug: process.env.DEBUG, traced: tracing.enabled(SHELL_TRACE) };
        return healthySnapshot();
      },
    });
    expect(seen).toEqual({ debug: undefined, traced: false });
  });
});
