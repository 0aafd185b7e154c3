import { normaliseProductKey } from '../../shared/knowledge/product-key';
import type { FixDefinition } from './types';
import { guardWorkingActivation, requireElevation, slmgr } from './common';
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
  precondition: (state) => requireElevation(state) ?? guardWorkingActivation(state, 'Installing another key'),
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
