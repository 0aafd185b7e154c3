import type { FixDefinition, FixPlan, FixStep } from './types';
import { requireElevation, slmgr } from './common';
import { configuredKmsHost, kmsHostSettingLevels } from '../../shared/kms-host-settings';

export const clearKmsHost: FixDefinition = {
  id: 'clear-kms-host',
  title: 'Clear the KMS host (back to DNS discovery)',
  summary: 'Removes a KMS host set by hand, so Windows finds its KMS host through the _vlmcs._tcp DNS record again.',
  inputs: [],
  addresses: ['third-party-kms-host', 'kms-host-unresolvable', 'kms-key-mismatch'],
  verify: ['windows.licensing', 'network.srv', 'network.kmsHosts'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    // Clearing a host nobody set changes nothing: say so instead of pretending to fix something.
    if (state.licensing && !configuredKmsHost(state.licensing)) {
      return { code: 'not-applicable', message: 'No KMS host is set by hand on this computer (slmgr /skms), so there is nothing to clear: Windows already finds its KMS host through DNS.', overridable: false };
    }
    return null;
  },
  plan: (state): FixPlan => {
    // A host set on the Windows licence itself wins over the machine-wide one: both are cleared.
    const levels = kmsHostSettingLevels(state.licensing);
    const onProduct = levels.productActivationId;
    const clearService = levels.service || onProduct === null;
    return {
      changes: ['Remove the KMS host name and port set on this computer; DNS auto-discovery is used again'],
      commands: [...(onProduct ? [slmgr('/ckms', onProduct)] : []), ...(clearService ? [slmgr('/ckms')] : [])],
      steps: [
        ...(onProduct ? [<FixStep>{ script: 'fix-licensing', params: { operation: 'clear-kms-machine', activationId: onProduct }, describe: 'clear the KMS host set on the Windows licence' }] : []),
        ...(clearService ? [<FixStep>{ script: 'fix-licensing', params: { operation: 'clear-kms-machine' }, describe: 'clear the KMS host' }] : []),
      ],
    };
  },
};
