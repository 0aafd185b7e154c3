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

  it.each([
    ['--gpu-launcher=cmd /c calc.exe'],
    ['--browser-subprocess-path=C:\\Users\\x\\evil.exe'],
    ['--utility-cmd-prefix=cmd /c'],
    ['--renderer-cmd-prefix=cmd /c'],
    ['--no-sandbox'],
    ['--js-flags=--allow-natives-syntax'],
    ['--disable-web-security'],
    ['--enable-logging'],
    ['/log-file=C:\\Users\\x\\out.txt'],
    ['-lang=de'],
  ])('a packaged build quits on %s, saying why', async (arg) => {
    const seen = await start([arg], true);
    expect(seen[0]).toMatch(/^dialog\.showErrorBox\("Activation Doctor",".*command-line option.*Start it from its shortcut\."\)$/);
    expect(seen[0]).toContain(JSON.stringify(arg.slice(0, 60)).slice(1, -1).slice(0, 20));
    expect(seen[1]).toBe('app.exit(1)');
  });

  it('a packaged build starts with a plain (non-switch) argument', async () => {
    const seen = await start(['C:\\Users\\x\\snapshot.json'], true);
    expect(seen).not.toContain('app.exit(1)');
  });

  it('in development (electron .) the app folder and tooling switches are accepted, debugging still is not', async () => {
    expect(await start(['.', '--no-sandbox'])).not.toContain('app.exit(1)');
    calls.length = 0;
    vi.resetModules();
    expect(await start(['.', '--inspect=9229'])).toContain('app.exit(1)');
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
