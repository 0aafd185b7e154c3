/**
 * Electron entry point. Applies the security baseline, serves the renderer from our own scheme,
 * wires the typed IPC contract to the engine, and opens the single window.
 */
import { app, BrowserWindow, clipboard, dialog, session, shell } from 'electron';
import { spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { open as openFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSenderPolicy, registerIpc, sendEvent } from './ipc';
import { createImplementations } from './app-services';
import { createLocalComputer, type LocalComputer } from './local-computer';
import { refusedStartupArgument } from './security';
import { hostFacts, windowsDirectory } from './powershell/environment';
import { applyApplicationMenu, createMainWindow, explorerPathIn, linkOpener, lockSession, registerAppScheme, serveRenderer } from './window';

// Before anything else: a command-line switch (a debugger, a launcher prefix, no sandbox) would hand
// this elevated process to whoever started it. Switches Chromium acts on before this line are the
// fuses' and the per-machine install's to stop (docs/security.md).
const refusedArgument = refusedStartupArgument(process.argv, app.isPackaged);
if (refusedArgument !== null) {
  dialog.showErrorBox('Activation Doctor', `Activation Doctor does not start with the command-line option "${refusedArgument.slice(0, 60)}". Start it from its shortcut.`);
  app.exit(1);
}

registerAppScheme();
app.enableSandbox();
applyApplicationMenu(app.isPackaged);

const openLink = linkOpener({
  platform: process.platform,
  // The Windows folder from the OS loader (where ntdll.dll is mapped), as for PowerShell, never from
  // SystemRoot/windir, which the signed-in (possibly standard) user controls.
  explorerPath: process.platform === 'win32' ? explorerPathIn(windowsDirectory(hostFacts()) ?? undefined, (path) => lstatSync(path).isFile()) : null,
  launch: (file, args) => spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: false }).unref(),
  // Reviewed: only https links to Microsoft's documentation hosts reach this (linkOpener checks), and only off Windows.
  openExternal: (url) => void shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
  showUrl: (url) => {
    const choice = dialog.showMessageBoxSync({ type: 'info', title: 'Activation Doctor', message: 'Open this page in your browser:', detail: url, buttons: ['Copy link', 'Close'], defaultId: 0, cancelId: 1 });
    if (choice === 0) clipboard.writeText(url);
  },
});

const trustedWebContents = new Set<number>();
let computer: Promise<LocalComputer> | null = null;
/** Started on first use: the PowerShell session is not spawned until something needs it. */
const localComputer = () => (computer ??= createLocalComputer({ platform: process.platform, kind: 'app', version: app.getVersion(), packaged: app.isPackaged }));

void app.whenReady().then(() => {
  const ses = session.defaultSession;
  lockSession(ses);
  serveRenderer(ses, join(__dirname, '../renderer'));
  registerIpc(
    createImplementations({
      version: app.getVersion(),
      computer: localComputer,
      emit: (event) => {
        for (const win of BrowserWindow.getAllWindows()) if (trustedWebContents.has(win.webContents.id)) sendEvent(win.webContents, 'probeProgress', event);
      },
      dialogs: {
        save: async (defaultName, kind) => {
          const win = BrowserWindow.getFocusedWindow();
          const options = { defaultPath: defaultName, filters: [kind === 'html' ? { name: 'Web page (report)', extensions: ['html'] } : { name: 'JSON (snapshot and diagnosis)', extensions: ['json'] }] };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        open: async () => {
          const win = BrowserWindow.getFocusedWindow();
          const options = { properties: ['openFile' as const], filters: [{ name: 'Activation Doctor snapshot', extensions: ['json'] }] };
          const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        confirmRun: async (title, commands) => {
          const win = BrowserWindow.getFocusedWindow();
          const options = {
            type: 'warning' as const,
            title: 'Activation Doctor',
            message: `Run "${title}" as administrator?`,
            detail: `These commands will change this computer:\n\n${commands.join('\n')}`,
            buttons: ['Run', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
            noLink: true,
          };
          const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
          return result.response === 0;
        },
        openFolder: async () => {
          const win = BrowserWindow.getFocusedWindow();
          const options = { title: 'Choose the folder of snapshot files', properties: ['openDirectory' as const] };
          const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
      },
      files: {
        write: (path, text) => writeFile(path, text, { encoding: 'utf8' }),
        read: async (path, maxBytes) => {
          const handle = await openFile(path, 'r');
          try {
            const { size } = await handle.stat();
            if (size > maxBytes) throw new Error(`the file is ${Math.round(size / 1024)} KB, too large for a snapshot`);
            return await handle.readFile();
          } finally {
            await handle.close();
          }
        },
      },
    }),
    defaultSenderPolicy(trustedWebContents),
    (line) => console.error(line),
  );
  openWindow();
  app.on('activate', () => {
    if (trustedWebContents.size === 0) openWindow();
  });
});

function openWindow(): void {
  const win = createMainWindow(join(__dirname, '../preload/index.cjs'), { packaged: app.isPackaged, openLink });
  const id = win.webContents.id;
  trustedWebContents.add(id);
  win.on('closed', () => trustedWebContents.delete(id));
}

app.on('web-contents-created', (_event, contents) => {
  // Defence in depth for any web contents we did not create ourselves.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  void computer?.then((c) => c.dispose());
  app.quit();
});
