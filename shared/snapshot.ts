/**
 * The snapshot: every fact Activation Doctor knows about one computer and its KMS environment,
 * as one versioned, self-contained JSON document. A snapshot taken on one computer can be
 * diagnosed on another (`activation-doctor diagnose --snapshot file.json`).
 *
 * Every fact is either a value or "unavailable, because ...", always with how long it took, so a
 * check that could not run is never mistaken for a check that found nothing.
 *
 * Values are normalised here once: WMI's 4294967295 "not applicable" sentinels become null,
 * HRESULTs are unsigned 32-bit numbers, times are ISO-8601 UTC strings. Nothing in a snapshot is
 * localized text that code needs to interpret.
 */
import { z } from './zod';

export const SNAPSHOT_FORMAT = 'activation-doctor/snapshot';
/**
 * 2: Windows facts come from the probe registry (main/probes/windows/registry.ts); a Windows fact an
 * older version did not read is `unavailable`, reason `not-collected`. Version 1 files are read by
 * filling in those facts (readSnapshotDocument).
 */
export const SNAPSHOT_VERSION = 2;
/** Every version parseSnapshotJson reads. */
export const SNAPSHOT_VERSIONS_READ = [1, 2] as const;

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

export const UNAVAILABLE_REASONS = [
  'not-windows',
  'not-elevated',
  'timed-out',
  'powershell-missing',
  'powershell-restricted',
  'access-denied',
  'not-applicable',
  'not-supported',
  'no-candidates',
  'cancelled',
  'failed',
  'not-collected',
] as const;
export const UnavailableReasonSchema = z.enum(UNAVAILABLE_REASONS);
export type UnavailableReason = z.infer<typeof UnavailableReasonSchema>;

/** Plain words for each reason, for the UI and reports. */
export const UNAVAILABLE_REASON_TEXT: Record<UnavailableReason, string> = {
  'not-windows': 'not running on Windows',
  'not-elevated': 'needs administrator rights',
  'timed-out': 'timed out',
  'powershell-missing': 'Windows PowerShell could not be started',
  'powershell-restricted': 'PowerShell is restricted by policy',
  'access-denied': 'access was denied',
  'not-applicable': 'does not apply to this computer',
  'not-supported': 'not supported on this version of Windows',
  'no-candidates': 'nothing to check',
  cancelled: 'cancelled',
  failed: 'failed',
  'not-collected': 'not read by the version that took this snapshot',
};

const DurationSchema = z.number().nonnegative().finite();

export const factSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), value, durationMs: DurationSchema }),
    z.object({
      status: z.literal('unavailable'),
      reason: UnavailableReasonSchema,
      /** One line for a technician: what could not be read and why. */
      detail: z.string().max(2000),
      durationMs: DurationSchema,
    }),
  ]);

export type Fact<T> =
  | { status: 'ok'; value: T; durationMs: number }
  | { status: 'unavailable'; reason: UnavailableReason; detail: string; durationMs: number };

export const okFact = <T>(value: T, durationMs: number): Fact<T> => ({ status: 'ok', value, durationMs });
export const unavailableFact = <T = never>(reason: UnavailableReason, detail: string, durationMs = 0): Fact<T> => ({
  status: 'unavailable',
  reason,
  detail,
  durationMs,
});
export const factValue = <T>(fact: Fact<T> | undefined): T | undefined => (fact?.status === 'ok' ? fact.value : undefined);

// ---------------------------------------------------------------------------------------------
// Small building blocks
// ---------------------------------------------------------------------------------------------

/** An HRESULT as an unsigned 32-bit number (0xC004F074 = 3221549172). */
export const HresultSchema = z.number().int().min(0).max(0xffffffff);
/** ISO-8601 date-time in UTC, e.g. 2026-11-23T18:46:54.000Z. */
export const IsoTimeSchema = z.iso.datetime({ offset: true });
const HostNameTextSchema = z.string().max(255);
const PortSchema = z.number().int().min(1).max(65535);
const GuidSchema = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
const ShortText = z.string().max(500);

// ---------------------------------------------------------------------------------------------
// Windows facts
// ---------------------------------------------------------------------------------------------

export const InstallationTypeSchema = z.enum(['Client', 'Server', 'Server Core', 'Nano Server', 'Other']);

export const OsFactsSchema = z.object({
  caption: ShortText, // Win32_OperatingSystem.Caption, e.g. "Microsoft Windows 11 Enterprise" (may be localized)
  version: z.string().max(40), // "10.0.22631"
  build: z.number().int().nonnegative(),
  /** Update build revision (UBR), when the registry has it. */
  ubr: z.number().int().nonnegative().nullable(),
  editionId: z.string().max(80), // registry EditionID: "Enterprise", "ServerDatacenter", "ServerDatacenterEval"
  installationType: InstallationTypeSchema,
  /** Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server. */
  productType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Display language of the OS, as a culture name ("de-DE"). */
  language: z.string().max(20),
  /** Win32_OperatingSystem.OSLanguage LCID (1031 for de-DE). */
  lcid: z.number().int().nonnegative().nullable(),
  isEvaluation: z.boolean(),
  computerName: z.string().max(64),
  architecture: z.string().max(40).nullable(),
});
export type OsFacts = z.infer<typeof OsFactsSchema>;

