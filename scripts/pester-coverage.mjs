// Every shipped PowerShell script must be exercised by the Pester suite: each .ps1 file name under
// main/probes/windows and main/fixes/windows must appear in a test name in the NUnit result.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCRIPT_DIRS = [join('main', 'probes', 'windows'), join('main', 'fixes', 'windows')];

/** The .ps1 file names on disk, sorted. */
export function shippedScripts(root) {
  return SCRIPT_DIRS.flatMap((dir) => readdirSync(join(root, dir)).filter((name) => name.endsWith('.ps1'))).sort();
}

/** The test names in a Pester NUnit XML result (test-case and test-suite names and descriptions). */
export function testNames(xml) {
  const names = [];
  for (const match of xml.matchAll(/<test-(?:case|suite)\b[^>]*?\b(?:name|description)="([^"]*)"/g)) names.push(match[1]);
  return names.map((name) => name.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
}

/** The shipped scripts that no test name mentions. */
export function untestedScripts(scripts, xml) {
  const names = testNames(xml);
  return scripts.filter((script) => !names.some((name) => name.includes(script)));
}
