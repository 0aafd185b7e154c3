/**
 * What can go wrong when a PowerShell script is run, as a discriminated union, so callers (the
 * Windows collectors, later the fixes) map each kind to their own wording without parsing text.
 */

/** An error a script caught and reported as `{"error": {...}}` instead of throwing. */
export interface ScriptReportedError {
  /** 'access-denied', 'not-elevated', 'not-supported', 'failed', ... (set by the script). */
  kind: string;
  /** The exception message: localized by Windows, shown to the technician as is. */
  message: string;
  /** Exception.HResult as an unsigned 32-bit number, when the script had one. */
  hresult: number | null;
  /** PowerShell's FullyQualifiedErrorId, e.g. "UnauthorizedAccess,..." (not localized). */
  errorId: string | null;
  /** ErrorRecord.CategoryInfo.Category, e.g. "PermissionDenied" (not localized). */
  category: string | null;
}

export type PowerShellFailure =
  | { kind: 'powershell-missing'; message: string; executable: string }
  /** The session runs in a restricted language mode (AppLocker/WDAC): nothing of ours can run. */
  | { kind: 'restricted-language'; message: string; languageMode: string }
  /** An execution policy set by Group Policy refused our script file (PSSecurityException). */
  | { kind: 'execution-policy'; message: string; script: string; stderr: string }
  | { kind: 'not-elevated'; message: string; script: string }
  | { kind: 'timeout'; message: string; script: string; timeoutMs: number; phase: 'start' | 'run' }
  | { kind: 'cancelled'; message: string; script: string }
  /** The shell exited while a script was running (it is restarted for the next call). */
  | { kind: 'crashed'; message: string; script: string; exitCode: number | null }
  | { kind: 'non-json'; message: string; script: string; excerpt: string }
  /** Output on stderr, a script-reported error, or a script we refuse to run. */
  | { kind: 'script-error'; message: string; script: string; reported: ScriptReportedError | null; stderr: string | null }
  | { kind: 'invalid-output'; message: string; script: string; path: string };

export type PowerShellErrorKind = PowerShellFailure['kind'];

export class PowerShellError extends Error {
  override readonly name = 'PowerShellError';
  constructor(readonly failure: PowerShellFailure) {
    super(failure.message);
  }
  get kind(): PowerShellErrorKind {
    return this.failure.kind;
  }
}

export const isPowerShellError = (error: unknown): error is PowerShellError => error instanceof PowerShellError;

/** Keeps excerpts of foreign output short enough for one line of a report. */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
