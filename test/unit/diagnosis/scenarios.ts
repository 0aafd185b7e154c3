/**
 * The named scenario table: each entry is a snapshot of a real-world situation and the diagnosis
 * a technician should get for it (verdict, top finding, fix ids). Shared by the unit tests and
 * by the fixture export used for CLI and UI tests.
 */
import { WINDOWS_FACT_KEYS, type Snapshot } from '../../../shared/snapshot';
import type { FindingId, FixId } from '../../../shared/ids';
import type { VerdictKind } from '../../../shared/diagnosis/types';
import {
  OFFICE_2021_CSVLK_SKU,
  WINDOWS_CSVLK_SKU,
  activationObject,
  adbaOf,
  azure,
  azureCertsOf,
  azureIntermediate,
  azureOf,
  esuLicences,
  esuOf,
  signedAttestation,
  event12288,
  event12289,
  eventsOf,
  healthySnapshot,
  hostCheck,
  netOf,
  notActivated,
  officeKmsClient,
  officeOf,
  osOf,
  product,
  scenario,
  service,
  servicesOf,
  srvFound,
  srvMissing,
  subscriptionOf,
  timeCheck,
  unavailable,
} from '../../support/snapshot-builder';

export interface Scenario {
  name: string;
  /** What the situation is, in a technician's words. */
  story: string;
  snapshot: Snapshot;
  reportedCode?: number;
  verdict: VerdictKind;
  top: FindingId | null;
  /** Fix ids the top finding must offer (in order). */
  topFixes?: FixId[];
  /** Other findings that must be present somewhere in the list. */
  alsoFinds?: FindingId[];
  /** Findings that must NOT be raised (false-positive guards). */
  neverFinds?: FindingId[];
  /** Fixes no finding may offer (no-ops, hostile prefills). */
  neverOffers?: FixId[];
  /** Text the top finding must say (title, explanation and guidance together). */
  topSays?: RegExp[];
  /** Text the top finding must not say. */
  topNeverSays?: RegExp[];
  /** The verdict's title. */
  verdictTitle?: RegExp;
  /** Severity of every finding that is raised, by id. */
  severities?: Partial<Record<FindingId, 'blocker' | 'warning' | 'info'>>;
}

const HOUR = 3_600_000;

function kmsClientFailing(edit: (s: Snapshot) => void, reason = 0xc004f074): Snapshot {
  return scenario((s) => {
    notActivated(s, reason);
    edit(s);
  });
}

/** Office LTSC 2021 (KMS client) beside the healthy Windows baseline, changed by `edit`. */
function withOffice(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    s.windows.office = { status: 'ok', value: officeKmsClient(), durationMs: 450 };
    edit(s);
  });
}

/** The Office licence of a withOffice scenario, not activated with `reason`. */
function officeFailing(s: Snapshot, reason = 0xc004f074): void {
  Object.assign(officeOf(s).products[0]!, { licenseStatus: 5, licenseStatusReason: reason, gracePeriodRemainingMinutes: 0, discoveredKmsMachineName: null, discoveredKmsPort: null, kmsHostProductKeyId: null, vlActivationType: null });
}

export const OFFICE_SCENARIOS: Scenario[] = [
  {
    name: 'office-de-windows-host-set-by-hand-office-not',
    story:
      'German Windows 10 Enterprise: Windows was pointed at kms1.corp.example with slmgr /skms and is activated; Office LTSC 2021 finds no _vlmcs record and shows "Nicht lizenziertes Produkt" with 0xC004F074.',
    snapshot: withOffice((s) => {
      Object.assign(osOf(s), { caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', build: 19045, ubr: 4355, editionId: 'Enterprise', installationType: 'Client', productType: 1, language: 'de-DE', lcid: 1031, computerName: 'PC-BUCHHALTUNG' });
      Object.assign(product(s), { activationId: '73111121-5638-40f6-bc11-f1d7b0d64300', name: 'Windows(R), Enterprise edition', licenseFamily: 'Enterprise', partialProductKey: '2YT43' });
      service(s).kmsMachine = 'kms1.corp.example';
      service(s).kmsPort = 1688;
      s.network.srv = { status: 'ok', value: [srvMissing('corp.example')], durationMs: 15 };
      officeFailing(s);
    }),
    verdict: 'activated',
    top: 'office-kms-host-mismatch',
    topFixes: ['office-set-kms-host'],
    alsoFinds: ['office-activation-error'],
    // Machine-wide: whether it reaches Office is not documented (beyond-kms-facts §2.6), so it is not claimed either way.
    topSays: [/set by hand/, /slmgr \/skms/, /OSPP\.VBS" \/sethst:kms1\.corp\.example/, /does not document whether the machine-wide setting reaches Office/],
    neverOffers: ['set-kms-host', 'activate', 'clear-kms-host', 'install-gvlk'],
    severities: { 'office-kms-host-mismatch': 'blocker' },
  },
  {
    name: 'office-windows-host-set-on-its-licence',
    story: "Windows was pointed at kms1.corp.example on its own licence (slmgr /skms kms1.corp.example <Windows activation ID>) and is activated; Office LTSC 2021 finds no _vlmcs record and is not activated.",
    snapshot: withOffice((s) => {
      product(s).kmsMachine = 'kms1.corp.example';
      s.network.srv = { status: 'ok', value: [srvMissing('corp.example')], durationMs: 15 };
      officeFailing(s);
    }),
    verdict: 'activated',
    top: 'office-kms-host-mismatch',
    topFixes: ['office-set-kms-host'],
    topSays: [/on its own licence/, /applies to that licence only/],
  },
  {
    name: 'office-set-to-another-host-than-windows',
    story: 'Office was once pointed at an old KMS host with ospp.vbs /sethst; Windows finds kms1.corp.example in DNS and is activated, Office is not.',
    snapshot: withOffice((s) => {
      officeFailing(s);
      officeOf(s).products[0]!.kmsMachine = 'kms-old.corp.example';
    }),
    verdict: 'activated',
    top: 'office-kms-host-mismatch',
    topFixes: ['office-set-kms-host', 'office-clear-kms-host'],
    topSays: [/kms-old\.corp\.example:1688/, /kms1\.corp\.example:1688/],
  },
  {
    name: 'office-retail-against-kms-host',
    story: 'A retail Office Professional Plus 2019 (Click-to-Run) on a domain PC that activates Windows through KMS: Office is in its grace period and will never activate against the KMS host.',
    snapshot: withOffice((s) => {
      const office = officeOf(s);
      Object.assign(office.products[0]!, { name: 'Office 19, Office19ProPlus2019R_Retail edition', description: 'Office 19, RETAIL channel', licenseFamily: 'Office19ProPlus2019R_Retail', productKeyChannel: 'Retail', partialProductKey: 'T8YBN', licenseStatus: 2, licenseStatusReason: 0x4004f00c, discoveredKmsMachineName: null, vlActivationType: null, kmsHostProductKeyId: null });
      office.kmsClientLicences = [];
      office.clickToRun.productReleaseIds = ['ProPlus2019Retail'];
    }),
    verdict: 'activated',
    top: 'office-channel-not-volume',
    topFixes: [],
    topSays: [/retail Office key/, /ProPlus2019Volume/, /PerpetualVL2019/],
    neverOffers: ['office-install-gvlk', 'install-gvlk'],
  },
  {
    name: 'office-mak-where-kms-is-used',
    story: 'Office LTSC Standard 2021 installed from volume media with a MAK whose activations ran out; the company has a KMS host.',
    snapshot: withOffice((s) => {
      const office = officeOf(s);
      Object.assign(office.products[0]!, { name: 'Office 21, Office21Standard2021VL_MAK_AE edition', description: 'Office 21, VOLUME_MAK channel', licenseFamily: 'Office21Standard2021VL_MAK_AE', partialProductKey: 'Q7K2M', licenseStatus: 5, licenseStatusReason: 0xc004c008, discoveredKmsMachineName: null, vlActivationType: null, kmsHostProductKeyId: null });
      office.kmsClientLicences = [{ activationId: '11111111-2222-4333-8444-555555555555', licenseFamily: 'Office21Standard2021VL_KMS_Client_AE' }];
    }),
    verdict: 'activated',
    top: 'office-channel-not-volume',
    topFixes: ['office-install-gvlk'],
    topSays: [/Office LTSC Standard 2021/, /its GVLK can be installed directly/],
    neverOffers: ['install-gvlk', 'install-key-and-activate'],
  },
  {
    name: 'office-count-below-five',
    story: 'A new site: Office LTSC 2021 on three PCs, the KMS host answers but Office stays unlicensed with 0xC004F038.',
    snapshot: withOffice((s) => officeFailing(s, 0xc004f038)),
    verdict: 'activated',
    top: 'office-activation-error',
    // Activating again cannot work until the host counts 5 Office clients: no fix, the steps say what to do.
    topFixes: [],
    neverOffers: ['office-activate', 'activate'],
    topSays: [/fewer than 5 unique Office clients/, /ospprearm\.exe/],
  },
  {
    name: 'office-microsoft-365-apps',
    story: 'A small office with Microsoft 365 Business Standard: Click-to-Run O365BusinessRetail, licensed by subscription; someone asks whether the KMS host can activate it.',
    snapshot: scenario((s) => {
      s.windows.office = {
        status: 'ok',
        value: { products: [], kmsClientLicences: [], kmsHostLicences: [], clickToRun: { installed: true, productReleaseIds: ['O365BusinessRetail'], version: '16.0.17928.20156', sharedComputerLicensing: null, licensingNext: true }, ospp: null },
        durationMs: 300,
      };
    }),
    verdict: 'activated',
    top: 'activated',
    alsoFinds: ['office-microsoft-365-apps'],
    neverFinds: ['office-channel-not-volume', 'office-kms-host-mismatch'],
    neverOffers: ['office-install-gvlk', 'office-set-kms-host', 'office-activate'],
    severities: { 'office-microsoft-365-apps': 'info' },
  },
  {
    name: 'office-kms-host-without-office-pack',
    story: 'The Windows KMS host of the site; Office clients were rolled out and fail, but nobody installed the Office Volume License Pack on the host.',
    snapshot: kmsHost(() => {}),
    verdict: 'activated',
    top: 'activated',
    alsoFinds: ['office-kms-host-pack-missing'],
    severities: { 'office-kms-host-pack-missing': 'info' },
  },
  {
    name: 'office-kms-host-pack-without-activated-key',
    story: 'The Office LTSC 2021 volume licence pack is on the KMS host, but its Office host key was never activated.',
    snapshot: kmsHost((s) => {
      officeOf(s).kmsHostLicences = [{ activationId: '47f3b983-7c53-4d45-abc6-bcd91e2dd90a', partialProductKey: null, licenseStatus: 0, licenseStatusReason: 0xc004f014, kmsCurrentCount: null }];
    }),
    verdict: 'activated',
    top: 'office-kms-host-pack-missing',
    topSays: [/Office LTSC 2021 KMS host key is not installed/, /slmgr\.vbs \/ato 47f3b983-7c53-4d45-abc6-bcd91e2dd90a/],
    severities: { 'office-kms-host-pack-missing': 'warning' },
  },
  {
    name: 'office-kms-request-is-not-windows',
    story: "Windows is in its grace period and has not asked yet; the newest 12288 in the Application log is Office's request (its activation ID), answered 0xC004F038: that count is Office's, not Windows'.",
    snapshot: withOffice((s) => {
      notActivated(s, 0x4004f00c);
      officeFailing(s, 0xc004f038);
      const officeRequest = { ...event12288(0xc004f038), activationId: '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67' };
      eventsOf(s).e12288 = [officeRequest];
    }),
    verdict: 'not-activated',
    top: 'office-activation-error',
    neverFinds: ['kms-count-insufficient'],
    topSays: [/fewer than 5 unique Office clients/],
  },
  {
    name: 'windows-f074-beside-healthy-office',
    story: 'Windows fails with 0xC004F074 (port 1688 filtered) while Office, activated earlier, is fine: only Windows fixes for the Windows finding.',
    reportedCode: 0xc004f074,
    snapshot: withOffice((s) => {
      notActivated(s);
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'timed-out')], durationMs: 3000 };
    }),
    verdict: 'not-activated',
    top: 'kms-port-filtered',
    neverFinds: ['office-kms-host-mismatch', 'office-activation-error'],
    neverOffers: ['office-set-kms-host', 'office-activate'],
  },
];

