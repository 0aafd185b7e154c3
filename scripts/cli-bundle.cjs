/**
 * Bundles the CLI (main/cli/entry.ts and everything it imports from main/ and shared/) into one
 * CommonJS file with esbuild. Shared by `npm run build:cli` and bin/activation-doctor.cjs, which
 * rebuilds on demand when a source file is newer than the bundle.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'out', 'cli', 'activation-doctor.cjs');
const sourceDirs = ['main', 'shared'].map((d) => path.join(root, d));

function newestSourceMtime() {
  let newest = 0;
  const stack = [...sourceDirs];
  while (stack.length > 0) {
    const dir = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/\.(ts|json|ps1)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function isStale() {
  try {
    return fs.statSync(outfile).mtimeMs < newestSourceMtime();
  } catch {
    return true;
  }
}

function build() {
  const esbuild = require('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'main', 'cli', 'entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // Electron is never part of the CLI; node-powershell is loaded at run time on Windows only.
    external: ['electron', 'node-powershell'],
    define: { 'process.env.AD_SOURCE_ROOT': JSON.stringify(root) },
  });
  return outfile;
}

module.exports = { build, isStale, outfile, root };

if (require.main === module) {
  build();
  process.stdout.write(`built ${path.relative(root, outfile)}\n`);
}
