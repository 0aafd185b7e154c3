/**
 * One machine's snapshot and diagnosis → the small summary the fleet keeps (types.ts). Everything
 * the cross-machine rules need is read here, once, so the snapshot can be dropped afterwards.
 */
import { buildContext } from '../diagnosis/context';
import type { Diagnosis } from '../diagnosis/types';
import { factValue, type Snapshot } from '../snapshot';
import type { MachineSummary } from './types';

const host = (name: string): string => name.replace(/\.$/, '').toLowerCase();

/** Healthy is what `diagnose` exits 0 for: activated, and nothing above "info". */
export function isHealthy(summary: Pick<MachineSummary, 'verdict' | 'findings'>): boolean {
  return summary.verdict === 'activated' && summary.findings.every((f) => f.severity === 'info');
}

export function summariseMachine(snapshot: Snapshot, diagnosis: Diagnosis, source: string): MachineSummary {
  const ctx = buildContext(snapshot, null);
  const net = factValue(snapshot.windows.networkConfig);
  const os = factValue(snapshot.windows.os);
  const domain = net ? (net.partOfDomain ? net.domain : (net.primaryDnsSuffix ?? net.workgroup)) : null;
  const tcp = factValue(snapshot.network.kmsHosts) ?? [];
  const srvHosts: MachineSummary['kms']['srvHosts'] = [];
  for (const lookup of factValue(snapshot.network.srv) ?? []) {
    for (const record of lookup.records) {
      const target = host(record.target);
      if (target === '' || srvHosts.some((h) => h.host === target && h.port === record.port)) continue;
      const check = tcp.find((c) => host(c.host) === target && c.port === record.port);
      srvHosts.push({ host: target, port: record.port, tcp: check?.tcp ?? null });
    }
  }
  return {
    name: diagnosis.computerName || source,
    source,
    takenAt: snapshot.takenAt,
    domain: domain ? domain.toLowerCase() : null,
    verdict: diagnosis.verdict.kind,
    channel: ctx.channel,
    activation: ctx.activation,
    licensed: ctx.activated,
    productType: os?.productType ?? null,
    clientMachineId: factValue(snapshot.windows.licensing)?.service.clientMachineId?.toLowerCase() ?? null,
    gracePeriodRemainingMinutes: ctx.product?.gracePeriodRemainingMinutes ?? null,
    kms: {
      host: ctx.kmsHostInUse ? host(ctx.kmsHostInUse.host) : null,
      hostEpid: ctx.product?.kmsHostProductKeyId ?? null,
      srvHosts: srvHosts.slice(0, 64),
    },
    findings: diagnosis.findings.slice(0, 64).map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
  };
}
