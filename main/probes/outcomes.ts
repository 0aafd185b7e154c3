/**
 * One line per fact for the live checklist (UI) and the CLI's progress lines, and whether the
 * value already shows a problem. The diagnosis engine decides causes; this only flags what a
 * technician would notice at a glance.
 */
import type {
  AzureCertificatesFacts,
  AzureFacts,
  EsuFacts,
  EndpointCheck,
  EventFacts,
  FirewallRule,
  KmsHostCheck,
  LicensingFacts,
  NetworkConfig,
  OsFacts,
  ServicesFacts,
  SrvLookup,
  TimeCheck,
} from '../../shared/snapshot';
import { formatMs } from './network/budget';
import type { Described } from './run-probe';
import { toHex as hex } from '../../shared/hex';
import { KMS_MAX_SKEW_MS, KMS_MAX_SKEW_TEXT } from '../../shared/knowledge/kms';
import { formatOffset } from '../../shared/diagnosis/format';
import { licenseStatus } from '../../shared/knowledge/licensing';
import { selectWindowsProduct } from '../../shared/windows-product';


/** slmgr's words for a LicenseStatus value, from the licensing table, without the parenthesised detail. */
const statusText = (value: number): string => licenseStatus(value)?.slmgrText.replace(/\s*\(.*\)|\.$/g, '') ?? `status ${value}`;


const ok = (summary: string): Described => ({ outcome: 'ok', summary });
const problem = (summary: string): Described => ({ outcome: 'problem', summary });

export function describeOs(os: OsFacts): Described {
  const build = os.ubr === null ? `${os.build}` : `${os.build}.${os.ubr}`;
  return ok(`${os.caption} (${os.editionId}, build ${build}, ${os.installationType})${os.isEvaluation ? ', evaluation edition' : ''}`);
}

export function describeLicensing(licensing: LicensingFacts): Described {
  const main = selectWindowsProduct(licensing.products)?.product;
  if (!main) return problem(licensing.products.length > 0 ? 'no Windows edition key is installed (only add-on licences)' : 'no Windows product key is installed');
  const channel = /,\s*(\S+)\s+channel/i.exec(main.description)?.[1] ?? main.productKeyChannel ?? 'unknown channel';
  const status = statusText(main.licenseStatus);
  const reason = main.licenseStatusReason !== null && main.licenseStatusReason !== 0 ? ` (${hex(main.licenseStatusReason)})` : '';
  const text = `${status}: ${main.name}, ${channel}${reason}`;
  return main.licenseStatus === 1 ? ok(text) : problem(text);
}

export function describeNetworkConfig(net: NetworkConfig): Described {
  const membership = net.partOfDomain ? `member of ${net.domain ?? 'a domain'}` : `workgroup ${net.workgroup ?? net.domain ?? '(none)'}`;
  const dns = net.dnsServers.length > 0 ? `DNS ${net.dnsServers.slice(0, 3).join(', ')}${net.dnsServers.length > 3 ? ', ...' : ''}` : 'no DNS server configured';
  return ok(`${membership}; ${dns}`);
}

export function describeServices(services: ServicesFacts): Described {
  const spp = services.sppsvc;
  const time = services.w32time;
  const text = `Software Protection: ${spp.exists ? `${spp.status}, ${spp.startType}` : 'missing'}; Windows Time: ${time.exists ? `${time.status}, ${time.startType}` : 'missing'}`;
  return !spp.exists || spp.startType === 'disabled' ? problem(text) : ok(text);
}

export function describeEvents(events: EventFacts): Described {
  const request = events.e12288[0];
  const answer = events.e12289[0];
  if (!request && !answer) return ok('no KMS activation events');
  const parts: string[] = [];
  if (request) parts.push(`last request ${request.timeCreated}${request.kmsHost ? ` to ${request.kmsHost}${request.kmsPort ? `:${request.kmsPort}` : ''}` : ''}${request.hresult ? ` failed ${hex(request.hresult)}` : ''}`);
  if (answer) parts.push(`last answer ${answer.hresult ? hex(answer.hresult) : 'success'}`);
  const failed = (request?.hresult ?? 0) !== 0 || (answer?.hresult ?? 0) !== 0;
  return failed ? problem(parts.join('; ')) : ok(parts.join('; '));
}

export function describeElevation(elevation: { elevated: boolean }): Described {
  return elevation.elevated ? ok('running as administrator') : problem('not running as administrator: some facts and every fix need it');
}

export function describeFirewall(rule: FirewallRule): Described {
  if (!rule.exists) return problem('the SPPSVC-In-TCP rule does not exist: clients cannot reach this KMS host on TCP 1688');
  if (!rule.enabled) return problem('the SPPSVC-In-TCP rule is disabled: clients cannot reach this KMS host on TCP 1688');
  return ok(`SPPSVC-In-TCP enabled for ${rule.profiles.join(', ') || 'no profile'}`);
}

