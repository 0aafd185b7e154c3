/**
 * (f) The Windows facts around activation: the edition, the domain and DNS settings that KMS
 * discovery depends on, the two services activation needs, administrator rights and the KMS
 * firewall rule; and, where this computer has them, the Windows 10 ESU licences, subscription
 * activation and the forest's activation objects (only when read and present: no empty tables).
 */
import type { AdbaFacts, EsuFacts, FirewallRule, NetworkConfig, OsFacts, ServiceState, ServicesFacts, Snapshot, SubscriptionFacts } from '../../snapshot';
import { toHex } from '../../hex';
import { licenseStatusName } from '../../knowledge/licensing';
import { SUBSCRIPTION_TYPE, subscriptionStatusText } from '../../knowledge/subscription';
import { asText, listOrNone, orElse, yesNo } from '../format';
import { factBlock, gridTable, kvTable, section } from '../layout';
import { html, type Html } from '../markup';

const PRODUCT_TYPE: Record<OsFacts['productType'], string> = { 1: 'workstation', 2: 'domain controller', 3: 'server' };

const SERVICE_STATUS: Record<ServiceState['status'], string> = {
  running: 'running',
  stopped: 'stopped',
  'start-pending': 'starting',
  'stop-pending': 'stopping',
  'continue-pending': 'resuming',
  'pause-pending': 'pausing',
  paused: 'paused',
  unknown: 'unknown',
};

const START_TYPE: Record<ServiceState['startType'], string> = {
  boot: 'boot',
  system: 'system',
  automatic: 'automatic',
  'automatic-delayed': 'automatic (delayed start)',
  manual: 'manual',
  disabled: 'disabled',
  unknown: 'unknown',
};

function osTable(os: OsFacts): Html {
  return kvTable([
    ['Caption', os.caption],
    ['Version', `${os.version}, build ${os.build}${os.ubr === null ? '' : `.${os.ubr}`}`],
    ['EditionID', os.editionId],
    ['Installation type', os.installationType],
    ['Product type', PRODUCT_TYPE[os.productType]],
    ['Language', os.lcid === null ? os.language : `${os.language} (LCID ${os.lcid})`],
    ['Architecture', orElse(os.architecture, asText, 'not reported')],
    ['Evaluation edition', yesNo(os.isEvaluation)],
    ['Computer name', os.computerName],
  ]);
}

function networkTable(n: NetworkConfig): Html {
  return kvTable([
    ['Member of a domain', yesNo(n.partOfDomain)],
    [n.partOfDomain ? 'Domain' : 'Workgroup', orElse(n.partOfDomain ? n.domain : (n.workgroup ?? n.domain), asText, 'not reported')],
    ['Primary DNS suffix', orElse(n.primaryDnsSuffix, asText, 'none')],
    ['DNS suffix search list', listOrNone(n.dnsSuffixSearchList)],
    ['Connection-specific DNS suffixes', listOrNone(n.connectionDnsSuffixes)],
    ['DNS servers', listOrNone(n.dnsServers)],
    ['WinHTTP proxy', orElse(n.winHttpProxy, asText, 'none (direct connection)')],
  ]);
}

const serviceText = (s: ServiceState): string => (s.exists ? `${SERVICE_STATUS[s.status]}, start type ${START_TYPE[s.startType]}` : 'not installed');

function servicesTable(s: ServicesFacts): Html {
  return kvTable([
    [`Software Protection (${s.sppsvc.name})`, serviceText(s.sppsvc)],
    [`Windows Time (${s.w32time.name})`, serviceText(s.w32time)],
    ['Time source type (W32Time Type)', orElse(s.w32timeType, asText, 'not set')],
    ['NTP servers (W32Time NtpServer)', orElse(s.w32timeNtpServer, asText, 'not set')],
    ['NTP client enabled', orElse(s.ntpClientEnabled, yesNo, 'not set')],
  ]);
}

function firewallTable(f: FirewallRule): Html {
  return kvTable([
    ['Rule', f.name],
    ['Exists', yesNo(f.exists)],
    ['Enabled', yesNo(f.enabled)],
    ['Applies to profiles', listOrNone(f.profiles)],
    ['Profiles active now', listOrNone(f.activeProfiles)],
  ]);
}

function esuTable(esu: EsuFacts): Html {
  const rows = [...esu.licences]
    .sort((a, b) => a.year - b.year)
    .map((l) => [
      `Year ${l.year}`,
      l.activationId,
      `${licenseStatusName(l.licenseStatus)}${l.licenseStatusReason !== null && (l.licenseStatusReason & 0x80000000) !== 0 ? ` (${toHex(l.licenseStatusReason)})` : ''}`,
      l.partialProductKey ?? 'none',
    ]);
  return gridTable([{ title: 'ESU year', width: 'w-10' }, { title: 'Activation ID', width: 'w-40' }, { title: 'Licence status' }, { title: 'Key (last five)', width: 'w-15' }], rows, 'Windows 10 ESU licences (SoftwareLicensingProduct, by activation ID)');
}

function subscriptionTable(sub: SubscriptionFacts): Html {
  return kvTable([
    ['Subscription status (SubscriptionStatus)', orElse(sub.statusValue, (v) => `${subscriptionStatusText(v)} (${v})`, 'not reported')],
    ['Subscription type (SubscriptionType)', orElse(sub.typeValue, (v) => `${SUBSCRIPTION_TYPE[v] ?? 'Unknown'} (${v})`, 'not reported')],
    ['Subscription edition', orElse(sub.edition, asText, 'not reported')],
    ['Windows Update internet locations blocked by policy', orElse(sub.windowsUpdateBlocked, yesNo, 'not set')],
  ]);
}

function adbaTable(adba: AdbaFacts): Html {
  return kvTable([
    ['Forest read from', adba.domain],
    ['Activation objects container', adba.container],
    ['Activation objects', listOrNone(adba.objects.map((o) => `${o.name ?? o.dn}${o.partialProductKey ? ` (key ending in ${o.partialProductKey})` : ''}`))],
  ]);
}

/** The facts beyond KMS, each only where this computer has it. */
function beyondKms(w: Snapshot['windows']): Html[] {
  const blocks: Html[] = [];
  if (w.esu.status === 'ok' && w.esu.value.licences.length > 0) blocks.push(html`<h3>Windows 10 Extended Security Updates</h3>
${esuTable(w.esu.value)}`);
  const sub = w.subscription.status === 'ok' ? w.subscription.value : null;
  if (sub && (sub.statusValue !== null || sub.typeValue !== null || sub.windowsUpdateBlocked === true)) blocks.push(html`<h3>Subscription activation</h3>
${subscriptionTable(sub)}`);
  if (w.adba.status === 'ok') blocks.push(html`<h3>Active Directory-based activation (the forest)</h3>
${adbaTable(w.adba.value)}`);
  return blocks;
}

export function renderWindowsSection(snapshot: Snapshot): Html {
  const w = snapshot.windows;
  return section(
    'windows',
    html`<h3>Windows edition and version</h3>
${factBlock(w.os, osTable)}<h3>Domain, DNS and proxy</h3>
${factBlock(w.networkConfig, networkTable)}<h3>Services and time configuration</h3>
${factBlock(w.services, servicesTable)}<h3>Administrator rights</h3>
${factBlock(w.elevation, (e) => kvTable([['Activation Doctor ran as administrator', yesNo(e.elevated)]]))}<h3>KMS host firewall rule</h3>
${factBlock(w.firewall, firewallTable)}${beyondKms(w)}`,
  );
}
