/**
 * `npm run dist:win`: builds the app, then the Windows installer and portable app with
 * electron-builder. electron-builder downloads Electron for Windows and its packaging tools from
 * GitHub, so this needs Windows with those in its cache, or internet access. When the download
 * fails, say so in two lines instead of a stack trace.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = (...parts) => join(root, 'node_modules', ...parts);

/** Runs a tool, passing its progress through but never a stack trace; keeps the output to explain a failure. */
function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let partial = '';
    const forward = (chunk) => {
      const text = partial + chunk.toString();
      output = (output + chunk.toString()).slice(-20_000);
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (/^\s+at /.test(line)) continue;
        process.stdout.write(`${line.replace(/\s*stackTrace=.*$/, '')}\n`);
      }
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr: output }));
  });
}

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|unable to (?:get|verify)|self[- ]signed|proxy/i;

function explain(step, stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const firstError = (lines.find((l) => /^⨯|error/i.test(l) && !/^at /.test(l)) ?? lines.at(-1) ?? 'no message').replace(/^⨯\s*/, '').replace(/\s*stackTrace=.*$/, '');
  if (NETWORK.test(stderr)) {
    console.error(`\ndist:win could not download what electron-builder needs (Electron for Windows, NSIS) from GitHub: ${firstError.slice(0, 200)}`);
    console.error('It needs internet access (or a proxy in HTTPS_PROXY), or a Windows machine that has them cached. Everything else (npm test, the CLI) works offline.');
  } else {
    console.error(`\ndist:win failed while ${step}: ${firstError.slice(0, 300)}`);
    if (process.platform !== 'win32') console.error('Building the Windows installer off Windows needs internet access for its downloads; on Windows it needs nothing more.');
  }
}

const build = await run(bin('electron-vite', 'bin', 'electron-vite.js'), ['build']);
if (build.code !== 0) {
  explain('building the app (electron-vite build)', build.stderr);
  process.exit(1);
}
const pack = await run(bin('electron-builder', 'cli.js'), ['--win']);
if (pack.code !== 0) {
  explain('packaging for Windows (electron-builder --win)', pack.stderr);
  process.exit(1);
}
