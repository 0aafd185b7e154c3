import type { FixDefinition } from './types';
import { requireElevation, slmgr } from './common';
import { ACTIVATE_STEP } from './activate';

/**
 * Private-cloud guidance: take the time from the KMS host itself for the activation, then put
 * the recorded W32Time configuration back, so the computer returns to its normal time source.
 */
export const syncTimeFromKmsHost: FixDefinition = {
  id: 'sync-time-from-kms-host',
  title: 'Sync the clock from the KMS host, activate, then restore the time settings',
  summary: 'Temporarily uses the KMS host as the time source, activates, and restores the previous Windows Time configuration.',
  inputs: [{ name: 'host', label: 'KMS host', hint: 'the KMS host name or address, e.g. kms1.corp.example', kind: 'host', required: true, secret: false }],
  addresses: ['kms-time-skew'],
  verify: ['windows.licensing', 'network.time'],
  needsElevation: true,
  precondition: (state) => requireElevation(state),
  plan: (_state, inputs) => {
    const host = inputs.host ?? '';
    return {
      changes: [
        'Record the current Windows Time configuration (type and NTP servers)',
        `Use ${host} as the only time source and resync`,
        'Activate Windows',
        'Restore the recorded Windows Time configuration',
      ],
      commands: ['w32tm /query /configuration', `w32tm /config /manualpeerlist:${host} /syncfromflags:manual /update`, 'w32tm /resync /rediscover', slmgr('/ato'), 'w32tm /config /manualpeerlist:"<previous servers>" /syncfromflags:<previous> /update'],
      steps: [
        { script: 'fix-time', params: { action: 'read-config' }, describe: 'record the Windows Time configuration' },
        { script: 'fix-time', params: { action: 'use-peer', peer: host }, describe: `sync from ${host}`, timeoutMs: 60_000 },
        ACTIVATE_STEP,
        {
          script: 'fix-time',
          params: { action: 'restore-config' },
          describe: 'restore the Windows Time configuration',
          timeoutMs: 30_000,
          always: true,
          // Filled from the configuration recorded by the first step; skipped if nothing was recorded.
          fill: (earlier) => {
            const first = earlier[0];
            const config = first?.ok ? (first.data.config as { type?: unknown; ntpServer?: unknown } | undefined) : undefined;
            if (!config || typeof config.type !== 'string' || typeof config.ntpServer !== 'string') return null;
            return { action: 'restore-config', type: config.type, ntpServer: config.ntpServer };
          },
        },
      ],
    };
  },
};
