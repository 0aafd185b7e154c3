// Runs every benchmark in bench/ (files named *.bench.mjs), one after another, and prints what
// each measures side by side. Benchmarks are not tests: they report ratios, they do not gate CI.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dir = new URL('../bench/', import.meta.url).pathname;
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort();
} catch {
  files = [];
}
const only = process.argv[2];
const selected = only ? files.filter((f) => f.includes(only)) : files;
if (selected.length === 0) {
  console.log(only ? `no benchmark matches '${only}'` : 'no benchmarks in bench/');
  process.exit(only ? 2 : 0);
}
let failed = 0;
for (const file of selected) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
