/**
 * Creates the main window with the full security baseline and locks it down: no navigation,
 * no new windows, no permissions, no remote content, renderer served from our own scheme.
 */
import { BrowserWindow, Menu, nativeTheme, net, protocol, session, type Session } from 'electron';
import { join, win32 } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APP_SCHEME,
  RENDERER_ENTRY_URL,
  contentTypeFor,
  isTrustedRendererUrl,
  resolveRendererPath,
  securityHeaders,
} from './security';

/** Must run before `app.ready`: declares our scheme as standard and secure. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves files from the built renderer folder, with the CSP header on every response. */
export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const relative = resolveRendererPath(request.url);
    if (relative === null) return new Response('Not found', { status: 404 });
    const fileUrl = pathToFileURL(join(rendererDir, relative)).toString();
    const upstream = await net.fetch(fileUrl);
    if (!upstream.ok) return new Response('Not found', { status: 404 });
    return new Response(upstream.body, { status: 200, headers: securityHeaders(contentTypeFor(relative)) });
  });
}

/** Deny every permission (camera, notifications, clipboard-read, ...): the app needs none. */
export function lockSession(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Block every request that is not for our own scheme or devtools: no remote content, ever.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isTrustedRendererUrl(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });
}

export interface WindowOptions {
  /** A packaged (installed) build: no DevTools at all. */
  packaged: boolean;
  /** Opens an allowed documentation link outside the elevated process (see linkOpener). */
  openLink: (url: string) => void;
}

/**
 * Packaged builds have no application menu: Electron's default one carries "Toggle Developer
 * Tools" and its keyboard shortcut. Development keeps it.
 */
export function applyApplicationMenu(packaged: boolean): void {
  if (packaged) Menu.setApplicationMenu(null);
}

export function createMainWindow(preloadPath: string, options: WindowOptions): BrowserWindow {

  const win = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Activation Doctor',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f7f7f5',
    autoHideMenuBar: true,
    // Written out literally (not spread from a constant) so the Electronegativity scan can see
    // every option at the call site; a unit test keeps it equal to SECURE_WEB_PREFERENCES.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // An installed build cannot open DevTools, whatever the renderer or a shortcut asks.
      devTools: !options.packaged,
      // Reviewed: the preload only exposes the typed contract's methods through contextBridge.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
    },
  });

  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Only Microsoft's documentation may open, in the user's browser, never inside the app.
    if (isMicrosoftDocsUrl(url)) options.openLink(new URL(url).href);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_ENTRY_URL);
  return win;
}

/** Documentation links the renderer may ask the OS browser to open (checklist item 15). */
export function isMicrosoftDocsUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' &&
      (url.hostname === 'learn.microsoft.com' || url.hostname === 'www.microsoft.com' || url.hostname === 'support.microsoft.com')
    );
  } catch {
    return false;
  }
}

export interface LinkOpenerDeps {
  platform: NodeJS.Platform;
  /** %WINDIR%\explorer.exe as the OS reports it, or null when it could not be established. */
  explorerPath: string | null;
  /** Starts a program with arguments (no shell). */
  launch: (file: string, args: string[]) => void;
  openExternal: (url: string) => void;
  /** Shows the link for the technician to copy. */
  showUrl: (url: string) => void;
}

/**
 * How the elevated app opens a documentation link. shell.openExternal from an administrator
 * process would start the browser as administrator; on Windows the link is handed to
 * explorer.exe instead, which passes it to the user's own (unelevated) shell. When explorer's
 * path is unknown the link is shown to copy rather than opened elevated.
 */
export function linkOpener(deps: LinkOpenerDeps): (url: string) => void {
  return (url) => {
    if (!isMicrosoftDocsUrl(url)) return;
    const href = new URL(url).href;
    // Reviewed: only https links to Microsoft's documentation hosts get here (checked just above).
    if (deps.platform !== 'win32') deps.openExternal(href); // eng-disable OPEN_EXTERNAL_JS_CHECK
    else if (deps.explorerPath) deps.launch(deps.explorerPath, [href]);
    else deps.showUrl(href);
  };
}

/**
 * explorer.exe in the given Windows folder, or null (the link is then shown to copy) unless the
 * folder is a plain drive-letter path (C:\\Windows) and explorer.exe there is a plain file.
 */
export function explorerPathIn(windowsDir: string | undefined, isPlainFile: (path: string) => boolean): string | null {
  if (!windowsDir || !/^[A-Za-z]:\\[A-Za-z0-9 ._-]+$/.test(windowsDir)) return null;
  const path = win32.join(windowsDir, 'explorer.exe');
  try {
    return isPlainFile(path) ? path : null;
  } catch {
    return null;
  }
}

export { session };
