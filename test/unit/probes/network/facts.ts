/** Windows facts shaped like the collectors' output, for the network and orchestration tests. */
import type { EventFacts, LicensingFacts, NetworkConfig, OsFacts, WindowsProduct } from '../../../../shared/snapshot';

export const product = (overrides: Partial<WindowsProduct> = {}): WindowsProduct => ({
  activationId: 'b3ca044e-a358-4d68-9883-aaa2941aca99',
  name: 'Windows(R), ServerStandard edition',
  description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
  licenseFamily: 'ServerStandard',
  productKeyChannel: 'Volume:GVLK',
  partialProductKey: 'H3RNG',
  licenseStatus: 5,
  licenseStatusReason: 0xc004f034,
  gracePeriodRemainingMinutes: 0,
  evaluationEndDate: null,
  isAddon: false,
  kmsMachine: null,
  kmsPort: null,
  kmsLookupDomain: null,
  discoveredKmsMachineName: null,
  discoveredKmsPort: null,
  discoveredKmsIpAddress: null,
  kmsHostProductKeyId: null,
  vlActivationType: null,
  vlActivationTypeEnabled: 0,
  vlActivationIntervalMinutes: 120,
  vlRenewalIntervalMinutes: 10080,
  isKmsHost: false,
  kmsCurrentCount: null,
  requiredClientCount: null,
  avmaHostMachineName: null,
  avmaLastActivationTime: null,
  ...overrides,
});

export const licensing = (lookupDomain: string | null, productDomain: string | null = null): LicensingFacts => ({
  products: [product({ kmsLookupDomain: productDomain })],
  service: {
    version: '10.0.17763.1',
    clientMachineId: null,
    kmsMachine: null,
    kmsPort: null,
    kmsLookupDomain: lookupDomain,
    kmsHostCaching: true,
    isKmsHost: false,
    kmsCurrentCount: null,
    requiredClientCount: null,
    kmsListeningPort: null,
    kmsDnsPublishing: null,
    kmsLowPriority: null,
    kmsTotalRequests: null,
    kmsFailedRequests: null,
    remainingWindowsRearmCount: 1000,
    oa3OriginalProductKeyDescription: null,
  },
});

export const network = (overrides: Partial<NetworkConfig> = {}): NetworkConfig => ({
  partOfDomain: true,
  domain: 'corp.example',
  workgroup: null,
  primaryDnsSuffix: 'corp.example',
  dnsSuffixSearchList: ['corp.example', 'branch.corp.example'],
  dnsServers: ['10.0.0.10'],
  connectionDnsSuffixes: ['dhcp.example'],
  winHttpProxy: null,
  ...overrides,
});

export const os: OsFacts = {
  caption: 'Microsoft Windows Server 2019 Standard',
  version: '10.0.17763',
  build: 17763,
  ubr: 5696,
  editionId: 'ServerStandard',
  installationType: 'Server',
  productType: 3,
  language: 'en-US',
  lcid: 1033,
  isEvaluation: false,
  computerName: 'APP01',
  architecture: '64-bit',
};

export const events = (kmsHost: string | null, kmsPort: number | null = 1688): EventFacts => ({
  e12288: kmsHost
    ? [
        {
          timeCreated: '2026-11-23T08:00:00.000Z',
          info: `0x0, 0x0, ${kmsHost}:${kmsPort ?? 1688}, 2f0d6b2e-1b53-4c1b-9a40-6e4f1d6f9a3c, 2026/11/23 08:00, 0, 5, 0, b3ca044e-a358-4d68-9883-aaa2941aca99, 5`,
          hresult: 0,
          statusFlags: 0,
          kmsHost,
          kmsPort,
          cmid: '2f0d6b2e-1b53-4c1b-9a40-6e4f1d6f9a3c',
          clientTime: '2026/11/23 08:00',
          licenseStatus: 5,
          minutesToExpiration: 0,
          activationId: 'b3ca044e-a358-4d68-9883-aaa2941aca99',
          requiredCount: 5,
        },
      ]
    : [],
  e12289: [],
  e8198: [],
  e12290: [],
});
