import { describe, expect, it, vi } from 'vitest';

// A recording stand-in for the parts of Electron the window module touches.
const created: Array<{ options: Record<string, unknown>; listeners: Map<string, (...args: unknown[]) => void>; openHandler?: (d: { url: string }) => unknown; loaded?: string }> = [];
const openExternal = vi.fn();
const setApplicationMenu = vi.fn();

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof created)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, listeners: new Map() };
      created.push(this.record);
      const record = this.record;
      this.webContents = {
        on: (name: string, fn: (...args: unknown[]) => void) => record.listeners.set(name, fn),
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (record.openHandler = fn),
      };
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    shell: { openExternal: (url: string) => openExternal(url) },
    Menu: { setApplicationMenu: (menu: unknown) => setApplicationMenu(menu) },
    protocol: {},
    net: {},
    session: {},
  };
});

const { applyApplicationMenu, createMainWindow, explorerPathIn, linkOpener, lockSession, isMicrosoftDocsUrl } = await import('../../../main/window');
const security = await import('../../../main/security');

describe('main window', () => {
  createMainWindow('/app/out/preload/index.cjs', { packaged: false, openLink: (url) => openExternal(url) });
  const record = created[0]!;

  it('uses exactly the documented security baseline', () => {
    const { preload, devTools, ...rest } = record.options.webPreferences as Record<string, unknown>;
    expect(rest).toEqual(security.SECURE_WEB_PREFERENCES);
    expect(preload).toBe('/app/out/preload/index.cjs');
    expect(devTools).toBe(true);
  });

  it('has no DevTools and no application menu in a packaged build', () => {
    createMainWindow('/app/out/preload/index.cjs', { packaged: true, openLink: () => {} });
    expect((created.at(-1)!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    applyApplicationMenu(false);
    expect(setApplicationMenu).not.toHaveBeenCalled();
    applyApplicationMenu(true);
    expect(setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('turns on every checklist option', () => {
    expect(record.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('loads only our own origin', () => {
    expect(record.loaded).toBe('app://activation-doctor/index.html');
    expect(security.isTrustedRendererUrl(record.loaded!)).toBe(true);
  });

  it('is usable from 1024x700 up', () => {
    expect(record.options).toMatchObject({ minWidth: 1024, minHeight: 700 });
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const preventDefault = vi.fn();
    record.listeners.get(name)!({ preventDefault }, 'https://example.com/');
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and opens only Microsoft documentation externally', () => {
    expect(record.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(record.openHandler!({ url: 'https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys');
    expect(record.openHandler!({ url: 'file:///C:/Windows/System32/cmd.exe' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['https://learn.microsoft.com/x', true],
    ['http://learn.microsoft.com/x', false],
    ['https://learn.microsoft.com.evil.example/x', false],
    ['https://evil.example/?https://learn.microsoft.com', false],
    ['javascript:alert(1)', false],
  ])('isMicrosoftDocsUrl(%s) = %s', (url, expected) => {
    expect(isMicrosoftDocsUrl(url)).toBe(expected);
  });
});

describe('documentation links from the elevated process', () => {
  const deps = (platform: NodeJS.Platform, explorerPath: string | null) => {
    const calls = { launch: vi.fn(), openExternal: vi.fn(), showUrl: vi.fn() };
    const open = linkOpener({ platform, explorerPath, launch: calls.launch, openExternal: calls.openExternal, showUrl: calls.showUrl });
    return { open, ...calls };
  };
  const DOC = 'https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys';

  it('hands the link to explorer.exe on Windows, never opening the browser elevated', () => {
    const d = deps('win32', 'C:\\Windows\\explorer.exe');
    d.open(DOC);
    expect(d.launch).toHaveBeenCalledWith('C:\\Windows\\explorer.exe', [DOC]);
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it("shows the link to copy when explorer's path is unknown", () => {
    const d = deps('win32', null);
    d.open(DOC);
    expect(d.showUrl).toHaveBeenCalledWith(DOC);
    expect(d.launch).not.toHaveBeenCalled();
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it('finds explorer.exe only in a plain drive-letter Windows folder', () => {
    const exists = (path: string) => path === 'C:\\Windows\\explorer.exe';
    expect(explorerPathIn('C:\\Windows', exists)).toBe('C:\\Windows\\explorer.exe');
    expect(explorerPathIn('C:\\Windows', () => false)).toBeNull();
    expect(explorerPathIn('C:\\Windows', () => {
      throw new Error('ENOENT');
    })).toBeNull();
    for (const planted of [undefined, '', '\\\\attacker\\share', 'C:\\Users\\mallory\\win', 'C:\\Windows;calc', 'Windows']) expect(explorerPathIn(planted, () => true)).toBeNull();
  });

  it('opens nothing but Microsoft documentation, on any platform', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const d = deps(platform, 'C:\\Windows\\explorer.exe');
      d.open('https://evil.example/');
      d.open('file:///C:/Windows/System32/cmd.exe');
      expect(d.launch).not.toHaveBeenCalled();
      expect(d.openExternal).not.toHaveBeenCalled();
    }
  });
});

describe('debugging switches on the command line', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect=127.0.0.1:9229'],
    ['--inspect-brk'],
    ['--inspect-port=0'],
    ['-inspect'],
    ['/Remote-Debugging-Port=1'],
    ['--INSPECT-BRK=5858'],
  ])('%s is refused', (arg) => {
    expect(security.debugSwitchIn(['C:\\Program Files\\Activation Doctor\\Activation Doctor.exe', arg])).toBe(arg);
  });

  it.each([[['app.exe']], [['app.exe', '--lang=de']], [['app.exe', 'C:\\inspector\\file.json']], [['app.exe', '--inspector-mode']]])('%j starts', (argv) => {
    expect(security.debugSwitchIn(argv)).toBeNull();
  });
});

describe('every switch refused in a packaged build', () => {
  const exe = 'C:\\Program Files\\Activation Doctor\\Activation Doctor.exe';
  it.each([['--gpu-launcher=cmd /c calc'], ['--utility-cmd-prefix=x'], ['--no-sandbox'], ['-js-flags=x'], ['/disable-web-security'], [' --enable-logging'], ['--']])('%s is refused when packaged', (arg) => {
    expect(security.refusedStartupArgument([exe, 'C:\\data\\snap.json', arg], true)).toBe(arg);
  });

  it('the executable itself and plain values are not switches', () => {
    expect(security.refusedStartupArgument([exe], true)).toBeNull();
    expect(security.refusedStartupArgument(['/opt/app/activation-doctor', 'C:\\data\\snap.json'], true)).toBeNull();
  });

  it('development refuses only the debugging switches (electron . keeps working)', () => {
    expect(security.refusedStartupArgument(['electron', '.', '--no-sandbox'], false)).toBeNull();
    expect(security.refusedStartupArgument(['electron', '.', '--remote-debugging-port=1'], false)).toBe('--remote-debugging-port=1');
  });
});

describe('session lock-down', () => {
  function fakeSession() {
    const calls: Record<string, (...args: never[]) => unknown> = {};
    const ses = {
      setPermissionRequestHandler: (fn: never) => (calls.request = fn),
      setPermissionCheckHandler: (fn: never) => (calls.check = fn),
      setDevicePermissionHandler: (fn: never) => (calls.device = fn),
      webRequest: { onBeforeRequest: (fn: never) => (calls.beforeRequest = fn) },
    };
    lockSession(ses as never);
    return calls as Record<string, (...args: unknown[]) => unknown>;
  }

  it('denies every permission request and check', () => {
    const calls = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      calls.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(calls.check!({}, permission)).toBe(false);
    }
    expect(calls.device!({})).toBe(false);
  });

  it('cancels every request that is not for our own origin', () => {
    const calls = fakeSession();
    const decide = (url: string) => {
      const callback = vi.fn();
      calls.beforeRequest!({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(decide('app://activation-doctor/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://cdn.example.com/x.js')).toEqual({ cancel: true });
    expect(decide('http://169.254.169.254/metadata')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
  });
});

describe('renderer file serving', () => {
  it.each([
    ['app://activation-doctor/', 'index.html'],
    ['app://activation-doctor/index.html', 'index.html'],
    ['app://activation-doctor/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://activation-doctor/../../etc/passwd', 'etc/passwd'],
    ['app://activation-doctor/assets/%2e%2e/%2e%2e/secret', 'secret'], // the URL parser resolves dot segments inside the root,
    ['app://activation-doctor/a%5Cb', null],
    ['app://activation-doctor/a%00b', null],
    ['app://other/index.html', null],
    ['https://activation-doctor/index.html', null],
  ])('resolveRendererPath(%s) = %s (never outside the renderer folder)', (url, expected) => {
    expect(security.resolveRendererPath(url)).toBe(expected);
  });

  it('sends the strict CSP with every file', () => {
    const headers = security.securityHeaders('text/html');
    const csp = headers['Content-Security-Policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
