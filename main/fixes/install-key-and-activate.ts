import { normaliseProductKey } from '../../shared/knowledge/product-key';
import { GVLK_RECORDS } from '../../shared/knowledge/gvlk-table';
import type { FixDefinition } from './types';
import { guardSubscription, guardWorkingActivation, requireElevation, slmgr } from './common';
import { ACTIVATE_STEP } from './activate';

/** A MAK or retail key, installed and activated online with Microsoft. */
export const installKeyAndActivate: FixDefinition = {
  id: 'install-key-and-activate',
  title: 'Install a MAK or retail key and activate online',
  summary: 'Installs the product key you enter (a MAK or a retail key) and activates it online with Microsoft.',
  inputs: [{ name: 'key', label: 'Product key', hint: 'five groups of five characters: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', kind: 'product-key', required: true, secret: true, keyPurpose: 'mak-or-retail' }],
  addresses: ['gvlk-without-kms', 'no-product-key', 'kms-count-insufficient', 'product-key-invalid', 'product-key-blocked'],
  verify: ['windows.licensing'],
  needsElevation: true,
  precondition: (state, inputs) =>
    requireElevation(state) ?? (isPublishedClientKey(inputs.key ?? '') ? guardSubscription(state, 'Installing a KMS client key') : null) ?? guardWorkingActivation(state, 'Installing another key'),
  plan: (_state, inputs) => {
    const parsed = normaliseProductKey(inputs.key ?? '');
    const key = parsed.ok ? parsed.key : '';
    const masked = parsed.ok ? `*****-*****-*****-*****-${parsed.last5}` : '<key>';
    return {
      changes: [`Install the product key ending in ${parsed.ok ? parsed.last5 : '?'}`, 'Activate online with Microsoft'],
      commands: [slmgr('/ipk', masked), slmgr('/ato')],
      steps: [
        { script: 'fix-licensing', params: { operation: 'install-product-key', key }, describe: `install the key ending in ${parsed.ok ? parsed.last5 : '?'}`, timeoutMs: 120_000 },
        ACTIVATE_STEP,
      ],
    };
  },
};

/** A key Microsoft publishes as a KMS client setup key (the input grammar refuses it too; this guards the device). */
function isPublishedClientKey(raw: string): boolean {
  const parsed = normaliseProductKey(raw);
  return parsed.ok && GVLK_RECORDS.some((r) => r.key === parsed.key);
}
