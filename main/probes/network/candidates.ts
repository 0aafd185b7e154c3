/**
 * Which KMS hosts to test: the one the technician named, the one configured on this machine, the
 * one it last discovered, the one in its newest activation event, every SRV target, and Azure's
 * KMS on an Azure VM. The same host from several places is tested once and keeps every source.
 */
import { parseHost, parseHostAndPort } from '../../../shared/inputs';
import { azureKmsFor } from '../../../shared/knowledge/azure';
import type { AzureFacts, EventFacts, KmsHostSource, LicensingFacts, SrvLookup } from '../../../shared/snapshot';
import { describeDnsError } from './errors';
import type { Resolution } from './resolver';
import { KMS_PORT } from '../../../shared/knowledge/kms';

export const KMS_DEFAULT_PORT = KMS_PORT;

export interface KmsCandidate {
  /** Lower-case name, or the IP address as written (IPv6 without brackets). */
  host: string;
  port: number;
  sources: KmsHostSource[];
  /** Already resolved (the SRV answer carries its targets' addresses), so it is not asked twice. */
  resolution?: Resolution;
}

/** Key for de-duplication: the same host on another port is another candidate. */
export function candidateKey(host: string, port: number): string {
  return `${host.toLowerCase()}|${port}`;
}

/**
 * Normalises a host name from Windows or the command line. A value that is not a valid host is
 * kept as written (trimmed, bounded) so the check can say it does not resolve, rather than
 * silently dropping what the machine is configured with.
 */
export function normaliseHost(raw: string): string {
  const parsed = parseHost(raw);
  return parsed.ok ? parsed.value.host : raw.trim().slice(0, 255);
}

function candidate(host: string | null | undefined, port: number | null | undefined, source: KmsHostSource): KmsCandidate[] {
  if (!host || host.trim() === '') return [];
  return [{ host: normaliseHost(host), port: port ?? KMS_DEFAULT_PORT, sources: [source] }];
}

/** `--kms host[:port]` (already validated by the CLI, so this only re-parses it). */
export function optionCandidates(kms: string | null): KmsCandidate[] {
  if (!kms) return [];
  const parsed = parseHostAndPort(kms);
  if (!parsed.ok) return [];
  return [{ host: parsed.value.host, port: parsed.value.port ?? KMS_DEFAULT_PORT, sources: ['option'] }];
}

/** KeyManagementServiceMachine/Port (configured) and DiscoveredKeyManagementServiceMachineName/Port. */
export function licensingCandidates(licensing: LicensingFacts): KmsCandidate[] {
  const list: KmsCandidate[] = [...candidate(licensing.service.kmsMachine, licensing.service.kmsPort, 'configured')];
  for (const product of licensing.products) {
    list.push(...candidate(product.kmsMachine, product.kmsPort, 'configured'));
    list.push(...candidate(product.discoveredKmsMachineName, product.discoveredKmsPort, 'discovered'));
  }
  return list;
}

/** The KMS host named in the newest 12288 event: where the last activation request went. */
export function eventCandidates(events: EventFacts): KmsCandidate[] {
  const newest = events.e12288[0];
  return newest ? candidate(newest.kmsHost, newest.kmsPort, 'event') : [];
}

/** Every usable SRV target: "." (no service) and port 0 are not hosts to connect to. */
export function srvCandidates(lookup: SrvLookup): KmsCandidate[] {
  return lookup.records
    .filter((r) => r.target !== '.' && r.target !== '' && r.port > 0)
    .map((r) => ({
      host: normaliseHost(r.target),
      port: r.port,
      sources: ['srv'],
      resolution: r.addresses.length > 0 ? { ok: true, addresses: r.addresses } : { ok: false, code: r.resolveError ?? 'ENOTFOUND', message: describeDnsError(r.resolveError, 'the target did not resolve') },
    }));
}

/** Azure's KMS for the VM's cloud (shared/knowledge/azure.ts); nothing off Azure or for an unknown cloud. */
export function azureCandidates(azure: AzureFacts): KmsCandidate[] {
  if (!azure.isAzure || !azure.azEnvironment) return [];
  const cloud = azureKmsFor(azure.azEnvironment);
  return cloud ? [{ host: cloud.current, port: cloud.port, sources: ['azure'] }] : [];
}