export const LICENSE_STATUS_VALUES = [0, 1, 2, 3, 4, 5, 6] as const;
export const LicenseStatusSchema = z.number().int().min(0).max(6);

/** One SoftwareLicensingProduct instance of Windows that has a product key installed. */
export const WindowsProductSchema = z.object({
  activationId: GuidSchema, // SoftwareLicensingProduct.ID
  name: ShortText, // "Windows(R), ServerStandard edition"
  description: ShortText, // "Windows(R) Operating System, VOLUME_KMSCLIENT channel"
  licenseFamily: z.string().max(80).nullable(),
  productKeyChannel: z.string().max(80).nullable(), // "Volume:GVLK", "Retail", "OEM:DM" (Windows 8+)
  partialProductKey: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
  licenseStatus: LicenseStatusSchema,
  licenseStatusReason: HresultSchema.nullable(),
  /** Minutes before the current state ends (grace, or the KMS activation's validity). */
  gracePeriodRemainingMinutes: z.number().int().nonnegative().nullable(),
  evaluationEndDate: IsoTimeSchema.nullable(),
  isAddon: z.boolean(),
  /** KMS client settings (null when not set). */
  kmsMachine: HostNameTextSchema.nullable(),
  kmsPort: PortSchema.nullable(),
  kmsLookupDomain: HostNameTextSchema.nullable(),
  discoveredKmsMachineName: HostNameTextSchema.nullable(),
  discoveredKmsPort: PortSchema.nullable(),
  discoveredKmsIpAddress: z.string().max(64).nullable(),
  kmsHostProductKeyId: z.string().max(80).nullable(), // the ePID of the KMS host that activated us
  /** 1 AD, 2 KMS, 3 token; null = never volume-activated or not reported. */
  vlActivationType: z.number().int().min(0).max(3).nullable(),
  /** 0 any, 1 AD only, 2 KMS only, 3 token only. */
  vlActivationTypeEnabled: z.number().int().min(0).max(3).nullable(),
  vlActivationIntervalMinutes: z.number().int().nonnegative().nullable(),
  vlRenewalIntervalMinutes: z.number().int().nonnegative().nullable(),
  /** Filled on a KMS host for its own CSVLK product. */
  isKmsHost: z.boolean(),
  kmsCurrentCount: z.number().int().nonnegative().nullable(),
  requiredClientCount: z.number().int().nonnegative().nullable(),
  /** AVMA guest details (Windows Server 2012 R2+), null when not AVMA-activated. */
  avmaHostMachineName: z.string().max(255).nullable(),
  avmaLastActivationTime: IsoTimeSchema.nullable(),
  /**
   * The Active Directory activation object of the last AD activation (ADActivationObjectName,
   * ADActivationObjectDN, ADActivationCsvlkPid, ADActivationCsvlkSkuId; Windows 8+), null when it
   * never activated through AD; absent in snapshots taken before these were read.
   */
  adActivationObjectName: z.string().max(255).nullable().optional(),
  adActivationObjectDn: z.string().max(1000).nullable().optional(),
  adActivationCsvlkPid: z.string().max(512).nullable().optional(),
  adActivationCsvlkSkuId: GuidSchema.nullable().optional(),
});
export type WindowsProduct = z.infer<typeof WindowsProductSchema>;

/** SoftwareLicensingService: machine-wide settings, and the KMS host's own state. */
export const LicensingServiceSchema = z.object({
  version: z.string().max(40), // sppsvc version, e.g. "10.0.17763.1"
  clientMachineId: GuidSchema.nullable(),
  kmsMachine: HostNameTextSchema.nullable(),
  kmsPort: PortSchema.nullable(),
  kmsLookupDomain: HostNameTextSchema.nullable(),
  kmsHostCaching: z.boolean().nullable(),
  isKmsHost: z.boolean(),
  kmsCurrentCount: z.number().int().nonnegative().nullable(),
  requiredClientCount: z.number().int().nonnegative().nullable(),
  kmsListeningPort: PortSchema.nullable(),
  kmsDnsPublishing: z.boolean().nullable(),
  kmsLowPriority: z.boolean().nullable(),
  kmsTotalRequests: z.number().int().nonnegative().nullable(),
  kmsFailedRequests: z.number().int().nonnegative().nullable(),
  remainingWindowsRearmCount: z.number().int().nonnegative().nullable(),
  /** Description of the key in the firmware (OA3), e.g. "[4.0] Professional OEM". */
  oa3OriginalProductKeyDescription: z.string().max(200).nullable(),
});
export type LicensingService = z.infer<typeof LicensingServiceSchema>;

