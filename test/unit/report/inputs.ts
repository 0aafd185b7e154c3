/** Report inputs for the tests: snapshots from the builder, their diagnosis, and audit records. */
import { diagnose } from '../../../shared/diagnosis';
import type { ReportAuditRecord, ReportInput } from '../../../shared/report';
import type { Snapshot } from '../../../shared/snapshot';
import { azure, event12288, event12289, eventsOf, hostCheck, notActivated, scenario, srvFound, timeCheck } from '../../support/snapshot-builder';

/** Microsoft's published KMS client setup key (GVLK) for Windows Server 2019 Standard. */
export const GVLK = 'N69G4-B89J2-4G8F4-WWYCC-J464C';
export const MASKED_GVLK = '*****-*****-*****-*****-J464C';

export const GENERATED_AT = '2026-11-20T10:15:00.000Z';
export const APP_VERSION = '0.1.0-test';

export function reportInput(snapshot: Snapshot, options: { reportedCode?: number; audit?: ReportAuditRecord[] } = {}): ReportInput {
  return {
    snapshot,
    diagnosis: diagnose(snapshot, { reportedCode: options.reportedCode ?? null }),
    audit: options.audit ?? [],
    generatedAt: GENERATED_AT,
    appVersion: APP_VERSION,
  };
}

const state = (licenseStatus: string, w32time: string) => ({ licenseStatus, channel: 'VOLUME_KMSCLIENT', partialProductKey: 'J464C', kmsHost: 'kms1.corp.example:1688', sppsvc: 'stopped', w32time });

/** A completed time sync that fixed the problem, and an install-key run cut off mid-way. */
export function sampleAudit(keyInput = '*****-*****-*****-*****-J464C'): ReportAuditRecord[] {
  return [
    {
      event: 'before',
      time: '2026-11-20T09:40:00.000Z',
      runId: 'run-1',
      fixId: 'sync-time',
      inputs: {},
      commands: ['net start w32time', 'w32tm /resync /force'],
      override: false,
      state: state('OOBGrace', 'stopped'),
    },
    {
      event: 'after',
      time: '2026-11-20T09:40:09.000Z',
      runId: 'run-1',
      fixId: 'sync-time',
      result: { status: 'succeeded', code: null, message: 'Windows Time started and the clock was resynchronised.' },
      state: state('Licensed', 'running'),
      problemGone: true,
    },
    {
      event: 'before',
      time: '2026-11-20T09:50:00.000Z',
      runId: 'run-2',
      fixId: 'install-gvlk',
      inputs: { key: keyInput },
      commands: [`slmgr /ipk ${keyInput}`],
      override: true,
      state: state('Licensed', 'running'),
    },
  ];
}

/**
 * A not-activated KMS client with something in every table: all four event kinds, two SRV
 * records (one stale), two KMS hosts, clock offsets, the activation endpoints and Azure.
 */
export function richSnapshot(): Snapshot {
  return scenario((s) => {
    notActivated(s);
    const events = eventsOf(s);
    events.e12288 = [event12288(0xc004f074, 'kms-old.corp.example')];
    events.e12289 = [event12289(0xc004f038, 3)];
    events.e8198 = [{ timeCreated: '2026-11-20T09:05:00.000Z', hresult: 0xc004f074, detail: 'License Activation (slui.exe) failed with the following error code:\nhr=0xC004F074\nCommand-line arguments:\n/ui' }];
    events.e12290 = [
      {
        timeCreated: '2026-11-20T08:55:00.000Z',
        info: '0x0, 25, WS-0042.corp.example, 5b1e0f2a-1c37-4b5e-9a55-2f0c9d1b7e11, 2026/11/20 08:55, 0, 2, 43200, de32eafd-aaee-4662-9444-c1befb41bde2',
        hresult: 0,
        requiredCount: 25,
        clientName: 'WS-0042.corp.example',
        cmid: '5b1e0f2a-1c37-4b5e-9a55-2f0c9d1b7e11',
        clientTime: '2026/11/20 08:55',
        licenseStatus: 2,
        minutesToExpiration: 43_200,
        activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2',
      },
    ];
    s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'kms-old.corp.example', addresses: [] }, { target: 'kms1.corp.example', addresses: ['10.20.0.5'] }])], durationMs: 14 };
    s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-old.corp.example', 'unresolvable', ['srv', 'event']), hostCheck('kms1.corp.example', 'open', ['srv'])], durationMs: 5 };
    s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', 5 * 3_600_000 + 2 * 60_000)], durationMs: 4 };
    s.network.activationEndpoints = {
      status: 'ok',
      value: [
        { host: 'activation-v2.sls.microsoft.com', port: 443, result: 'reachable', proxy: null, latencyMs: 85.3, error: null, durationMs: 90 },
        { host: 'validation-v2.sls.microsoft.com', port: 443, result: 'proxy-error', proxy: 'http://proxy.corp.example:8080', latencyMs: null, error: '407 Proxy Authentication Required', durationMs: 40 },
      ],
      durationMs: 130,
    };
    s.azure = { status: 'ok', value: azure(true), durationMs: 300 };
  });
}
