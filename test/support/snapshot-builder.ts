/**
 * Builds realistic snapshots for diagnosis tests. The baseline is a healthy, KMS-activated
 * Windows Server 2019 Standard domain member; each scenario changes only what it is about.
 * Values follow the shapes of real captures (shared/reference/windows-output-samples.md).
 */
import { SNAPSHOT_VERSION } from '../../shared/snapshot';
import { ESU_LICENCES } from '../../shared/knowledge/esu';
import type {
  ActivationObject,
  AdbaFacts,
  AzureAttestation,
  AzureCertificate,
  AzureCertificatesFacts,
  AzureFacts,
  EsuFacts,
  EventFacts,
  Fact,
  KmsHostCheck,
  LicensingService,
  NetworkConfig,
  OfficeFacts,
  OfficeProduct,
  OsFacts,
  ServicesFacts,
  Snapshot,
  SrvLookup,
  SubscriptionFacts,
  TimeCheck,
  UnavailableReason,
  WindowsProduct,
} from '../../shared/snapshot';

export const TAKEN_AT = '2026-11-20T09:30:00.000Z';
const ok = <T>(value: T, durationMs = 120): Fact<T> => ({ status: 'ok', value, durationMs });
export const unavailable = <T>(reason: UnavailableReason, detail = `could not be read (${reason})`): Fact<T> => ({ status: 'unavailable', reason, detail, durationMs: 0 });

export function baseOs(): OsFacts {
  return {
    caption: 'Microsoft Windows Server 2019 Standard',
    version: '10.0.17763',
    build: 17763,
    ubr: 6893,
    editionId: 'ServerStandard',
    installationType: 'Server',
    productType: 3,
    language: 'en-US',
    lcid: 1033,
    isEvaluation: false,
    computerName: 'APP01',
    architecture: '64-bit',
  };
}

export function baseProduct(): WindowsProduct {
  return {
    activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2',
    name: 'Windows(R), ServerStandard edition',
    description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    licenseFamily: 'ServerStandard',
    productKeyChannel: 'Volume:GVLK',
    partialProductKey: 'J464C',
    licenseStatus: 1,
    licenseStatusReason: 0x4004f401,
    gracePeriodRemainingMinutes: 253_564,
    evaluationEndDate: null,
    isAddon: false,
    kmsMachine: null,
    kmsPort: null,
    kmsLookupDomain: null,
    discoveredKmsMachineName: 'kms1.corp.example',
    discoveredKmsPort: 1688,
    discoveredKmsIpAddress: '10.20.0.5',
    kmsHostProductKeyId: '06401-00206-556-123456-03-1033-20348.0000-0812023',
    vlActivationType: 2,
    vlActivationTypeEnabled: 0,
    vlActivationIntervalMinutes: 120,
    vlRenewalIntervalMinutes: 10_080,
    isKmsHost: false,
    kmsCurrentCount: null,
    requiredClientCount: null,
    avmaHostMachineName: null,
    avmaLastActivationTime: null,
  };
}

export function baseService(): LicensingService {
  return {
    version: '10.0.17763.1',
    clientMachineId: 'f9d4e20a-cb8f-4050-9c0c-56420455ada1',
    kmsMachine: null,
    kmsPort: null,
    kmsLookupDomain: null,
    kmsHostCaching: true,
    isKmsHost: false,
    kmsCurrentCount: null,
    requiredClientCount: null,
    kmsListeningPort: 1688,
    kmsDnsPublishing: true,
    kmsLowPriority: false,
    kmsTotalRequests: null,
    kmsFailedRequests: null,
    remainingWindowsRearmCount: 1000,
    oa3OriginalProductKeyDescription: null,
  };
}

export function baseNetworkConfig(): NetworkConfig {
  return {
    partOfDomain: true,
    domain: 'corp.example',
    workgroup: null,
    primaryDnsSuffix: 'corp.example',
    dnsSuffixSearchList: ['corp.example'],
    dnsServers: ['10.20.0.10'],
    connectionDnsSuffixes: [],
    winHttpProxy: null,
  };
}

/** The forest of corp.example: schema ready for AD-based activation, no activation objects (KMS does the work). */
export function baseAdba(): AdbaFacts {
  return { domain: 'corp.example', configurationNamingContext: 'CN=Configuration,DC=corp,DC=example', container: 'present', objects: [] };
}

