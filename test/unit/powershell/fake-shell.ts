/**
 * Helpers for running the real runner against test/fixtures/powershell/fake-powershell.mjs.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FAKE_SHELL = resolve(__dirname, '../../fixtures/powershell/fake-powershell.mjs');
export const FAKE_SCRIPTS = resolve(__dirname, '../../fixtures/powershell/scripts');

export type LogEntry =
  | { pid: number; at: number; type: 'start'; argv: string[]; cwd: string; env?: { DEBUG: string | null; NODE_POWERSHELL: string | null } }
  | { pid: number; at: number; type: 'line'; line: string }
  | { pid: number; at: number; type: 'done'; line: string };

export interface FakeShellLog {
  file: string;
  entries(): LogEntry[];
  starts(): Extract<LogEntry, { type: 'start' }>[];
  /** Lines received, without node-powershell's delimiter lines. */
  commands(): Extract<LogEntry, { type: 'line' }>[];
  /** Everything received on stdin, in order. */
  transcript(): string;
}

const DELIMITER_LINE = /^\[Console\]::(Out|Error)\.WriteLine\("[0-9A-Za-z]{16}"\)$/;

export function createFakeShellLog(): FakeShellLog {
  chmodSync(FAKE_SHELL, 0o755);
  const file = join(mkdtempSync(join(tmpdir(), 'ad-fake-ps-')), 'stdin.log');
  const entries = (): LogEntry[] =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as LogEntry)
      : [];
  return {
    file,
    entries,
    starts: () => entries().filter((e): e is Extract<LogEntry, { type: 'start' }> => e.type === 'start'),
    commands: () => entries().filter((e): e is Extract<LogEntry, { type: 'line' }> => e.type === 'line' && !DELIMITER_LINE.test(e.line)),
    transcript: () =>
      entries()
        .filter((e): e is Extract<LogEntry, { type: 'line' }> => e.type === 'line')
        .map((e) => e.line)
        .join('\n'),
  };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}
