/**
 * Maps a runner failure to the snapshot's "unavailable" reason and one line a technician can act on:
 * what could not be read, why, and what to do next.
 */
import type { UnavailableReason } from '../../../shared/snapshot';
import { excerpt, isPowerShellError, type PowerShellFailure } from '../../powershell/errors';

export interface FailureDescription {
  reason: UnavailableReason;
  detail: string;
}

const E_ACCESSDENIED = 0x80070005;
const WBEM_E_ACCESS_DENIED = 0x80041003;

function isAccessDenied(failure: Extract<PowerShellFailure, { kind: 'script-error' }>): boolean {
  const reported = failure.reported;
  if (reported?.kind === 'access-denied') return true;
  if (reported?.hresult === E_ACCESSDENIED || reported?.hresult === WBEM_E_ACCESS_DENIED) return true;
  // Not localized: FullyQualifiedErrorId, the error category, and the hex code in stderr output.
  const evidence = [reported?.errorId, reported?.category, failure.stderr].filter(Boolean).join(' ');
  return /UnauthorizedAccess|PermissionDenied|0x80070005|0x80041003/i.test(evidence);
}

const line = (text: string) => excerpt(text, 1900);

export function describeFailure(error: unknown, subject: string): FailureDescription {
  const could = `Could not read ${subject}`;
  if (!isPowerShellError(error)) {
    return { reason: 'failed', detail: line(`${could}: ${error instanceof Error ? error.message : String(error)}`) };
  }
  const failure = error.failure;
  switch (failure.kind) {
    case 'powershell-missing':
      return { reason: 'powershell-missing', detail: line(`${could}: ${failure.message}.`) };
    case 'restricted-language':
    case 'execution-policy':
      // The message already says what to do; it is the same for every fact, as the cause is.
      return { reason: 'powershell-restricted', detail: line(`${could}: ${failure.message}.`) };
    case 'timeout':
      return {
        reason: 'timed-out',
        detail: line(`${could}: ${failure.message}. Run the check again; if it keeps timing out, restart the Windows Management Instrumentation service (winmgmt).`),
      };
    case 'cancelled':
      return { reason: 'cancelled', detail: line(`${could}: ${failure.message}.`) };
    case 'not-elevated':
      return { reason: 'not-elevated', detail: line(`${could}: ${failure.message}. Start Activation Doctor as administrator.`) };
    case 'script-error':
      if (isAccessDenied(failure)) {
        return { reason: 'access-denied', detail: line(`${could}: Windows denied access (${failure.message}). Start Activation Doctor as administrator.`) };
      }
      if (failure.reported?.kind === 'not-supported') {
        return { reason: 'not-supported', detail: line(`${could}: this version of Windows does not provide it (${failure.message}).`) };
      }
      return { reason: 'failed', detail: line(`${could}: ${failure.message}.`) };
    case 'crashed':
    case 'non-json':
    case 'invalid-output':
      return { reason: 'failed', detail: line(`${could}: ${failure.message}. Run the check again; if it persists, report it with this line.`) };
  }
}