export const LicensingFactsSchema = z.object({
  /** Windows products (ApplicationID 55c92734-...) with a partial product key; add-ons included. */
  products: z.array(WindowsProductSchema).max(64),
  service: LicensingServiceSchema,
});
export type LicensingFacts = z.infer<typeof LicensingFactsSchema>;

/**
 * Office volume activation (probe windows.office): the Office licences in the Software Licensing
 * Service (ApplicationID 0ff1ce15-a989-479d-af46-f275c6370663) and what Click-to-Run says.
 */
export const OfficeProductSchema = WindowsProductSchema;
export type OfficeProduct = z.infer<typeof OfficeProductSchema>;

/** An installed Office licence without a key (its family only): what a key could be installed for. */
export const OfficeLicenceSchema = z.object({
  activationId: GuidSchema,
  /** SoftwareLicensingProduct.LicenseFamily, e.g. "Office19ProPlus2019VL_KMS_Client_AE". */
  licenseFamily: z.string().max(80),
});
export type OfficeLicence = z.infer<typeof OfficeLicenceSchema>;

/** An Office KMS host licence (Microsoft's Office host activation IDs) found on this computer. */
export const OfficeKmsHostLicenceSchema = z.object({
  activationId: GuidSchema,
  partialProductKey: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
  licenseStatus: LicenseStatusSchema,
  licenseStatusReason: HresultSchema.nullable(),
  kmsCurrentCount: z.number().int().nonnegative().nullable(),
});
export type OfficeKmsHostLicence = z.infer<typeof OfficeKmsHostLicenceSchema>;

export const ClickToRunSchema = z.object({
  /** HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration exists. */
  installed: z.boolean(),
  /** ProductReleaseIds: O365ProPlusRetail, ProPlus2021Volume ... (value name not documented by Microsoft). */
  productReleaseIds: z.array(z.string().max(80)).max(32),
  /** VersionToReport, e.g. 16.0.17928.20156. */
  version: z.string().max(40).nullable(),
  /** SharedComputerLicensing = 1 (shared computer activation). */
  sharedComputerLicensing: z.boolean().nullable(),
  /** HKCU ...\Office\16.0\Common\Licensing\LicensingNext has a value of 2, for the user who ran the check. */
  licensingNext: z.boolean().nullable(),
});
export type ClickToRun = z.infer<typeof ClickToRunSchema>;

export const OfficeFactsSchema = z.object({
  /** Office licences with a partial product key (the installed Office products). */
  products: z.array(OfficeProductSchema).max(32),
  /** Volume (KMS client) licences installed for Office, with or without a key. */
  kmsClientLicences: z.array(OfficeLicenceSchema).max(64),
  /** Office KMS host licences present (installed by an Office volume licence pack). */
  kmsHostLicences: z.array(OfficeKmsHostLicenceSchema).max(8),
  clickToRun: ClickToRunSchema,
  /** Office 2010/2013 on Windows 7 keep their KMS host here (HKLM\...\OfficeSoftwareProtectionPlatform); null when the key is absent. */
  ospp: z.object({ kmsMachine: HostNameTextSchema.nullable(), kmsPort: PortSchema.nullable() }).nullable(),
});
export type OfficeFacts = z.infer<typeof OfficeFactsSchema>;

export const NetworkConfigSchema = z.object({
  partOfDomain: z.boolean(),
  /** AD domain when joined, else the workgroup name. */
  domain: z.string().max(255).nullable(),
  workgroup: z.string().max(255).nullable(),
  primaryDnsSuffix: z.string().max(255).nullable(),
  dnsSuffixSearchList: z.array(z.string().max(255)).max(64),
  /** DNS servers configured on the active adapters, in order, without duplicates. */
  dnsServers: z.array(z.string().max(64)).max(64),
  /** Connection-specific suffixes (DHCP option 15), in order, without duplicates. */
  connectionDnsSuffixes: z.array(z.string().max(255)).max(64),
  /** The proxy WinHTTP uses (netsh winhttp show proxy equivalent), null when direct. */
  winHttpProxy: z.string().max(500).nullable(),
});
export type NetworkConfig = z.infer<typeof NetworkConfigSchema>;

export const ServiceStatusSchema = z.enum(['running', 'stopped', 'start-pending', 'stop-pending', 'continue-pending', 'pause-pending', 'paused', 'unknown']);
export const ServiceStartTypeSchema = z.enum(['boot', 'system', 'automatic', 'automatic-delayed', 'manual', 'disabled', 'unknown']);

