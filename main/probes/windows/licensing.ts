/**
 * Licence state (licensing.ps1): the Windows SoftwareLicensingProduct instances that carry a
 * partial product key, and SoftwareLicensingService. Property names are WMI's, as Select-Object
 * writes them.
 */
import { z } from 'zod';
import { LicensingFactsSchema, type LicensingFacts, type LicensingService, type WindowsProduct } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeLicensing } from '../outcomes';
import { bool, count, guid, hresult, isoTime, port, psArray, psBoolean, psNumber, psText, text, uint32 } from './normalise';

export const RawProductSchema = z.object({
  ID: z.string(),
  Name: psText,
  Description: psText,
  LicenseFamily: psText,
  ProductKeyChannel: psText,
  PartialProductKey: psText,
  /** 0 Unlicensed ... 6 ExtendedGrace; anything else is a shape we do not understand. */
  LicenseStatus: z.number().int().min(0).max(6),
  LicenseStatusReason: psNumber,
  GracePeriodRemaining: psNumber,
  EvaluationEndDate: psText,
  LicenseIsAddon: psBoolean,
  KeyManagementServiceMachine: psText,
  KeyManagementServicePort: psNumber,
  KeyManagementServiceLookupDomain: psText,
  DiscoveredKeyManagementServiceMachineName: psText,
  DiscoveredKeyManagementServiceMachinePort: psNumber,
  DiscoveredKeyManagementServiceMachineIpAddress: psText,
  KeyManagementServiceProductKeyID: psText,
  VLActivationType: psNumber,
  VLActivationTypeEnabled: psNumber,
  VLActivationInterval: psNumber,
  VLRenewalInterval: psNumber,
  IsKeyManagementServiceMachine: psNumber,
  KeyManagementServiceCurrentCount: psNumber,
  RequiredClientCount: psNumber,
  AutomaticVMActivationHostMachineName: psText,
  AutomaticVMActivationLastActivationTime: psText,
  // The AD activation object of the last AD activation (Windows 8+; absent before, and in old fixtures).
  ADActivationObjectName: psText,
  ADActivationObjectDN: psText,
  ADActivationCsvlkPid: psText,
  ADActivationCsvlkSkuId: psText,
});

const RawServiceSchema = z.object({
  Version: psText,
  ClientMachineID: psText,
  KeyManagementServiceMachine: psText,
  KeyManagementServicePort: psNumber,
  KeyManagementServiceLookupDomain: psText,
  KeyManagementServiceHostCaching: psBoolean,
  IsKeyManagementServiceMachine: psNumber,
  KeyManagementServiceCurrentCount: psNumber,
  RequiredClientCount: psNumber,
  KeyManagementServiceListeningPort: psNumber,
  KeyManagementServiceDnsPublishing: psBoolean,
  KeyManagementServiceLowPriority: psBoolean,
  KeyManagementServiceTotalRequests: psNumber,
  KeyManagementServiceFailedRequests: psNumber,
  RemainingWindowsReArmCount: psNumber,
  OA3xOriginalProductKeyDescription: psText,
});

export const RawLicensingSchema = z.object({
  products: psArray(RawProductSchema),
  service: RawServiceSchema,
});
export type RawLicensing = z.output<typeof RawLicensingSchema>;
export type RawProduct = z.output<typeof RawProductSchema>;
type RawService = z.output<typeof RawServiceSchema>;

/** A small enumeration (VLActivationType...): null when unset or out of range. */
function smallEnum(value: number | string | null | undefined, max: number): number | null {
  const n = uint32(value);
  return n !== null && n <= max ? n : null;
}

const partialKey = (value: string | null | undefined): string | null => {
  const key = text(value, 10)?.toUpperCase() ?? null;
  return key && /^[0-9A-Z]{5}$/.test(key) ? key : null;
};

