/**
 * Electron entry point. Applies the security baseline, serves the renderer from our own scheme,
 * wires the typed IPC contract to the engine, and opens the single window.
 */
import { app, session } from 'electron';
import { join } from 'node:path';
import { defaultSenderPolicy, registerIpc } from './ipc';
import { createImplementations } from './app-services';
import { createMainWindow, lockSession, registerAppScheme, serveRenderer } from './window';

registerAppScheme();
app.enableSandbox();

const trustedWebContents = new Set<number>();

void app.whenReady().then(() => {
  const ses = session.defaultSession;
  lockSession(ses);
  serveRenderer(ses, join(__dirname, '../renderer'));
  registerIpc(createImplementations({ version: app.getVersion() }), defaultSenderPolicy(trustedWebContents), (line) =>
    console.error(line),
  );
  openWindow();
  app.on('activate', () => {
    if (trustedWebContents.size === 0) openWindow();
  });
});

function openWindow(): void {
  const win = createMainWindow(join(__dirname, '../preload/index.cjs'));
  const id = win.webContents.id;
  trustedWebContents.add(id);
  win.on('closed', () => trustedWebContents.delete(id));
}

app.on('web-contents-created', (_event, contents) => {
  // Defence in depth for any web contents we did not create ourselves.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => app.quit());
