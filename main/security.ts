/**
 * The Electron security baseline, kept as plain data and small pure functions so it can be
 * tested without an Electron binary. `window.ts` applies it.
 */

/** The renderer is served from this privileged custom scheme, never from file:// or the web. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'activation-doctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content Security Policy for every renderer response. No inline script, no eval, no remote
 * origin of any kind; styles only from our own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
].join('; ');

/** The exact webPreferences of every window this app opens (Electron security checklist). */
export const SECURE_WEB_PREFERENCES = {
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
  disableBlinkFeatures: 'Auxclick',
} as const;

/** True only for a URL of our own renderer origin (parsed, never prefix-matched). */
export function isTrustedRendererUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/**
 * Maps a request path under our origin to a file below the renderer folder, or null when the
 * path would escape it. Used by the custom protocol handler.
 */
export function resolveRendererPath(rawUrl: string): string | null {
  if (!isTrustedRendererUrl(rawUrl)) return null;
  const { pathname } = new URL(rawUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** Response headers for every file the protocol handler serves. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  json: 'application/json',
};

export function contentTypeFor(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Command-line switches that would hand the elevated app to a debugger: Chromium's remote
 * debugging (DevTools protocol over a port or a pipe) and Node's inspector. A standard user can
 * start the app with any arguments, so main quits before `ready` when one is present. Chromium
 * reads switches with `--`, `-` and, on Windows, `/` prefixes, case-insensitively.
 */
const DEBUG_SWITCHES = [/^remote-debugging-port(=|$)/, /^remote-debugging-pipe(=|$)/, /^inspect(-[a-z]+)?(=|$)/];

/** The first debugging switch on the command line, or null. */
export function debugSwitchIn(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const name = /^(?:--|-|\/)(.+)$/.exec(arg.trim())?.[1]?.toLowerCase();
    if (name && DEBUG_SWITCHES.some((pattern) => pattern.test(name))) return arg;
  }
  return null;
}

/**
 * The argument the app refuses to start with, or null. The app itself takes no switches, and
 * Chromium has many that run a program or weaken the elevated process (`--gpu-launcher`,
 * `--browser-subprocess-path`, `--utility-cmd-prefix`, `--renderer-cmd-prefix`, `--no-sandbox`,
 * `--js-flags`, `--disable-web-security`, `--enable-logging --log-file=…`), so a packaged build
 * refuses every argument after the executable that begins with `-` or `/` (Chromium's switch
 * prefixes on Windows). A plain value (a file path) is left alone. In development (`electron .`,
 * not elevated by the installer) only the debugging switches are refused, so the tooling's own
 * switches keep working.
 */
export function refusedStartupArgument(argv: readonly string[], packaged: boolean): string | null {
  if (!packaged) return debugSwitchIn(argv);
  for (const arg of argv.slice(1)) {
    if (/^\s*[-/]/.test(arg)) return arg;
  }
  return null;
}