export function parseProduct(raw: RawProduct): WindowsProduct {
  const licenseStatus = raw.LicenseStatus;
  const activationType = smallEnum(raw.VLActivationType, 3);
  const grace = count(raw.GracePeriodRemaining);
  const isKmsHost = uint32(raw.IsKeyManagementServiceMachine) === 1;
  return {
    activationId: guid(raw.ID) ?? raw.ID,
    name: text(raw.Name, 500) ?? '',
    description: text(raw.Description, 500) ?? '',
    licenseFamily: text(raw.LicenseFamily, 80),
    productKeyChannel: text(raw.ProductKeyChannel, 80),
    partialProductKey: partialKey(raw.PartialProductKey),
    licenseStatus,
    licenseStatusReason: hresult(raw.LicenseStatusReason),
    // A permanent licence reports 0 minutes: it has no end, which is not the same as "ends now".
    gracePeriodRemainingMinutes: licenseStatus === 1 && grace === 0 ? null : grace,
    evaluationEndDate: isoTime(raw.EvaluationEndDate),
    isAddon: bool(raw.LicenseIsAddon) ?? false,
    kmsMachine: text(raw.KeyManagementServiceMachine, 255),
    kmsPort: port(raw.KeyManagementServicePort),
    kmsLookupDomain: text(raw.KeyManagementServiceLookupDomain, 255),
    discoveredKmsMachineName: text(raw.DiscoveredKeyManagementServiceMachineName, 255),
    discoveredKmsPort: port(raw.DiscoveredKeyManagementServiceMachinePort),
    discoveredKmsIpAddress: text(raw.DiscoveredKeyManagementServiceMachineIpAddress, 64),
    kmsHostProductKeyId: text(raw.KeyManagementServiceProductKeyID, 80),
    // 1 AD, 2 KMS, 3 token; 0 or blank means never volume-activated.
    vlActivationType: activationType === 0 ? null : activationType,
    vlActivationTypeEnabled: smallEnum(raw.VLActivationTypeEnabled, 3),
    vlActivationIntervalMinutes: count(raw.VLActivationInterval),
    vlRenewalIntervalMinutes: count(raw.VLRenewalInterval),
    isKmsHost,
    kmsCurrentCount: isKmsHost ? count(raw.KeyManagementServiceCurrentCount) : null,
    requiredClientCount: isKmsHost ? count(raw.RequiredClientCount) : null,
    avmaHostMachineName: text(raw.AutomaticVMActivationHostMachineName, 255),
    avmaLastActivationTime: isoTime(raw.AutomaticVMActivationLastActivationTime),
    adActivationObjectName: text(raw.ADActivationObjectName, 255),
    adActivationObjectDn: text(raw.ADActivationObjectDN, 1000),
    adActivationCsvlkPid: text(raw.ADActivationCsvlkPid, 512),
    adActivationCsvlkSkuId: guid(raw.ADActivationCsvlkSkuId),
  };
}

function parseService(raw: RawService): LicensingService {
  const isKmsHost = uint32(raw.IsKeyManagementServiceMachine) === 1;
  // The KMS host fields carry defaults (port 1688, DNS publishing on) on every machine; they only
  // describe something real on a KMS host, so elsewhere they are reported as not applicable.
  const hostOnly = <T>(value: T): T | null => (isKmsHost ? value : null);
  return {
    version: text(raw.Version, 40) ?? '',
    clientMachineId: guid(raw.ClientMachineID),
    kmsMachine: text(raw.KeyManagementServiceMachine, 255),
    kmsPort: port(raw.KeyManagementServicePort),
    kmsLookupDomain: text(raw.KeyManagementServiceLookupDomain, 255),
    kmsHostCaching: bool(raw.KeyManagementServiceHostCaching),
    isKmsHost,
    kmsCurrentCount: hostOnly(count(raw.KeyManagementServiceCurrentCount)),
    requiredClientCount: hostOnly(count(raw.RequiredClientCount)),
    kmsListeningPort: hostOnly(port(raw.KeyManagementServiceListeningPort)),
    kmsDnsPublishing: hostOnly(bool(raw.KeyManagementServiceDnsPublishing)),
    kmsLowPriority: hostOnly(bool(raw.KeyManagementServiceLowPriority)),
    kmsTotalRequests: hostOnly(count(raw.KeyManagementServiceTotalRequests)),
    kmsFailedRequests: hostOnly(count(raw.KeyManagementServiceFailedRequests)),
    remainingWindowsRearmCount: count(raw.RemainingWindowsReArmCount),
    oa3OriginalProductKeyDescription: text(raw.OA3xOriginalProductKeyDescription, 200),
  };
}

export function parseLicensing(raw: RawLicensing): LicensingFacts {
  return {
    products: raw.products.slice(0, 64).map(parseProduct),
    service: parseService(raw.service),
  };
}

export const licensingCollector = defineCollector({
  script: 'licensing',
  subject: 'the licence state',
  raw: RawLicensingSchema,
  parse: parseLicensing,
  value: LicensingFactsSchema,
});

/** The registry's entry (registry.ts). */
export const licensingProbe = defineWindowsProbe({ ...licensingCollector, key: 'licensing', describe: describeLicensing });
