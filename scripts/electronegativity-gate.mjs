// Security gate: runs Electronegativity over the app's sources (main process, preload and the
// renderer's HTML) and fails on any HIGH or MEDIUM finding. The tool itself always exits 0, so
// this script reads its CSV report and decides.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `--input <dir>` scans another folder instead (the test suite uses it on an insecure fixture
// to prove the gate really fails).
const root = new URL('..', import.meta.url).pathname;
const inputFlag = process.argv.indexOf('--input');
const work = mkdtempSync(join(tmpdir(), 'ad-electronegativity-'));
try {
  const scan = join(work, 'src');
  if (inputFlag !== -1) {
    cpSync(process.argv[inputFlag + 1], scan, { recursive: true });
  } else {
    cpSync(join(root, 'main'), join(scan, 'main'), { recursive: true, filter: (p) => !p.endsWith('.ps1') });
    cpSync(join(root, 'renderer', 'index.html'), join(scan, 'renderer', 'index.html'));
    cpSync(join(root, 'package.json'), join(scan, 'package.json'));
  }
  const report = join(work, 'report.csv');
  execFileSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scan, '-o', report, '-r', '-e', '45.4.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const findings = rows.map((row) => row.split(',')).map(([issue, severity, confidence, file, location]) => ({
    issue, severity: severity?.replace(/"/g, ''), confidence: confidence?.replace(/"/g, ''), file, location,
  }));
  const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  for (const f of findings) console.log(`${f.severity?.padEnd(13)} ${f.issue} ${f.file}:${f.location}`);
  if (blocking.length > 0) {
    console.error(`electronegativity: ${blocking.length} HIGH/MEDIUM finding(s): fix them or justify an eng-disable comment`);
    process.exitCode = 1;
  } else {
    console.log(`electronegativity: ${findings.length} finding(s), none HIGH or MEDIUM`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
