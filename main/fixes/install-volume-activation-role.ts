import type { FixDefinition, FixStep, StepResult } from './types';
import { guardSubscription, requireElevation } from './common';

/** Step 1 of Microsoft's KMS host setup on Windows Server 2012 and later. */
export const installVolumeActivationRole: FixDefinition = {
  id: 'install-volume-activation-role',
  title: 'Install the Volume Activation Services role',
  summary: 'Installs the Volume Activation Services role and its management tools (the Volume Activation Tools wizard), needed to run a KMS host on Windows Server.',
  inputs: [],
  addresses: ['kms-host-sppsvc-stopped'],
  verify: ['windows.licensing'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const subscription = guardSubscription(state, 'Making it a KMS host');
    if (subscription) return subscription;
    if (state.os && state.os.productType === 1) {
      return { code: 'not-applicable', message: 'This is a Windows client: the role exists only on Windows Server. A client KMS host is set up with the host key alone (it can activate only Windows clients).', overridable: false };
    }
    return null;
  },
  plan: () => ({
    changes: ['Install the Volume Activation Services role with its management tools'],
    commands: ['Install-WindowsFeature -Name VolumeActivation -IncludeManagementTools'],
    steps: [{ script: 'fix-role', params: { action: 'install-volume-activation' }, describe: 'install the Volume Activation Services role', timeoutMs: 600_000 }],
  }),
};

export interface VolumeActivationRoleState {
  state: 'installed' | 'not-installed' | 'unknown';
  detail: string;
}

/** Whether the Volume Activation Services role is installed (read-only; Windows Server only). */
export async function readVolumeActivationRole(invoke: (step: FixStep) => Promise<StepResult>): Promise<VolumeActivationRoleState> {
  const result = await invoke({ script: 'fix-role', params: { action: 'query' }, describe: 'read the Volume Activation Services role' });
  if (!result.ok) return { state: 'unknown', detail: `the role could not be read (${result.message})` };
  return result.data.installed === true ? { state: 'installed', detail: 'the Volume Activation Services role is installed' } : { state: 'not-installed', detail: 'the Volume Activation Services role is not installed yet' };
}