export const SCENARIOS: Scenario[] = [
  {
    name: 'healthy-kms-client',
    story: 'Server 2019 activated by the domain KMS host found through DNS.',
    snapshot: healthySnapshot(),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['kms-time-skew', 'kms-srv-stale', 'third-party-kms-host', 'channel-not-volume'],
  },
  {
    name: 'f074-time-skew-plus-5h',
    story: "0xC004F074: the KMS host's clock is 5 hours ahead (Microsoft's situation A, 0xC004F06C in 12288).",
    snapshot: kmsClientFailing((s) => {
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', 5 * HOUR + 2 * 60_000)], durationMs: 4 };
      eventsOf(s).e12288 = [event12288(0xc004f06c)];
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-time-skew',
    topFixes: ['sync-time', 'sync-time-from-kms-host'],
  },
  {
    name: 'time-skew-minus-3h-warning',
    story: 'Activated, but the clock is 3 hours behind the host: a warning before it crosses 4 hours.',
    snapshot: scenario((s) => {
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', -3 * HOUR)], durationMs: 4 };
    }),
    verdict: 'activated',
    top: 'kms-time-skew',
    topFixes: ['sync-time', 'sync-time-from-kms-host'],
  },
  {
    name: 'f06c-in-event-without-time-answer',
    story: 'Event 12288 carries 0xC004F06C, but the host does not answer NTP.',
    snapshot: kmsClientFailing((s) => {
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', null)], durationMs: 3000 };
      eventsOf(s).e12288 = [event12288(0xc004f06c)];
    }),
    verdict: 'not-activated',
    top: 'kms-time-skew',
    topFixes: ['sync-time'],
  },
  {
    name: 'f074-port-filtered',
    story: "0xC004F074: a firewall drops TCP 1688 to the KMS host (Microsoft's situation B).",
    snapshot: kmsClientFailing((s) => {
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'timed-out')], durationMs: 3000 };
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', null)], durationMs: 3000 };
      eventsOf(s).e12288 = [event12288(0xc004f074)];
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-port-filtered',
  },
  {
    name: 'f074-port-refused',
    story: 'The KMS host is up but sppsvc is stopped there: connection refused.',
    snapshot: kmsClientFailing((s) => {
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'refused')], durationMs: 3 };
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-port-refused',
  },
  {
    name: 'f074-stale-srv-beside-working',
    story: "0xC004F074 now and then: DNS lists a decommissioned host beside the working one (Microsoft's situation C).",
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      s.network.srv = {
        status: 'ok',
        value: [srvFound('corp.example', [{ target: 'kms-old.corp.example', addresses: [] }, { target: 'kms2.corp.example', addresses: ['10.20.0.6'] }])],
        durationMs: 14,
      };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-old.corp.example', 'unresolvable', ['srv']), hostCheck('kms2.corp.example', 'open', ['srv'])], durationMs: 5 };
      s.network.time = { status: 'ok', value: [timeCheck('kms2.corp.example', 900)], durationMs: 4 };
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-srv-stale',
    topFixes: ['set-kms-host'],
  },
  {
    name: 'srv-all-targets-stale',
    story: 'The only SRV record points at a host that no longer resolves.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'kms-old.corp.example', addresses: [] }])], durationMs: 14 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-old.corp.example', 'unresolvable', ['srv'])], durationMs: 5 };
      s.network.time = { status: 'ok', value: [], durationMs: 0 };
    }),
    verdict: 'not-activated',
    top: 'kms-srv-stale',
  },
  {
    name: 'configured-host-unresolvable',
    story: 'slmgr /skms points at a renamed host; DNS discovery would work.',
    snapshot: kmsClientFailing((s) => {
      product(s).kmsMachine = 'kms-legacy.corp.example';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-legacy.corp.example', 'unresolvable', ['configured']), hostCheck('kms1.corp.example', 'open', ['srv'])], durationMs: 5 };
    }, 0x8007232b),
    verdict: 'not-activated',
    top: 'kms-host-unresolvable',
    topFixes: ['set-kms-host', 'clear-kms-host'],
  },
  {
    name: '232b-srv-missing-domain',
    story: '0x8007232B on a domain member: no _vlmcs._tcp record in corp.example.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      s.network.srv = { status: 'ok', value: [srvMissing('corp.example')], durationMs: 9 };
      s.network.kmsHosts = { status: 'ok', value: [], durationMs: 0 };
      s.network.time = { status: 'ok', value: [], durationMs: 0 };
    }, 0x8007232b),
    reportedCode: 0x8007232b,
    verdict: 'not-activated',
    top: 'kms-srv-missing',
    topFixes: ['set-kms-host'],
    alsoFinds: ['gvlk-without-kms'],
  },
  {
    name: 'small-shop-gvlk-without-kms',
    story: 'A workgroup office of 12 PCs installed from volume media: GVLK, no KMS host anywhere.',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      os.caption = 'Microsoft Windows 11 Pro';
      os.version = '10.0.22631';
      os.build = 22631;
      os.editionId = 'Professional';
      os.installationType = 'Client';
      os.productType = 1;
      product(s).name = 'Windows(R), Professional edition';
      product(s).discoveredKmsMachineName = null;
      s.windows.networkConfig = { status: 'ok', value: { ...netOf(s), partOfDomain: false, domain: 'WORKGROUP', workgroup: 'WORKGROUP', primaryDnsSuffix: null, dnsSuffixSearchList: [] }, durationMs: 50 };
      s.network.srv = unavailable('no-candidates', 'no DNS domain to search');
      s.network.kmsHosts = unavailable('no-candidates', 'no KMS host to check');
      s.network.time = unavailable('no-candidates', 'no KMS host to check');
    }, 0x8007232b),
    verdict: 'not-activated',
    top: 'gvlk-without-kms',
    topFixes: ['install-key-and-activate', 'phone-activation'],
  },
  {
    name: 'host-version-needs-update',
    story: 'A Server 2016 KMS host answers a Server 2022 client with 0xC004F042: it needs KB5003638.',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      os.caption = 'Microsoft Windows Server 2022 Standard';
      os.version = '10.0.20348';
      os.build = 20348;
      product(s).kmsHostProductKeyId = '06401-00206-491-411285-03-1033-14393.0000-0802017';
      eventsOf(s).e12288 = [event12288(0xc004f042)];
    }, 0xc004f042),
    verdict: 'not-activated',
    top: 'kms-host-version-mismatch',
    // One observation, one cause: the host's version explains the refusal.
    neverFinds: ['kms-key-mismatch'],
  },
  {
    name: 'old-host-id-no-refusal-in-place-upgraded',
    story: 'A client upgraded in place to Windows 11 still carries the extended PID of the 2012 R2 / 8.1 host that activated it years ago; it now fails with 0xC004F074 and no host has refused it.',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      Object.assign(os, { caption: 'Microsoft Windows 11 Enterprise', version: '10.0.22631', build: 22631, editionId: 'Enterprise', installationType: 'Client', productType: 1 });
      product(s).name = 'Windows(R), Enterprise edition';
      product(s).kmsHostProductKeyId = '06401-00206-271-000001-03-1033-9600.0000-0452017';
    }),
    verdict: 'not-activated',
    top: 'kms-host-version-mismatch',
    severities: { 'kms-host-version-mismatch': 'warning' },
    topSays: [/last activated this computer may not serve Windows 11/, /in-place upgrade/, /If the host still runs/],
    topNeverSays: [/cannot activate/],
  },
  {
    name: 'old-host-id-that-can-serve-is-no-finding',
    story: 'A Server 2019 client last activated by a 2022 host (its stored extended PID), now 0xC004F074: the old host ID raises nothing.',
    snapshot: kmsClientFailing((s) => {
      product(s).kmsHostProductKeyId = '06401-00206-556-123456-03-1033-20348.0000-0812023';
    }),
    verdict: 'not-activated',
    top: null,
    neverFinds: ['kms-host-version-mismatch'],
  },
  {
    name: 'count-insufficient',
    story: '0xC004F038: the new KMS host has counted 3 of the 5 servers it needs.',
    snapshot: kmsClientFailing((s) => {
      eventsOf(s).e12288 = [event12288(0xc004f038)];
      eventsOf(s).e12289 = [event12289(0xc004f038, 3)];
    }, 0xc004f038),
    verdict: 'not-activated',
    top: 'kms-count-insufficient',
    topFixes: ['install-key-and-activate'],
  },
  {
    name: 'duplicate-cmid-count-stuck',
    story: 'Cloned VMs without sysprep: the host count stays at 1.',
    snapshot: kmsClientFailing((s) => {
      eventsOf(s).e12288 = [event12288(0xc004f038, 'kms1.corp.example', 10)];
      eventsOf(s).e12289 = [event12289(0xc004f038, 1, 9), event12289(0xc004f038, 1, 130), event12289(0xc004f038, 1, 250)];
    }, 0xc004f038),
    verdict: 'not-activated',
    top: 'kms-count-insufficient',
  },
  {
    name: 'kms-host-not-activated',
    story: '0xC004F041: the KMS host never activated its own host key.',
    snapshot: kmsClientFailing((s) => {
      eventsOf(s).e12288 = [event12288(0xc004f041)];
    }, 0xc004f041),
    verdict: 'not-activated',
    top: 'kms-host-not-activated',
  },
  {
    name: 'kms-key-mismatch-unknown-host-version',
    story: '0xC004F042 from a host whose version is unknown: the host cannot serve this product.',
    snapshot: kmsClientFailing(() => {}, 0xc004f042),
    reportedCode: 0xc004f042,
    verdict: 'not-activated',
    // The tables name the hosts and keys that can activate this client; clearing a KMS host
    // nobody set by hand would change nothing, so it is not offered.
    top: 'kms-host-version-mismatch',
    topFixes: [],
    alsoFinds: ['kms-key-mismatch'],
  },
  {
    name: 'this-kms-host-sppsvc-stopped',
    story: 'Run on the KMS host itself: sppsvc is stopped, so clients are refused.',
    snapshot: kmsHost((s) => {
      servicesOf(s).sppsvc.status = 'stopped';
    }),
    verdict: 'activated',
    top: 'kms-host-sppsvc-stopped',
    topFixes: ['restart-sppsvc-host'],
  },
  {
    name: 'this-kms-host-firewall-closed',
    story: 'Run on the KMS host: the SPPSVC-In-TCP rule is off.',
    snapshot: kmsHost((s) => {
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: false, profiles: ['Domain', 'Private'], activeProfiles: ['Domain'] }, durationMs: 80 };
    }),
    verdict: 'activated',
    top: 'kms-host-firewall-closed',
    topFixes: ['enable-kms-firewall-rule'],
  },
  {
    name: 'this-kms-host-firewall-domain-side-closed',
    story: 'KMS host on Domain and Private networks: SPPSVC-In-TCP is on, SPPSVC-In-TCP-NoScope (the Domain rule) is off.',
    snapshot: kmsHost((s) => {
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Private', 'Public'], activeProfiles: ['Domain', 'Private'], rules: [{ name: 'SPPSVC-In-TCP', enabled: true, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' }, { name: 'SPPSVC-In-TCP-NoScope', enabled: false, profiles: ['Domain'], remoteAddresses: ['Any'], policySource: 'Local' }] }, durationMs: 80 };
    }),
    verdict: 'activated',
    top: 'kms-host-firewall-closed',
    topFixes: ['enable-kms-firewall-rule'],
    severities: { 'kms-host-firewall-closed': 'blocker' },
    topSays: [/SPPSVC-In-TCP-NoScope is disabled/, /Domain/],
    topNeverSays: [/missing/],
  },
  {
    name: 'this-kms-host-firewall-noscope-missing',
    story: 'KMS host on a domain network; the NoScope rule was deleted, SPPSVC-In-TCP is on.',
    snapshot: kmsHost((s) => {
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Private', 'Public'], activeProfiles: ['Domain'], rules: [{ name: 'SPPSVC-In-TCP', enabled: true, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' }] }, durationMs: 80 };
    }),
    verdict: 'activated',
    top: 'kms-host-firewall-closed',
    topSays: [/SPPSVC-In-TCP-NoScope is missing/, /create an inbound rule/],
    topNeverSays: [/turned off/],
    neverOffers: ['enable-kms-firewall-rule'],
  },
  {
    name: 'this-kms-host-firewall-active-profile-unknown',
    story: 'KMS host whose network profile could not be read: whether the enabled rule covers it is unknown, not covered.',
    snapshot: kmsHost((s) => {
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Private', 'Public'], activeProfiles: [], rules: [{ name: 'SPPSVC-In-TCP', enabled: true, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' }] }, durationMs: 80 };
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['kms-host-firewall-closed'],
  },
  {
    name: 'this-kms-host-firewall-local-subnet-only',
    story: 'KMS host on a private network, SPPSVC-In-TCP on with its default scope: routed subnets cannot reach it.',
    snapshot: kmsHost((s) => {
      s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Private', 'Public'], activeProfiles: ['Private'], rules: [{ name: 'SPPSVC-In-TCP', enabled: true, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' }, { name: 'SPPSVC-In-TCP-NoScope', enabled: true, profiles: ['Domain'], remoteAddresses: ['Any'], policySource: 'Local' }] }, durationMs: 80 };
    }),
    verdict: 'activated',
    top: 'kms-host-firewall-closed',
    severities: { 'kms-host-firewall-closed': 'warning' },
    topSays: [/LocalSubnet/, /other \(routed\) subnets are blocked/],
  },
  {
    name: 'kms-host-below-threshold',
    story: 'A new KMS host that has seen 3 of the 5 servers it needs.',
    snapshot: kmsHost((s) => {
      service(s).kmsCurrentCount = 3;
    }),
    verdict: 'activated',
    top: 'kms-count-insufficient',
    neverFinds: ['kms-host-firewall-closed', 'kms-host-sppsvc-stopped'],
  },
  {
    name: 'avma-on-azure',
    story: 'A VM migrated from Hyper-V to Azure still carries its AVMA key: 0xC004FD01.',
    snapshot: scenario((s) => {
      const p = product(s);
      notActivated(s, 0xc004fd01);
      p.description = 'Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel';
      p.productKeyChannel = 'Volume:AVMA';
      p.discoveredKmsMachineName = null;
      s.azure = { status: 'ok', value: azure(true), durationMs: 40 };
      s.network.srv = { status: 'ok', value: [], durationMs: 0 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('azkms.core.windows.net', 'open', ['azure'])], durationMs: 30 };
    }),
    verdict: 'not-activated',
    top: 'avma-on-azure',
    topFixes: ['switch-avma-to-azure-kms'],
  },
  {
    name: 'azure-kms-unreachable',
    story: 'An Azure VM behind forced tunnelling cannot reach azkms.core.windows.net:1688.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      product(s).kmsMachine = 'azkms.core.windows.net';
      product(s).kmsPort = 1688;
      s.azure = { status: 'ok', value: azure(true), durationMs: 40 };
      s.network.srv = { status: 'ok', value: [], durationMs: 0 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('azkms.core.windows.net', 'timed-out', ['configured', 'azure'])], durationMs: 3000 };
      s.network.time = { status: 'ok', value: [], durationMs: 0 };
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'azure-kms-unreachable',
    neverFinds: ['third-party-kms-host'],
  },
  {
    name: 'retail-key-where-kms-is-used',
    story: 'A server built from MSDN media (RETAIL channel) in a KMS domain.',
    snapshot: kmsClientFailing((s) => {
      product(s).description = 'Windows(R) Operating System, RETAIL channel';
      product(s).productKeyChannel = 'Retail';
      product(s).discoveredKmsMachineName = null;
    }, 0xc004f074),
    verdict: 'not-activated',
    top: 'channel-not-volume',
    topFixes: ['install-gvlk'],
  },
  {
    name: 'retail-activated',
    story: 'A retail Windows 11 Pro that is activated: nothing to change.',
    snapshot: scenario((s) => {
      product(s).description = 'Windows(R) Operating System, RETAIL channel';
      product(s).discoveredKmsMachineName = null;
      product(s).vlActivationType = null;
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['channel-not-volume', 'install-gvlk' as FindingId],
  },
  {
    name: 'evaluation-edition',
    story: 'Windows Server 2022 Datacenter Evaluation that nobody converted.',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      os.editionId = 'ServerDatacenterEval';
      os.isEvaluation = true;
      os.caption = 'Microsoft Windows Server 2022 Datacenter Evaluation';
      os.build = 20348;
      product(s).description = 'Windows(R) Operating System, TIMEBASED_EVAL channel';
      product(s).evaluationEndDate = '2026-12-01T00:00:00.000Z';
    }, 0xc004f069),
    verdict: 'not-activated',
    top: 'evaluation-edition',
  },
  {
    name: 'not-elevated',
    story: 'Healthy, but the CLI was started without administrator rights.',
    snapshot: scenario((s) => {
      s.windows.elevation = { status: 'ok', value: { elevated: false }, durationMs: 10 };
    }),
    verdict: 'activated',
    top: 'not-elevated',
  },
  {
    name: 'sppsvc-disabled',
    story: 'Someone disabled the Software Protection service.',
    snapshot: kmsClientFailing((s) => {
      servicesOf(s).sppsvc.startType = 'disabled';
    }),
    verdict: 'not-activated',
    top: 'sppsvc-stopped',
    topFixes: ['start-sppsvc'],
  },
  {
    name: 'w32time-stopped-with-skew',
    story: 'Windows Time is stopped and the clock has drifted 6 hours.',
    snapshot: kmsClientFailing((s) => {
      servicesOf(s).w32time.status = 'stopped';
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', -6 * HOUR)], durationMs: 4 };
    }),
    verdict: 'not-activated',
    top: 'kms-time-skew',
    alsoFinds: ['w32time-stopped'],
  },
  {
    name: 'third-party-kms-host',
    story: 'slmgr /skms was pointed at a public host outside the organisation.',
    snapshot: scenario((s) => {
      product(s).kmsMachine = 'kms.example-activator.net';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [{ ...hostCheck('kms.example-activator.net', 'open', ['configured']), addresses: ['203.0.113.7'], address: '203.0.113.7' }], durationMs: 30 };
    }),
    verdict: 'activated',
    top: 'third-party-kms-host',
    topFixes: ['clear-kms-host'],
  },
  {
    name: 'third-party-kms-host-behind-look-alike-dots',
    story: 'slmgr /skms was given a name with full-width dots: Windows resolves it as kms.example-activator.net, so it is not a single-label name of the organisation.',
    snapshot: scenario((s) => {
      product(s).kmsMachine = 'kms\uff0eexample-activator\uff0enet';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [{ ...hostCheck('kms\uff0eexample-activator\uff0enet', 'not-contacted', ['configured']) }], durationMs: 0 };
    }),
    verdict: 'activated',
    top: 'third-party-kms-host',
    topFixes: ['clear-kms-host'],
  },
  {
    name: 'azure-kms-on-premises',
    story: 'An on-premises server copied the Azure KMS setting from a VM template.',
    snapshot: kmsClientFailing((s) => {
      product(s).kmsMachine = 'azkms.core.windows.net';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('azkms.core.windows.net', 'timed-out', ['configured'])], durationMs: 3000 };
    }),
    verdict: 'not-activated',
    top: 'third-party-kms-host',
    topFixes: ['clear-kms-host'],
  },
  {
    name: 'private-ip-kms-host-is-fine',
    story: 'slmgr /skms 10.20.0.5: a private address is the organisation\'s own.',
    snapshot: scenario((s) => {
      product(s).kmsMachine = '10.20.0.5';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('10.20.0.5', 'open', ['configured'])], durationMs: 3 };
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['third-party-kms-host'],
  },
  {
    name: 'activation-expiring',
    story: 'The KMS host was decommissioned months ago: 20 days of activation left.',
    snapshot: scenario((s) => {
      product(s).gracePeriodRemainingMinutes = 20 * 1440;
    }),
    verdict: 'activated-expiring',
    top: 'activation-expiring',
    topFixes: ['activate'],
  },
  {
    name: 'renewal-failing',
    story: 'Activated, but the last renewal request failed with 0xC004F074.',
    snapshot: scenario((s) => {
      eventsOf(s).e12288 = [event12288(0xc004f074, 'kms1.corp.example', 5)];
      eventsOf(s).e12289 = [event12289(0, 40, 60 * 24 * 8)];
      product(s).gracePeriodRemainingMinutes = 25 * 1440;
    }),
    verdict: 'activated-renewal-failing',
    top: 'activation-expiring',
  },
  {
    name: 'licensing-unreadable',
    story: 'The licensing query was denied: we cannot tell.',
    snapshot: scenario((s) => {
      s.windows.licensing = unavailable('access-denied', 'SoftwareLicensingProduct could not be read: access denied (0x80070005)');
    }),
    verdict: 'cannot-tell',
    top: null,
  },
  {
    name: 'linux-network-only',
    story: 'A snapshot taken on Linux: only network facts.',
    snapshot: scenario((s) => {
      for (const key of WINDOWS_FACT_KEYS) {
        (s.windows as Record<string, unknown>)[key] = unavailable('not-windows', 'not running on Windows');
      }
      s.azure = unavailable('not-windows', 'not running on Windows');
      s.collector = { kind: 'cli', version: '0.1.0', platform: 'linux', hostname: 'tech-laptop' };
    }),
    verdict: 'cannot-tell',
    top: null,
  },
  {
    name: 'no-product-key',
    story: 'The key was uninstalled (slmgr /upk): 0xC004F014.',
    snapshot: scenario((s) => {
      (s.windows.licensing as { value: { products: unknown[] } }).value.products = [];
    }),
    verdict: 'not-activated',
    top: 'no-product-key',
    topFixes: ['install-gvlk'],
  },
  {
    name: 'license-store-corrupt',
    story: 'tokens.dat is damaged: 0xC004E015.',
    snapshot: kmsClientFailing(() => {}, 0xc004e015),
    verdict: 'not-activated',
    top: 'license-store-corrupt',
  },
  {
    name: 'mak-limit-exceeded',
    story: 'The MAK ran out of activations: 0xC004C020.',
    snapshot: scenario((s) => {
      notActivated(s, 0xc004c020);
      product(s).description = 'Windows(R) Operating System, VOLUME_MAK channel';
      product(s).discoveredKmsMachineName = null;
      s.network.srv = { status: 'ok', value: [], durationMs: 0 };
      s.network.kmsHosts = { status: 'ok', value: [], durationMs: 0 };
      s.network.time = { status: 'ok', value: [], durationMs: 0 };
    }),
    reportedCode: 0xc004c020,
    verdict: 'not-activated',
    top: 'mak-limit-exceeded',
    topFixes: ['phone-activation'],
  },
  {
    name: '8198-kms-contact-failure',
    story: 'Event 8198 with 0xC0020017 on a client whose KMS port is filtered.',
    snapshot: kmsClientFailing((s) => {
      eventsOf(s).e8198 = [{ timeCreated: '2026-11-20T09:10:00.000Z', hresult: 0xc0020017, detail: 'hr=0xC0020017' }];
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'timed-out')], durationMs: 3000 };
    }),
    verdict: 'not-activated',
    top: 'kms-port-filtered',
  },
  {
    name: 'activated-mak-with-old-8198',
    story: 'An activated MAK machine whose event log still holds a months-old 8198 with 0xC004C003.',
    snapshot: scenario((s) => {
      product(s).description = 'Windows(R) Operating System, VOLUME_MAK channel';
      product(s).discoveredKmsMachineName = null;
      eventsOf(s).e8198 = [{ timeCreated: '2026-03-01T09:10:00.000Z', hresult: 0xc004c003, detail: 'hr=0xC004C003' }];
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['product-key-blocked'],
  },
  {
    name: 'retail-laptop-w32time-stopped',
    story: 'A healthy retail workgroup laptop: W32Time is trigger-started and stopped, which is fine.',
    snapshot: scenario((s) => {
      product(s).description = 'Windows(R) Operating System, RETAIL channel';
      product(s).discoveredKmsMachineName = null;
      servicesOf(s).w32time.status = 'stopped';
      s.network.srv = { status: 'ok', value: [], durationMs: 0 };
      s.network.kmsHosts = { status: 'ok', value: [], durationMs: 0 };
      s.network.time = { status: 'ok', value: [], durationMs: 0 };
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['w32time-stopped'],
  },
  {
    name: 'kms-emulator-on-loopback',
    story: 'Activated against 127.0.0.2:1688, where a KMS emulator listens: never legitimate.',
    snapshot: scenario((s) => {
      product(s).kmsMachine = '127.0.0.2';
      product(s).kmsPort = 1688;
      s.network.kmsHosts = { status: 'ok', value: [{ ...hostCheck('127.0.0.2', 'not-contacted', ['configured']), addresses: [], address: null }], durationMs: 0 };
    }),
    verdict: 'activated',
    top: 'third-party-kms-host',
    topFixes: ['clear-kms-host'],
  },
  {
    name: 'renewal-failing-only',
    story: 'Activated for 150 more days, but the last renewal request failed.',
    snapshot: scenario((s) => {
      eventsOf(s).e12288 = [event12288(0xc004f074, 'kms1.corp.example', 5)];
      eventsOf(s).e12289 = [event12289(0, 40, 60 * 24 * 8)];
    }),
    verdict: 'activated-renewal-failing',
    top: 'activation-expiring',
  },

  // --- Issue 13: diagnosis that never misleads -------------------------------------------------
  {
    name: 'only-srv-host-silent-is-not-stale',
    story: "The organisation's only KMS host resolves but does not answer (firewall): a port problem, not a stale record to delete.",
    snapshot: kmsClientFailing((s) => {
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'timed-out')], durationMs: 3000 };
      s.network.time = { status: 'ok', value: [timeCheck('kms1.corp.example', null)], durationMs: 3000 };
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-port-filtered',
    neverFinds: ['kms-srv-stale'],
  },
  {
    name: 'activated-host-refused-is-not-stale',
    story: 'Activated; the only KMS host now refuses connections. The record is fine; the host is not, and nothing is a blocker yet.',
    snapshot: scenario((s) => {
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms1.corp.example', 'refused')], durationMs: 3 };
    }),
    verdict: 'activated',
    top: 'kms-port-refused',
    neverFinds: ['kms-srv-stale'],
    severities: { 'kms-port-refused': 'warning' },
  },
  {
    name: 'silent-record-beside-working-one',
    story: 'Two records resolve; one host is switched off, the other answers: the client tries another host, so the dead record is a warning, not the cause.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'kms-off.corp.example', addresses: ['10.20.0.9'] }, { target: 'kms1.corp.example', addresses: ['10.20.0.5'] }])], durationMs: 14 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-off.corp.example', 'timed-out', ['srv']), hostCheck('kms1.corp.example', 'open', ['srv'])], durationMs: 3000 };
      eventsOf(s).e12288 = [event12288(0xc004f074, 'kms-off.corp.example')];
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-port-filtered',
    alsoFinds: ['kms-srv-stale'],
    severities: { 'kms-srv-stale': 'warning', 'kms-port-filtered': 'warning' },
  },
  {
    name: 'cached-host-silent-beside-working-one-agrees',
    story: 'The host this computer found through DNS earlier times out; another listed host answers. Every finding about that one observation says warning.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = 'kms-off.corp.example';
      s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'kms-off.corp.example', addresses: ['10.20.0.9'] }, { target: 'kms1.corp.example', addresses: ['10.20.0.5'] }])], durationMs: 14 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-off.corp.example', 'timed-out', ['discovered', 'srv']), hostCheck('kms1.corp.example', 'open', ['srv'])], durationMs: 3000 };
    }),
    verdict: 'not-activated',
    top: 'kms-port-filtered',
    alsoFinds: ['kms-srv-stale'],
    severities: { 'kms-srv-stale': 'warning', 'kms-port-filtered': 'warning' },
  },
  {
    name: 'hostile-srv-target-never-prefilled',
    story: 'A snapshot from elsewhere carries a record target built to run a command when pasted: no fix is prefilled with it and no command carries it.',
    snapshot: kmsClientFailing((s) => {
      const evil = 'kms2.corp.example & calc.exe & rem .corp.example';
      product(s).discoveredKmsMachineName = null;
      s.network.srv = { status: 'ok', value: [srvFound('corp.example', [{ target: 'kms-old.corp.example', addresses: [] }, { target: evil, addresses: ['10.20.0.6'] }])], durationMs: 14 };
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms-old.corp.example', 'unresolvable', ['srv']), hostCheck(evil, 'open', ['srv'])], durationMs: 5 };
    }),
    reportedCode: 0xc004f074,
    verdict: 'not-activated',
    top: 'kms-srv-stale',
    neverOffers: ['set-kms-host'],
  },
  {
    name: 'discovered-third-party-host-no-clear',
    story: 'DNS (not slmgr /skms) led this computer to a host outside the organisation: clearing a host nobody set by hand would change nothing.',
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = 'kms.example-hosting.net';
      s.network.kmsHosts = { status: 'ok', value: [hostCheck('kms.example-hosting.net', 'timed-out', ['discovered'])], durationMs: 3000 };
    }),
    verdict: 'not-activated',
    top: 'kms-port-filtered',
    alsoFinds: ['third-party-kms-host'],
    neverOffers: ['clear-kms-host'],
  },
  {
    name: 'win11-against-2016-host-needs-2022-key',
    story: "Windows 11 gets 0xC004F042 from a KMS host on build 14393: a 2016 host needs the 2022 host key and KB5003638; a Windows 10 host can never do it.",
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      Object.assign(os, { caption: 'Microsoft Windows 11 Enterprise', version: '10.0.22631', build: 22631, editionId: 'Enterprise', installationType: 'Client', productType: 1 });
      product(s).name = 'Windows(R), Enterprise edition';
      product(s).kmsHostProductKeyId = '03612-03858-000-000001-03-1033-14393.0000-0452017';
      eventsOf(s).e12288 = [event12288(0xc004f042)];
    }, 0xc004f042),
    verdict: 'not-activated',
    top: 'kms-host-version-mismatch',
    topSays: [/Windows Server 2016 or Windows 10/, /KB5003638/, /Volume License for Windows Server 2022/],
    neverFinds: ['kms-key-mismatch'],
  },
  {
    name: 'server-client-against-81-or-2012r2-host',
    story: 'A Server 2016 client and a KMS host on build 9600: if that is Windows 8.1, no update helps (a client OS never activates servers).',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      Object.assign(os, { caption: 'Microsoft Windows Server 2016 Standard', version: '10.0.14393', build: 14393 });
      product(s).kmsHostProductKeyId = '06401-00206-271-000001-03-1033-9600.0000-0452017';
      eventsOf(s).e12288 = [event12288(0xc004f042)];
    }, 0xc004f042),
    verdict: 'not-activated',
    top: 'kms-host-version-mismatch',
    topSays: [/Windows Server 2012 R2 or Windows 8\.1/, /If the host is Windows 8\.1: no host key/],
  },
  {
    name: 'f042-unknown-host-names-hosts-keys-updates',
    story: 'Windows 11 never activated, so the host version is unknown: say which hosts, keys and updates can activate it.',
    snapshot: kmsClientFailing((s) => {
      const os = osOf(s);
      Object.assign(os, { caption: 'Microsoft Windows 11 Pro', version: '10.0.26100', build: 26100, editionId: 'Professional', installationType: 'Client', productType: 1 });
      eventsOf(s).e12288 = [event12288(0xc004f042)];
    }, 0xc004f042),
    reportedCode: 0xc004f042,
    verdict: 'not-activated',
    top: 'kms-host-version-mismatch',
    topSays: [/Volume License for Windows Server 2025/, /Volume License for Windows Server 2022/, /Windows Server 2016 \(after KB5003638/],
    topNeverSays: [/Install the required update on the host/],
    neverOffers: ['clear-kms-host'],
  },
  {
    name: 'server-core-standard-evaluation',
    story: 'Server 2022 Standard Core evaluation in a KMS site: it converts only to Datacenter Core, with the Datacenter KMS client key.',
    snapshot: scenario((s) => {
      const os = osOf(s);
      Object.assign(os, { caption: 'Microsoft Windows Server 2022 Standard Evaluation', version: '10.0.20348', build: 20348, editionId: 'ServerStandardEvalCor', installationType: 'Server Core', isEvaluation: true });
      const p = product(s);
      p.description = 'Windows(R) Operating System, TIMEBASED_EVAL channel';
      p.licenseStatus = 2;
      p.evaluationEndDate = '2026-12-20T00:00:00Z';
      p.vlActivationType = null;
    }),
    verdict: 'not-activated',
    top: 'evaluation-edition',
    topSays: [/Set-Edition:ServerDatacenterCor/, /ends in 6VM33/, /only/],
    topNeverSays: [/Set-Edition:ServerStandard\b/, /Set-Edition:ServerStandardEvalCor/],
  },
  {
    name: 'dns-settings-unreadable',
    story: "The DNS settings could not be read: 'this computer has no DNS domain' would be a guess, so it is 'could not check'.",
    snapshot: kmsClientFailing((s) => {
      product(s).discoveredKmsMachineName = null;
      s.windows.networkConfig = unavailable('failed', 'Get-CimInstance Win32_NetworkAdapterConfiguration: Access denied');
      s.network.srv = unavailable('no-candidates', 'no DNS domain to search');
      s.network.kmsHosts = unavailable('no-candidates', 'no KMS host to check');
      s.network.time = unavailable('no-candidates', 'no KMS host to check');
    }),
    verdict: 'not-activated',
    top: null,
    neverFinds: ['kms-srv-missing', 'gvlk-without-kms'],
  },
  {
    name: 'nothing-could-be-read',
    story: 'Every probe failed: the verdict says nothing could be checked, not that all is well.',
    snapshot: scenario((s) => {
      for (const key of WINDOWS_FACT_KEYS) {
        (s.windows as Record<string, unknown>)[key] = unavailable('failed', 'PowerShell could not start');
      }
      s.azure = unavailable('failed', 'IMDS did not answer');
      s.network.srv = unavailable('failed', 'no DNS server answered');
      s.network.kmsHosts = unavailable('failed', 'no network');
      s.network.time = unavailable('failed', 'no network');
      s.network.activationEndpoints = unavailable('failed', 'no network');
    }),
    verdict: 'cannot-tell',
    verdictTitle: /^Nothing could be checked$/,
    top: null,
  },
  {
    name: 'kms-host-counts-servers-and-clients-together',
    story: 'On the KMS host: 15 machines counted. Servers activate from 5, Windows clients need 25 in the same count.',
    snapshot: kmsHost((s) => {
      service(s).kmsCurrentCount = 15;
      service(s).requiredClientCount = 25;
    }),
    verdict: 'activated',
    top: 'kms-count-insufficient',
    topSays: [/one count of every machine/, /already activates servers, but not yet Windows clients/],
  },
  {
    name: 'adba-activated-without-kms',
    story: 'A Windows 11 Enterprise PC in a forest with Active Directory-based activation: no KMS host, no _vlmcs record, activated by its activation object.',
    snapshot: adbaClient((s) => {
      product(s).licenseStatus = 1;
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['gvlk-without-kms', 'kms-srv-missing', 'adba-object-removed', 'adba-left-domain', 'adba-no-windows-object'],
  },
  {
    name: 'adba-forest-new-client',
    story: 'A freshly imaged domain PC with the KMS client key, not yet activated; the forest holds a Windows activation object and there is no KMS host: that is not "no KMS host".',
    snapshot: adbaClient((s) => {
      notActivated(s, 0xc004f074);
      const p = product(s);
      p.adActivationObjectName = null;
      p.adActivationObjectDn = null;
      p.adActivationCsvlkSkuId = null;
      p.adActivationCsvlkPid = null;
    }),
    verdict: 'not-activated',
    top: null,
    neverFinds: ['gvlk-without-kms', 'kms-srv-missing', 'adba-no-windows-object'],
    neverOffers: ['install-key-and-activate', 'set-kms-host'],
  },
  {
    name: 'adba-forest-unreadable',
    story: 'A domain PC with the KMS client key, no KMS host in DNS, and the LDAP read of the forest timed out: whether AD-based activation serves it is unknown, so "no KMS host" is not claimed.',
    snapshot: adbaClient((s) => {
      notActivated(s, 0xc004f074);
      const p = product(s);
      p.adActivationObjectName = null;
      p.adActivationObjectDn = null;
      p.adActivationCsvlkSkuId = null;
      s.windows.adba = unavailable('timed-out', 'adba.ps1 did not finish within 20 s');
    }),
    verdict: 'not-activated',
    top: null,
    neverFinds: ['gvlk-without-kms'],
  },
  {
    name: 'adba-office-objects-only',
    story: "The forest's only activation object was made from the Office LTSC 2021 host key; Windows clients with the GVLK and no KMS host stay unactivated (0xC004F081).",
    snapshot: adbaClient((s) => {
      notActivated(s, 0xc004f081);
      const p = product(s);
      p.adActivationObjectName = null;
      p.adActivationObjectDn = null;
      p.adActivationCsvlkSkuId = null;
      adbaOf(s).objects = [activationObject('Office LTSC 2021', OFFICE_2021_CSVLK_SKU, '6F7TH')];
    }),
    verdict: 'not-activated',
    top: 'adba-no-windows-object',
    topSays: [/Office/, /CSVLK/],
    severities: { 'adba-no-windows-object': 'blocker' },
  },
  {
    name: 'adba-left-domain',
    story: 'A laptop activated by Active Directory was taken out of the domain (now in a workgroup); still activated until the next restart.',
    snapshot: adbaClient((s) => {
      const net = netOf(s);
      net.partOfDomain = false;
      net.domain = 'WORKGROUP';
      net.workgroup = 'WORKGROUP';
      s.windows.adba = unavailable('not-applicable', 'not a domain member');
    }),
    verdict: 'activated',
    top: 'adba-left-domain',
    severities: { 'adba-left-domain': 'warning' },
    topSays: [/next restart/, /[Rr]ejoin|join the computer to the domain/],
  },
  {
    name: 'adba-object-deleted',
    story: 'An admin cleaned up the activation objects: the object this PC was activated from is gone, only an Office one is left.',
    snapshot: adbaClient((s) => {
      adbaOf(s).objects = [activationObject('Office LTSC 2021', OFFICE_2021_CSVLK_SKU, '6F7TH')];
    }),
    verdict: 'activated',
    top: 'adba-object-removed',
    severities: { 'adba-object-removed': 'warning' },
    topSays: [/180 days/],
  },
  {
    name: 'act-type-ad-only-in-workgroup',
    story: 'A workgroup PC with the KMS client key, pointed at a KMS host by hand, but limited to AD-based activation (slmgr /act-type 1).',
    snapshot: kmsClientFailing((s) => {
      product(s).vlActivationTypeEnabled = 1;
      const net = netOf(s);
      net.partOfDomain = false;
      net.domain = 'WORKGROUP';
      net.workgroup = 'WORKGROUP';
      s.windows.adba = unavailable('not-applicable', 'not a domain member');
    }, 0xc004f074),
    verdict: 'not-activated',
    alsoFinds: ['activation-type-restricted'],
    top: 'activation-type-restricted',
    topSays: [/act-type 0/],
  },
  {
    name: 'subscription-pro-licence-not-activated',
    story: 'A Windows 11 Pro laptop stepped up to Enterprise E3, whose Pro licence was never activated (0xC004F034), in an organisation that also runs a KMS host.',
    snapshot: subscriptionDevice((s) => {
      const p = product(s);
      p.licenseStatus = 5;
      p.licenseStatusReason = 0xc004f034;
      p.gracePeriodRemainingMinutes = 0;
    }),
    verdict: 'not-activated',
    top: 'subscription-base-not-activated',
    topFixes: ['install-key-and-activate'],
    topSays: [/changepk/, /0xC004F034/],
    neverFinds: ['channel-not-volume'],
    neverOffers: ['install-gvlk', 'set-kms-host', 'set-kms-lookup-domain', 'switch-avma-to-azure-kms'],
  },
  {
    name: 'subscription-active-windows-update-blocked',
    story: 'An Enterprise E3 laptop (SubscriptionStatus 1, Active) where a GPO blocks Windows Update internet locations.',
    snapshot: subscriptionDevice((s) => {
      subscriptionOf(s).windowsUpdateBlocked = true;
    }),
    verdict: 'activated',
    top: 'subscription-update-blocked',
    severities: { 'subscription-update-blocked': 'warning' },
    neverFinds: ['subscription-base-not-activated', 'subscription-not-active'],
  },
  {
    name: 'subscription-expired',
    story: "The user's Enterprise E3 licence was removed: the licensing service says Expired (110) and Windows fell back to Pro.",
    snapshot: subscriptionDevice((s) => {
      osOf(s).editionId = 'Professional';
      osOf(s).caption = 'Microsoft Windows 11 Pro';
      subscriptionOf(s).statusValue = 110;
    }),
    verdict: 'activated',
    top: 'subscription-not-active',
    topSays: [/Expired/, /E3/],
    neverOffers: ['install-gvlk', 'set-kms-host'],
  },
  // --- Windows 10 ESU, Azure Edition attestation, Windows Server 2025 KMS host (issue 16) ---
  {
    name: 'esu-year1-key-installed-not-activated',
    story: 'A Windows 10 22H2 Pro device (MAK-activated Windows): the admin ran slmgr /ipk with the ESU MAK but then plain slmgr /ato, which activates Windows, not ESU.',
    snapshot: windows10((s) => {
      esuOf(s).licences[0] = { ...esuOf(s).licences[0]!, partialProductKey: '4C6R8', productKeyChannel: 'Volume:MAK', licenseStatus: 0, licenseStatusReason: 0xc004f014 };
    }),
    verdict: 'activated',
    top: 'esu-not-activated',
    topFixes: ['install-esu-key'],
    topSays: [/ESU Year 1 key is installed but not activated/, /slmgr \/ato <activation ID>/],
    neverFinds: ['esu-not-enrolled', 'esu-prerequisites-missing'],
    severities: { 'esu-not-activated': 'warning' },
  },
  {
    name: 'esu-year1-only-in-year2',
    story: 'A Windows 10 22H2 Enterprise device activated for ESU Year 1 in 2025; the snapshot is from November 2026 (Year 2) and no Year 2 key was bought.',
    snapshot: windows10((s) => {
      osOf(s).editionId = 'Enterprise';
      esuOf(s).licences[0] = { ...esuOf(s).licences[0]!, partialProductKey: '4C6R8', productKeyChannel: 'Volume:MAK', licenseStatus: 1, licenseStatusReason: 0, gracePeriodRemainingMinutes: null };
    }),
    verdict: 'activated',
    top: 'esu-year-not-covered',
    topFixes: ['install-esu-key'],
    topSays: [/ESU Year 1 is activated, but this is ESU Year 2/],
    neverFinds: ['esu-not-activated', 'esu-not-enrolled'],
  },
  {
    name: 'esu-year2-key-installed-not-activated',
    story: 'A Windows 10 22H2 Enterprise device activated for ESU Year 1; in Year 2 the admin installed the Year 2 MAK but activated with plain slmgr /ato. The one thing left is to activate Year 2, not to buy it.',
    snapshot: windows10((s) => {
      osOf(s).editionId = 'Enterprise';
      esuOf(s).licences[0] = { ...esuOf(s).licences[0]!, partialProductKey: '4C6R8', productKeyChannel: 'Volume:MAK', licenseStatus: 1, licenseStatusReason: 0, gracePeriodRemainingMinutes: null };
      esuOf(s).licences[1] = { ...esuOf(s).licences[1]!, partialProductKey: '7QK2M', productKeyChannel: 'Volume:MAK', licenseStatus: 0, licenseStatusReason: 0xc004f014 };
    }),
    verdict: 'activated',
    top: 'esu-not-activated',
    topFixes: ['install-esu-key'],
    topSays: [/ESU Year 2 key is installed but not activated/],
    neverFinds: ['esu-year-not-covered', 'esu-not-enrolled'],
  },
  {
    name: 'esu-prerequisites-21h2',
    story: 'A Windows 10 21H2 (build 19044) Pro device past the end of support: ESU needs 22H2 with KB5046613, and no ESU licence is on it.',
    snapshot: windows10((s) => {
      osOf(s).build = 19044;
      osOf(s).version = '10.0.19044';
      osOf(s).ubr = 2965;
      esuOf(s).licences = [];
    }),
    verdict: 'activated',
    top: 'esu-prerequisites-missing',
    topSays: [/version 22H2/, /19044\.2965/],
    neverFinds: ['esu-not-enrolled', 'esu-not-activated'],
  },
  {
    name: 'esu-not-enrolled-pro',
    story: 'A Windows 10 22H2 Pro office PC a year after end of support with the ESU licences present but no ESU key.',
    snapshot: windows10(() => {}),
    verdict: 'activated',
    top: 'esu-not-enrolled',
    topFixes: ['install-esu-key'],
    severities: { 'esu-not-enrolled': 'warning' },
  },
  {
    name: 'esu-home-consumer-cannot-tell',
    story: 'A Windows 10 Home laptop brought in by its owner: no ESU key; consumer ESU enrolment does not show in the licensing service.',
    snapshot: windows10((s) => {
      osOf(s).editionId = 'Core';
      osOf(s).caption = 'Microsoft Windows 10 Home';
    }),
    verdict: 'activated',
    top: 'esu-not-enrolled',
    topSays: [/cannot be seen from here/],
    neverOffers: ['install-esu-key'],
    severities: { 'esu-not-enrolled': 'info' },
  },
  {
    name: 'esu-on-azure-vm-needs-no-key',
    story: 'A Windows 10 22H2 VM in Azure: ESU comes at no cost without keys.',
    snapshot: windows10((s) => {
      s.azure = { status: 'ok', value: azure(true), durationMs: 40 };
    }),
    verdict: 'activated',
    top: 'activated',
    neverFinds: ['esu-not-enrolled', 'esu-not-activated', 'esu-prerequisites-missing'],
  },
  {
    name: 'azure-edition-attested-document-fails',
    story: 'A Windows Server 2022 Datacenter: Azure Edition VM behind a proxy that catches 169.254.169.254: IMDS answers the instance request, the attested document times out; the watermark shows though KMS activation succeeded.',
    snapshot: azureEdition((s) => {
      azureOf(s).attestation = { endpoint: 'imds', outcome: 'unreachable', httpStatus: null, detail: 'ETIMEDOUT: no answer within 1000 ms', signer: null };
    }),
    verdict: 'activated',
    top: 'azure-attestation-unreachable',
    topSays: [/cannot get its attested document from IMDS/, /route print/, /fclip\.exe/],
    neverFinds: ['azure-attestation-certificate-missing'],
    severities: { 'azure-attestation-unreachable': 'blocker' },
  },
  {
    name: 'azure-edition-intermediate-in-wrong-store',
    story: 'A Windows Server 2022 Azure Edition VM (before KB5036909) whose Microsoft Azure RSA TLS Issuing CA 04 was imported into Trusted Root instead of Intermediate Certification Authorities.',
    snapshot: azureEdition((s) => {
      osOf(s).ubr = 2340;
      azureCertsOf(s).certificates = [azureIntermediate('CA', 'Microsoft Azure RSA TLS Issuing CA 03'), azureIntermediate('Root', 'Microsoft Azure RSA TLS Issuing CA 04')];
    }),
    verdict: 'activated',
    top: 'azure-attestation-certificate-missing',
    topSays: [/Issuing CA 04 is in the wrong store/, /KB5036909/, /Intermediate Certification Authorities/],
    neverFinds: ['azure-attestation-unreachable'],
  },
  {
    name: 'azure-edition-on-azure-local-without-attestation',
    story: 'A Windows Server 2025 Azure Edition VM on an Azure Local cluster that has not synced with Azure for weeks: no IMDS, and the legacy attestation endpoint does not answer.',
    snapshot: azureEdition((s) => {
      osOf(s).caption = 'Microsoft Windows Server 2025 Datacenter: Azure Edition';
      osOf(s).build = 26100;
      osOf(s).version = '10.0.26100';
      osOf(s).ubr = 4946;
      // On Azure Local, Windows Server VMs carry the generic AVMA key and activate against their host.
      Object.assign(product(s), { description: 'Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel', kmsMachine: null, kmsPort: null, discoveredKmsMachineName: null, avmaHostMachineName: 'HCI-NODE1' });
      s.network.kmsHosts = { status: 'ok', value: [], durationMs: 1 };
      s.network.time = { status: 'ok', value: [], durationMs: 1 };
      s.azure = { status: 'ok', value: { ...azure(false), attestation: { endpoint: 'azure-local-legacy', outcome: 'unreachable', httpStatus: null, detail: 'ETIMEDOUT: no answer within 1000 ms', signer: null } }, durationMs: 1000 };
    }),
    verdict: 'activated',
    top: 'azure-attestation-unreachable',
    topSays: [/neither Azure IMDS nor Azure Local/, /Get-AzureStackHCI/, /Guest Service Interface/, /Sync-AzureStackHCI/],
    severities: { 'azure-attestation-unreachable': 'warning' },
  },
  {
    name: 'ws2025-kms-host-hardware-secured-note',
    story: 'A Windows Server 2025 KMS host after the 2026-08 update: Microsoft now reports hardware-secured readiness (TPM 2.0 attestation); informational only.',
    snapshot: kmsHost((s) => {
      osOf(s).caption = 'Microsoft Windows Server 2025 Standard';
      osOf(s).build = 26100;
      osOf(s).version = '10.0.26100';
      osOf(s).ubr = 4946;
    }),
    verdict: 'activated',
    top: 'kms-host-hardware-security',
    topSays: [/doesn't affect activation/, /Get-TpmSupportedFeature -FeatureList "Key Attestation"/, /Windows Server Catalog/],
    severities: { 'kms-host-hardware-security': 'info' },
  },
  // Office beside Windows (issue 16).
  ...OFFICE_SCENARIOS,
];

/** This computer is the KMS host (CSVLK installed, activated, count 30 of 25, rule enabled, sppsvc running). */
function kmsHost(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    const p = product(s);
    p.description = 'Windows(R) Operating System, VOLUME_KMS_W10 channel';
    p.name = 'Windows(R), ServerStandard edition';
    p.isKmsHost = true;
    p.discoveredKmsMachineName = null;
    p.kmsHostProductKeyId = null;
    p.vlActivationType = null;
    const svc = service(s);
    svc.isKmsHost = true;
    svc.kmsCurrentCount = 30;
    svc.requiredClientCount = 5;
    servicesOf(s).sppsvc.status = 'running';
    s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: true, profiles: ['Domain', 'Private'], activeProfiles: ['Domain'] }, durationMs: 80 };
    edit(s);
  });
}

