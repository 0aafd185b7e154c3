import { parseHostAndPort } from '../../shared/inputs';
import { ospp } from '../../shared/knowledge/office';
import type { FixDefinition } from './types';
import { requireElevation, slmgr } from './common';
import { isOfficeKmsClient, requireOfficeProducts } from './office-licences';

const NONE = 'Office has no KMS client licence with a key on this computer, so there is no Office KMS host setting to change.';

export const officeSetKmsHost: FixDefinition = {
  id: 'office-set-kms-host',
  title: "Set Office's KMS host",
  summary: "Points Office's KMS client licences at one KMS host (Office's own setting, as ospp.vbs /sethst; Windows' setting is not touched).",
  inputs: [{ name: 'host', label: 'KMS host for Office', hint: 'a name, IPv4 address or [IPv6] address, with :port if not 1688 (kms1.corp.example:1688)', kind: 'host-port', required: true, secret: false }],
  addresses: ['office-kms-host-mismatch', 'office-activation-error'],
  verify: ['windows.office'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const found = requireOfficeProducts(state, isOfficeKmsClient, NONE);
    return 'refusal' in found ? found.refusal : null;
  },
  plan: (state, inputs) => {
    const target = parseHostAndPort(inputs.host ?? '');
    const host = target.ok ? target.value.host : '';
    const port = target.ok ? target.value.port : null;
    const shown = inputs.host ?? '';
    const found = requireOfficeProducts(state, isOfficeKmsClient, NONE);
    const products = 'products' in found ? found.products : [];
    const activationIds = products.map((p) => p.activationId);
    return {
      changes: [`Office uses the KMS host ${shown}${port === null ? ' on the default port 1688' : ''} for ${products.map((p) => p.name).join(', ') || 'its KMS client licences'} (Office stops finding its host through DNS); Windows keeps its own setting`],
      commands: [
        ospp(`/sethst:${host.includes(':') ? `[${host}]` : host}`),
        ...(port === null ? [] : [ospp(`/setprt:${port}`)]),
        ...activationIds.map((id) => `${slmgr('/skms', shown, id)}  (the same, per activation ID)`),
      ],
      steps: activationIds.length > 0 ? [{ script: 'fix-office', params: { operation: 'set-kms-machine', activationIds, host, port }, describe: `set Office's KMS host to ${shown}` }] : [],
    };
  },
};