export const ServiceStateSchema = z.object({
  name: z.string().max(64),
  exists: z.boolean(),
  status: ServiceStatusSchema,
  startType: ServiceStartTypeSchema,
});
export type ServiceState = z.infer<typeof ServiceStateSchema>;

export const ServicesFactsSchema = z.object({
  sppsvc: ServiceStateSchema,
  w32time: ServiceStateSchema,
  /** HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters: Type (NT5DS, NTP, NoSync, AllSync) and NtpServer. */
  w32timeType: z.string().max(40).nullable(),
  w32timeNtpServer: z.string().max(1000).nullable(),
  /** NtpClient provider Enabled value (1/0), null when absent. */
  ntpClientEnabled: z.boolean().nullable(),
});
export type ServicesFacts = z.infer<typeof ServicesFactsSchema>;

/** 12288: the client sent an activation request (Application log). */
export const Event12288Schema = z.object({
  timeCreated: IsoTimeSchema,
  info: z.string().max(2000),
  hresult: HresultSchema.nullable(),
  statusFlags: z.number().int().nonnegative().nullable(),
  kmsHost: z.string().max(255).nullable(),
  kmsPort: PortSchema.nullable(),
  cmid: GuidSchema.nullable(),
  clientTime: z.string().max(40).nullable(),
  licenseStatus: z.number().int().nonnegative().nullable(),
  minutesToExpiration: z.number().int().nonnegative().nullable(),
  activationId: GuidSchema.nullable(),
  requiredCount: z.number().int().nonnegative().nullable(),
});
/** 12289: the client processed the host's answer. */
export const Event12289Schema = z.object({
  timeCreated: IsoTimeSchema,
  info: z.string().max(2000),
  hresult: HresultSchema.nullable(),
  statusFlags: z.number().int().nonnegative().nullable(),
  activated: z.boolean().nullable(),
  currentCount: z.number().int().nonnegative().nullable(),
  activationIntervalMinutes: z.number().int().nonnegative().nullable(),
  renewalIntervalMinutes: z.number().int().nonnegative().nullable(),
  clientTime: z.string().max(40).nullable(),
});
/** 12290: the KMS host processed a request ("Key Management Service" log, on the host). */
export const Event12290Schema = z.object({
  timeCreated: IsoTimeSchema,
  info: z.string().max(2000),
  hresult: HresultSchema.nullable(),
  requiredCount: z.number().int().nonnegative().nullable(),
  clientName: z.string().max(255).nullable(),
  cmid: GuidSchema.nullable(),
  clientTime: z.string().max(40).nullable(),
  licenseStatus: z.number().int().nonnegative().nullable(),
  minutesToExpiration: z.number().int().nonnegative().nullable(),
  activationId: GuidSchema.nullable(),
});
/** 8198: License Activation (slui.exe) failed; carries `hr=0x...`. */
export const Event8198Schema = z.object({
  timeCreated: IsoTimeSchema,
  hresult: HresultSchema.nullable(),
  detail: z.string().max(2000),
});

export const EventFactsSchema = z.object({
  /** Newest first, at most 10 of each. */
  e12288: z.array(Event12288Schema).max(10),
  e12289: z.array(Event12289Schema).max(10),
  e8198: z.array(Event8198Schema).max(10),
  e12290: z.array(Event12290Schema).max(10),
});
export type EventFacts = z.infer<typeof EventFactsSchema>;
export type Event12288 = z.infer<typeof Event12288Schema>;
export type Event12289 = z.infer<typeof Event12289Schema>;
export type Event12290 = z.infer<typeof Event12290Schema>;
export type Event8198 = z.infer<typeof Event8198Schema>;

export const ElevationSchema = z.object({ elevated: z.boolean() });

/** Windows' built-in KMS rules (group "@FirewallAPI.dll,-28002"), both disabled by default. */
export const KMS_FIREWALL_RULES = ['SPPSVC-In-TCP', 'SPPSVC-In-TCP-NoScope'] as const;

/** One of them as the firewall enforces it (the active store: Group Policy rules included). */
export const KmsFirewallRuleSchema = z.object({
  name: z.enum(KMS_FIREWALL_RULES),
  enabled: z.boolean(),
  /** Domain, Private, Public, or Any. */
  profiles: z.array(z.string().max(20)).max(4),
  /** The remote address filter: Any, LocalSubnet, or addresses and ranges. */
  remoteAddresses: z.array(z.string().max(100)).max(32),
  /** PolicyStoreSourceType: Local, GroupPolicy, ... (null when not read). */
  policySource: z.string().max(40).nullable(),
});
export type KmsFirewallRule = z.infer<typeof KmsFirewallRuleSchema>;

