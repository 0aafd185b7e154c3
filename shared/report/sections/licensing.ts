/**
 * (e) The licensing facts support asks for first: what `slmgr /dlv` prints, for every Windows
 * product with a key, plus the machine-wide Software Licensing service settings (and the KMS
 * host's own counters when this computer is one). Labels follow slmgr's where they exist, so the
 * reader can compare with a /dlv they already have.
 */
import { channelFromDescription } from '../../knowledge/licensing';
import type { LicensingFacts, LicensingService, Snapshot, WindowsProduct } from '../../snapshot';
import { asText, codeText, formatTime, hostPort, licenseStatusText, minutesWithDays, orElse, yesNo } from '../format';
import { factBlock, kvTable, none, section, type KvRow } from '../layout';
import { html, type Html } from '../markup';
import { lastFiveOfKey } from '../redact';
import { selectWindowsProduct } from '../../windows-product';

// SoftwareLicensingProduct.VLActivationTypeEnabled / VLActivationType, in slmgr's words.
const CONFIGURED_ACTIVATION_TYPE = ['All (Active Directory, KMS or token)', 'Active Directory only', 'KMS only', 'Token only'];
const LAST_ACTIVATION_TYPE = ['none', 'Active Directory', 'KMS', 'Token'];

const pick = (table: readonly string[], value: number | null, whenNull: string): string => (value === null ? whenNull : (table[value] ?? `unknown (${value})`));
const minutes = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`;

function productRows(p: WindowsProduct): KvRow[] {
  const channel = channelFromDescription(p.description);
  return [
    ['Name', p.name],
    ['Description', p.description],
    ['Activation ID', p.activationId],
    ['Licence family', orElse(p.licenseFamily, asText, 'not reported')],
    ['Product key channel', `${p.productKeyChannel ?? 'not reported'}${channel ? ` (description says ${channel})` : ''}`],
    // Only ever the last five characters: that is all Windows keeps readable, and all a report may show.
    ['Partial Product Key', p.partialProductKey === null ? 'none installed' : lastFiveOfKey(p.partialProductKey)],
    ['License Status', licenseStatusText(p.licenseStatus)],
    ['Status reason', orElse(p.licenseStatusReason, codeText, 'none reported')],
    ['Grace or validity remaining', orElse(p.gracePeriodRemainingMinutes, minutesWithDays, 'not reported')],
    p.evaluationEndDate === null ? null : ['Evaluation ends', formatTime(p.evaluationEndDate)],
    ['Add-on', yesNo(p.isAddon)],
    ['Configured activation type', pick(CONFIGURED_ACTIVATION_TYPE, p.vlActivationTypeEnabled, 'not reported')],
    ['Most recent activation type', pick(LAST_ACTIVATION_TYPE, p.vlActivationType, 'not volume-activated')],
    ['KMS machine (configured)', orElse(p.kmsMachine, asText, 'not set for this product')],
    ['KMS port (configured)', orElse(p.kmsPort, asText, 'not set (1688 is the default)')],
    ['KMS machine from DNS', p.discoveredKmsMachineName === null ? 'none recorded' : hostPort(p.discoveredKmsMachineName, p.discoveredKmsPort)],
    ['KMS host IP address', orElse(p.discoveredKmsIpAddress, asText, 'none recorded')],
    ['KMS host extended PID (ePID)', orElse(p.kmsHostProductKeyId, asText, 'none recorded (not activated by a KMS host)')],
    ['KMS SRV lookup domain', orElse(p.kmsLookupDomain, asText, 'not set for this product')],
    ['Activation interval', orElse(p.vlActivationIntervalMinutes, minutes, 'not reported')],
    ['Renewal interval', orElse(p.vlRenewalIntervalMinutes, minutesWithDays, 'not reported')],
    ...kmsHostRows(p),
    ...avmaRows(p),
  ];
}

/** On a KMS host, its own CSVLK product carries the host's counts. */
function kmsHostRows(p: WindowsProduct): KvRow[] {
  if (!p.isKmsHost) return [];
  return [
    ['KMS host: current count', orElse(p.kmsCurrentCount, asText, 'not reported')],
    ['KMS host: required client count', orElse(p.requiredClientCount, asText, 'not reported')],
  ];
}

/** Only on a guest activated by its Hyper-V host (AVMA). */
function avmaRows(p: WindowsProduct): KvRow[] {
  if (p.avmaHostMachineName === null && p.avmaLastActivationTime === null) return [];
  return [
    ['AVMA host machine', orElse(p.avmaHostMachineName, asText, 'not reported')],
    ['AVMA last activation', orElse(p.avmaLastActivationTime, formatTime, 'not reported')],
  ];
}

function serviceRows(s: LicensingService): KvRow[] {
  const hostRows: KvRow[] = s.isKmsHost
    ? [
        ['KMS current count', orElse(s.kmsCurrentCount, asText, 'not reported')],
        ['Required client count', orElse(s.requiredClientCount, asText, 'not reported')],
        ['KMS listening port', orElse(s.kmsListeningPort, asText, 'not reported')],
        ['Publishes its DNS SRV record', orElse(s.kmsDnsPublishing, yesNo, 'not reported')],
        ['Low priority', orElse(s.kmsLowPriority, yesNo, 'not reported')],
        ['Total requests received', orElse(s.kmsTotalRequests, asText, 'not reported')],
        ['Failed requests', orElse(s.kmsFailedRequests, asText, 'not reported')],
      ]
    : [];
  return [
    ['Software licensing service version', s.version],
    ['Client Machine ID (CMID)', orElse(s.clientMachineId, asText, 'not reported')],
    ['KMS machine (machine-wide)', orElse(s.kmsMachine, asText, 'not set')],
    ['KMS port (machine-wide)', orElse(s.kmsPort, asText, 'not set')],
    ['KMS SRV lookup domain (machine-wide)', orElse(s.kmsLookupDomain, asText, 'not set')],
    ['KMS host caching', orElse(s.kmsHostCaching, (v) => (v ? 'enabled' : 'disabled'), 'not reported')],
    ['Remaining Windows rearm count', orElse(s.remainingWindowsRearmCount, asText, 'not reported')],
    ['Firmware (OA3) key', orElse(s.oa3OriginalProductKeyDescription, asText, 'none reported')],
    ['This computer is a KMS host', yesNo(s.isKmsHost)],
    ...hostRows,
  ];
}

function renderLicensing(facts: LicensingFacts): Html {
  // Every row is shown; the one the diagnosis is about (shared/windows-product.ts) says so.
  const theProduct = selectWindowsProduct(facts.products)?.index ?? -1;
  const products =
    facts.products.length === 0
      ? none('No Windows product with a product key installed was found.')
      : facts.products.map((p, i) => html`<h3>Product ${i + 1}: ${p.name}${i === theProduct ? ' (the product this report diagnoses)' : ''}</h3>
${kvTable(productRows(p))}`);
  return html`${products}<h3>Software Licensing service</h3>
${kvTable(serviceRows(facts.service))}`;
}

export function renderLicensingSection(snapshot: Snapshot): Html {
  return section('licensing', factBlock(snapshot.windows.licensing, renderLicensing));
}
