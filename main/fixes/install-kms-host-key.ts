import { normaliseProductKey } from '../../shared/knowledge/product-key';
import type { FixDefinition } from './types';
import { guardSubscription, guardWorkingActivation, requireElevation, slmgr } from './common';

/**
 * The KMS host key (CSVLK) from the Volume Licensing Service Center. It turns this computer into
 * a KMS host. Never put it on clients: a CSVLK has few activations (Microsoft gives 10 in total or 10 per host).
 */
export const installKmsHostKey: FixDefinition = {
  id: 'install-kms-host-key',
  title: 'Install the KMS host key (CSVLK)',
  summary: 'Installs your organisation\'s KMS host key so this computer becomes the KMS host. Use it on the KMS host only, never on clients.',
  inputs: [{ name: 'key', label: 'KMS host key (CSVLK)', hint: 'from the Volume Licensing Service Center or the Microsoft 365 admin centre: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', kind: 'product-key', required: true, secret: true, keyPurpose: 'kms-host' }],
  addresses: ['no-product-key'],
  verify: ['windows.licensing'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const subscription = guardSubscription(state, 'Installing a KMS host key');
    if (subscription) return subscription;
    if (/^serverturbine(?:cor|core)?$/i.test(state.os?.editionId ?? '')) {
      return { code: 'not-applicable', message: 'Windows Server Datacenter: Azure Edition is activated by Azure and cannot be a KMS host.', overridable: false };
    }
    return guardWorkingActivation(state, 'Installing the KMS host key');
  },
  plan: (_state, inputs) => {
    const parsed = normaliseProductKey(inputs.key ?? '');
    const last5 = parsed.ok ? parsed.last5 : '?';
    return {
      changes: [`Install the KMS host key ending in ${last5}: this computer becomes a KMS host`, 'Refresh the licence state'],
      commands: [slmgr('/ipk', `*****-*****-*****-*****-${last5}`)],
      steps: [{ script: 'fix-licensing', params: { operation: 'install-product-key', key: parsed.ok ? parsed.key : '' }, describe: `install the KMS host key ending in ${last5}`, timeoutMs: 120_000 }],
    };
  },
  previewNotes: () => [
    "A KMS host key has a small number of activations (error 0xC004C008 when they are used up). Microsoft's pages disagree on how many: up to 6 hosts, 10 times each, or 10 in total on up to six computers. Plan for 10 in total, and install it on the KMS host only, never on clients.",
  ],
};