export const FirewallRuleSchema = z.object({
  /** The summary of both KMS rules (the name is the built-in rule's, kept for older snapshots). */
  name: z.literal('SPPSVC-In-TCP'),
  /** Either rule exists. */
  exists: z.boolean(),
  /** Either rule is enabled. */
  enabled: z.boolean(),
  /** Profiles the enabled rules apply to (with none enabled: those the rules would cover): Domain, Private, Public, or Any. */
  profiles: z.array(z.string().max(20)).max(4),
  /** Profiles currently active on this machine's connections. */
  activeProfiles: z.array(z.string().max(20)).max(4),
  /** Each rule found, with its profiles and remote addresses (absent in snapshots before the two-rule probe). */
  rules: z.array(KmsFirewallRuleSchema).max(8).optional(),
});
export type FirewallRule = z.infer<typeof FirewallRuleSchema>;

/**
 * One Windows 10 ESU add-on licence (SoftwareLicensingProduct, matched on the activation IDs of
 * shared/knowledge/esu.ts), present whether or not a key is installed for it.
 */
export const EsuLicenceSchema = z.object({
  year: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  activationId: GuidSchema,
  /** SoftwareLicensingProduct.Name as Windows reports it (not published by Microsoft; shown only). */
  name: ShortText,
  applicationId: GuidSchema.nullable(),
  /** Last five characters of the ESU key; null when no ESU key is installed for this year. */
  partialProductKey: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
  productKeyChannel: z.string().max(80).nullable(),
  licenseStatus: LicenseStatusSchema,
  licenseStatusReason: HresultSchema.nullable(),
  gracePeriodRemainingMinutes: z.number().int().nonnegative().nullable(),
  /** LicenseIsAddon as read; null when Windows left it empty. */
  isAddon: z.boolean().nullable(),
});
export type EsuLicence = z.infer<typeof EsuLicenceSchema>;

/** The Windows 10 ESU licences found in SoftwareLicensingProduct (none outside Windows 10 22H2 with KB5046613 or later). */
export const EsuFactsSchema = z.object({
  licences: z.array(EsuLicenceSchema).max(3),
});
export type EsuFacts = z.infer<typeof EsuFactsSchema>;

/** A "Microsoft Azure" issuing-CA certificate in LocalMachine\CA or LocalMachine\Root (azure-certificates.ps1). */
export const AzureCertificateSchema = z.object({
  store: z.enum(['CA', 'Root']),
  subject: z.string().max(1000),
  /** The subject's common name ("Microsoft Azure RSA TLS Issuing CA 04"). */
  commonName: z.string().max(200).nullable(),
  issuer: z.string().max(1000),
  thumbprint: z.string().regex(/^[0-9A-F]{40}$/).nullable(),
  notBefore: IsoTimeSchema.nullable(),
  notAfter: IsoTimeSchema.nullable(),
});
export type AzureCertificate = z.infer<typeof AzureCertificateSchema>;

export const AzureCertificatesFactsSchema = z.object({
  certificates: z.array(AzureCertificateSchema).max(64),
});
export type AzureCertificatesFacts = z.infer<typeof AzureCertificatesFactsSchema>;
/** One Active Directory-based activation object (class msSPP-ActivationObject) in the forest. */
export const ActivationObjectSchema = z.object({
  /** displayName (free text, up to 40 characters when slmgr created it). */
  name: z.string().max(255).nullable(),
  dn: z.string().max(1000),
  /** msSPP-CSVLKSkuId: the activation (SKU) ID of the KMS host key (CSVLK) the object was made from. */
  csvlkSkuId: GuidSchema.nullable(),
  /** msSPP-CSVLKPartialProductKey: the last five characters of that key. */
  partialProductKey: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
  /** msSPP-CSVLKPid: the extended product ID of that key (not a key). */
  csvlkPid: z.string().max(512).nullable(),
});
export type ActivationObject = z.infer<typeof ActivationObjectSchema>;

/**
 * Active Directory-based activation as the forest holds it, read over LDAP (read-only) on a domain
 * member: the activation objects under CN=Activation Objects,CN=Microsoft SPP,CN=Services in the
 * configuration partition. `container: 'absent'` is slmgr's "not supported in the current Active
 * Directory schema" (0x80072030 binding it, reported as 0xC004F083).
 */
export const AdbaFactsSchema = z.object({
  /** The computer's own domain (not the signed-in user's), which the forest is read through. */
  domain: z.string().max(255),
  configurationNamingContext: z.string().max(1000).nullable(),
  container: z.enum(['present', 'absent']),
  objects: z.array(ActivationObjectSchema).max(100),
});
export type AdbaFacts = z.infer<typeof AdbaFactsSchema>;

