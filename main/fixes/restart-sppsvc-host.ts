import type { FixDefinition } from './types';
import { requireElevation } from './common';

export const restartSppsvcHost: FixDefinition = {
  id: 'restart-sppsvc-host',
  title: 'Restart the KMS service on this host',
  summary: 'Restarts the Software Protection service, which answers KMS clients on this host.',
  inputs: [],
  addresses: ['kms-host-sppsvc-stopped'],
  verify: ['windows.services', 'windows.licensing'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    if (state.licensing && !state.licensing.service.isKmsHost) {
      return { code: 'not-applicable', message: 'This computer is not a KMS host (no KMS host key is installed). Run this fix on the KMS host itself.', overridable: false };
    }
    return null;
  },
  plan: () => ({
    changes: ['Restart the Software Protection service (sppsvc)'],
    commands: ['net stop sppsvc', 'net start sppsvc'],
    steps: [{ script: 'fix-service', params: { service: 'sppsvc', action: 'restart' }, describe: 'restart sppsvc', timeoutMs: 90_000 }],
  }),
};
