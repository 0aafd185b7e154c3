import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { diagnoseFleet, type FleetInput } from '../../../shared/fleet';
import type { Snapshot } from '../../../shared/snapshot';
import { hostCheck, notActivated, osOf, scenario, srvFound } from '../../support/snapshot-builder';

const DEAD = 'kms-old.corp.example';

/** A machine whose DNS lists the dead host (resolving, port refused or timed out) and maybe a working one. */
function machine(i: number, opts: { activated: boolean; tcp: 'refused' | 'timed-out' | 'unresolvable'; other: boolean }): Snapshot {
  return scenario((s) => {
    osOf(s).computerName = `PC${i}`;
    s.collector.hostname = `PC${i}`;
    if (!opts.activated) notActivated(s, 0xc004f074);
    const records = [{ target: DEAD, addresses: opts.tcp === 'unresolvable' ? [] : ['10.30.0.9'] }, ...(opts.other ? [{ target: 'kms1.corp.example', addresses: ['10.20.0.5'] }] : [])];
    s.network.srv = { status: 'ok', value: [srvFound('corp.example', records)], durationMs: 5 };
    s.network.kmsHosts = { status: 'ok', value: [hostCheck(DEAD, opts.tcp, ['srv']), ...(opts.other ? [hostCheck('kms1.corp.example', 'open', ['srv'])] : [])], durationMs: 5 };
  });
}

async function fleetOf(snapshots: Snapshot[]) {
  async function* inputs(): AsyncGenerator<FleetInput> {
    for (const [i, snapshot] of snapshots.entries()) yield { source: `pc${i}.json`, ok: true, snapshot };
  }
  const fleet = await diagnoseFleet(inputs());
  return fleet.fleetFindings.find((f) => f.id === 'fleet-srv-host-dead')!;
}

/** The worst severity the machines' own diagnoses give the port/record observation about the host. */
function perMachineSeverity(snapshots: Snapshot[]): string {
  const severities = snapshots.flatMap((s) => diagnose(s).findings.filter((f) => ['kms-port-refused', 'kms-port-filtered', 'kms-srv-stale', 'kms-host-unresolvable'].includes(f.id)).map((f) => f.severity));
  return severities.includes('blocker') ? 'blocker' : 'warning';
}

describe('fleet: a KMS host in DNS that does not answer', () => {
  it.each([
    ['activated machines, only host refused', { activated: true, tcp: 'refused', other: false }],
    ['activated machines, only host timed out', { activated: true, tcp: 'timed-out', other: false }],
    ['failing machines, only host refused', { activated: false, tcp: 'refused', other: false }],
    ['failing machines, another host answers', { activated: false, tcp: 'timed-out', other: true }],
  ] as const)('has the severity the machines give the same observation: %s', async (_name, opts) => {
    const snapshots = [0, 1, 2].map((i) => machine(i, opts));
    const finding = await fleetOf(snapshots);
    expect(finding.severity).toBe(perMachineSeverity(snapshots));
  });

  it('when it is the only host that resolves, leads with "DNS is fine, the port is not" and does not advise deleting its record', async () => {
    const finding = await fleetOf([0, 1].map((i) => machine(i, { activated: false, tcp: 'refused', other: false })));
    expect(finding.severity).toBe('blocker');
    expect(finding.guidance[0]).toMatch(/^DNS is fine, the port is not/);
    expect(finding.guidance[0]).toMatch(/sppsvc|firewall/i);
    expect(finding.guidance.join(' ')).not.toMatch(/^If the host was retired: delete/m);
    expect(finding.guidance.join(' ')).toMatch(/Do not delete its _vlmcs\._tcp record/);
  });

  it('advises removing the record when another host answers', async () => {
    const finding = await fleetOf([0, 1].map((i) => machine(i, { activated: true, tcp: 'timed-out', other: true })));
    expect(finding.severity).toBe('warning');
    expect(finding.guidance[0]).toMatch(/^DNS is fine, the port is not/);
    expect(finding.guidance[1]).toMatch(/Another KMS host in DNS answers.*delete its _vlmcs\._tcp record/);
  });

  it('calls a record whose host does not resolve stale', async () => {
    const finding = await fleetOf([0, 1].map((i) => machine(i, { activated: false, tcp: 'unresolvable', other: false })));
    expect(finding.guidance[0]).toMatch(/does not resolve.*delete or correct its _vlmcs\._tcp record/);
  });
});
