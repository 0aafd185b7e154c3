/**
 * (f) Office: every Office licence with a key as the Software Licensing Service reports it (the
 * same fields as Windows products, and Office's own KMS host setting), the Office KMS host licences
 * when this computer has them, and what Click-to-Run says (Microsoft 365 Apps or a volume edition).
 */
import { channelFromDescription } from '../../knowledge/licensing';
import { OFFICE_VERSION_NAMES, officeKmsHostFor } from '../../knowledge/office';
import type { OfficeFacts, OfficeProduct, Snapshot } from '../../snapshot';
import { asText, codeText, hostPort, licenseStatusText, minutesWithDays, orElse, yesNo } from '../format';
import { factBlock, kvTable, none, section, type KvRow } from '../layout';
import { html, type Html } from '../markup';
import { lastFiveOfKey } from '../redact';

function productRows(p: OfficeProduct): KvRow[] {
  const channel = channelFromDescription(p.description);
  return [
    ['Name', p.name],
    ['Description', `${p.description}${channel ? ` (${channel})` : ''}`],
    ['Activation ID', p.activationId],
    ['Licence family', orElse(p.licenseFamily, asText, 'not reported')],
    ['Partial Product Key', p.partialProductKey === null ? 'none installed' : lastFiveOfKey(p.partialProductKey)],
    ['License Status', licenseStatusText(p.licenseStatus)],
    ['Status reason', orElse(p.licenseStatusReason, codeText, 'none reported')],
    ['Grace or validity remaining', orElse(p.gracePeriodRemainingMinutes, minutesWithDays, 'not reported')],
    ["Office's KMS host (ospp.vbs /sethst)", p.kmsMachine === null ? 'not set (DNS discovery)' : hostPort(p.kmsMachine, p.kmsPort)],
    ['KMS host Office found', p.discoveredKmsMachineName === null ? 'none recorded' : hostPort(p.discoveredKmsMachineName, p.discoveredKmsPort)],
    ['KMS host extended PID (ePID)', orElse(p.kmsHostProductKeyId, asText, 'none recorded (not activated by a KMS host)')],
  ];
}

function renderOffice(facts: OfficeFacts): Html {
  const c2r = facts.clickToRun;
  const products =
    facts.products.length === 0
      ? none('No Office licence with a product key was found in the Software Licensing Service.')
      : facts.products.map((p, i) => html`<h3>Office product ${i + 1}: ${p.name}</h3>
${kvTable(productRows(p))}`);
  const hosts =
    facts.kmsHostLicences.length === 0
      ? null
      : html`<h3>Office KMS host licences</h3>
${kvTable(
  facts.kmsHostLicences.map((h): KvRow => {
    const record = officeKmsHostFor(h.activationId);
    return [
      `${record ? OFFICE_VERSION_NAMES[record.version] : 'Office'} (${h.activationId})`,
      `${licenseStatusText(h.licenseStatus)}, key ${h.partialProductKey === null ? 'not installed' : lastFiveOfKey(h.partialProductKey)}${h.kmsCurrentCount === null ? '' : `, current count ${h.kmsCurrentCount}`}`,
    ];
  }),
)}`;
  return html`${products}${hosts}<h3>Click-to-Run</h3>
${kvTable([
  ['Click-to-Run Office installed', yesNo(c2r.installed)],
  ['Products (ProductReleaseIds)', c2r.productReleaseIds.length === 0 ? 'none listed' : c2r.productReleaseIds.join(', ')],
  ['Version', orElse(c2r.version, asText, 'not reported')],
  ['Shared computer activation', orElse(c2r.sharedComputerLicensing, yesNo, 'not set')],
  ['Subscription licence method (LicensingNext) for the user who ran the check', orElse(c2r.licensingNext, yesNo, 'not set')],
  facts.ospp === null ? null : ['Office 2010/2013 (OSPP) KMS host', facts.ospp.kmsMachine === null ? 'not set' : hostPort(facts.ospp.kmsMachine, facts.ospp.kmsPort)],
])}`;
}

export function renderOfficeSection(snapshot: Snapshot): Html {
  return section('office', factBlock(snapshot.windows.office, renderOffice));
}
