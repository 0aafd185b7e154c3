import { clientKeyFor } from '../../shared/knowledge/gvlk';
import type { FixDefinition, FixState } from './types';
import { guardSubscription, guardWorkingActivation, requireElevation, slmgr } from './common';

/** The KMS client key for this computer's edition, picked from Microsoft's table. */
export function pickGvlk(state: FixState) {
  if (!state.os) return { kind: 'none' as const, reason: 'the Windows edition could not be read' };
  return clientKeyFor({ caption: state.os.caption, build: state.os.build, editionId: state.os.editionId, installationType: state.os.installationType });
}

export const installGvlk: FixDefinition = {
  id: 'install-gvlk',
  title: 'Install the KMS client key (GVLK)',
  summary: "Installs Microsoft's published KMS client setup key for this computer's edition, so it can activate against a KMS host, Active Directory or Azure KMS.",
  inputs: [],
  addresses: ['channel-not-volume', 'no-product-key'],
  verify: ['windows.licensing'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const subscription = guardSubscription(state, 'Installing the KMS client key');
    if (subscription) return subscription;
    const pick = pickGvlk(state);
    if (pick.kind !== 'key') return { code: 'no-client-key', message: `No KMS client key can be chosen for this computer: ${pick.reason}`, overridable: false };
    return guardWorkingActivation(state, 'Installing the KMS client key');
  },
  plan: (state) => {
    const pick = pickGvlk(state);
    const key = pick.kind === 'key' ? pick.record.key : '<no key>';
    const label = pick.kind === 'key' ? `${pick.record.product} ${pick.record.edition}` : 'this edition';
    return {
      changes: [`Replace the installed product key with the KMS client key for ${label}`],
      commands: [slmgr('/ipk', key)],
      steps: pick.kind === 'key' ? [{ script: 'fix-licensing', params: { operation: 'install-product-key', key }, describe: `install the KMS client key for ${label}`, timeoutMs: 120_000 }] : [],
    };
  },
};
