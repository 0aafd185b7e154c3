/**
 * Which PowerShell starts and what environment it gets, decided from injected platform facts:
 * nothing a standard user can set in the environment picks the binary of the elevated app.
 */
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  FALLBACK_WINDOWS_DIRECTORY,
  isPackagedApp,
  loadedLibraries,
  powershellExecutable,
  scrubEnvironment,
  silenceShellTracing,
  windowsDirectory,
  type HostFacts,
} from '../../../main/powershell/environment';
import { isPowerShellError } from '../../../main/powershell/errors';
import { createPowerShellRunner } from '../../../main/powershell/runner';
import { FAKE_SCRIPTS, FAKE_SHELL, createFakeShellLog, type FakeShellLog } from './fake-shell';

const windows = (overrides: Partial<HostFacts> & { libraries?: string[]; existing?: string[] } = {}): HostFacts => {
  const existing = new Set((overrides.existing ?? []).map((p) => p.toLowerCase()));
  return {
    platform: 'win32',
    arch: 'x64',
    loadedLibraries: () => overrides.libraries ?? ['C:\\Program Files\\Activation Doctor\\Activation Doctor.exe', 'C:\\WINDOWS\\SYSTEM32\\ntdll.dll', 'C:\\WINDOWS\\System32\\KERNEL32.DLL'],
    exists: (path) => existing.has(path.toLowerCase()),
    ...overrides,
  };
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Windows directory', () => {
  it('comes from where the loader mapped ntdll.dll', () => {
    expect(windowsDirectory(windows())).toBe('C:\\WINDOWS');
    expect(windowsDirectory(windows({ libraries: ['D:\\Win\\SysWOW64\\ntdll.dll'] }))).toBe('D:\\Win');
  });

  it('ignores SystemRoot and windir, which the signed-in user can set', () => {
    vi.stubEnv('SystemRoot', 'C:\\Users\\Public\\Evil');
    vi.stubEnv('windir', 'C:\\Users\\Public\\Evil');
    expect(powershellExecutable(windows())).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('accepts an ntdll.dll only from a system folder, never from a share or another folder', () => {
    const odd = windows({ libraries: ['C:\\Users\\Public\\ntdll.dll', '\\\\server\\share\\System32\\ntdll.dll'], existing: ['C:\\Windows\\System32'] });
    expect(windowsDirectory(odd)).toBe(FALLBACK_WINDOWS_DIRECTORY);
    expect(windowsDirectory(windows({ libraries: [], existing: [] }))).toBeNull();
  });

  it('falls back to C:\\Windows only when the loader gives no answer', () => {
    expect(powershellExecutable(windows({ libraries: [], existing: ['C:\\Windows\\System32'] }))).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('is read from this process as the loader reports it (here: the libraries of Node on Linux)', () => {
    expect(loadedLibraries().some((library) => /libc\.so|libc-|ld-linux|libstdc\+\+/.test(library))).toBe(true);
  });
});

describe('PowerShell by absolute path', () => {
  it('uses Sysnative from a 32-bit process on 64-bit Windows, where that virtual folder exists', () => {
    vi.stubEnv('PROCESSOR_ARCHITEW6432', '');
    const wow64 = windows({ arch: 'ia32', libraries: ['C:\\Windows\\SysWOW64\\ntdll.dll'], existing: ['C:\\Windows\\Sysnative'] });
    expect(powershellExecutable(wow64)).toBe('C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('uses System32 from a 32-bit process on 32-bit Windows, whatever PROCESSOR_ARCHITEW6432 says', () => {
    vi.stubEnv('PROCESSOR_ARCHITEW6432', 'AMD64');
    expect(powershellExecutable(windows({ arch: 'ia32', libraries: ['C:\\Windows\\System32\\ntdll.dll'] }))).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('uses System32 from a 64-bit process', () => {
    expect(powershellExecutable(windows({ existing: ['C:\\WINDOWS\\Sysnative'] }))).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('names none off Windows (node-powershell then starts pwsh, for development)', () => {
    expect(powershellExecutable(windows({ platform: 'linux' }))).toBeUndefined();
  });
});

describe('a packaged build', () => {
  it('is told like app.isPackaged: an Electron main process not run by the stock electron binary', () => {
    const electron = { ...process.versions, electron: '45.6.1' };
    expect(isPackagedApp({ versions: electron, type: 'browser', execPath: 'C:\\Program Files\\Activation Doctor\\Activation Doctor.exe' })).toBe(true);
    expect(isPackagedApp({ versions: electron, type: 'browser', execPath: 'C:\\repo\\node_modules\\electron\\dist\\electron.exe' })).toBe(false);
    expect(isPackagedApp({ versions: electron, type: 'browser', execPath: '/repo/node_modules/electron/dist/electron' })).toBe(false);
    expect(isPackagedApp({ versions: electron, type: 'renderer', execPath: 'C:\\Program Files\\Activation Doctor\\Activation Doctor.exe' })).toBe(false);
    expect(isPackagedApp({ versions: process.versions, type: undefined, execPath: '/usr/bin/node' })).toBe(false);
  });

  it('removes NODE_POWERSHELL and DEBUG in any spelling, and nothing else', () => {
    const env: NodeJS.ProcessEnv = { NODE_POWERSHELL: 'C:\\Users\\Public\\ps.exe', Debug: '*', PATH: 'C:\\Windows', TEMP: 'C:\\Temp' };
    expect(scrubEnvironment(env).sort()).toEqual(['Debug', 'NODE_POWERSHELL']);
    expect(env).toEqual({ PATH: 'C:\\Windows', TEMP: 'C:\\Temp' });
  });

  it("turns off node-powershell's command tracing even when DEBUG was read before it was removed", () => {
    const fromShell = createRequire(createRequire(__filename).resolve('child-shell'));
    const debug = fromShell('debug') as { enable: (namespaces: string) => void; enabled: (name: string) => boolean };
    debug.enable('*');
    expect(debug.enabled('POWERSHELL.EXE:1234 $')).toBe(true);
    silenceShellTracing();
    expect(debug.enabled('POWERSHELL.EXE:1234 $')).toBe(false);
  });

  describe('runner', () => {
    let log: FakeShellLog;
    beforeEach(() => {
      log = createFakeShellLog();
      vi.stubEnv('FAKE_PS_LOG', log.file);
      vi.stubEnv('NODE_POWERSHELL', FAKE_SHELL);
      vi.stubEnv('DEBUG', '*');
    });
    const Answer = z.object({ answer: z.number() });

    it('never lets NODE_POWERSHELL choose the executable', async () => {
      const runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, packaged: true, executable: '/nonexistent/WindowsPowerShell/v1.0/powershell.exe' });
      try {
        const error = await runner.invoke('ok', {}, Answer, { timeoutMs: 5000 }).catch((e: unknown) => e);
        expect(isPowerShellError(error) && error.failure).toMatchObject({ kind: 'powershell-missing', executable: '/nonexistent/WindowsPowerShell/v1.0/powershell.exe' });
        expect(log.starts()).toHaveLength(0);
        expect(process.env.NODE_POWERSHELL).toBeUndefined();
        expect(process.env.DEBUG).toBeUndefined();
      } finally {
        await runner.dispose();
      }
    });

    it('starts PowerShell without NODE_POWERSHELL or DEBUG in its environment', async () => {
      const runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, packaged: true, executable: FAKE_SHELL });
      try {
        await expect(runner.invoke('ok', {}, Answer, { timeoutMs: 5000 })).resolves.toMatchObject({ answer: 42 });
        expect(log.starts()[0]?.env).toEqual({ DEBUG: null, NODE_POWERSHELL: null });
      } finally {
        await runner.dispose();
      }
    });

    it('keeps both in development, where NODE_POWERSHELL selects a test shell', async () => {
      const runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, packaged: false });
      try {
        await expect(runner.invoke('ok', {}, Answer, { timeoutMs: 5000 })).resolves.toMatchObject({ answer: 42 });
        expect(log.starts()[0]?.env).toEqual({ DEBUG: '*', NODE_POWERSHELL: FAKE_SHELL });
      } finally {
        await runner.dispose();
      }
    });
  });
});