/** A Windows 10 22H2 Pro office PC, retail-activated, a year after end of support: the three ESU licences present without a key. */
function windows10(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    Object.assign(osOf(s), { caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', build: 19045, ubr: 6456, editionId: 'Professional', installationType: 'Client', productType: 1, computerName: 'PC-0142' });
    Object.assign(product(s), {
      activationId: '2de67392-b7a7-462a-b1ca-108dd189f588',
      name: 'Windows(R), Professional edition',
      description: 'Windows(R) Operating System, RETAIL channel',
      licenseFamily: 'Professional',
      productKeyChannel: 'Retail',
      partialProductKey: '3V66T',
      licenseStatusReason: 0,
      gracePeriodRemainingMinutes: null,
      discoveredKmsMachineName: null,
      discoveredKmsPort: null,
      discoveredKmsIpAddress: null,
      kmsHostProductKeyId: null,
      vlActivationType: null,
    });
    s.windows.esu = { status: 'ok', value: esuLicences(), durationMs: 420 };
    edit(s);
  });
}

/** A Windows Server 2022 Datacenter: Azure Edition VM in Azure, KMS-activated against Azure KMS, attestation healthy. */
function azureEdition(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    Object.assign(osOf(s), { caption: 'Microsoft Windows Server 2022 Datacenter: Azure Edition', version: '10.0.20348', build: 20348, ubr: 2966, editionId: 'ServerDatacenter', computerName: 'AZ-APP01' });
    Object.assign(product(s), { name: 'Windows(R), ServerDatacenter edition', licenseFamily: 'ServerDatacenter', partialProductKey: 'KHMXV', kmsMachine: 'azkms.core.windows.net', kmsPort: 1688, discoveredKmsMachineName: 'azkms.core.windows.net' });
    s.azure = { status: 'ok', value: { ...azure(true), sku: '2022-datacenter-azure-edition', attestation: signedAttestation() }, durationMs: 60 };
    s.windows.azureCertificates = { status: 'ok', value: { certificates: [azureIntermediate('CA', 'Microsoft Azure RSA TLS Issuing CA 04')] }, durationMs: 90 };
    s.network.srv = { status: 'ok', value: [], durationMs: 10 };
    s.network.kmsHosts = { status: 'ok', value: [hostCheck('azkms.core.windows.net', 'open', ['configured', 'azure'])], durationMs: 12 };
    s.network.time = { status: 'ok', value: [timeCheck('azkms.core.windows.net', 900)], durationMs: 8 };
    edit(s);
  });
}

