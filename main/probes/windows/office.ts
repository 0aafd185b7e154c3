/**
 * Office licence state (office.ps1): the Office SoftwareLicensingProduct instances with a partial
 * product key (parsed exactly like the Windows ones), the Office volume licences installed, the
 * Office KMS host licences, and the Click-to-Run and OSPP registry values. Property names are
 * WMI's and the registry's, as the script writes them.
 */
import { z } from 'zod';
import { OfficeFactsSchema, type OfficeFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
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