/**
 * Windows subscription activation (Pro -> Enterprise E3/E5, Pro Education -> Education), from
 * SoftwareLicensingService: Microsoft's Get-SubscriptionLicenseInfo reads the subscription type,
 * status, expiry and edition from that instance but names only SubscriptionType, so the probe
 * prints every Subscription* property with its name and the values below are taken from the
 * names the cmdlet's output uses. The edition step-up itself (EditionID Enterprise while the
 * licence is Professional) is read from the os and licensing facts.
 */
export const SubscriptionFactsSchema = z.object({
  /** The Subscription* property names the service has (none before subscription activation existed). */
  properties: z.array(z.string().max(80)).max(32),
  /** SubscriptionType: 0 user-based subscription, 120 not installed, 9999 invalid. */
  typeValue: z.number().int().nonnegative().nullable(),
  /** SubscriptionStatus (name as the cmdlet's output; not documented on the class): 0 not active, 1 active, 100 disabled, 110 expired, 120 not installed. */
  statusValue: z.number().int().nonnegative().nullable(),
  /** SubscriptionExpiry as the licensing service gives it (its unit is not documented). */
  expiry: z.string().max(100).nullable(),
  /** SubscriptionEdition: the edition the subscription is for. */
  edition: z.string().max(100).nullable(),
  /**
   * HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate DoNotConnectToWindowsUpdateInternetLocations
   * is 1: a subscription-activated device can lose its activation (null when the value is not set).
   */
  windowsUpdateBlocked: z.boolean().nullable(),
});
export type SubscriptionFacts = z.infer<typeof SubscriptionFactsSchema>;

export const WindowsFactsSchema = z.object({
  os: factSchema(OsFactsSchema),
  licensing: factSchema(LicensingFactsSchema),
  networkConfig: factSchema(NetworkConfigSchema),
  services: factSchema(ServicesFactsSchema),
  events: factSchema(EventFactsSchema),
  elevation: factSchema(ElevationSchema),
  /** Only read on a KMS host; `not-applicable` elsewhere. */
  firewall: factSchema(FirewallRuleSchema),
  /** The Windows 10 ESU add-on licences (an empty list where Windows has none). */
  esu: factSchema(EsuFactsSchema),
  /** The "Microsoft Azure" issuing CAs of LocalMachine\CA and LocalMachine\Root (Azure Edition's attestation). */
  azureCertificates: factSchema(AzureCertificatesFactsSchema),
  /** Office volume activation: Office licences in SPP, Click-to-Run, Office KMS host licences. */
  office: factSchema(OfficeFactsSchema),
  subscription: factSchema(SubscriptionFactsSchema),
  /** Only read on a domain member; `not-applicable` elsewhere. Last: an LDAP read may be slow. */
  adba: factSchema(AdbaFactsSchema),
});
export type WindowsFacts = z.infer<typeof WindowsFactsSchema>;
/** A Windows fact's key: its field under `windows` here and under `raw` in a collector file; its probe is `windows.<key>`. */
export type WindowsFactKey = keyof WindowsFacts;
/** The Windows facts in snapshot order (the checklist's order). */
export const WINDOWS_FACT_KEYS = Object.keys(WindowsFactsSchema.shape) as [WindowsFactKey, ...WindowsFactKey[]];

/** What the live checklist, progress lines and text output call each Windows fact while it is read. */
export const WINDOWS_FACT_TITLES: Record<WindowsFactKey, string> = {
  os: 'Windows edition and version',
  licensing: 'Licence state (SoftwareLicensingProduct)',
  networkConfig: 'Domain and DNS settings',
  services: 'Software Protection and Windows Time services',
  events: 'Activation events (12288, 12289, 8198, 12290)',
  elevation: 'Administrator rights',
  firewall: 'KMS firewall rule (SPPSVC-In-TCP)',
  esu: 'Windows 10 ESU licences (years 1-3)',
  azureCertificates: 'Azure certificates (attestation chain)',
  office: 'Office licence state (Office in SoftwareLicensingProduct, Click-to-Run)',
  subscription: 'Subscription activation (Enterprise E3/E5, Education)',
  adba: 'Active Directory-based activation objects (LDAP)',
};

/** A Windows fact the program or script that wrote a file did not read (it predates the probe). */
export const notCollectedFact = (key: WindowsFactKey): Fact<never> =>
  unavailableFact('not-collected', `${WINDOWS_FACT_TITLES[key]}: not read; this file was written by an older version of Activation Doctor. Check the computer again with this version to read it.`);

/**
 * The Windows facts of an untrusted document with every fact a newer version reads present: a
 * missing key becomes notCollectedFact. Anything else is left for the schema to judge.
 */
export function withEveryWindowsFact(windows: unknown): unknown {
  if (typeof windows !== 'object' || windows === null || Array.isArray(windows)) return windows;
  const filled: Record<string, unknown> = { ...(windows as Record<string, unknown>) };
  for (const key of WINDOWS_FACT_KEYS) if (!Object.hasOwn(filled, key)) filled[key] = notCollectedFact(key);
  return filled;
}

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

