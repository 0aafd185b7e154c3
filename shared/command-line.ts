/**
 * Command lines a technician copies: each argument quoted for the shell the line is meant for.
 * cmd.exe and PowerShell quote differently, and a value from a snapshot (attacker-controlled)
 * must never turn into a second command (`kms2.corp.example & calc.exe`). Values reach this
 * point only after their grammar accepted them; the quoting is the second wall.
 */
import { prefillIsValid } from './inputs';

export type Shell = 'cmd' | 'powershell';

/** Characters that need no quoting in either shell (what the host, domain and port grammars allow). */
const PLAIN = /^[A-Za-z0-9._:/-]+$/;

/** True when the text holds a C0 control character or DEL (never quotable safely). */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * One argument for cmd.exe. Double quotes stop & | < > ^ ( ); % and ! still expand inside
 * quotes and a " cannot be escaped reliably, so a value holding any of those is refused (null).
 */
export function quoteForCmd(value: string): string | null {
  if (PLAIN.test(value)) return value;
  if (/["%!]/.test(value) || hasControl(value)) return null;
  return `"${value}"`;
}

/** One argument for PowerShell: single quotes take everything literally; a ' is doubled. */
export function quoteForPowerShell(value: string): string | null {
  if (hasControl(value)) return null;
  if (PLAIN.test(value)) return value;
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

export function quoteArg(value: string, shell: Shell): string | null {
  return shell === 'cmd' ? quoteForCmd(value) : quoteForPowerShell(value);
}

/** Joins a command and its arguments for one shell, or null when an argument cannot be quoted safely. */
export function commandLine(shell: Shell, command: string, args: readonly string[]): string | null {
  const quoted = args.map((a) => quoteArg(a, shell));
  return quoted.every((q): q is string => q !== null) ? [command, ...quoted].join(' ') : null;
}

/**
 * `activation-doctor fix <id> --name value ...` for one shell, or null when a prefilled value
 * fails its fix's grammar (then no command line is shown at all).
 */
export function fixCommandLine(fix: { fixId: string; inputs: Readonly<Record<string, string>> }, shell: Shell): string | null {
  if (!prefillIsValid(fix.fixId, fix.inputs)) return null;
  return commandLine(shell, 'activation-doctor', ['fix', fix.fixId, ...Object.entries(fix.inputs).flatMap(([name, value]) => [`--${name}`, value])]);
}
