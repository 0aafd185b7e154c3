import { isPowerShellError, type PowerShellError } from '../../main/powershell/errors';

/** The PowerShellError an invocation fails with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<PowerShellError> {
  try {
    await promise;
  } catch (error) {
    if (isPowerShellError(error)) return error;
    throw error;
  }
  throw new Error('expected the invocation to fail');
}
