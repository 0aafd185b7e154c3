import { parseHostAndPort } from '../../shared/inputs';
import { AZURE_KMS_PORT, isAzureKmsHost } from '../../shared/knowledge/azure';
import type { FixDefinition, FixStep } from './types';
import { guardSubscription, requireElevation, requireProduct, slmgr } from './common';
import { pickGvlk } from './install-gvlk';
import { ACTIVATE_RETRY } from './activate';

/** Microsoft's fix for 0xC004FD01/FD02 on Azure: GVLK, Azure KMS endpoint, activate. */
export const switchAvmaToAzureKms: FixDefinition = {
  id: 'switch-avma-to-azure-kms',
  title: 'Switch this Azure VM from AVMA to Azure KMS',
  summary: 'Installs the KMS client key for this edition, points Windows at the Azure KMS endpoint of its cloud and activates.',
  inputs: [{ name: 'host', label: 'Azure KMS endpoint', hint: 'the Azure KMS endpoint of this VM\'s cloud, e.g. azkms.core.windows.net:1688', kind: 'host-port', required: true, secret: false }],
  addresses: ['avma-on-azure'],
  verify: ['windows.licensing', 'network.kmsHosts'],
  needsElevation: true,
  precondition: (state, inputs) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const subscription = guardSubscription(state, 'Installing the KMS client key and pointing Windows at Azure KMS');
    if (subscription) return subscription;
    if (!isAzureKmsHost(inputs.host ?? '')) {
      return { code: 'not-applicable', message: `${inputs.host ?? ''} is not an Azure KMS endpoint. This fix only points Azure VMs at Azure KMS (azkms.core.windows.net:1688 in public Azure).`, overridable: false };
    }
    const pick = pickGvlk(state);
    if (pick.kind !== 'key') return { code: 'no-client-key', message: `No KMS client key can be chosen for this VM: ${pick.reason}`, overridable: false };
    const found = requireProduct(state);
    return 'refusal' in found ? found.refusal : null;
  },
  plan: (state, inputs) => {
    const pick = pickGvlk(state);
    const key = pick.kind === 'key' ? pick.record.key : '<no key>';
    const target = parseHostAndPort(inputs.host ?? '');
    const host = target.ok ? target.value.host : '';
    const port = target.ok ? (target.value.port ?? AZURE_KMS_PORT) : AZURE_KMS_PORT;
    const shown = `${host}:${port}`;
    const steps: FixStep[] =
      pick.kind === 'key'
        ? [
            { script: 'fix-licensing', params: { operation: 'install-product-key', key }, describe: 'install the KMS client key', timeoutMs: 120_000 },
            { script: 'fix-licensing', params: { operation: 'clear-kms-machine' }, describe: 'clear the old KMS setting' },
            { script: 'fix-licensing', params: { operation: 'set-kms-machine', host, port }, describe: `use Azure KMS at ${shown}` },
            // Installing the GVLK changes the activation ID, so the script activates the primary product.
            { script: 'fix-licensing', params: { operation: 'activate' }, describe: 'activate Windows', timeoutMs: 120_000, retry: ACTIVATE_RETRY },
          ]
        : [];
    return {
      changes: [
        `Replace the AVMA key with the KMS client key for ${pick.kind === 'key' ? `${pick.record.product} ${pick.record.edition}` : 'this edition'}`,
        `Use Azure KMS at ${shown}`,
        'Activate Windows',
      ],
      commands: [slmgr('/ipk', key), slmgr('/ckms'), slmgr('/skms', shown), slmgr('/ato')],
      steps,
    };
  },
};
