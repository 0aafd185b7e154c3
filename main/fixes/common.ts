/** Pieces several fixes share: the slmgr command text, the primary product, safety checks. */
import { selectWindowsProduct } from '../../shared/windows-product';
import { channelFromDescription, channelRecord } from '../../shared/knowledge/licensing';
import { factValue, type WindowsProduct } from '../../shared/snapshot';
import { subscriptionDevice } from '../../shared/subscription';
import type { FixState, Refusal } from './types';

/** How a technician runs slmgr: the displayed equivalent of what the fix does through CIM. */
export const slmgr = (...args: string[]) => `cscript //nologo %SystemRoot%\\System32\\slmgr.vbs ${args.join(' ')}`;

export function windowsProduct(state: FixState): WindowsProduct | null {
  return state.licensing ? (selectWindowsProduct(state.licensing.products)?.product ?? null) : null;
}

export function requireElevation(state: FixState): Refusal | null {
  if (state.elevated === false) {
    return { code: 'not-elevated', message: 'This fix changes system settings and needs administrator rights. Restart Activation Doctor with "Run as administrator".', overridable: false };
  }
  return null;
}

/**
 * Refuses to put a different key over an activation that works (a licensed MAK, retail or OEM
 * licence): the new key would drop Windows out of its licensed state. Overridable on purpose.
 */
export function guardWorkingActivation(state: FixState, what: string): Refusal | null {
  // Without the licence state we cannot tell whether a working activation would be lost: refuse.
  if (!state.licensing) {
    return { code: 'missing-facts', message: `The licence state could not be read, so Activation Doctor cannot tell whether ${what.toLowerCase()} would replace a working activation. Check this computer again (as an administrator), then retry.`, overridable: false };
  }
  const product = windowsProduct(state);
  if (!product || product.licenseStatus !== 1) return null;
  const channel = channelFromDescription(product.description);
  const kind = channel ? channelRecord(channel).activation : 'unknown';
  const label = kind === 'mak' ? 'a MAK' : kind === 'retail' ? 'a retail licence' : kind === 'oem' ? 'an OEM licence' : kind === 'kms-client' ? 'KMS' : kind === 'avma' ? 'AVMA' : 'its current key';
  return {
    code: 'would-replace-working-activation',
    message: `Windows is activated with ${label} (key ending in ${product.partialProductKey ?? '?'}). ${what} would replace a working activation. Only continue if you mean to change how this computer is licensed.`,
    overridable: true,
  };
}

/** The product the activation operations act on, or a refusal when none can be read. */
export function requireProduct(state: FixState): { product: WindowsProduct } | { refusal: Refusal } {
  const product = windowsProduct(state);
  if (!product) return { refusal: { code: 'missing-facts', message: 'No Windows licence with a product key could be read on this computer, so there is nothing to activate. Install a key first.', overridable: false } };
  return { product };
}

/**
 * Refuses to push a KMS client key (GVLK) or a KMS host onto a device that Windows subscription
 * activation (Enterprise E3/E5, Education) steps up: the subscription replaces them, and an
 * Enterprise GVLK would switch it to KMS-activated Enterprise. Read from the fresh edition and
 * licence, and from the check's subscription status when the fix runs from a diagnosis.
 */
export function guardSubscription(state: FixState, what: string): Refusal | null {
  const subscription = state.snapshot ? (factValue(state.snapshot.windows.subscription) ?? null) : null;
  const device = subscriptionDevice(state.os, state.licensing, subscription);
  if (!device) return null;
  return {
    code: 'subscription-device',
    message: `This device uses Windows subscription activation (${device.because}). ${what} would replace it with KMS activation, which Microsoft's subscription activation makes unnecessary. Activate the underlying Windows Pro licence with its own key instead.`,
    overridable: false,
  };
}
