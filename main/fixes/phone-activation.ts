import { groupInstallationId } from '../../shared/inputs';
import type { FixDefinition, FixState, StepResult } from './types';
import { requireElevation, requireProduct, slmgr } from './common';

const PHONE_NOTES = [
  'Call the Microsoft activation centre for your country: the numbers are on the Volume Licensing activation centres page (https://www.microsoft.com/licensing/existing-customer/activation-centers) and in %SystemRoot%\\System32\\sppui\\phone.inf.',
  'Read out the installation ID; write down the 48-digit confirmation ID you are given (8 groups of 6 digits).',
];

/** Phone (offline) activation: read the installation ID, deposit the confirmation ID, verify. */
export const phoneActivation: FixDefinition = {
  id: 'phone-activation',
  title: 'Activate by phone',
  summary: 'Shows the installation ID to read to Microsoft, then deposits the confirmation ID you are given.',
  inputs: [{ name: 'confirmation-id', label: 'Confirmation ID', hint: '48 digits in 8 groups of 6, as Microsoft reads them out', kind: 'confirmation-id', required: true, secret: true }],
  addresses: ['gvlk-without-kms', 'mak-limit-exceeded', 'phone-activation-data-invalid'],
  verify: ['windows.licensing'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const found = requireProduct(state);
    return 'refusal' in found ? found.refusal : null;
  },
  prepare: (state) => {
    const found = requireProduct(state);
    return 'product' in found ? [{ script: 'fix-licensing', params: { operation: 'get-installation-id', activationId: found.product.activationId }, describe: 'read the installation ID' }] : [];
  },
  previewNotes: (prepared) => {
    const iid = installationIdFrom(prepared);
    return [iid ? `Installation ID: ${groupInstallationId(iid).join(' ')}` : 'The installation ID could not be read.', ...PHONE_NOTES];
  },
  plan: (state, inputs, prepared) => {
    const found = requireProduct(state);
    const activationId = 'product' in found ? found.product.activationId : '';
    const iid = installationIdFrom(prepared) ?? '';
    return {
      changes: ['Deposit the confirmation ID from Microsoft, which activates Windows'],
      commands: [slmgr('/dti'), slmgr('/atp', '<confirmation ID>')],
      steps: [
        {
          script: 'fix-licensing',
          params: { operation: 'deposit-confirmation-id', activationId, installationId: iid, confirmationId: inputs['confirmation-id'] ?? '' },
          describe: 'deposit the confirmation ID',
          timeoutMs: 60_000,
        },
      ],
    };
  },
};

export function installationIdFrom(prepared: readonly { ok: boolean; data?: Record<string, unknown> }[]): string | null {
  const first = prepared[0];
  const iid = first?.ok ? first.data?.installationId : undefined;
  return typeof iid === 'string' && /^\d{40,80}$/.test(iid) ? iid : null;
}

export type InstallationIdResult = { ok: true; installationId: string } | { ok: false; reason: string };

/** Reads the installation ID with this fix's own (read-only) prepare step; the engine supplies the state and runs the steps. */
export async function readInstallationId(readState: () => Promise<FixState>, prepare: (fix: FixDefinition, state: FixState) => Promise<StepResult[]>): Promise<InstallationIdResult> {
  const state = await readState();
  if (!state.licensing) return { ok: false, reason: 'The licence state could not be read, so there is no installation ID. Phone activation runs on the Windows computer itself, as an administrator.' };
  const prepared = await prepare(phoneActivation, state);
  const iid = installationIdFrom(prepared);
  if (iid) return { ok: true, installationId: iid };
  const failed = prepared.find((r): r is Extract<StepResult, { ok: false }> => !r.ok);
  return { ok: false, reason: failed ? `The installation ID could not be read: ${failed.message}` : 'Windows gave no installation ID: install a product key first.' };
}