/** An activation object in the corp.example forest (the Windows CSVLK SKU ID is synthetic; Office's are Microsoft's). */
export function activationObject(name: string, csvlkSkuId: string, partialProductKey: string): ActivationObject {
  return { name, dn: `CN=${csvlkSkuId},CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=corp,DC=example`, csvlkSkuId, partialProductKey, csvlkPid: '06401-00206-561-000812-03-1033-20348.0000-1332022' };
}
export const WINDOWS_CSVLK_SKU = '0a6c0d2e-5f3b-4e27-9d41-8b7c2f1e6a93';
export const OFFICE_2021_CSVLK_SKU = '47f3b983-7c53-4d45-abc6-bcd91e2dd90a';

/** Windows Server 2019: no Subscription* properties on SoftwareLicensingService, no Windows Update policy set. */
export function noSubscription(): SubscriptionFacts {
  return { properties: [], typeValue: null, statusValue: null, expiry: null, edition: null, windowsUpdateBlocked: null };
}

export function baseServices(): ServicesFacts {
  return {
    sppsvc: { name: 'sppsvc', exists: true, status: 'stopped', startType: 'automatic-delayed' },
    w32time: { name: 'W32Time', exists: true, status: 'running', startType: 'automatic' },
    w32timeType: 'NT5DS',
    w32timeNtpServer: 'time.windows.com,0x9',
    ntpClientEnabled: true,
  };
}

export function emptyEvents(): EventFacts {
  return { e12288: [], e12289: [], e8198: [], e12290: [] };
}

export function srvFound(domain: string, records: Array<{ target: string; addresses: string[]; port?: number }>): SrvLookup {
  return {
    domain,
    name: `_vlmcs._tcp.${domain}`,
    sources: ['primary-suffix', 'ad-domain'],
    result: 'found',
    records: records.map((r) => ({ target: r.target, port: r.port ?? 1688, priority: 0, weight: 0, addresses: r.addresses, resolveError: r.addresses.length === 0 ? 'ENOTFOUND' : null })),
    dnsServer: null,
    error: null,
    durationMs: 12,
  };
}

export function srvMissing(domain: string): SrvLookup {
  return { domain, name: `_vlmcs._tcp.${domain}`, sources: ['primary-suffix'], result: 'not-found', records: [], dnsServer: null, error: 'ENOTFOUND', durationMs: 9 };
}

export function hostCheck(host: string, tcp: KmsHostCheck['tcp'], sources: KmsHostCheck['sources'] = ['discovered', 'srv'], port = 1688): KmsHostCheck {
  const addresses = tcp === 'unresolvable' ? [] : ['10.20.0.5'];
  return {
    host,
    port,
    sources,
    addresses,
    address: addresses[0] ?? null,
    tcp,
    latencyMs: tcp === 'open' ? 1.4 : null,
    error: tcp === 'open' ? null : tcp === 'timed-out' ? 'no answer within 3000 ms' : tcp === 'refused' ? 'ECONNREFUSED' : tcp === 'unresolvable' ? 'ENOTFOUND' : 'EHOSTUNREACH',
    durationMs: tcp === 'timed-out' ? 3000 : 3,
  };
}

export function timeCheck(host: string, offsetMs: number | null): TimeCheck {
  return {
    host,
    address: '10.20.0.5',
    port: 123,
    result: offsetMs === null ? 'no-answer' : 'ok',
    offsetMs,
    roundTripMs: offsetMs === null ? null : 0.8,
    stratum: offsetMs === null ? null : 3,
    error: offsetMs === null ? 'no answer within 3000 ms' : null,
    durationMs: offsetMs === null ? 3000 : 2,
  };
}

