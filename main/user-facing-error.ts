/**
 * A thrown error whose message is already written for a technician; the IPC layer passes it
 * through as it is. Kept apart from main/ipc.ts so engine code never has to load Electron.
 */
import type { IpcError } from '../shared/ipc/contract';

export class UserFacingError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
  ) {
    super(message);
  }
}