/** Windows 11 Enterprise (GVLK) activated by Active Directory from the forest's Windows activation object; no KMS host or _vlmcs record. */
function adbaClient(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    Object.assign(osOf(s), { caption: 'Microsoft Windows 11 Enterprise', version: '10.0.26100', build: 26100, ubr: 4351, editionId: 'Enterprise', installationType: 'Client', productType: 1, computerName: 'PC-0412' });
    const p = product(s);
    Object.assign(p, {
      activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
      name: 'Windows(R), Enterprise edition',
      licenseFamily: 'Enterprise',
      partialProductKey: '2YT43',
      licenseStatusReason: 0x4004f401,
      gracePeriodRemainingMinutes: 259_200,
      discoveredKmsMachineName: null,
      discoveredKmsPort: null,
      discoveredKmsIpAddress: null,
      kmsHostProductKeyId: null,
      vlActivationType: 1,
    });
    const ao = activationObject('Windows Server 2022 CSVLK', WINDOWS_CSVLK_SKU, '8XDDG');
    Object.assign(p, { adActivationObjectName: ao.name, adActivationObjectDn: ao.dn, adActivationCsvlkPid: ao.csvlkPid, adActivationCsvlkSkuId: ao.csvlkSkuId });
    adbaOf(s).objects = [ao, activationObject('Office LTSC 2021', OFFICE_2021_CSVLK_SKU, '6F7TH')];
    s.network.srv = { status: 'ok', value: [srvMissing('corp.example')], durationMs: 15 };
    s.network.kmsHosts = unavailable('no-candidates', 'no KMS host to check');
    s.network.time = unavailable('no-candidates', 'no KMS host to check');
    edit(s);
  });
}

