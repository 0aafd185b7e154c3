/**
 * Office licence state (office.ps1): the Office SoftwareLicensingProduct instances with a partial
 * product key (parsed exactly like the Windows ones), the Office volume licences installed, the
 * Office KMS host licences, and the Click-to-Run and OSPP registry values. Property names are
 * WMI's and the registry's, as the script writes them.
 */
import { z } from 'zod';
import { OfficeFactsSchema, type OfficeFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import type { Described } from '../run-probe';
import { isMicrosoft365ProductId, OFFICE_VERSION_NAMES, officeKmsHostFor, officeProductLabel } from '../../../shared/knowledge/office';
import { licenseStatusName } from '../../../shared/knowledge/licensing';
import { toHex } from '../../../shared/hex';
import { parseProduct, RawProductSchema } from './licensing';
import { bool, count, guid, hresult, port, psArray, psBoolean, psNumber, psText, text, uint32 } from './normalise';

const RawLicenceSchema = z.object({ ID: z.string(), LicenseFamily: psText });

const RawHostLicenceSchema = z.object({
  ID: z.string(),
  PartialProductKey: psText,
  LicenseStatus: z.number().int().min(0).max(6),
  LicenseStatusReason: psNumber,
  IsKeyManagementServiceMachine: psNumber,
  KeyManagementServiceCurrentCount: psNumber,
});

const RawClickToRunSchema = z.object({
  installed: z.boolean(),
  productReleaseIds: psArray(z.string()),
  version: psText,
  sharedComputerLicensing: psBoolean,
  licensingNext: psBoolean,
});

export const RawOfficeSchema = z.object({
  products: psArray(RawProductSchema),
  kmsClientLicences: psArray(RawLicenceSchema),
  kmsHostLicences: psArray(RawHostLicenceSchema),
  clickToRun: RawClickToRunSchema,
  ospp: z.object({ KeyManagementServiceName: psText, KeyManagementServicePort: psNumber }).nullish(),
});
export type RawOffice = z.output<typeof RawOfficeSchema>;

const partialKey = (value: string | null | undefined): string | null => {
  const key = text(value, 10)?.toUpperCase() ?? null;
  return key && /^[0-9A-Z]{5}$/.test(key) ? key : null;
};

/** A Click-to-Run product ID: letters and digits only (O365ProPlusRetail, ProPlus2021Volume). */
const productReleaseId = (value: string): string | null => {
  const id = value.trim();
  return /^[A-Za-z0-9_.-]{1,80}$/.test(id) ? id : null;
};

export function parseOffice(raw: RawOffice): OfficeFacts {
  return {
    // The script filters by the Office ApplicationID; parseProduct is the Windows parser (same class).
    products: raw.products.slice(0, 32).map(parseProduct),
    kmsClientLicences: raw.kmsClientLicences
      .map((l) => ({ activationId: guid(l.ID), licenseFamily: text(l.LicenseFamily, 80) }))
      .filter((l): l is { activationId: string; licenseFamily: string } => l.activationId !== null && l.licenseFamily !== null)
      .slice(0, 64),
    kmsHostLicences: raw.kmsHostLicences
      .map((h) => ({
        activationId: guid(h.ID),
        partialProductKey: partialKey(h.PartialProductKey),
        licenseStatus: h.LicenseStatus,
        licenseStatusReason: hresult(h.LicenseStatusReason),
        kmsCurrentCount: uint32(h.IsKeyManagementServiceMachine) === 1 ? count(h.KeyManagementServiceCurrentCount) : null,
      }))
      .filter((h): h is typeof h & { activationId: string } => h.activationId !== null)
      .slice(0, 8),
    clickToRun: {
      installed: raw.clickToRun.installed,
      productReleaseIds: raw.clickToRun.productReleaseIds.map(productReleaseId).filter((id): id is string => id !== null).slice(0, 32),
      version: text(raw.clickToRun.version, 40),
      sharedComputerLicensing: bool(raw.clickToRun.sharedComputerLicensing),
      licensingNext: bool(raw.clickToRun.licensingNext),
    },
    ospp: raw.ospp ? { kmsMachine: text(raw.ospp.KeyManagementServiceName, 255), kmsPort: port(raw.ospp.KeyManagementServicePort) } : null,
  };
}

export const officeCollector = defineCollector({
  script: 'office',
  subject: 'the Office licence state',
  raw: RawOfficeSchema,
  parse: parseOffice,
  value: OfficeFactsSchema,
});

/** The checklist / progress line: each Office licence and its state, Microsoft 365 Apps, the Office KMS host. */
export function describeOffice(office: OfficeFacts): Described {
  const parts = office.products.map((p) => `${officeProductLabel(p.licenseFamily, p.name)}: ${licenseStatusName(p.licenseStatus)}${p.licenseStatus !== 1 && p.licenseStatusReason !== null && p.licenseStatusReason !== 0 ? ` (${toHex(p.licenseStatusReason)})` : ''}`);
  if (office.clickToRun.productReleaseIds.some(isMicrosoft365ProductId) || office.clickToRun.licensingNext === true) parts.push('Microsoft 365 Apps (subscription, not KMS)');
  for (const h of office.kmsHostLicences) {
    const record = officeKmsHostFor(h.activationId);
    parts.push(`${record ? OFFICE_VERSION_NAMES[record.version] : 'Office'} KMS host ${h.licenseStatus === 1 && h.partialProductKey !== null ? `activated${h.kmsCurrentCount === null ? '' : `, count ${h.kmsCurrentCount}`}` : 'not activated'}`);
  }
  const summary = parts.length > 0 ? parts.join('; ') : office.clickToRun.installed ? 'Click-to-Run Office, no Office licence with a key' : 'no volume-licensed Office installed';
  const problem = office.products.some((p) => p.licenseStatus !== 1) || office.kmsHostLicences.some((h) => h.licenseStatus !== 1 || h.partialProductKey === null);
  return { outcome: problem ? 'problem' : 'ok', summary };
}

/** The registry's entry (registry.ts): probe id windows.office. */
export const officeProbe = defineWindowsProbe({ ...officeCollector, key: 'office', describe: describeOffice });
