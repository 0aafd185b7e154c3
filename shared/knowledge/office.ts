/**
 * Office volume activation (Office 2016, 2019, LTSC 2021, LTSC 2024 on Windows 8 and later): the
 * ApplicationID its licences carry in the Software Licensing Service, Microsoft's published KMS
 * client keys (GVLKs), the Office KMS host's activation IDs and volume licence packs, the
 * activation threshold, and the Click-to-Run product IDs of Microsoft 365 Apps (subscription,
 * not SPP). Office is chosen by its licence family (a licence-file identifier such as
 * "Office19ProPlus2019VL_KMS_Client_AE", never localized), never by the displayed name.
 */
import type { SourceTag } from './sources';

/** SoftwareLicensingProduct.ApplicationID of Office 2013 and later (Microsoft's ospp.vbs: OfficeAppId). */
export const OFFICE_APPLICATION_ID = '0ff1ce15-a989-479d-af46-f275c6370663';
export const OFFICE_APPLICATION_ID_SOURCES: readonly SourceTag[] = ['OSPP-SRC'];

export const OFFICE_VERSIONS = ['2016', '2019', '2021', '2024'] as const;
export type OfficeVersion = (typeof OFFICE_VERSIONS)[number];

/** How Microsoft names each version on its pages. */
export const OFFICE_VERSION_NAMES: Record<OfficeVersion, string> = { '2016': 'Office 2016', '2019': 'Office 2019', '2021': 'Office LTSC 2021', '2024': 'Office LTSC 2024' };

export interface OfficeGvlkRecord {
  version: OfficeVersion;
  /** The product token of the licence family (ProPlus, Standard, ProjectPro, VisioStd, Word ...). */
  product: string;
  /** The row label on Microsoft's page, verbatim. */
  publishedAs: string;
  key: string;
  sources: SourceTag[];
}

type Row = [version: OfficeVersion, product: string, publishedAs: string, key: string];

