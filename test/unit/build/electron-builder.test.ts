import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder's own loader and validator: the same code a real build runs first.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, file: string | null, extra: unknown) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load() {
  return getConfig(process.cwd(), 'electron-builder.yml', null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packages Activation Doctor for Windows as an nsis x64 installer only, elevated', async () => {
    const config = (await load()) as {
      appId: string;
      productName: string;
      win: { requestedExecutionLevel: string; icon: string; target: Array<{ target: string; arch: string[] }> };
      extraResources: Array<{ from: string; to: string; filter: string[] }>;
    };
    expect(config.productName).toBe('Activation Doctor');
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.win.requestedExecutionLevel).toBe('requireAdministrator');
    // No portable target: it unpacks into the user's %TEMP%, where non-elevated processes can swap files.
    expect(config.win.target.map((t) => [t.target, t.arch])).toEqual([['nsis', ['x64']]]);
    // PowerShell collectors ship outside the asar so powershell.exe can run them.
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'main/probes/windows', to: 'scripts', filter: ['*.ps1'] }),
        expect.objectContaining({ from: 'main/fixes/windows', to: 'scripts', filter: ['*.ps1'] }),
      ]),
    );
    // The probes and fix operations dot-source the shared prologue from their own folder: it ships beside them.
    expect(existsSync('main/probes/windows/_prologue.ps1')).toBe(true);
    expect(config.extraResources.find((r) => r.from === 'main/probes/windows')?.filter).toEqual(['*.ps1']);
    const icon = readFileSync(config.win.icon);
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
  });

  it('installs per machine into a folder the user cannot change', async () => {
    const config = (await load()) as { nsis: Record<string, unknown>; portable?: unknown };
    expect(config.nsis.perMachine).toBe(true);
    expect(config.nsis.allowToChangeInstallationDirectory).toBe(false);
    expect(config.nsis.oneClick).toBe(false);
  });

  it('flips every security fuse, and each key maps to a real Electron fuse', async () => {
    const config = (await load()) as { asar?: boolean; disableAsarIntegrity?: boolean; electronFuses: Record<string, boolean> };
    expect(config.asar).not.toBe(false);
    // electron-builder embeds app.asar's hash in the executable unless this is set; the fuse checks it.
    expect(config.disableAsarIntegrity).not.toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // electron-builder's own translation into the fuse wire: a misspelt key would be dropped here.
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig: (fuses: unknown) => Promise<Record<string, unknown>> } };
    };
    const { FuseV1Options } = (await import('@electron/fuses')) as unknown as { FuseV1Options: Record<string, string> };
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wire[FuseV1Options.RunAsNode!]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(false);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges!]).toBe(false);
  });

  it('rejects a misspelt setting (the validator is really running)', async () => {
    const config = { ...(await load()), win: { requestedExecutionLevel: 'requireAdmin' } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/requestedExecutionLevel/);
  });
});
