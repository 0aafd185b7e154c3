import { describe, expect, it } from 'vitest';
import { planKmsHost, setupSteps } from '../../../shared/journeys/kms-host';
import { baseOs, healthySnapshot, product, scenario, service, servicesOf, srvFound } from '../../support/snapshot-builder';

const os2022 = { ...baseOs(), caption: 'Microsoft Windows Server 2022 Standard', build: 20348, version: '10.0.20348' };

describe('planKmsHost', () => {
  it('a Server 2022 host serves Windows 11 and Server 2022 at once with its own host key', () => {
    const plan = planKmsHost(os2022, ['win11', 'server-2022'], { clients: 40, servers: 8 });
    expect(plan.perClient.map((p) => [p.client, p.answer.answer, p.answer.csvlkGroup])).toEqual([
      ['win11', 'yes', 'ws2022'],
      ['server-2022', 'yes', 'ws2022'],
    ]);
    expect(plan.updates).toEqual([]);
  });

  it('adding Server 2025 clients means one 2025 host key for all, which a 2022 host carries after KB5034765', () => {
    const plan = planKmsHost(os2022, ['win11', 'server-2022', 'server-2025'], { clients: 40, servers: 8 });
    expect(plan.hostLabel).toBe('Windows Server 2022');
    expect(plan.perClient.map((p) => [p.client, p.answer.answer, p.answer.csvlkGroup])).toEqual([
      ['win11', 'yes-after-update', 'ws2025'],
      ['server-2022', 'yes-after-update', 'ws2025'],
      ['server-2025', 'yes-after-update', 'ws2025'],
    ]);
    expect(plan.updates).toEqual(['KB5034765']);
    expect(plan.canHost).toBe(true);
    expect(plan.warnings).toEqual([]);
  });

  it('a Server 2016 host cannot serve Server 2025', () => {
    const plan = planKmsHost({ ...baseOs(), build: 14393, caption: 'Microsoft Windows Server 2016 Standard' }, ['server-2025'], { clients: 40, servers: 8 });
    expect(plan.perClient[0]!.answer.answer).toBe('no');
    expect(plan.canHost).toBe(false);
  });

  it('Azure Edition can never be a KMS host', () => {
    const plan = planKmsHost({ ...os2022, editionId: 'ServerTurbine' }, ['win11'], { clients: 40, servers: 8 });
    expect(plan.perClient[0]!.answer).toMatchObject({ answer: 'no', reason: expect.stringContaining('Azure Edition') });
  });

  it('warns below the thresholds and when a client OS would host servers', () => {
    const client = { ...baseOs(), caption: 'Microsoft Windows 11 Enterprise', build: 22631, editionId: 'Enterprise', installationType: 'Client' as const, productType: 1 as const };
    const plan = planKmsHost(client, ['server-2022'], { clients: 12, servers: 2 });
    expect(plan.warnings.join(' ')).toMatch(/activates only Windows clients/);
    expect(plan.warnings.join(' ')).toMatch(/14 machines in one count .*not the 25 that Windows clients need/);
  });
});

describe('setupSteps', () => {
  it('reads every step from a snapshot of the host', () => {
    const snapshot = scenario((s) => {
      product(s).description = 'Windows(R) Operating System, VOLUME_KMS_W10 channel';
      service(s).isKmsHost = true;
      service(s).kmsCurrentCount = 3;
      service(s).requiredClientCount = 5;
      servicesOf(s).sppsvc.status = 'running';
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Domain', 'Private'], activeProfiles: ['Domain'] }, durationMs: 1 };
      s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'APP01.corp.example', addresses: ['10.20.0.9'] }])], durationMs: 1 };
    });
    expect(setupSteps(snapshot).map((s) => [s.id, s.state])).toEqual([
      ['host-key', 'done'],
      ['host-activated', 'done'],
      ['service', 'done'],
      ['firewall', 'done'],
      ['dns', 'done'],
      ['count', 'to-do'],
    ]);
    expect(setupSteps(snapshot).at(-1)!.detail).toBe('count 3 of 5: clients activate once 5 have asked');
  });

  it('shows what is left on a computer that is not a host yet', () => {
    const steps = setupSteps(healthySnapshot());
    expect(steps.find((s) => s.id === 'host-key')).toMatchObject({ state: 'to-do', detail: 'installed now: VOLUME_KMSCLIENT' });
    expect(steps.find((s) => s.id === 'dns')).toMatchObject({ state: 'to-do' });
  });
});
