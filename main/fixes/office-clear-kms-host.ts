import { ospp } from '../../shared/knowledge/office';
import type { FixDefinition } from './types';
import { requireElevation, slmgr } from './common';
import { requireOfficeProducts } from './office-licences';
import { officeConfiguredKmsHost } from '../../shared/office-licences';
import type { OfficeProduct } from '../../shared/snapshot';

const hasHostSet = (p: OfficeProduct) => officeConfiguredKmsHost(p) !== null;

const NONE = 'No KMS host is set for Office on this computer (ospp.vbs /sethst), so there is nothing to clear: Office already finds its KMS host through DNS.';

export const officeClearKmsHost: FixDefinition = {
  id: 'office-clear-kms-host',
  title: "Clear Office's KMS host (back to DNS discovery)",
  summary: "Removes the KMS host set for Office's licences, so Office finds its KMS host through the _vlmcs._tcp DNS record again (as ospp.vbs /remhst; Windows' setting is not touched).",
  inputs: [],
  addresses: ['office-kms-host-mismatch'],
  verify: ['windows.office'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const found = requireOfficeProducts(state, hasHostSet, NONE);
    return 'refusal' in found ? found.refusal : null;
  },
  plan: (state) => {
    const found = requireOfficeProducts(state, hasHostSet, NONE);
    const products = 'products' in found ? found.products : [];
    const activationIds = products.map((p) => p.activationId);
    return {
      changes: [`Remove the KMS host name and port set for ${products.map((p) => `${p.name} (${officeConfiguredKmsHost(p)?.host ?? ''})`).join(', ') || 'Office'}; Office uses DNS discovery again`],
      commands: [ospp('/remhst'), ...activationIds.map((id) => `${slmgr('/ckms', id)}  (the same, per activation ID)`)],
      steps: activationIds.length > 0 ? [{ script: 'fix-office', params: { operation: 'clear-kms-machine', activationIds }, describe: "clear Office's KMS host" }] : [],
    };
  },
};
