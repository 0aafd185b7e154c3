/**
 * Where every fact in shared/knowledge comes from. Tags match section 0 of the activation fact
 * dossier (plus a few for Windows SDK error names); every record in every table lists at least one
 * tag, so the UI and the CLI can always show the page a fact was copied from.
 */

export type Publisher = 'microsoft' | 'third-party';

export interface Source {
  title: string;
  url: string;
  publisher: Publisher;
  /** Why this source needs care: an older copy, a mirror, a third-party observation. */
  note?: string;
}

const TROUBLESHOOT_SERVER = 'https://learn.microsoft.com/troubleshoot/windows-server/licensing-and-activation/';
const TROUBLESHOOT_CLIENT = 'https://learn.microsoft.com/troubleshoot/windows-client/licensing-and-activation/';
const TROUBLESHOOT_AZURE = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/';
const SERVER_GET_STARTED = 'https://learn.microsoft.com/windows-server/get-started/';
const VOLUME_ACTIVATION = 'https://learn.microsoft.com/windows/deployment/volume-activation/';

const ms = (title: string, url: string, note?: string): Source =>
  note === undefined ? { title, url, publisher: 'microsoft' } : { title, url, publisher: 'microsoft', note };

export const SOURCES = {
  'SA-ERR': ms('Troubleshoot Windows activation error codes', `${TROUBLESHOOT_SERVER}troubleshoot-activation-error-codes`),
  'WSD-ERR': ms('Resolve Windows activation error codes', `${SERVER_GET_STARTED}activation-error-codes`, 'Older copy (2019) of the same table; identical codes.'),
  'SA-F074': ms('Error 0xC004F074 when you activate Windows', `${TROUBLESHOOT_SERVER}error-0xc004f074-activate-windows`),
  'SA-F06C': ms('Error 0xC004F06C when you activate Windows', `${TROUBLESHOOT_SERVER}error-0xc004f06c-activate-windows`),
  'SA-F038': ms('Activation error 0xC004F038: insufficient KMS host pool count', `${TROUBLESHOOT_SERVER}activation-error-0xc004cf038-insufficient-kms-host-pool-count`),
  'SA-F042': ms('Activation error 0xC004F042: the specified KMS cannot be used', `${TROUBLESHOOT_SERVER}activation-error-0xc004cf042-cant-use-specified-kms`),
  'SA-C008': ms('Activation error 0xC004C008: the product key could not be used', `${TROUBLESHOOT_SERVER}activation-error-0xc004c008-product-key-not-used`),
  'SA-232B': ms('Activation error 0x8007232B: DNS name does not exist', `${TROUBLESHOOT_SERVER}activation-error-0x8007232b-dns-name-does-not-exist`),
  'SA-0005': ms('Error 0x80070005: access denied when activating', `${TROUBLESHOOT_SERVER}error-0x80070005-access-denied`),
  'SA-F015': ms('Error 0xC004F015 when you activate Windows 10 Enterprise on a KMS host', `${TROUBLESHOOT_SERVER}error-0xc004f015-activate-windows-10`),
  'SA-E002': ms('Error 0xC004E002 during activation', `${TROUBLESHOOT_SERVER}error-0xc004e002-during-activation`),
  'SA-E015': ms('Error 0xC004E015 (SL_E_EUL_CONSUMPTION_FAILED) when activating Windows', `${TROUBLESHOOT_SERVER}error-0xc004e015-sl-e-eul-consumption-failed-activate-windows`),
  'SA-TOK': ms('Rebuild the Tokens.dat file', `${TROUBLESHOOT_SERVER}rebuild-tokens-dotdat-file`),
  'SA-8198': ms('Error 0xC0020017 or 0x8007139F: KMS contact failure (SPP event 8198)', `${TROUBLESHOOT_SERVER}activation-event-8198-error-0xc0020017-0x8007139f-kms-contact-failure`),
  'SA-1058': ms('Application event log warning ID 1058', `${TROUBLESHOOT_SERVER}application-event-log-warning-id-1058`),
  'SA-12293': ms('Event 12293 when publishing the KMS host to DNS', `${TROUBLESHOOT_SERVER}event-12293-error-0x800723-set-kms-host`),
  'SA-ADBA': ms('Troubleshoot ADBA clients that do not activate', `${TROUBLESHOOT_SERVER}troubleshoot-adba-clients-not-activate`),
  'SA-CMID': ms('KMS current count does not increase', `${TROUBLESHOOT_CLIENT}kms-current-count-not-increase`),
  'AZ-TS': ms('Troubleshoot Azure Windows virtual machine activation problems', `${TROUBLESHOOT_AZURE}troubleshoot-activation-problems`),
  'AZ-F074': ms('Windows VM activation error 0xC004F074 in Azure', `${TROUBLESHOOT_AZURE}windows-vm-activation-error-0xc004f074`),
  'AZ-FD': ms('Windows VM activation errors 0xC004FD01 and 0xC004FD02 in Azure', `${TROUBLESHOOT_AZURE}windows-vm-activation-error-0xc004fd01-0xc004fd02`),
  'AZ-ROUTE': ms('Use custom routes to enable KMS activation with forced tunneling', `${TROUBLESHOOT_AZURE}custom-routes-enable-kms-activation`),
  'AZ-NEWIP': ms('Windows activation stopped working (new Azure KMS addresses)', `${TROUBLESHOOT_AZURE}windows-activation-stopped-working`),
  'AZ-05B4': ms('Windows VM activation error 0x800705B4 in Azure', `${TROUBLESHOOT_AZURE}windows-vm-activation-error-0x800705b4`),
  'AZ-DUP': ms('Windows activation: duplicate client machine ID', `${TROUBLESHOOT_AZURE}windows-activation-duplicate-client-machine-id`),
  'AZ-WM': ms('Activation watermark appears on Azure Edition VMs', `${TROUBLESHOOT_AZURE}activation-watermark-appears`),
  'AZ-FAQ': ms('Azure Windows virtual machine activation FAQ', `${TROUBLESHOOT_AZURE}windows-virtual-machine-activation-faq`),
  'AZ-TOOLS': ms('Troubleshooting tools for Windows activation on Azure VMs', `${TROUBLESHOOT_AZURE}windows-activation-troubleshoot-tools`),
  'AZ-DE': ms('Azure Germany developer guide (Microsoft Cloud Germany closed on 29 October 2021)', 'https://learn.microsoft.com/previous-versions/azure/germany/germany-developer-guide'),
  'DO-TS': ms('Troubleshoot volume activation of Office (MAK activation behind an authenticating proxy, KB 921471 / 0x8004FE33)', 'https://learn.microsoft.com/office/troubleshoot/activation/troubleshoot-volume-activation-of-office'),
  'DO-GVLK': ms(
    'GVLKs for KMS and Active Directory-based activation of Office, Project, and Visio',
    'https://learn.microsoft.com/office/volume-license-activation/gvlks',
    'Keys copied from MicrosoftDocs/OfficeDocs-DeployOffice office/volume-license-activation/gvlks.md at c8d0f7157322e8e44fcef65da3075e63709f714d (ms.date 09/18/2024); a later revision has the same keys.',
  ),
  'DO-HOST': ms('Configure a KMS host computer to activate volume licensed versions of Office', 'https://learn.microsoft.com/office/volume-license-activation/configure-a-kms-host-computer-for-office'),
  'DO-KMS': ms('Activate volume licensed versions of Office by using KMS', 'https://learn.microsoft.com/office/volume-license-activation/activate-office-by-using-kms'),
  'DO-TOOLS': ms('Tools to manage volume activation of Office (ospp.vbs, slmgr.vbs, VAMT)', 'https://learn.microsoft.com/office/volume-license-activation/tools-to-manage-volume-activation-of-office', 'Still lists the old Office LTSC 2024 KMS host activation ID (8D368FC1-...); the KMS host page has the current one.'),
  'DO-VNEXT': ms('Using the vNextDiag script (licensing of Microsoft 365 Apps)', 'https://learn.microsoft.com/microsoft-365-apps/licensing-activation/vnextdiag'),
  'OS-F038': ms(
    'Error 0xC004F038: computer could not be activated (Office KMS count)',
    'https://github.com/MicrosoftDocs/OfficeDocs-Support/blob/a17e644ff43928bec32ecd702575aaaa8b7c5ea8/Office/OfficeExperts/administration/0xc004f038-computer-not-activate.md',
    'Read in the MicrosoftDocs source repository (ms.date 06/06/2024).',
  ),
  'OS-ROGUE': ms(
    'Discover and remove unauthorized Office and Windows KMS hosts',
    'https://github.com/MicrosoftDocs/OfficeDocs-Support/blob/a17e644ff43928bec32ecd702575aaaa8b7c5ea8/Office/OfficeExperts/activation/discover-remove-unauthorized-office-windows-kms-hosts.md',
    'Read in the MicrosoftDocs source repository (ms.date 06/06/2024).',
  ),
  'OS-2NDKMS': ms(
    'Guidance on installing a second KMS host for Office',
    'https://github.com/MicrosoftDocs/OfficeDocs-Support/blob/a17e644ff43928bec32ecd702575aaaa8b7c5ea8/Office/OfficeExperts/installation/guidance-on-installing-a-second-kms-host-for-office.md',
    'Read in the MicrosoftDocs source repository (ms.date 06/06/2024).',
  ),
  'OS-C2RIDS': ms('Product IDs that are supported by the Office Deployment Tool for Click-to-Run', 'https://github.com/MicrosoftDocs/OfficeDocs-Support/blob/e802bb519f4555a25fd9eed17a456628a2afa077/Microsoft365/admin/installation/product-ids-supported-office-deployment-click-to-run.md', 'Read in the MicrosoftDocs source repository (ms.date 03/31/2024).'),
  'OSPP-SRC': ms(
    'ospp.vbs for Office 2013 (Microsoft-signed; public copy)',
    'https://github.com/jasonadsit/powershell-scripts/blob/09c5ded8c3db356ada50d119c26c8cd3aaacf179/PsTokenBasedActivation/1.6/ospp.vbs',
    'Microsoft code read from a public copy: the only Microsoft text found that names the Office ApplicationID 0ff1ce15-a989-479d-af46-f275c6370663.',
  ),
  'AZ-IMDS': ms('Azure Instance Metadata Service', 'https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service'),
  'AZ-SCRIPT': ms(
    'Windows_Activation_Validation.ps1 (Azure support scripts)',
    'https://github.com/Azure/azure-support-scripts/blob/4f638fb254c75c8002d89ec8c6b194007fd06a4a/RunCommand/Windows/Windows_Activation_Validation/Windows_Activation_Validation.ps1',
  ),
  'WSD-GVLK': ms('Key Management Services (KMS) client activation and product keys', `${SERVER_GET_STARTED}kms-client-activation-keys`),
  'WSD-GVLK23': ms(
    'Key Management Services (KMS) client activation and product keys (September 2023 revision)',
    `${SERVER_GET_STARTED}kms-client-activation-keys`,
    'Rows only in the 2023-09-05 revision of the page; the live page no longer lists them.',
  ),
  'WSD-AVMA': ms('Automatic Virtual Machine Activation in Windows Server', `${SERVER_GET_STARTED}automatic-vm-activation`),
  'WSD-PLAN': ms('Key Management Services (KMS) activation planning', `${SERVER_GET_STARTED}kms-activation-planning`),
  'WSD-HOST': ms('Create a Key Management Services (KMS) activation host', `${SERVER_GET_STARTED}kms-create-host`),
  'WSD-SLMGR': ms('Slmgr.vbs options for obtaining volume activation information', `${SERVER_GET_STARTED}activation-slmgr-vbs-options`),
  'WSD-DNS': ms('Common troubleshooting procedures for KMS and DNS issues', `${SERVER_GET_STARTED}common-troubleshooting-procedures-kms-dns`),
  'WSD-KMSGEN': ms('Guidelines for troubleshooting the Key Management Service (KMS)', `${SERVER_GET_STARTED}activation-troubleshoot-kms-general`),
  'WSD-2016': ms('Windows Server 2016 activation', `${SERVER_GET_STARTED}server-2016-activation`, 'Older (2018) planning page.'),
  'WSD-CONV': ms('Windows Server upgrade and conversion options', `${SERVER_GET_STARTED}upgrade-conversion-options`),
  'WSD-W32TM': ms(
    'Windows Time service tools and settings',
    'https://learn.microsoft.com/windows-server/networking/windows-time-service/windows-time-service-tools-and-settings',
  ),
  'ITPRO-KMS': ms('Activate using Key Management Service', `${VOLUME_ACTIVATION}activate-using-key-management-service-vamt`),
  'ITPRO-ADBA': ms('Activate using Active Directory-based activation', `${VOLUME_ACTIVATION}activate-using-active-directory-based-activation-client`),
  'ITPRO-PLAN': ms('Plan for volume activation', `${VOLUME_ACTIVATION}plan-for-volume-activation-client`),
  'ITPRO-ADBAOV': ms('Active Directory-Based Activation overview', `${VOLUME_ACTIVATION}active-directory-based-activation-overview`),
  'ITPRO-SUB': ms('Windows subscription activation', 'https://learn.microsoft.com/windows/deployment/windows-subscription-activation'),
  'ITPRO-DEL': ms('Deploy Windows Enterprise licenses', 'https://learn.microsoft.com/windows/deployment/deploy-enterprise-licenses'),
  'ITPRO-VDA': ms('Configure VDA for Windows subscription activation', 'https://learn.microsoft.com/windows/deployment/vda-subscription-activation'),
  'W32-ADS': ms('ms-SPP-Activation-Object class (Active Directory schema)', 'https://learn.microsoft.com/windows/win32/adschema/c-msspp-activationobject'),
  'PS-OSL-AD': ms('Get-ADLicenseInfo (OSLicense module)', 'https://learn.microsoft.com/powershell/module/oslicense/get-adlicenseinfo'),
  'PS-OSL-SUB': ms('Get-SubscriptionLicenseInfo (OSLicense module)', 'https://learn.microsoft.com/powershell/module/oslicense/get-subscriptionlicenseinfo'),
  'DO-ADBA': ms('Activate Office by using Active Directory', 'https://learn.microsoft.com/office/volume-license-activation/activate-office-by-using-active-directory'),
  'W32-SLP': ms('SoftwareLicensingProduct class', 'https://learn.microsoft.com/previous-versions/windows/desktop/sppwmi/softwarelicensingproduct'),
  'W32-SLS': ms('SoftwareLicensingService class', 'https://learn.microsoft.com/previous-versions/windows/desktop/sppwmi/softwarelicensingservice'),
  'TN-WMI': ms(
    'WMI properties and methods for volume activation',
    'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/dn502536(v=ws.11)',
  ),
  'TN-EVT': ms('Windows event log (Volume Activation technical reference)', 'https://learn.microsoft.com/previous-versions//ff793440(v=technet.10)'),
  'TN-UKMS': ms(
    'Understanding KMS',
    'https://learn.microsoft.com/previous-versions/tn-archive/ff793434(v=technet.10)',
    'The priority and weight sentence was read in a verbatim mirror.',
  ),
  'TN-W81': ms(
    'Activate clients running Windows 8.1',
    'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-8.1-and-8/dn613826(v=ws.11)',
  ),
  'SLMGR-SRC': ms(
    'slmgr.vbs (ships with Windows as %SystemRoot%\\System32\\slmgr.vbs; public copy)',
    'https://github.com/winexe0/ActivationStatus/blob/00552b65a10137255be5245a9979ef57e539ff9d/slmgr.vbs',
    'Microsoft code read from a public copy; the script in System32 is authoritative.',
  ),
  SLERR: ms(
    'Windows SDK slerror.h: Software Licensing error codes (public copy)',
    'https://github.com/trcrsired/windows-msvc-sysroot/blob/806b8e8267496862ead64aca4d6273dc056eded0/include/slerror.h',
    'Microsoft header read from a public copy of the SDK headers.',
  ),
  'CB-KMS': {
    title: 'kms_product_keys.json (Cloudbase Windows imaging tools)',
    url: 'https://github.com/cloudbase/windows-imaging-tools/blob/578ad0288ff7b3d3b6b11ab063db91d4fb70f42a/kms_product_keys.json',
    publisher: 'third-party',
    note: 'Edition ID to GVLK map used by image tooling; keys agree with Microsoft.',
  },
  'IT-ESU': ms(
    'Enable Extended Security Updates (ESU)',
    'https://learn.microsoft.com/windows/whats-new/enable-extended-security-updates',
    'Read from forks of MicrosoftDocs/windows-itpro-docs that agree (e.g. meganbradley/windows-itpro-docs@7a2777f0, ms.date 07/16/2025); the upstream copy was not in the index.',
  ),
  'IT-ESUPROG': ms('Extended Security Updates (ESU) program for Windows 10', 'https://learn.microsoft.com/windows/whats-new/extended-security-updates'),
  'AZ-IMDSCC': ms(
    'IMDSCertCheck.ps1 (Azure support scripts)',
    'https://github.com/Azure/azure-support-scripts/blob/7842c240bd5444e26c2ebfe127795feed24a01b4/RunCommand/Windows/IMDSCertCheck/IMDSCertCheck.ps1',
  ),
  'AZ-CA': ms('Azure Certificate Authority details', 'https://learn.microsoft.com/azure/security/fundamentals/azure-ca-details'),
  'AL-VERIF': ms('Azure verification for VMs on Azure Local', 'https://learn.microsoft.com/azure/azure-local/deploy/azure-verification'),
  'AL-ACT': ms('Activate Windows Server VMs on Azure Local', 'https://learn.microsoft.com/azure/azure-local/manage/vm-activate'),
  'WSD-HWS': ms('KMS Hardware-Secured activation', `${SERVER_GET_STARTED}kms-hardware-secured`, 'ms.date 08/05/2026 (MicrosoftDocs/windowsserverdocs@23c6f45b).'),
  'PS-OSLIC': ms('Get-KmsLicenseInfo (OSLicense module, preview)', 'https://learn.microsoft.com/powershell/module/oslicense/get-kmslicenseinfo'),
  'WIN32-ERR': ms('System error codes (Win32)', 'https://learn.microsoft.com/windows/win32/debug/system-error-codes'),
  'WININET-ERR': ms('WinINet error codes', 'https://learn.microsoft.com/windows/win32/wininet/wininet-errors'),
  'MS-ERREF-NTSTATUS': ms('[MS-ERREF] NTSTATUS values', 'https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55'),
  'MS-ERREF-HRESULT': ms('[MS-ERREF] HRESULT', 'https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/0642cb2f-2075-4469-918c-4441e69c548a'),
  'COM-ERR': ms('Structure of COM error codes', 'https://learn.microsoft.com/windows/win32/com/structure-of-com-error-codes'),
  'TP-CHANNELS': {
    title: 'Windows license type: determine if OEM, retail or volume (Ten Forums tutorial)',
    url: 'https://www.tenforums.com/tutorials/49586-windows-license-type-determine-if-oem-retail-volume.html',
    publisher: 'third-party',
    note: 'No Microsoft text read names the OEM_* channel strings; this is a third-party observation.',
  },
} as const satisfies Record<string, Source>;

export type SourceTag = keyof typeof SOURCES;

export const SOURCE_TAGS = Object.keys(SOURCES) as SourceTag[];

export interface ResolvedSource extends Source {
  tag: SourceTag;
}

export function resolveSource(tag: SourceTag): ResolvedSource {
  return { tag, ...SOURCES[tag] };
}

export function resolveSources(tags: readonly SourceTag[]): ResolvedSource[] {
  return tags.map(resolveSource);
}

export const isSourceTag = (value: string): value is SourceTag => Object.prototype.hasOwnProperty.call(SOURCES, value);

/** The URL behind a tag; null for a string that is not a known tag. */
export function sourceUrl(tag: string): string | null {
  return isSourceTag(tag) ? SOURCES[tag].url : null;
}
