import { describe, expect, it } from 'vitest';
import { diagnoseFleet, FleetDiagnosisSchema, fleetIsHealthy, type FleetInput } from '../../../shared/fleet';
import { RENEWAL_STOPPED_BELOW_MINUTES } from '../../../shared/fleet/rules/renewal-stopped';
import { KMS } from '../../../shared/knowledge/kms';
import { fleetMachine, generateFleet, machineName, PLANTED } from '../../support/fleet-generator';
import { healthySnapshot, osOf, product } from '../../support/snapshot-builder';

async function* inputs(count: number): AsyncGenerator<FleetInput> {
  for (const { name, snapshot } of generateFleet(count)) yield { source: `${name}.json`, ok: true, snapshot };
}

describe('fleet diagnosis of a generated fleet', async () => {
  const fleet = await diagnoseFleet(inputs(60));
  const byId = (id: string) => fleet.fleetFindings.filter((f) => f.id === id);

  it('produces a document that matches its schema', () => {
    expect(FleetDiagnosisSchema.safeParse(fleet).success).toBe(true);
    expect(fleet.totals.machines).toBe(60);
    expect(fleetIsHealthy(fleet)).toBe(false);
  });

  it('finds each pair of cloned machines by their shared CMID, and no other', () => {
    const found = byId('fleet-duplicate-cmid').map((f) => [...f.machines].sort());
    expect(found).toEqual(PLANTED.duplicateCmids.map((pair) => pair.map(machineName)));
    expect(byId('fleet-duplicate-cmid').every((f) => f.severity === 'blocker')).toBe(true);
  });

  it('finds the two KMS hosts that split the count in one domain, with the counts as evidence', () => {
    const [split, ...rest] = byId('fleet-kms-count-split');
    expect(rest).toEqual([]);
    expect(split?.scope).toBe(PLANTED.split.domain);
    expect(split?.severity).toBe('blocker');
    expect([...(split?.machines ?? [])].sort()).toEqual(PLANTED.split.machines.map(machineName));
    for (const host of PLANTED.split.hosts) {
      const line = split?.evidence.find((e) => e.label.includes(host));
      expect(line?.observed).toMatch(/^5 machines here \(5 not activated\)/);
      expect(line?.limit).toContain(String(KMS.clientThreshold.value));
    }
  });

  it('finds the host in DNS that is dead from every machine that finds it', () => {
    const dead = byId('fleet-srv-host-dead');
    expect(dead.map((f) => f.title)).toEqual([`KMS host ${PLANTED.deadHost.host}:1688 is in DNS but does not answer`]);
    expect(dead[0]?.machines).toEqual(PLANTED.deadHost.machines.map(machineName));
    expect(dead[0]?.evidence[0]?.label).toContain('timed-out');
  });

  it('finds the machines that stopped renewing, and the retail one among volume', () => {
    const renewal = byId('fleet-renewal-stopped');
    expect(renewal.flatMap((f) => f.machines)).toEqual(PLANTED.renewalStopped.map(machineName));
    expect(byId('fleet-mixed-channels').flatMap((f) => f.machines)).toEqual(PLANTED.retail.map(machineName));
  });

  it('keeps the per-machine finding ids and groups machines by cause', () => {
    const split0 = fleet.machines.find((m) => m.name === machineName(0));
    expect(split0?.findings.map((f) => f.id)).toContain('kms-count-insufficient');
    const cause = fleet.causes.find((c) => c.findingId === 'kms-count-insufficient');
    expect(cause?.count).toBe(10);
    expect(fleet.domains.find((d) => d.domain === PLANTED.split.domain)).toMatchObject({ machines: 10, problems: 10, healthy: 0 });
    expect(fleet.machines.find((m) => m.name === machineName(40))?.verdict).toBe('activated');
  });
});

describe('fleet rules do not fire on a healthy fleet', () => {
  it('a fleet of healthy machines is healthy, with no fleet findings', async () => {
    const healthy = Array.from({ length: 30 }, (_, i) => fleetMachine(PLANTED.firstHealthy + i));
    const fleet = await diagnoseFleet(healthy.map((snapshot, i) => ({ source: `m${i}.json`, ok: true as const, snapshot })));
    expect(fleet.fleetFindings).toEqual([]);
    expect(fleet.totals.healthy).toBe(30);
    expect(fleetIsHealthy(fleet)).toBe(true);
  });

  it('two snapshots of the same computer are not a duplicate CMID', async () => {
    const fleet = await diagnoseFleet([healthySnapshot(), healthySnapshot()].map((snapshot, i) => ({ source: `a${i}.json`, ok: true as const, snapshot })));
    expect(fleet.fleetFindings.filter((f) => f.id === 'fleet-duplicate-cmid')).toEqual([]);
  });

  it('renewal is judged against the knowledge table: just above the limit passes, below fails', async () => {
    const at = (minutes: number, name: string) => {
      const s = healthySnapshot();
      product(s).gracePeriodRemainingMinutes = minutes;
      osOf(s).computerName = name;
      return s;
    };
    const fleet = await diagnoseFleet([at(RENEWAL_STOPPED_BELOW_MINUTES, 'OK1'), at(RENEWAL_STOPPED_BELOW_MINUTES - 1, 'LATE1')].map((snapshot, i) => ({ source: `r${i}.json`, ok: true as const, snapshot })));
    expect(fleet.fleetFindings.filter((f) => f.id === 'fleet-renewal-stopped').flatMap((f) => f.machines)).toEqual(['LATE1']);
  });

  it('lists unreadable files with why, and the fleet is then not healthy', async () => {
    const fleet = await diagnoseFleet([{ source: 'bad.json', ok: false, reason: 'the file is not JSON' }, { source: 'good.json', ok: true, snapshot: healthySnapshot() }]);
    expect(fleet.unreadable).toEqual([{ source: 'bad.json', reason: 'the file is not JSON' }]);
    expect(fleetIsHealthy(fleet)).toBe(false);
  });
});
