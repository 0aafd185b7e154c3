/**
 * The only PowerShell source text the runner ever writes: a fixed start-up line and
 * `& '<our script>' -ArgsBase64 '<base64>'`. Parameters travel as base64-encoded UTF-8 JSON, so
 * whatever a technician typed reaches the script as data and is never parsed as PowerShell.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { PowerShellError } from './errors';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type ScriptParams = Record<string, JsonValue>;

/** Printed by the start-up line instead of preparing the session when the language is restricted. */
export const LANGUAGE_MODE_MARKER = 'ActivationDoctor:LanguageMode=';

/**
 * Sent once when a shell starts. It first asks for the language mode: under Constrained Language
 * Mode (AppLocker, WDAC) `[Console]::...`, which node-powershell's framing and our scripts use, is
 * forbidden, so the line prints a marker (core language only) that the session watches for on the
 * raw output instead of waiting for a framed answer that never comes. Otherwise it prepares the
 * session: no progress, warning, verbose, debug or information records mixed into the JSON output;
 * errors in the full form that names FullyQualifiedErrorId and the exception type (5.1's default,
 * not 7's); modules only from PowerShell's own folder, so nothing the user installed or pointed
 * PSModulePath at shadows a cmdlet; and UTF-8 output without a BOM.
 */
export const SESSION_INIT_COMMAND =
  `if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { '${LANGUAGE_MODE_MARKER}' + $ExecutionContext.SessionState.LanguageMode } else { ` +
  "$ProgressPreference = 'SilentlyContinue'; $WarningPreference = 'SilentlyContinue'; $VerbosePreference = 'SilentlyContinue'; " +
  "$DebugPreference = 'SilentlyContinue'; $InformationPreference = 'SilentlyContinue'; $ErrorView = 'NormalView'; " +
  "$env:PSModulePath = Join-Path -Path $PSHOME -ChildPath 'Modules'; " +
  '[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false }';

/** Script names are plain identifiers: `licensing`, `network-config`. */
const SCRIPT_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/=]+$/;
/** A command is one stdin line: the path must not contain line breaks or other control characters. */
export function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
const PRINTABLE_ASCII = /^[\u0020-\u007e]+$/;
/** The largest parameter document we pass (a fix needs a few hundred bytes). */
export const MAX_PARAMS_BYTES = 64 * 1024;

/** Serialises parameters to JSON and base64-encodes the UTF-8 bytes. */
export function encodeParams(params: ScriptParams): string {
  const json = JSON.stringify(params);
  const bytes = Buffer.from(json, 'utf8');
  if (bytes.length > MAX_PARAMS_BYTES) {
    throw new PowerShellError({
      kind: 'script-error',
      message: `the parameters are ${bytes.length} bytes; the limit is ${MAX_PARAMS_BYTES}`,
      script: '(parameters)',
      reported: null,
      stderr: null,
    });
  }
  const encoded = bytes.toString('base64');
  // Always true for Buffer's base64; checked so the command-line invariant never rests on an assumption.
  if (!BASE64.test(encoded)) throw new Error('base64 encoding produced unexpected characters');
  return encoded;
}

/**
 * A single-quoted PowerShell string literal. PowerShell treats the typographic quotes U+2018..U+201B
 * as single quotes too, so each of them is doubled like `'`.
 */
export function psSingleQuoted(text: string): string {
  if (hasControlCharacter(text)) throw new Error('a PowerShell literal must not contain control characters or line breaks');
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export interface ResolvedScript {
  name: string;
  /** Absolute path of the .ps1 file inside the scripts folder. */
  path: string;
}

const refuse = (name: string, message: string) =>
  new PowerShellError({ kind: 'script-error', message, script: name, reported: null, stderr: null });

/**
 * Finds `<name>.ps1` in our scripts folder and refuses anything else: names that are not plain
 * identifiers, missing files, and files that resolve (through links) outside the folder.
 */
export function resolveScript(scriptsDir: string, name: string): ResolvedScript {
  if (!SCRIPT_NAME.test(name)) throw refuse(name.slice(0, 64), `"${name.slice(0, 64)}" is not the name of an Activation Doctor probe script`);
  if (!isAbsolute(scriptsDir) || hasControlCharacter(scriptsDir)) throw refuse(name, `the scripts folder "${scriptsDir}" is not an absolute path without control characters`);
  const path = join(scriptsDir, `${name}.ps1`);
  let realDir: string;
  let realFile: string;
  try {
    realDir = realpathSync(scriptsDir);
    realFile = realpathSync(path);
    if (!statSync(realFile).isFile()) throw new Error('not a file');
  } catch {
    throw refuse(name, `the probe script ${name}.ps1 is missing from ${scriptsDir}; reinstall Activation Doctor`);
  }
  const inside = relative(realDir, realFile);
  if (inside.startsWith('..') || isAbsolute(inside) || inside.includes(sep)) {
    throw refuse(name, `${name}.ps1 resolves outside the scripts folder (${realFile}); refusing to run it`);
  }
  return { name, path };
}

/**
 * The command line for one script run. The path is an absolute single-quoted literal when it is
 * printable ASCII. Otherwise (an installation under C:\Users\Jürgen\...) it is the relative literal
 * `.\name.ps1`: the shell is started with the scripts folder as its working directory, because
 * Windows PowerShell decodes stdin in the OEM code page and would garble the absolute path.
 */
export function buildScriptCommand(script: ResolvedScript, paramsBase64: string): string {
  if (!BASE64.test(paramsBase64)) throw new Error('parameters must be base64');
  const target = PRINTABLE_ASCII.test(script.path) ? script.path : `.\\${script.name}.ps1`;
  return `& ${psSingleQuoted(target)} -ArgsBase64 '${paramsBase64}'`;
}
