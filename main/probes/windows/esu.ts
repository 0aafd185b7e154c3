/**
 * Windows 10 ESU add-on licences (esu.ps1): the SoftwareLicensingProduct instances whose ID is one
 * of the three ESU activation IDs, with or without a key. Property names are WMI's.
 */
import { z } from 'zod';
import { EsuFactsSchema, type EsuFacts, type EsuLicence } from '../../../shared/snapshot';
import { esuLicenceFor } from '../../../shared/knowledge/esu';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeEsu } from '../outcomes';
import { bool, count, guid, hresult, psArray, psBoolean, psNumber, psText, text } from './normalise';

const RawEsuProductSchema = z.object({
  ID: z.string(),
  ApplicationID: psText,
  Name: psText,
  Description: psText,
  ProductKeyChannel: psText,
  PartialProductKey: psText,
  LicenseStatus: z.number().int().min(0).max(6),
  LicenseStatusReason: psNumber,
  GracePeriodRemaining: psNumber,
  LicenseIsAddon: psBoolean,
});

export const RawEsuSchema = z.object({
  products: psArray(RawEsuProductSchema),
});
export type RawEsu = z.output<typeof RawEsuSchema>;
type RawEsuProduct = z.output<typeof RawEsuProductSchema>;

const partialKey = (value: string | null | undefined): string | null => {
  const key = text(value, 10)?.toUpperCase() ?? null;
  return key && /^[0-9A-Z]{5}$/.test(key) ? key : null;
};

function parseLicence(raw: RawEsuProduct): EsuLicence | null {
  const record = esuLicenceFor(raw.ID);
  // The WQL filter names the three IDs; anything else is not ours to report.
  if (!record) return null;
  const grace = count(raw.GracePeriodRemaining);
  return {
    year: record.year,
    activationId: record.activationId,
    name: text(raw.Name, 500) ?? '',
    applicationId: guid(raw.ApplicationID),
    partialProductKey: partialKey(raw.PartialProductKey),
    productKeyChannel: text(raw.ProductKeyChannel, 80),
    licenseStatus: raw.LicenseStatus,
    licenseStatusReason: hresult(raw.LicenseStatusReason),
    // A permanent licence reports 0 minutes: no end, not "ends now".
    gracePeriodRemainingMinutes: raw.LicenseStatus === 1 && grace === 0 ? null : grace,
    isAddon: bool(raw.LicenseIsAddon),
  };
}

export function parseEsu(raw: RawEsu): EsuFacts {
  const byYear = new Map<number, EsuLicence>();
  for (const product of raw.products) {
    const licence = parseLicence(product);
    if (licence && !byYear.has(licence.year)) byYear.set(licence.year, licence);
  }
  return { licences: [...byYear.values()].sort((a, b) => a.year - b.year) };
}

export const esuCollector = defineCollector({
  script: 'esu',
  subject: 'the Windows 10 ESU licences',
  raw: RawEsuSchema,
  parse: parseEsu,
  value: EsuFactsSchema,
});

/** The registry's entry (registry.ts). */
export const esuProbe = defineWindowsProbe({ ...esuCollector, key: 'esu', describe: describeEsu });