export function describeAzure(azure: AzureFacts): Described {
  const attestation = azure.attestation;
  if (!azure.isAzure) return ok(`not an Azure virtual machine${attestation?.outcome === 'signed' ? "; Azure Local's attestation endpoint answers" : ''}`);
  const details = [azure.azEnvironment, azure.location, azure.sku].filter((v): v is string => v !== null);
  const text = `Azure virtual machine${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  // The attested document only matters to Azure Edition; a failure is still worth a glance.
  if (attestation && attestation.outcome !== 'signed') return problem(`${text}; attested document ${attestation.outcome}${attestation.detail ? ` (${attestation.detail})` : ''}`);
  return ok(text);
}

export function describeEsu(esu: EsuFacts): Described {
  if (esu.licences.length === 0) return ok('no ESU licence on this computer');
  const keyed = esu.licences.filter((l) => l.partialProductKey !== null);
  if (keyed.length === 0) return ok(`ESU years ${esu.licences.map((l) => l.year).join(', ')} present, no ESU key installed`);
  const line = keyed.map((l) => `Year ${l.year} ${statusText(l.licenseStatus)}`).join(', ');
  return keyed.some((l) => l.licenseStatus !== 1) ? problem(line) : ok(line);
}

export function describeAzureCertificates(facts: AzureCertificatesFacts): Described {
  if (facts.certificates.length === 0) return ok('no Microsoft Azure issuing CA in the computer store');
  const byStore = (store: 'CA' | 'Root') => facts.certificates.filter((c) => c.store === store).length;
  return ok(`${byStore('CA')} Microsoft Azure issuing CA${byStore('CA') === 1 ? '' : 's'} in Intermediate, ${byStore('Root')} in Root`);
}

export function describeSrv(lookups: SrvLookup[]): Described {
  const found = lookups.filter((l) => l.result === 'found');
  const records = found.flatMap((l) => l.records);
  const stale = records.filter((r) => r.resolveError !== null);
  const failed = lookups.filter((l) => l.result === 'timed-out' || l.result === 'error');
  const parts = [`${found.length} of ${lookups.length} ${lookups.length === 1 ? 'domain publishes' : 'domains publish'} a KMS host`, `${records.length} record${records.length === 1 ? '' : 's'}`];
  if (stale.length > 0) parts.push(`${stale.length} target${stale.length === 1 ? ' does' : 's do'} not resolve (${stale.map((r) => r.target).join(', ')})`);
  if (failed.length > 0) parts.push(`${failed.length} lookup${failed.length === 1 ? '' : 's'} failed`);
  const text = parts.join(', ');
  return found.length === 0 || stale.length > 0 || failed.length > 0 ? problem(text) : ok(text);
}

const hostPort = (h: { host: string; port: number }) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`);

export function describeKmsHosts(checks: KmsHostCheck[]): Described {
  const open = checks.filter((c) => c.tcp === 'open');
  const each = checks.map((c) => `${hostPort(c)} ${c.tcp}${c.tcp === 'open' && c.latencyMs !== null ? ` (${formatMs(c.latencyMs)})` : ''}`);
  const text = `${open.length} of ${checks.length} answer: ${each.join('; ')}`;
  return open.length === checks.length ? ok(text) : problem(text);
}

export function describeTime(checks: TimeCheck[]): Described {
  const answered = checks.filter((c) => c.result === 'ok' && c.offsetMs !== null);
  const skewed = answered.filter((c) => Math.abs(c.offsetMs ?? 0) > KMS_MAX_SKEW_MS);
  const count = (result: TimeCheck['result']) => checks.filter((c) => c.result === result).length;
  const plural = (n: number) => `${n} host${n === 1 ? '' : 's'}`;
  const parts = answered.map((c) => `${c.host} ${formatOffset(c.offsetMs ?? 0)}`);
  if (count('no-answer') > 0) parts.push(`no time answer from ${plural(count('no-answer'))}`);
  if (count('unresolvable') > 0) parts.push(`${plural(count('unresolvable'))} not resolvable`);
  if (count('error') > 0) parts.push(`${plural(count('error'))} answered wrongly`);
  const text = parts.join('; ');
  return skewed.length > 0 ? problem(`${text} (more than ${KMS_MAX_SKEW_TEXT} apart: KMS will refuse, 0xC004F06C)`) : ok(text);
}

export function describeEndpoints(checks: EndpointCheck[]): Described {
  const reachable = checks.filter((c) => c.result === 'reachable');
  const proxy = checks.find((c) => c.proxy !== null)?.proxy;
  const failed = checks.filter((c) => c.result !== 'reachable').map((c) => `${c.host} ${c.result}`);
  const text = `${reachable.length} of ${checks.length} reachable${proxy ? ` through ${proxy}` : ''}${failed.length > 0 ? `: ${failed.join('; ')}` : ''}`;
  return reachable.length === checks.length ? ok(text) : problem(text);
}
