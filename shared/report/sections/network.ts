/**
 * (h) The network checks, measured from the computer that took the snapshot: the DNS SRV lookups
 * KMS discovery makes, whether each candidate KMS host answers on its port, the clock offsets to
 * them (KMS refuses clients more than 4 hours off), Microsoft's activation endpoints, and the
 * Azure Instance Metadata Service.
 */
import type { AzureFacts, EndpointCheck, KmsHostCheck, KmsHostSource, Snapshot, SrvLookup, SrvRecord, TimeCheck } from '../../snapshot';
import { asText, formatClockOffset, formatMs, hostPort, listOrNone, orElse, yesNo } from '../format';
import { bullets, factBlock, gridTable, kvTable, none, section } from '../layout';
import { code, html, type Html } from '../markup';

const SRV_SOURCE: Record<SrvLookup['sources'][number], string> = {
  option: 'given with --domain',
  'lookup-domain': 'the KMS lookup domain setting',
  'primary-suffix': 'the primary DNS suffix',
  'ad-domain': 'the Active Directory domain',
  'connection-suffix': 'a connection-specific DNS suffix',
  'search-list': 'the DNS suffix search list',
};

const SRV_RESULT: Record<SrvLookup['result'], string> = { found: 'found', 'not-found': 'no record', 'timed-out': 'timed out', error: 'error' };

const HOST_SOURCE: Record<KmsHostSource, string> = {
  option: 'given with --kms',
  configured: 'configured on this computer',
  discovered: 'last used (discovered)',
  srv: 'DNS SRV record',
  event: 'activation event',
  azure: 'Azure KMS',
};

const TCP_RESULT: Record<KmsHostCheck['tcp'], string> = {
  open: 'answers (port open)',
  refused: 'refused the connection',
  'timed-out': 'no answer (timed out)',
  unresolvable: 'name does not resolve',
  unreachable: 'network unreachable',
  error: 'error',
  'not-contacted': 'not contacted (legitimate licensing only)',
};

const TIME_RESULT: Record<TimeCheck['result'], string> = { ok: 'answered', 'no-answer': 'no answer', unresolvable: 'name does not resolve', error: 'error' };

const ENDPOINT_RESULT: Record<EndpointCheck['result'], string> = {
  reachable: 'reachable',
  refused: 'refused the connection',
  'timed-out': 'no answer (timed out)',
  unresolvable: 'name does not resolve',
  unreachable: 'network unreachable',
  'tls-error': 'TLS error',
  'proxy-error': 'proxy error',
  error: 'error',
};

const detail = (error: string | null): string => error ?? '—';
const latency = (ms: number | null): string => (ms === null ? '—' : formatMs(ms));

function srvRecord(r: SrvRecord): string {
  const to = r.addresses.length > 0 ? `resolves to ${r.addresses.join(', ')}` : `does not resolve${r.resolveError === null ? '' : ` (${r.resolveError})`}`;
  return `${r.target}:${r.port} (priority ${r.priority}, weight ${r.weight}): ${to}`;
}

function srvTable(lookups: readonly SrvLookup[]): Html {
  if (lookups.length === 0) return none('No DNS domain to search was found, so no SRV lookup was made.');
  return gridTable(
    [{ title: 'Name asked for', width: 'w-25' }, { title: 'Why this domain', width: 'w-20' }, { title: 'Result', width: 'w-15' }, { title: 'Records' }],
    lookups.map((l) => [
      html`${code(l.name)}<br />DNS server: ${l.dnsServer ?? 'system resolver'}<br />took ${formatMs(l.durationMs)}`,
      l.sources.map((s) => SRV_SOURCE[s]).join('; '),
      l.error === null ? SRV_RESULT[l.result] : `${SRV_RESULT[l.result]} (${l.error})`,
      l.records.length === 0 ? 'none' : bullets(l.records.map(srvRecord)),
    ]),
  );
}