export function azure(isAzure: boolean, azEnvironment = 'AzurePublicCloud'): AzureFacts {
  return isAzure
    ? { isAzure: true, azEnvironment, vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6', location: 'westeurope', offer: 'WindowsServer', publisher: 'MicrosoftWindowsServer', sku: '2019-Datacenter', licenseType: null, vmSize: 'Standard_D2s_v3' }
    : { isAzure: false, azEnvironment: null, vmId: null, location: null, offer: null, publisher: null, sku: null, licenseType: null, vmSize: null };
}

/** No Office on this computer (the baseline: a server without Office). */
export function noOffice(): OfficeFacts {
  return {
    products: [],
    kmsClientLicences: [],
    kmsHostLicences: [],
    clickToRun: { installed: false, productReleaseIds: [], version: null, sharedComputerLicensing: null, licensingNext: null },
    ospp: null,
  };
}

/** Office LTSC Professional Plus 2021 with its GVLK, activated by kms1.corp.example (as the Windows baseline). */
export function officeProduct(): OfficeProduct {
  return {
    ...baseProduct(),
    activationId: '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67',
    name: 'Office 21, Office21ProPlus2021VL_KMS_Client_AE edition',
    description: 'Office 21, VOLUME_KMSCLIENT channel',
    licenseFamily: 'Office21ProPlus2021VL_KMS_Client_AE',
    partialProductKey: '6F7TH',
    gracePeriodRemainingMinutes: 251_000,
  };
}

/** Click-to-Run Office LTSC 2021 (volume), KMS-activated. */
export function officeKmsClient(): OfficeFacts {
  const p = officeProduct();
  return {
    ...noOffice(),
    products: [p],
    kmsClientLicences: [{ activationId: p.activationId, licenseFamily: p.licenseFamily! }],
    clickToRun: { installed: true, productReleaseIds: ['ProPlus2021Volume'], version: '16.0.14332.20828', sharedComputerLicensing: null, licensingNext: null },
  };
}

/** The healthy baseline. */
export function healthySnapshot(): Snapshot {
  return {
    format: 'activation-doctor/snapshot',
    version: SNAPSHOT_VERSION,
    takenAt: TAKEN_AT,
    collector: { kind: 'app', version: '0.1.0', platform: 'win32', hostname: 'APP01' },
    options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
    windows: {
      os: ok(baseOs()),
      licensing: ok({ products: [baseProduct()], service: baseService() }, 640),
      networkConfig: ok(baseNetworkConfig()),
      services: ok(baseServices()),
      events: ok(emptyEvents(), 300),
      elevation: ok({ elevated: true }, 20),
      firewall: ok({ name: 'SPPSVC-In-TCP', exists: true, enabled: false, profiles: ['Domain', 'Private'], activeProfiles: ['Domain'] }),
      esu: ok({ licences: [] }, 380),
      azureCertificates: ok({ certificates: [] }, 60),
      office: ok(noOffice(), 450),
      adba: ok(baseAdba(), 180),
      subscription: ok(noSubscription(), 60),
    },
    azure: ok(azure(false), 1000),
    network: {
      srv: ok([srvFound('corp.example', [{ target: 'kms1.corp.example', addresses: ['10.20.0.5'] }])], 15),
      kmsHosts: ok([hostCheck('kms1.corp.example', 'open')], 5),
      time: ok([timeCheck('kms1.corp.example', 1800)], 4),
      activationEndpoints: unavailable('not-applicable', 'not checked: run with --check-online'),
    },
    durationMs: 1400,
  };
}

/** A deep copy of the baseline changed by `edit`. */
export function scenario(edit: (s: Snapshot) => void): Snapshot {
  const s = healthySnapshot();
  edit(s);
  return s;
}

/** Mutable access to the primary product / service / facts in a scenario (they are `ok` in the baseline). */
export const product = (s: Snapshot): WindowsProduct => (s.windows.licensing as { value: { products: WindowsProduct[] } }).value.products[0]!;
export const service = (s: Snapshot): LicensingService => (s.windows.licensing as { value: { service: LicensingService } }).value.service;
export const osOf = (s: Snapshot): OsFacts => (s.windows.os as { value: OsFacts }).value;
export const servicesOf = (s: Snapshot): ServicesFacts => (s.windows.services as { value: ServicesFacts }).value;
export const netOf = (s: Snapshot): NetworkConfig => (s.windows.networkConfig as { value: NetworkConfig }).value;
export const eventsOf = (s: Snapshot): EventFacts => (s.windows.events as { value: EventFacts }).value;
export const officeOf = (s: Snapshot): OfficeFacts => (s.windows.office as { value: OfficeFacts }).value;
export const adbaOf = (s: Snapshot): AdbaFacts => (s.windows.adba as { value: AdbaFacts }).value;
export const subscriptionOf = (s: Snapshot): SubscriptionFacts => (s.windows.subscription as { value: SubscriptionFacts }).value;

/** Marks the product as not activated (initial grace) with a reason code. */
export function notActivated(s: Snapshot, reason = 0xc004f074, status = 2): void {
  const p = product(s);
  p.licenseStatus = status;
  p.licenseStatusReason = reason;
  p.gracePeriodRemainingMinutes = 40_000;
  p.kmsHostProductKeyId = null;
  p.vlActivationType = null;
}

/** A 12288 event (request sent) with the given HRESULT. */
export function event12288(hresult: number, host = 'kms1.corp.example', minutesAgo = 30) {
  const time = new Date(Date.parse(TAKEN_AT) - minutesAgo * 60_000).toISOString();
  return {
    timeCreated: time,
    info: `0x${hresult.toString(16).toUpperCase().padStart(8, '0')}, 0x00000000, ${host}:1688, f9d4e20a-cb8f-4050-9c0c-56420455ada1, 2026/11/20 09:00, 0, 2, 40000, de32eafd-aaee-4662-9444-c1befb41bde2, 5`,
    hresult,
    statusFlags: 0,
    kmsHost: host,
    kmsPort: 1688,
    cmid: 'f9d4e20a-cb8f-4050-9c0c-56420455ada1',
    clientTime: '2026/11/20 09:00',
    licenseStatus: 2,
    minutesToExpiration: 40_000,
    activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2',
    requiredCount: 5,
  };
}

export function event12289(hresult: number, count: number, minutesAgo = 29) {
  const time = new Date(Date.parse(TAKEN_AT) - minutesAgo * 60_000).toISOString();
  return {
    timeCreated: time,
    info: `0x${hresult.toString(16).toUpperCase().padStart(8, '0')}, 0x4000008, 0, 0, ${count}, 120, 10080, 2026/11/20 09:01`,
    hresult,
    statusFlags: 0x4000008,
    activated: false,
    currentCount: count,
    activationIntervalMinutes: 120,
    renewalIntervalMinutes: 10_080,
    clientTime: '2026/11/20 09:01',
  };
}

/**
 * The three ESU licences as Windows 10 22H2 with KB5046613 or later has them before a key is
 * installed: present, unlicensed, no key (shapes of test/fixtures/windows/win10-22h2-esu).
 */
export function esuLicences(): EsuFacts {
  return {
    licences: ESU_LICENCES.map((r) => ({
      year: r.year,
      activationId: r.activationId,
      name: `Windows(R), Client-ESU-Year${r.year} add-on for Education,EducationN,Enterprise,EnterpriseN,Professional,ProfessionalEducation,ProfessionalEducationN,ProfessionalN,ProfessionalWorkstation,ProfessionalWorkstationN,ServerRdsh,Core,CoreN,CoreCountrySpecific,CoreSingleLanguage,IoTEnterprise,PPIPro`,
      applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
      partialProductKey: null,
      productKeyChannel: null,
      licenseStatus: 0,
      licenseStatusReason: 0xc004f014,
      gracePeriodRemainingMinutes: 0,
      isAddon: true,
    })),
  };
}

/** IMDS's attested document signed under Microsoft Azure RSA TLS Issuing CA 04 (test/fixtures/azure). */
export function signedAttestation(issuerCommonName = 'Microsoft Azure RSA TLS Issuing CA 04'): AzureAttestation {
  return {
    endpoint: 'imds',
    outcome: 'signed',
    httpStatus: 200,
    detail: null,
    signer: { subject: 'CN=metadata.azure.com, O=Microsoft Corporation, L=Redmond, ST=WA, C=US', issuer: `CN=${issuerCommonName}, O=Microsoft Corporation, C=US`, issuerCommonName, notAfter: '2027-06-27T23:59:59.000Z' },
  };
}

/** An Azure issuing CA in the computer store, as azure-certificates.ps1 reports it. */
export function azureIntermediate(store: AzureCertificate['store'], commonName: string, notAfter = '2027-08-25T23:59:59.000Z'): AzureCertificate {
  return {
    store,
    subject: `CN=${commonName}, O=Microsoft Corporation, C=US`,
    commonName,
    issuer: 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US',
    thumbprint: 'BE68D0ADAA2345B48E507320B695D386080E5B25',
    notBefore: '2023-06-08T00:00:00.000Z',
    notAfter,
  };
}

export const esuOf = (s: Snapshot): EsuFacts => (s.windows.esu as { value: EsuFacts }).value;
export const azureOf = (s: Snapshot): AzureFacts => (s.azure as { value: AzureFacts }).value;
export const azureCertsOf = (s: Snapshot): AzureCertificatesFacts => (s.windows.azureCertificates as { value: AzureCertificatesFacts }).value;