/** The certificate that signed an attested document (PKCS#7), as Node reads it. */
export const AttestationSignerSchema = z.object({
  /** Distinguished names as Windows writes them ("CN=metadata.azure.com, O=Microsoft Corporation, L=Redmond, ST=WA, C=US"). */
  subject: z.string().max(1000),
  issuer: z.string().max(1000),
  /** The issuer's common name, when it has one: the intermediate the chain needs ("Microsoft Azure RSA TLS Issuing CA 04"). */
  issuerCommonName: z.string().max(200).nullable(),
  notAfter: IsoTimeSchema.nullable(),
});
export type AttestationSigner = z.infer<typeof AttestationSignerSchema>;

/**
 * The attested document an Azure Edition VM's activation depends on (beyond-kms-facts §6.3):
 * `GET /metadata/attested/document` from IMDS on Azure, or from the legacy Azure Local endpoint
 * (169.254.169.253) where IMDS did not answer.
 */
export const AzureAttestationSchema = z.object({
  endpoint: z.enum(['imds', 'azure-local-legacy']),
  /** signed: a PKCS#7 document with its signer certificate; unreachable: no HTTP answer; http-error: an HTTP error status; unreadable: an answer that is not an attested document. */
  outcome: z.enum(['signed', 'unreachable', 'http-error', 'unreadable']),
  httpStatus: z.number().int().min(100).max(599).nullable(),
  /** Why it failed, in a technician's words (the Node error code stays in the text). */
  detail: z.string().max(300).nullable(),
  signer: AttestationSignerSchema.nullable(),
});
export type AzureAttestation = z.infer<typeof AzureAttestationSchema>;

export const AzureFactsSchema = z.object({
  /** True when the Instance Metadata Service answered as Azure's does. */
  isAzure: z.boolean(),
  azEnvironment: z.string().max(80).nullable(),
  vmId: z.string().max(80).nullable(),
  location: z.string().max(80).nullable(),
  offer: z.string().max(120).nullable(),
  publisher: z.string().max(120).nullable(),
  sku: z.string().max(120).nullable(),
  licenseType: z.string().max(80).nullable(),
  vmSize: z.string().max(80).nullable(),
  /** The attested-document check (absent in snapshots taken before it existed, and where it was not asked). */
  attestation: AzureAttestationSchema.nullable().optional(),
});
export type AzureFacts = z.infer<typeof AzureFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Network facts (measured from the machine that took the snapshot)
// ---------------------------------------------------------------------------------------------

/** Why a domain was searched for `_vlmcs._tcp` records. */
export const SrvDomainSourceSchema = z.enum(['option', 'lookup-domain', 'primary-suffix', 'ad-domain', 'connection-suffix', 'search-list']);

export const SrvRecordSchema = z.object({
  target: HostNameTextSchema,
  port: z.number().int().min(0).max(65535),
  priority: z.number().int().min(0).max(65535),
  weight: z.number().int().min(0).max(65535),
  /** A/AAAA addresses of the target; empty when it does not resolve. */
  addresses: z.array(z.string().max(64)).max(32),
  /** Why the target did not resolve (ENOTFOUND, ETIMEOUT, ...), null when it did. */
  resolveError: z.string().max(200).nullable(),
});
export type SrvRecord = z.infer<typeof SrvRecordSchema>;

export const SrvLookupSchema = z.object({
  domain: HostNameTextSchema,
  name: z.string().max(300), // "_vlmcs._tcp.corp.example"
  sources: z.array(SrvDomainSourceSchema).min(1),
  result: z.enum(['found', 'not-found', 'timed-out', 'error']),
  records: z.array(SrvRecordSchema).max(64),
  /** The DNS server asked (null = the system resolver). */
  dnsServer: z.string().max(80).nullable(),
  error: z.string().max(300).nullable(),
  durationMs: DurationSchema,
});
export type SrvLookup = z.infer<typeof SrvLookupSchema>;

/** Where a candidate KMS host came from. A host may have several sources. */
export const KmsHostSourceSchema = z.enum(['option', 'configured', 'discovered', 'srv', 'event', 'azure']);
export type KmsHostSource = z.infer<typeof KmsHostSourceSchema>;

/** `not-contacted`: a host outside the organisation, or one whose owner its name cannot tell, recorded but never contacted (legitimate licensing only). */
export const TcpResultSchema = z.enum(['open', 'refused', 'timed-out', 'unresolvable', 'unreachable', 'error', 'not-contacted']);
export type TcpResult = z.infer<typeof TcpResultSchema>;