function hostsTable(hosts: readonly KmsHostCheck[]): Html {
  if (hosts.length === 0) return none('No KMS host to try was found (none configured, discovered or published in DNS).');
  return gridTable(
    [{ title: 'KMS host', width: 'w-20' }, { title: 'Found through', width: 'w-20' }, { title: 'Addresses', width: 'w-20' }, { title: 'TCP result' }, { title: 'Latency', width: 'w-10' }],
    hosts.map((h) => [
      hostPort(h.host, h.port),
      h.sources.map((s) => HOST_SOURCE[s]).join('; '),
      h.address === null ? listOrNone(h.addresses) : `${listOrNone(h.addresses)} (connected to ${h.address})`,
      h.error === null ? TCP_RESULT[h.tcp] : `${TCP_RESULT[h.tcp]}: ${h.error}`,
      latency(h.latencyMs),
    ]),
  );
}

function timeTable(checks: readonly TimeCheck[]): Html {
  if (checks.length === 0) return none('No KMS host clock was asked.');
  return gridTable(
    [{ title: 'Host', width: 'w-20' }, { title: 'Address', width: 'w-15' }, { title: 'Result', width: 'w-15' }, { title: 'Clock offset' }, { title: 'Round trip', width: 'w-10' }, { title: 'Stratum', width: 'w-10' }],
    checks.map((t) => [
      t.host,
      t.address === null ? `port ${t.port}` : hostPort(t.address, t.port),
      t.error === null ? TIME_RESULT[t.result] : `${TIME_RESULT[t.result]}: ${t.error}`,
      t.offsetMs === null ? '—' : formatClockOffset(t.offsetMs),
      latency(t.roundTripMs),
      orElse(t.stratum, asText, '—'),
    ]),
  );
}

function endpointsTable(checks: readonly EndpointCheck[]): Html {
  if (checks.length === 0) return none('No activation endpoint was checked.');
  return gridTable(
    [{ title: 'Endpoint', width: 'w-30' }, { title: 'Result', width: 'w-20' }, { title: 'Proxy', width: 'w-20' }, { title: 'Latency', width: 'w-10' }, { title: 'Detail' }],
    checks.map((c) => [hostPort(c.host, c.port), ENDPOINT_RESULT[c.result], c.proxy ?? 'direct', latency(c.latencyMs), detail(c.error)]),
  );
}

function azureTable(a: AzureFacts): Html {
  if (!a.isAzure) return kvTable([['Azure virtual machine', 'no (the Instance Metadata Service did not answer as Azure does)']]);
  const text = (v: string | null) => orElse(v, asText, 'not reported');
  return kvTable([
    ['Azure virtual machine', yesNo(true)],
    ['Azure environment', text(a.azEnvironment)],
    ['VM ID', text(a.vmId)],
    ['Location', text(a.location)],
    ['Image', [a.publisher, a.offer, a.sku].every((v) => v === null) ? 'not reported' : `${a.publisher ?? '?'} / ${a.offer ?? '?'} / ${a.sku ?? '?'}`],
    ['Licence type (Azure Hybrid Benefit)', text(a.licenseType)],
    ['VM size', text(a.vmSize)],
  ]);
}

function optionsTable(o: Snapshot['options']): Html {
  return kvTable([
    ['KMS host given (--kms)', o.kms ?? 'none'],
    ['Extra DNS domain (--domain)', o.domain ?? 'none'],
    ['DNS server asked', o.dnsServer ?? 'the system resolver'],
    ['NTP port', String(o.ntpPort)],
    ['Time limit per check', formatMs(o.timeoutMs)],
  ]);
}

export function renderNetworkSection(snapshot: Snapshot): Html {
  const n = snapshot.network;
  return section(
    'network',
    html`<p class="what">Measured from the computer that took the snapshot, at the time it was taken.</p>
<h3>DNS SRV records for KMS (_vlmcs._tcp)</h3>
${factBlock(n.srv, srvTable)}<h3>KMS hosts: do they answer on their port?</h3>
${factBlock(n.kmsHosts, hostsTable)}<h3>Clock offset to the KMS hosts</h3>
<p class="what">KMS refuses a client whose clock is more than 4 hours away from the host's.</p>
${factBlock(n.time, timeTable)}<h3>Microsoft activation endpoints (HTTPS)</h3>
${factBlock(n.activationEndpoints, endpointsTable)}<h3>Azure (Instance Metadata Service)</h3>
${factBlock(snapshot.azure, azureTable)}<h3>Options the checks ran with</h3>
${optionsTable(snapshot.options)}`,
  );
}
