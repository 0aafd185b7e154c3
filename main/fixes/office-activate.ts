import { ospp } from '../../shared/knowledge/office';
import type { FixDefinition, FixStep } from './types';
import { requireElevation, slmgr } from './common';
import { ACTIVATE_RETRY } from './activate';
import { requireOfficeProducts } from './office-licences';

const NONE = 'Every Office licence with a key is already activated, or Office has none on this computer: there is nothing to activate.';
const notActivated = (p: { licenseStatus: number }) => p.licenseStatus !== 1;

export const officeActivate: FixDefinition = {
  id: 'office-activate',
  title: 'Activate Office now',
  summary: 'Asks each Office licence that is not activated to activate now, by its activation ID (as ospp.vbs /act), retrying while the KMS host or network does not answer.',
  inputs: [],
  addresses: ['office-activation-error', 'office-kms-host-mismatch'],
  verify: ['windows.office'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const found = requireOfficeProducts(state, notActivated, NONE);
    return 'refusal' in found ? found.refusal : null;
  },
  plan: (state) => {
    const found = requireOfficeProducts(state, notActivated, NONE);
    const products = 'products' in found ? found.products : [];
    const steps: FixStep[] = products.map((p) => ({ script: 'fix-office', params: { operation: 'activate', activationId: p.activationId }, describe: `activate ${p.name}`, timeoutMs: 120_000, retry: ACTIVATE_RETRY }));
    return {
      changes: [...products.map((p) => `Activate ${p.name} (activation ID ${p.activationId}); retry up to 6 times while the KMS host or network does not answer`), 'Restart the Office applications afterwards to pick up the new licence state'],
      commands: [ospp('/act'), ...products.map((p) => `${slmgr('/ato', p.activationId)}  (the same, per activation ID)`)],
      steps,
    };
  },
};