export const KmsHostCheckSchema = z.object({
  host: HostNameTextSchema,
  port: PortSchema,
  sources: z.array(KmsHostSourceSchema).min(1),
  addresses: z.array(z.string().max(64)).max(32),
  /** The address the connection was made to (first that answered, else the last tried). */
  address: z.string().max(64).nullable(),
  tcp: TcpResultSchema,
  latencyMs: DurationSchema.nullable(),
  error: z.string().max(300).nullable(),
  durationMs: DurationSchema,
});
export type KmsHostCheck = z.infer<typeof KmsHostCheckSchema>;

export const TimeCheckSchema = z.object({
  host: HostNameTextSchema,
  address: z.string().max(64).nullable(),
  port: PortSchema,
  result: z.enum(['ok', 'no-answer', 'unresolvable', 'error']),
  /** Host clock minus local clock, in milliseconds (positive: the host is ahead). */
  offsetMs: z.number().finite().nullable(),
  roundTripMs: DurationSchema.nullable(),
  stratum: z.number().int().min(0).max(16).nullable(),
  error: z.string().max(300).nullable(),
  durationMs: DurationSchema,
});
export type TimeCheck = z.infer<typeof TimeCheckSchema>;

export const EndpointCheckSchema = z.object({
  host: HostNameTextSchema,
  port: PortSchema,
  result: z.enum(['reachable', 'refused', 'timed-out', 'unresolvable', 'unreachable', 'tls-error', 'proxy-error', 'error']),
  /** The proxy used for the attempt, null when direct. */
  proxy: z.string().max(300).nullable(),
  latencyMs: DurationSchema.nullable(),
  error: z.string().max(300).nullable(),
  durationMs: DurationSchema,
});
export type EndpointCheck = z.infer<typeof EndpointCheckSchema>;

export const NetworkFactsSchema = z.object({
  srv: factSchema(z.array(SrvLookupSchema).max(32)),
  kmsHosts: factSchema(z.array(KmsHostCheckSchema).max(64)),
  time: factSchema(z.array(TimeCheckSchema).max(64)),
  activationEndpoints: factSchema(z.array(EndpointCheckSchema).max(32)),
});
export type NetworkFacts = z.infer<typeof NetworkFactsSchema>;

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

export const SnapshotOptionsSchema = z.object({
  /** --kms host[:port] given by the technician. */
  kms: z.string().max(300).nullable(),
  /** --domain: extra DNS domain to search for _vlmcs._tcp records. */
  domain: z.string().max(255).nullable(),
  /** --dns-server ip[:port]; null = system resolver. */
  dnsServer: z.string().max(80).nullable(),
  ntpPort: PortSchema,
  timeoutMs: z.number().int().min(100).max(120_000),
});
export type SnapshotOptions = z.infer<typeof SnapshotOptionsSchema>;

export const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  takenAt: IsoTimeSchema,
  /** The local clock at the time of the snapshot, in UTC (for clock-offset evidence). */
  collector: z.object({
    kind: z.enum(['app', 'cli', 'collector-script']),
    version: z.string().max(40),
    platform: z.string().max(40),
    hostname: z.string().max(255).nullable(),
  }),
  options: SnapshotOptionsSchema,
  windows: WindowsFactsSchema,
  azure: factSchema(AzureFactsSchema),
  network: NetworkFactsSchema,
  durationMs: DurationSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** The largest snapshot file we will read (a real one is a few tens of kilobytes). */
export const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024;

export type SnapshotParseResult = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

/** Parses untrusted JSON text into a snapshot, naming the first problem in plain words. */
export function parseSnapshotJson(text: string): SnapshotParseResult {
  if (text.length > MAX_SNAPSHOT_BYTES) return { ok: false, message: `the file is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB; a snapshot is a few kilobytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, message: `the file is not JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, message: 'the file does not contain a snapshot object' };
  const format = (raw as { format?: unknown }).format;
  if (format !== SNAPSHOT_FORMAT) return { ok: false, message: `this is not an Activation Doctor snapshot (format is ${JSON.stringify(format)?.slice(0, 60) ?? 'missing'})` };
  const version = (raw as { version?: unknown }).version;
  if (!(SNAPSHOT_VERSIONS_READ as readonly unknown[]).includes(version)) {
    return { ok: false, message: `snapshot version ${JSON.stringify(version)?.slice(0, 20)} is not supported (this build reads versions ${SNAPSHOT_VERSIONS_READ.join(' and ')})` };
  }
  // An older version's snapshot is this version's with the facts it did not read marked so.
  const current = { ...(raw as Record<string, unknown>), version: SNAPSHOT_VERSION, windows: withEveryWindowsFact((raw as { windows?: unknown }).windows) };
  const parsed = SnapshotSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the document';
    return { ok: false, message: `the snapshot is malformed at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, snapshot: parsed.data };
}
