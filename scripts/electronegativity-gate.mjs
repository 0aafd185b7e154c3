// Security gate: runs Electronegativity over everything that runs in the main process (main/,
// the shared/ code it imports, the preload) plus the renderer's HTML, and fails on any HIGH or
// MEDIUM finding. The tool itself always exits 0, so this script reads its CSV report and decides.
//
// It also checks the installed Electron (read from node_modules/electron/package.json, never
// hard-coded) against Electron's release data and FAILS when that data cannot be loaded: the tool
// alone prints a yellow warning and passes when it is offline, which hid outdated versions.
//
// Release data, first that loads wins:
//   --releases <file>  a copy of https://raw.githubusercontent.com/electron/releases/master/index.json
//                      (or any JSON array of { version }), for offline runs and the tests
//   the tool's own download (it saves releases.<etag>.json in its temp folder when online)
//   the npm registry's list of published versions (`npm view electron versions --json`)
// Options: --input <dir> scans another folder (the tests use an insecure fixture);
//          --list prints the files that would be scanned and the Electron version, then exits.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const argValue = (flag) => {
  const at = process.argv.indexOf(flag);
  return at === -1 ? null : (process.argv[at + 1] ?? null);
};
const input = argValue('--input');
const releasesFile = argValue('--releases');

/** Everything the main process runs from our sources: main/ (with the preload) and shared/. */
const MAIN_PROCESS_FOLDERS = ['main', 'shared'];
const SCANNED_EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|html)$/;

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SCANNED_EXTENSIONS.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function stage(scan) {
  if (input) {
    cpSync(input, scan, { recursive: true });
    return;
  }
  for (const folder of MAIN_PROCESS_FOLDERS) cpSync(join(root, folder), join(scan, folder), { recursive: true, filter: (p) => !p.endsWith('.ps1') });
  cpSync(join(root, 'renderer', 'index.html'), join(scan, 'renderer', 'index.html'));
  cpSync(join(root, 'package.json'), join(scan, 'package.json'));
}

/** The list of released versions, or null with the reason when no source could be read. */
function loadReleases(toolTempDir) {
  const reasons = [];
  const parse = (text, from) => {
    const data = JSON.parse(text);
    const versions = (Array.isArray(data) ? data : []).map((r) => (typeof r === 'string' ? r : r?.version)).filter((v) => typeof v === 'string');
    if (versions.length === 0) throw new Error(`${from} holds no Electron versions`);
    return { versions, from };
  };
  if (releasesFile) {
    try {
      return parse(readFileSync(releasesFile, 'utf8'), releasesFile);
    } catch (error) {
      return { error: `the release data file ${releasesFile} could not be read (${error.message})` };
    }
  }
  const downloaded = existsSync(toolTempDir) ? readdirSync(toolTempDir).find((f) => f.startsWith('releases.')) : undefined;
  if (downloaded) {
    try {
      return parse(readFileSync(join(toolTempDir, downloaded), 'utf8'), 'electron/releases (downloaded by Electronegativity)');
    } catch (error) {
      reasons.push(`the downloaded release list is unreadable (${error.message})`);
    }
  } else reasons.push("Electronegativity could not download Electron's release list (offline?)");
  try {
    const text = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['view', 'electron', 'versions', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    return parse(text, 'the npm registry');
  } catch (error) {
    reasons.push(`the npm registry did not answer (${error.message.split('\n')[0]})`);
  }
  return { error: reasons.join('; ') };
}

const numeric = (v) => v.split('-')[0].split('.').map(Number);
const newer = (a, b) => {
  const [x, y] = [numeric(a), numeric(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};

const work = mkdtempSync(join(tmpdir(), 'ad-electronegativity-'));
try {
  const scan = join(work, 'src');
  stage(scan);
  if (process.argv.includes('--list')) {
    console.log(`electron ${electronVersion}`);
    for (const file of filesUnder(scan)) console.log(relative(scan, file));
  } else {
    gate(scan);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function gate(scan) {
  // The tool keeps its release list in the OS temp folder: give it a private one, so a stale
  // list left by another run cannot stand in for a fresh one.
  const toolTemp = join(work, 'tmp');
  mkdirSync(toolTemp);
  const report = join(work, 'report.csv');
  execFileSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scan, '-o', report, '-r', '-e', electronVersion], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TMPDIR: toolTemp, TMP: toolTemp, TEMP: toolTemp },
  });
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const findings = rows.map((row) => row.split(',')).map(([issue, severity, confidence, file, location]) => ({
    issue, severity: severity?.replace(/"/g, ''), confidence: confidence?.replace(/"/g, ''), file, location,
  }));
  const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  for (const f of findings) console.log(`${f.severity?.padEnd(13)} ${f.issue} ${f.file}:${f.location}`);

  const releases = loadReleases(toolTemp);
  const failures = [];
  if (blocking.length > 0) failures.push(`${blocking.length} HIGH/MEDIUM finding(s): fix them or justify an eng-disable comment`);
  if ('error' in releases) {
    failures.push(`Electron's release data could not be loaded, so Electron ${electronVersion} was not checked for security fixes: ${releases.error}. Pass --releases <index.json> to check offline`);
  } else {
    const major = numeric(electronVersion)[0];
    const newest = releases.versions.filter((v) => !v.includes('-') && numeric(v)[0] === major).reduce((a, b) => (newer(b, a) ? b : a), electronVersion);
    console.log(`electron ${electronVersion} (installed); newest ${major}.x: ${newest} (release data from ${releases.from})`);
    if (newer(newest, electronVersion)) failures.push(`Electron ${electronVersion} is outdated: ${newest} is out and Electron patch releases carry security fixes. Run: npm install --save-dev electron@${newest}`);
  }
  if (failures.length > 0) {
    for (const line of failures) console.error(`electronegativity: ${line}`);
    process.exitCode = 1;
  } else {
    console.log(`electronegativity: ${findings.length} finding(s), none HIGH or MEDIUM; Electron ${electronVersion} is current`);
  }
}
