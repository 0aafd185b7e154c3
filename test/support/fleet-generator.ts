/**
 * A generated fleet for the fleet diagnosis tests and the bench: machine i is built from the
 * healthy baseline (snapshot-builder.ts) and, for the first few, changed to plant one
 * cross-machine problem each. Deterministic: the same index always gives the same machine, so
 * a fleet of 10,000 is generated one snapshot at a time without holding them.
 *
 *   0-9    split.corp.example: Windows 11 workstations, even ones on kms-a, odd ones on kms-b,
 *          not activated (0xC004F038): two hosts split a count that needs 25
 *   10-19  branch.corp.example: DNS names kms-old.branch.corp.example, which times out from all of
 *          them (they activate with kms1.corp.example, which answers)
 *   20-23  corp.example: 20 and 21 share one CMID, 22 and 23 another (cloned images)
 *   24-26  corp.example: KMS-activated with 100 days left (renewal stopped)
 *   27     corp.example: a retail key among volume machines
 *   28-    healthy, in corp.example and site1..site4.corp.example
 */
import type { Snapshot } from '../../shared/snapshot';
import { hostCheck, notActivated, netOf, osOf, product, scenario, service, srvFound } from './snapshot-builder';

export const PLANTED = {
  split: { domain: 'split.corp.example', hosts: ['kms-a.split.corp.example', 'kms-b.split.corp.example'], machines: range(0, 10) },
  deadHost: { host: 'kms-old.branch.corp.example', domain: 'branch.corp.example', machines: range(10, 20) },
  duplicateCmids: [
    [20, 21],
    [22, 23],
  ] as number[][],
  renewalStopped: range(24, 27),
  retail: [27] as number[],
  /** Machines before this index carry a planted problem. */
  firstHealthy: 28,
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

export const machineName = (i: number): string => `PC${String(i).padStart(5, '0')}`;
const cmid = (n: number): string => `0f1e2d3c-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function setDomain(s: Snapshot, domain: string): void {
  const net = netOf(s);
  net.domain = domain;
  net.primaryDnsSuffix = domain;
  net.dnsSuffixSearchList = [domain];
}

export function fleetMachine(i: number): Snapshot {
  return scenario((s) => {
    const name = machineName(i);
    osOf(s).computerName = name;
    s.collector.hostname = name;
    service(s).clientMachineId = cmid(i);
    const p = product(s);
    if (PLANTED.split.machines.includes(i)) {
      const host = PLANTED.split.hosts[i % 2]!;
      const os = osOf(s);
      os.caption = 'Microsoft Windows 11 Enterprise';
      os.editionId = 'Enterprise';
      os.installationType = 'Client';
      os.productType = 1;
      p.name = 'Windows(R), Enterprise edition';
      setDomain(s, PLANTED.split.domain);
      notActivated(s, 0xc004f038);
      p.discoveredKmsMachineName = host;
      s.network.srv = { status: 'ok', value: [srvFound(PLANTED.split.domain, PLANTED.split.hosts.map((target) => ({ target, addresses: ['10.40.0.5'] })))], durationMs: 10 };
      s.network.kmsHosts = { status: 'ok', value: PLANTED.split.hosts.map((h) => hostCheck(h, 'open')), durationMs: 5 };
      s.network.time = { status: 'ok', value: [], durationMs: 1 };
    } else if (PLANTED.deadHost.machines.includes(i)) {
      setDomain(s, PLANTED.deadHost.domain);
      s.network.srv = {
        status: 'ok',
        value: [srvFound(PLANTED.deadHost.domain, [{ target: PLANTED.deadHost.host, addresses: ['10.30.0.9'] }, { target: 'kms1.corp.example', addresses: ['10.20.0.5'] }])],
        durationMs: 10,
      };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck(PLANTED.deadHost.host, 'timed-out', ['srv']), hostCheck('kms1.corp.example', 'open')], durationMs: 3000 };
    } else if (PLANTED.duplicateCmids.some((pair) => pair.includes(i))) {
      const pair = PLANTED.duplicateCmids.findIndex((pr) => pr.includes(i));
      service(s).clientMachineId = cmid(900_000 + pair);
    } else if (PLANTED.renewalStopped.includes(i)) {
      p.gracePeriodRemainingMinutes = 100 * 1440;
    } else if (PLANTED.retail.includes(i)) {
      p.description = 'Windows(R) Operating System, RETAIL channel';
      p.productKeyChannel = 'Retail';
      p.discoveredKmsMachineName = null;
      p.vlActivationType = null;
      p.kmsHostProductKeyId = null;
      p.gracePeriodRemainingMinutes = null;
    } else if (i % 5 !== 0) {
      setDomain(s, `site${i % 5}.corp.example`);
    }
  });
}

/** Machines 0..count-1, one at a time. */
export function* generateFleet(count: number): Generator<{ name: string; snapshot: Snapshot }> {
  for (let i = 0; i < count; i++) yield { name: machineName(i), snapshot: fleetMachine(i) };
}
