/**
 * The Windows fixtures: what each collector script prints under Windows PowerShell 5.1, per machine
 * (test/fixtures/windows/<machine>/<script>.json; provenance in the README there).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(__dirname, '../../../fixtures/windows');

export const MACHINES = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export const fixtureFiles = (): { machine: string; script: string }[] =>
  MACHINES.flatMap((machine) =>
    readdirSync(join(FIXTURES_DIR, machine))
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ machine, script: name.replace(/\.json$/, '') })),
  );

export const fixtureText = (machine: string, script: string): string => readFileSync(join(FIXTURES_DIR, machine, `${script}.json`), 'utf8');

/** The fixture as the runner sees it: JSON.parse of the script's stdout. */
export const fixture = (machine: string, script: string): unknown => JSON.parse(fixtureText(machine, script));
