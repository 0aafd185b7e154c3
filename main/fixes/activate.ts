import type { FixDefinition, FixStep } from './types';
import { requireProduct, requireElevation, slmgr } from './common';

/**
 * Codes worth retrying: the KMS host or the network did not answer this time. Anything else
 * (a wrong key, a count below threshold, an edition the host cannot serve) is definitive.
 */
export const TRANSIENT_ACTIVATION_CODES = new Set([0xc004f074, 0x800705b4, 0x80072ee2, 0x80072efd, 0x80072ee7, 0xc004fc03]);

/** Microsoft's Azure guidance retries /ato up to 12 times; we retry 6 times with growing waits. */
export const ACTIVATE_RETRY = { attempts: 6, delayMs: 5_000, transient: TRANSIENT_ACTIVATION_CODES };

/** Activates the primary Windows product (looked up by the script, so it follows a key change). */
export const ACTIVATE_STEP: FixStep = { script: 'fix-licensing', params: { operation: 'activate' }, describe: 'activate Windows', timeoutMs: 120_000, retry: ACTIVATE_RETRY };

export const activate: FixDefinition = {
  id: 'activate',
  title: 'Activate now',
  summary: 'Asks Windows to activate now (against the KMS host for a KMS client key, online for a MAK or retail key), retrying while the host or network does not answer.',
  inputs: [],
  addresses: ['activation-expiring', 'hardware-changed'],
  verify: ['windows.licensing', 'windows.events'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const found = requireProduct(state);
    return 'refusal' in found ? found.refusal : null;
  },
  plan: () => ({
    changes: ['Activate Windows now; retry up to 6 times while the KMS host or network does not answer'],
    commands: [slmgr('/ato')],
    steps: [ACTIVATE_STEP],
  }),
};
