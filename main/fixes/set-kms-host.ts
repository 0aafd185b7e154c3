import { parseHostAndPort } from '../../shared/inputs';
import type { FixDefinition } from './types';
import { requireElevation, slmgr } from './common';
import { kmsHostSettingLevels } from '../../shared/kms-host-settings';

export const setKmsHost: FixDefinition = {
  id: 'set-kms-host',
  title: 'Set the KMS host',
  summary: 'Points this computer at one KMS host by name or address, instead of finding one through DNS.',
  inputs: [{ name: 'host', label: 'KMS host', hint: 'a name, IPv4 address or [IPv6] address, with :port if not 1688 (kms1.corp.example:1688)', kind: 'host-port', required: true, secret: false }],
  addresses: ['kms-srv-stale', 'kms-srv-missing', 'kms-host-unresolvable', 'kms-port-filtered', 'kms-port-refused'],
  verify: ['windows.licensing', 'network.kmsHosts'],
  needsElevation: true,
  precondition: (state) => requireElevation(state),
  plan: (state, inputs) => {
    const target = parseHostAndPort(inputs.host ?? '');
    const host = target.ok ? target.value.host : '';
    const port = target.ok ? target.value.port : null;
    const shown = inputs.host ?? '';
    // Where a host is already set on the Windows licence itself, that setting wins over the
    // machine-wide one: the new host goes there too, or Windows would keep using the old one.
    const onProduct = kmsHostSettingLevels(state.licensing).productActivationId;
    return {
      changes: [`Use the KMS host ${shown}${port === null ? ' on the default port 1688' : ''} (DNS auto-discovery is turned off)${onProduct ? ', on the Windows licence where the old host was set' : ''}`],
      commands: [onProduct ? slmgr('/skms', shown, onProduct) : slmgr('/skms', shown)],
      steps: [{ script: 'fix-licensing', params: { operation: 'set-kms-machine', host, port, ...(onProduct ? { activationId: onProduct } : {}) }, describe: `set the KMS host to ${shown}` }],
    };
  },
};
