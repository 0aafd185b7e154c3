import type { FixDefinition } from './types';
import { guardSubscription, requireElevation, slmgr } from './common';

export const setKmsLookupDomain: FixDefinition = {
  id: 'set-kms-lookup-domain',
  title: 'Look for the KMS host in another DNS domain',
  summary: 'Makes Windows look up _vlmcs._tcp records in the given DNS domain (for disjoint namespaces). Ignored while a KMS host is set by hand.',
  inputs: [{ name: 'domain', label: 'DNS domain', hint: 'the DNS domain that holds the _vlmcs._tcp record, e.g. corp.example', kind: 'dns-domain', required: true, secret: false }],
  addresses: ['kms-srv-missing'],
  verify: ['windows.licensing', 'network.srv'],
  needsElevation: true,
  precondition: (state) => requireElevation(state) ?? guardSubscription(state, 'Setting a KMS lookup domain'),
  plan: (_state, inputs) => ({
    changes: [`Look up the KMS host's _vlmcs._tcp record in ${inputs.domain ?? ''}`],
    commands: [slmgr('/skms-domain', inputs.domain ?? '')],
    steps: [{ script: 'fix-licensing', params: { operation: 'set-kms-lookup-domain', domain: inputs.domain ?? '' }, describe: `set the lookup domain to ${inputs.domain ?? ''}` }],
  }),
};
