/**
 * The renderer's only way to talk to the main process: the typed bridge the preload exposes.
 * In tests the same type is satisfied by a test bridge built from recorded scenarios.
 */
import type { BridgeApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    activationDoctor?: BridgeApi;
  }
}

export function getBridge(): BridgeApi | null {
  return typeof window !== 'undefined' && window.activationDoctor ? window.activationDoctor : null;
}