// Copied mechanically from "GVLKs for KMS and Active Directory-based activation of Office, Project,
// and Visio" (DO-GVLK). The LTSC 2024 table has no Publisher key and 2019 to 2024 no OneNote key;
// the retired "Office Mondo 2016" row of older revisions is left out on purpose.
const ROWS: Row[] = [
  ['2024', 'ProPlus', 'Office LTSC Professional Plus 2024', 'XJ2XN-FW8RK-P4HMP-DKDBV-GCVGB'],
  ['2024', 'Standard', 'Office LTSC Standard 2024', 'V28N4-JG22K-W66P8-VTMGK-H6HGR'],
  ['2024', 'ProjectPro', 'Project Professional 2024', 'FQQ23-N4YCY-73HQ3-FM9WC-76HF4'],
  ['2024', 'ProjectStd', 'Project Standard 2024', 'PD3TT-NTHQQ-VC7CY-MFXK3-G87F8'],
  ['2024', 'VisioPro', 'Visio LTSC Professional 2024', 'B7TN8-FJ8V3-7QYCP-HQPMV-YY89G'],
  ['2024', 'VisioStd', 'Visio LTSC Standard 2024', 'JMMVY-XFNQC-KK4HK-9H7R3-WQQTV'],
  ['2024', 'Access', 'Access LTSC 2024', '82FTR-NCHR7-W3944-MGRHM-JMCWD'],
  ['2024', 'Excel', 'Excel LTSC 2024', 'F4DYN-89BP2-WQTWJ-GR8YC-CKGJG'],
  ['2024', 'Outlook', 'Outlook LTSC 2024', 'D2F8D-N3Q3B-J28PV-X27HD-RJWB9'],
  ['2024', 'PowerPoint', 'PowerPoint LTSC 2024', 'CW94N-K6GJH-9CTXY-MG2VC-FYCWP'],
  ['2024', 'SkypeForBusiness', 'Skype for Business LTSC 2024', '4NKHF-9HBQF-Q3B6C-7YV34-F64P3'],
  ['2024', 'Word', 'Word LTSC 2024', 'MQ84N-7VYDM-FXV7C-6K7CC-VFW9J'],
  ['2021', 'ProPlus', 'Office LTSC Professional Plus 2021', 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH'],
  ['2021', 'Standard', 'Office LTSC Standard 2021', 'KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3'],
  ['2021', 'ProjectPro', 'Project Professional 2021', 'FTNWT-C6WBT-8HMGF-K9PRX-QV9H8'],
  ['2021', 'ProjectStd', 'Project Standard 2021', 'J2JDC-NJCYY-9RGQ4-YXWMH-T3D4T'],
  ['2021', 'VisioPro', 'Visio LTSC Professional 2021', 'KNH8D-FGHT4-T8RK3-CTDYJ-K2HT4'],
  ['2021', 'VisioStd', 'Visio LTSC Standard 2021', 'MJVNY-BYWPY-CWV6J-2RKRT-4M8QG'],
  ['2021', 'Access', 'Access LTSC 2021', 'WM8YG-YNGDD-4JHDC-PG3F4-FC4T4'],
  ['2021', 'Excel', 'Excel LTSC 2021', 'NWG3X-87C9K-TC7YY-BC2G7-G6RVC'],
  ['2021', 'Outlook', 'Outlook LTSC 2021', 'C9FM6-3N72F-HFJXB-TM3V9-T86R9'],
  ['2021', 'PowerPoint', 'PowerPoint LTSC 2021', 'TY7XF-NFRBR-KJ44C-G83KF-GX27K'],
  ['2021', 'Publisher', 'Publisher LTSC 2021', '2MW9D-N4BXM-9VBPG-Q7W6M-KFBGQ'],
  ['2021', 'SkypeForBusiness', 'Skype for Business LTSC 2021', 'HWCXN-K3WBT-WJBKY-R8BD9-XK29P'],
  ['2021', 'Word', 'Word LTSC 2021', 'TN8H9-M34D3-Y64V9-TR72V-X79KV'],
  ['2019', 'ProPlus', 'Office Professional Plus 2019', 'NMMKJ-6RK4F-KMJVX-8D9MJ-6MWKP'],
  ['2019', 'Standard', 'Office Standard 2019', '6NWWJ-YQWMR-QKGCB-6TMB3-9D9HK'],
  ['2019', 'ProjectPro', 'Project Professional 2019', 'B4NPR-3FKK7-T2MBV-FRQ4W-PKD2B'],
  ['2019', 'ProjectStd', 'Project Standard 2019', 'C4F7P-NCP8C-6CQPT-MQHV9-JXD2M'],
  ['2019', 'VisioPro', 'Visio Professional 2019', '9BGNQ-K37YR-RQHF2-38RQ3-7VCBB'],
  ['2019', 'VisioStd', 'Visio Standard 2019', '7TQNQ-K3YQQ-3PFH7-CCPPM-X4VQ2'],
  ['2019', 'Access', 'Access 2019', '9N9PT-27V4Y-VJ2PD-YXFMF-YTFQT'],
  ['2019', 'Excel', 'Excel 2019', 'TMJWT-YYNMB-3BKTF-644FC-RVXBD'],
  ['2019', 'Outlook', 'Outlook 2019', '7HD7K-N4PVK-BHBCQ-YWQRW-XW4VK'],
  ['2019', 'PowerPoint', 'PowerPoint 2019', 'RRNCX-C64HY-W2MM7-MCH9G-TJHMQ'],
  ['2019', 'Publisher', 'Publisher 2019', 'G2KWX-3NW6P-PY93R-JXK2T-C9Y9V'],
  ['2019', 'SkypeForBusiness', 'Skype for Business 2019', 'NCJ33-JHBBY-HTK98-MYCV8-HMKHJ'],
  ['2019', 'Word', 'Word 2019', 'PBX3G-NWMT6-Q7XBW-PYJGG-WXD33'],
  ['2016', 'ProPlus', 'Office Professional Plus 2016', 'XQNVK-8JYDB-WJ9W3-YJ8YR-WFG99'],
  ['2016', 'Standard', 'Office Standard 2016', 'JNRGM-WHDWX-FJJG3-K47QV-DRTFM'],
  ['2016', 'ProjectPro', 'Project Professional 2016', 'YG9NW-3K39V-2T3HJ-93F3Q-G83KT'],
  ['2016', 'ProjectStd', 'Project Standard 2016', 'GNFHQ-F6YQM-KQDGJ-327XX-KQBVC'],
  ['2016', 'VisioPro', 'Visio Professional 2016', 'PD3PC-RHNGV-FXJ29-8JK7D-RJRJK'],
  ['2016', 'VisioStd', 'Visio Standard 2016', '7WHWN-4T7MP-G96JF-G33KR-W8GF4'],
  ['2016', 'Access', 'Access 2016', 'GNH9Y-D2J4T-FJHGG-QRVH7-QPFDW'],
  ['2016', 'Excel', 'Excel 2016', '9C2PK-NWTVB-JMPW8-BFT28-7FTBF'],
  ['2016', 'OneNote', 'OneNote 2016', 'DR92N-9HTF2-97XKM-XW2WJ-XW3J6'],
  ['2016', 'Outlook', 'Outlook 2016', 'R69KK-NTPKF-7M3Q4-QYBHW-6MT9B'],
  ['2016', 'PowerPoint', 'PowerPoint 2016', 'J7MQP-HNJ4Y-WJ7YM-PFYGF-BY6C6'],
  ['2016', 'Publisher', 'Publisher 2016', 'F47MM-N3XJP-TQXJ9-BP99D-8K837'],
  ['2016', 'SkypeForBusiness', 'Skype for Business 2016', '869NQ-FJ69K-466HW-QYCP2-DDBV6'],
  ['2016', 'Word', 'Word 2016', 'WXY84-JN2Q9-RBCCQ-3Q3J3-3PFJ6'],
];

export const OFFICE_GVLKS: readonly OfficeGvlkRecord[] = ROWS.map(([version, product, publishedAs, key]) => ({ version, product, publishedAs, key, sources: ['DO-GVLK'] }));

/** The suites, Project and Visio (the products most installs carry); the single apps follow them in OFFICE_GVLKS. */
export const OFFICE_SUITE_PRODUCTS = ['ProPlus', 'Standard', 'ProjectPro', 'ProjectStd', 'VisioPro', 'VisioStd'] as const;

/** An Office licence as its licence family names it. */
export interface OfficeSku {
  version: OfficeVersion;
  product: string;
  /** VL = volume (KMS client or MAK licence), R = retail or subscription. */
  licensing: 'volume' | 'retail';
  /** The rest of the family: KMS_Client_AE, MAK_AE, Retail, Subscription1 ... */
  kind: string;
}

const VERSION_BY_PREFIX: Record<string, OfficeVersion> = { '16': '2016', '19': '2019', '21': '2021', '24': '2024' };

/**
 * "Office19ProPlus2019VL_KMS_Client_AE" -> 2019 ProPlus volume KMS_Client_AE. The pattern
 * (Office<nn><product>[<year>]VL_ or R_) is derived from the licence names Office shows in
 * ospp.vbs /dstatus; no Microsoft page lists the families, so anything else is "unknown" (null).
 */
export function officeSkuFromFamily(family: string | null | undefined): OfficeSku | null {
  if (!family) return null;
  const m = /^Office(\d{2})([A-Za-z]+?)(2019|2021|2024)?(VL|R)_([A-Za-z0-9_]{1,60})$/.exec(family.trim());
  if (!m) return null;
  const version = (m[3] as OfficeVersion | undefined) ?? VERSION_BY_PREFIX[m[1]!];
  if (!version) return null;
  return { version, product: m[2]!, licensing: m[4] === 'VL' ? 'volume' : 'retail', kind: m[5]! };
}

/** "Office LTSC Professional Plus 2021" from the licence family, else "<product> (<version>)", else the licence name. */
export function officeProductLabel(family: string | null | undefined, name: string): string {
  const sku = officeSkuFromFamily(family);
  if (!sku) return name || 'Office';
  const record = OFFICE_GVLKS.find((r) => r.version === sku.version && r.product === sku.product);
  return record ? record.publishedAs : `${sku.product} (${OFFICE_VERSION_NAMES[sku.version]})`;
}

/** The published GVLK for an Office licence family, or why there is none. */
export function officeGvlkFor(family: string | null | undefined): { kind: 'key'; record: OfficeGvlkRecord } | { kind: 'none'; reason: string } {
  const sku = officeSkuFromFamily(family);
  if (!sku) return { kind: 'none', reason: `the Office licence family ${family ? `"${family.slice(0, 80)}"` : '(not reported)'} is not one Activation Doctor knows (Office 2016, 2019, LTSC 2021 or LTSC 2024)` };
  const record = OFFICE_GVLKS.find((r) => r.version === sku.version && r.product === sku.product);
  if (!record) return { kind: 'none', reason: `Microsoft publishes no KMS client key for ${sku.product} in ${OFFICE_VERSION_NAMES[sku.version]}` };
  return { kind: 'key', record };
}

/** The published Office GVLK with this exact key, if any (for refusing it where another key is meant). */
export const findOfficeGvlk = (key: string): OfficeGvlkRecord | undefined => OFFICE_GVLKS.find((r) => r.key === key);

export interface OfficeKmsHostRecord {
  version: OfficeVersion;
  /** Activation IDs of the Office KMS host licence (slmgr /dlv, /ato, /dti <ID>); the first is current. */
  activationIds: string[];
  /** The Microsoft Download Center page of the version's Office Volume License Pack. */
  volumeLicensePack: string;
  /** Host operating systems Microsoft supports for this version's KMS host key. */
  hostOs: string;
  sources: SourceTag[];
}

const download = (id: number) => `https://www.microsoft.com/download/details.aspx?id=${id}`;

/**
 * One KMS host serves Windows and Office; for Office it needs the version's volume licence pack and
 * an activated Office KMS host key, per version (DO-HOST). LTSC 2024's ID was corrected on the host
 * page in September 2024; the tools page still shows the old one, kept as a second ID.
 */
export const OFFICE_KMS_HOSTS: readonly OfficeKmsHostRecord[] = [
  { version: '2024', activationIds: ['f3d89bbf-c0ec-47ce-a8fa-e5a5f97e447f', '8d368fc1-9470-4be2-8d66-90e836cbb051'], volumeLicensePack: download(106246), hostOs: 'at least Windows Server 2022 or Windows 10 (volume editions)', sources: ['DO-HOST', 'DO-TOOLS'] },
  { version: '2021', activationIds: ['47f3b983-7c53-4d45-abc6-bcd91e2dd90a'], volumeLicensePack: download(103446), hostOs: 'at least Windows Server 2016 or Windows 10', sources: ['DO-HOST'] },
  { version: '2019', activationIds: ['70512334-47b4-44db-a233-be5ea33b914c'], volumeLicensePack: download(57342), hostOs: 'at least Windows Server 2012 or Windows 8.1', sources: ['DO-HOST'] },
  { version: '2016', activationIds: ['98ebfe73-2084-4c97-932c-c0cd1643bea7'], volumeLicensePack: download(49164), hostOs: 'at least Windows Server 2008 R2 or Windows 7 Service Pack 1 (volume editions)', sources: ['DO-HOST'] },
];

export const OFFICE_KMS_HOST_ACTIVATION_IDS: readonly string[] = OFFICE_KMS_HOSTS.flatMap((h) => h.activationIds);

export function officeKmsHostFor(activationId: string): OfficeKmsHostRecord | undefined {
  const id = activationId.toLowerCase();
  return OFFICE_KMS_HOSTS.find((h) => h.activationIds.includes(id));
}

/** "The current count must be 5 or more before KMS clients are activated" (Office KMS host). */
export const OFFICE_ACTIVATION_THRESHOLD = 5;
export const OFFICE_ACTIVATION_THRESHOLD_SOURCES: readonly SourceTag[] = ['DO-HOST', 'DO-KMS', 'OS-F038'];

/**
 * Click-to-Run product IDs of Microsoft 365 Apps (Office Deployment Tool). They are licensed by
 * subscription (the user signs in) and, since Version 1910, not through the Software Licensing
 * Service: KMS keys, hosts and ospp.vbs do not apply to them.
 */
export const MICROSOFT_365_PRODUCT_IDS = ['O365ProPlusRetail', 'O365ProPlusEEANoTeamsRetail', 'O365BusinessRetail', 'O365BusinessEEANoTeamsRetail'] as const;
export const MICROSOFT_365_SOURCES: readonly SourceTag[] = ['OS-C2RIDS', 'DO-VNEXT'];

/** True for a Click-to-Run product ID of Microsoft 365 Apps (every O365* ID is a subscription product). */
export const isMicrosoft365ProductId = (id: string): boolean => /^O365[A-Za-z]+Retail$/.test(id.trim());

/** What to do for Microsoft 365 Apps instead of volume fixes (DO-VNEXT). */
export const MICROSOFT_365_GUIDANCE: readonly string[] = [
  'Microsoft 365 Apps activate when a licensed user signs in (File > Account); a KMS host, a GVLK or ospp.vbs cannot activate them.',
  'List the licences Office holds for this user: "C:\\Program Files\\Microsoft Office\\Office16\\vnextdiag.ps1" -action list (Version 2104 or later; run it in PowerShell as that user).',
  'Reset a broken licence: vnextdiag.ps1 -action remove -LicenseId <the EWW_... licence ID from the list>, or delete the files in %localappdata%\\Microsoft\\Office\\Licenses, then start an Office app and sign in again.',
  'Check the user has a Microsoft 365 Apps licence assigned in the Microsoft 365 admin center.',
];

/**
 * How a technician runs ospp.vbs, the equivalent of what the Office fixes do through CIM. Office
 * 2016 to LTSC 2024 install it in Office16; 32-bit Office on 64-bit Windows under Program Files (x86).
 */
export const ospp = (...args: string[]): string => `cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS" ${args.join(' ')}`;

/** Facts Microsoft states about Office volume activation as a whole. */
export const OFFICE_FACTS: readonly { text: string; sources: SourceTag[] }[] = [
  { text: 'Office volume activation uses the same KMS host as Windows, with its own host key and volume licence pack per Office version.', sources: ['DO-HOST', 'OS-2NDKMS'] },
  { text: 'ospp.vbs changes affect only Office; Windows is configured separately with slmgr.vbs.', sources: ['DO-TOOLS'] },
  { text: 'slmgr.vbs /upk without an activation ID removes the Windows product key: never run it for Office without the Office activation ID.', sources: ['DO-TOOLS', 'OS-ROGUE', 'SLMGR-SRC'] },
  { text: 'The Office KMS client renews every 7 days and stays licensed for 180 days.', sources: ['DO-KMS'] },
  { text: 'Restart the Office applications after activation to pick up the new licence state.', sources: ['DO-TS'] },
];
