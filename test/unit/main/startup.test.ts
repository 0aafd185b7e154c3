import { afterEach, describe, expect, it, vi } from 'vitest';

// main/index.ts is the Electron entry: everything it does at load time runs against this stand-in.
// `ready` never comes, so only what happens before it is observed.
const calls: string[] = [];
let packaged = false;
vi.mock('electron', () => {
  const record = (name: string) => (...args: unknown[]) => void calls.push(`${name}(${args.map((a) => JSON.stringify(a) ?? String(a)).join(',')})`);
  return {
    app: {
      exit: record('app.exit'),
      enableSandbox: record('app.enableSandbox'),
      get isPackaged() {
        return packaged;
      },
      whenReady: () => new Promise(() => {}),
      on: () => {},
      getVersion: () => '0.0.0',
    },
    dialog: { showErrorBox: record('dialog.showErrorBox'), showMessageBoxSync: () => 1 },
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
    Menu: { setApplicationMenu: record('Menu.setApplicationMenu') },
    BrowserWindow: { getAllWindows: () => [], getFocusedWindow: () => null },
    clipboard: { writeText: () => {} },
    shell: { openExternal: record('shell.openExternal') },
    session: {},
    net: {},
    nativeTheme: { shouldUseDarkColors: false },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
  };
});

const originalArgv = process.argv;
afterEach(() => {
  process.argv = originalArgv;
  calls.length = 0;
  packaged = false;
  vi.resetModules();
});

async function start(args: string[], isPackaged = false): Promise<string[]> {
  process.argv = ['C:\\Program Files\\Activation Doctor\\Activation Doctor.exe', ...args];
  packaged = isPackaged;
  await import('../../../main/index');
  return [...calls];
}

describe('main process start-up', () => {
  it.each([['--remote-debugging-port=9222'], ['--remote-debugging-pipe'], ['--inspect-brk=9229']])('quits on %s before anything else, saying why', async (arg) => {
    const seen = await start([arg], true);
    expect(seen[0]).toMatch(new RegExp(`^dialog\\.showErrorBox\\("Activation Doctor",".*${arg.replace(/[-=]/g, '.')}.*Start it from its shortcut\\."\\)$`));
    expect(seen[1]).toBe('app.exit(1)');
  });

  it('starts normally without debugging switches, with the default menu in development', async () => {
    const seen = await start(['--lang=de']);
    expect(seen).not.toContain('app.exit(1)');
    expect(seen).toContain('app.enableSandbox()');
    expect(seen.some((c) => c.startsWith('protocol.registerSchemesAsPrivileged('))).toBe(true);
    expect(seen.some((c) => c.startsWith('Menu.setApplicationMenu'))).toBe(false);
  });

  it('removes the application menu (and with it the DevTools entry) in a packaged build', async () => {
    const seen = await start([], true);
    expect(seen).toContain('Menu.setApplicationMenu(null)');
  });
});