/** Windows 11 Pro (OEM firmware key) stepped up to Enterprise by an E3 subscription; SubscriptionStatus 1 (Active). */
function subscriptionDevice(edit: (s: Snapshot) => void): Snapshot {
  return scenario((s) => {
    Object.assign(osOf(s), { caption: 'Microsoft Windows 11 Enterprise', version: '10.0.26100', build: 26100, ubr: 6584, editionId: 'Enterprise', installationType: 'Client', productType: 1, computerName: 'LT-SALES-07' });
    const p = product(s);
    Object.assign(p, {
      activationId: 'bd3762d7-270d-4760-8fb3-d829ca45278a',
      name: 'Windows(R), Professional edition',
      description: 'Windows(R) Operating System, OEM_DM channel',
      licenseFamily: 'Professional',
      productKeyChannel: 'OEM:DM',
      partialProductKey: 'WFG6P',
      licenseStatus: 1,
      licenseStatusReason: 0x4004f401,
      gracePeriodRemainingMinutes: null,
      discoveredKmsMachineName: null,
      discoveredKmsPort: null,
      discoveredKmsIpAddress: null,
      kmsHostProductKeyId: null,
      vlActivationType: null,
    });
    service(s).oa3OriginalProductKeyDescription = '[4.0] Professional OEM';
    // Entra joined: not an AD domain member to CIM.
    Object.assign(netOf(s), { partOfDomain: false, domain: 'WORKGROUP', workgroup: 'WORKGROUP' });
    s.windows.adba = unavailable('not-applicable', 'not a domain member');
    Object.assign(subscriptionOf(s), { properties: ['SubscriptionType', 'SubscriptionStatus', 'SubscriptionExpiry', 'SubscriptionEdition'], typeValue: 0, statusValue: 1, expiry: '0', edition: 'Enterprise' });
    edit(s);
  });
}
