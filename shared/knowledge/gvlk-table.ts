/**
 * The KMS client setup key (GVLK) table: every row of Microsoft's "KMS client activation and
 * product keys" page, keys exactly as published, plus the four Windows Server 2012 rows that only
 * the 2023 revision of the page had. Windows 11 and Windows 10 share keys; each gets its own rows
 * so a lookup by build finds the right product name.
 */
import type { ProductFamily, ProductId } from './products';
import type { SourceTag } from './sources';

/** Inclusive build numbers; max null = no upper bound known. */
export interface BuildRange {
  min: number;
  max: number | null;
}

export interface GvlkRecord {
  key: string;
  family: ProductFamily;
  productId: ProductId;
  product: string;
  version: string;
  builds: BuildRange;
  edition: string;
  /** The row label in Microsoft's table. */
  publishedAs: string;
  /** EditionID values (DISM /online /Get-CurrentEdition, "Windows(R), <EditionID> edition" in slmgr /dlv). */
  editionIds: string[];
  /** False when any listed EditionID is not given by a source (vacuously true when none are listed). */
  editionIdSourced: boolean;
  /** Only in the 2023 revision of Microsoft's page. */
  onlyInOlderCopy?: true;
  notes?: string[];
  sources: SourceTag[];
}

type Row = [edition: string, key: string, editionIds: string[], editionIdSourced: boolean, publishedAs?: string];

interface Group {
  family: ProductFamily;
  productId: ProductId;
  product: string;
  version: string;
  builds: BuildRange;
  sources: SourceTag[];
  /** Sources of the rows whose EditionIDs are sourced (the Cloudbase map for servers). */
  sourcedIdSources?: SourceTag[];
  notes?: string[];
  onlyInOlderCopy?: true;
  /** How Microsoft labels a row when it is not "<product> <edition>". */
  label?: (edition: string) => string;
}

function group(g: Group, rows: Row[]): GvlkRecord[] {
  return rows.map(([edition, key, editionIds, editionIdSourced, publishedAs]) => {
    const record: GvlkRecord = {
      key,
      family: g.family,
      productId: g.productId,
      product: g.product,
      version: g.version,
      builds: g.builds,
      edition,
      publishedAs: publishedAs ?? (g.label ? g.label(edition) : `${g.product} ${edition}`),
      editionIds,
      editionIdSourced,
      sources: editionIds.length > 0 && editionIdSourced && g.sourcedIdSources ? [...g.sources, ...g.sourcedIdSources] : [...g.sources],
    };
    if (g.onlyInOlderCopy) record.onlyInOlderCopy = true;
    if (g.notes) record.notes = [...g.notes];
    return record;
  });
}

const SERVER: ProductFamily = 'windows-server';
const CLIENT: ProductFamily = 'windows-client';
const GVLK: SourceTag[] = ['WSD-GVLK'];
const STD = ['ServerStandard', 'ServerStandardCore'];
const DC = ['ServerDatacenter', 'ServerDatacenterCore'];
// Not in Microsoft's documentation: the EditionID of Datacenter: Azure Edition.
const AZURE_EDITION = ['ServerTurbine'];
const ESSENTIALS = ['ServerSolution'];
const AZURE_EDITION_NOTE = 'Datacenter: Azure Edition is activated by Azure and cannot be a KMS host; its EditionID (ServerTurbine) is not in Microsoft\'s documentation.';
const IOT_NOTE = 'For ImageVersion 10.0.19044.2905 or later, see "Windows IoT Enterprise LTSC in Volume License".';
const SAC_NOTE = 'Windows Server Semi-Annual Channel is retired; version 20H2 reached end of service on 9 August 2022. SAC releases were Server Core only.';
const sacLabel = (edition: string): string => `Windows Server ${edition}`;

const serverLtsc = (productId: ProductId, year: string, build: number, notes?: string[]): Group => ({
  family: SERVER,
  productId,
  product: `Windows Server ${year}`,
  version: year,
  builds: { min: build, max: build },
  sources: GVLK,
  sourcedIdSources: ['CB-KMS'],
  ...(notes ? { notes } : {}),
});

const sac = (version: string, build: number): Group => ({
  family: SERVER,
  productId: 'server-sac',
  product: `Windows Server, version ${version}`,
  version,
  builds: { min: build, max: build },
  sources: GVLK,
  notes: [SAC_NOTE],
  label: sacLabel,
});

const SAC_1809_TO_20H2: Row[] = [
  ['Standard', 'N2KJX-J94YW-TQVFB-DG9YT-724CC', ['ServerStandardACor'], false],
  ['Datacenter', '6NMRW-2C8FM-D24W7-TQWMY-CWH2D', ['ServerDatacenterACor'], false],
];

const GA_CLIENT_ROWS: Row[] = [
  ['Pro', 'W269N-WFGWX-YVC9B-4J6C9-T83GX', ['Professional'], false],
  ['Pro N', 'MH37W-N47XK-V7XM9-C7227-GCQG9', ['ProfessionalN'], false],
  ['Pro for Workstations', 'NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J', ['ProfessionalWorkstation'], false],
  ['Pro for Workstations N', '9FNHH-K3HBT-3W4TD-6383H-6XYWF', ['ProfessionalWorkstationN'], false],
  ['Pro Education', '6TP4R-GNPTD-KYYHQ-7B7DP-J447Y', ['ProfessionalEducation'], false],
  ['Pro Education N', 'YVWGF-BXNMC-HTQYQ-CPQ99-66QFC', ['ProfessionalEducationN'], false],
  ['Education', 'NW6C2-QMPVW-D7KKK-3GKT6-VCFB2', ['Education'], false],
  ['Education N', '2WH4N-8QGBV-H22JP-CT43Q-MDWWJ', ['EducationN'], false],
  ['Enterprise', 'NPPR9-FWDCX-D2C8J-H872K-2YT43', ['Enterprise'], false],
  ['Enterprise N', 'DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4', ['EnterpriseN'], false],
  ['Enterprise G', 'YYVX9-NTFWV-6MDM3-9PT4T-4M68B', ['EnterpriseG'], false],
  ['Enterprise G N', '44RPN-FTY23-9VTTB-MP9BX-T84FV', ['EnterpriseGN'], false],
];

const client = (productId: ProductId, product: string, version: string, builds: BuildRange, notes?: string[]): Group => ({
  family: CLIENT,
  productId,
  product,
  version,
  builds,
  sources: GVLK,
  ...(notes ? { notes } : {}),
});

export const GVLK_RECORDS: readonly GvlkRecord[] = [
  ...group(serverLtsc('server-2025', '2025', 26100, ['No EditionIDs are sourced for Windows Server 2025; the 2022 values are assumed.']), [
    ['Standard', 'TVRH6-WHNXV-R9WG3-9XRFY-MY832', STD, false],
    ['Datacenter', 'D764K-2NDRG-47T6Q-P8T8W-YP6DF', DC, false],
  ]),
  ...group(serverLtsc('server-2025', '2025', 26100, [AZURE_EDITION_NOTE]), [['Datacenter: Azure Edition', 'XGN3F-F394H-FD2MY-PP6FD-8MCRC', AZURE_EDITION, false]]),
  ...group(serverLtsc('server-2022', '2022', 20348), [
    ['Standard', 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H', STD, true],
    ['Datacenter', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33', DC, true],
  ]),
  ...group(serverLtsc('server-2022', '2022', 20348, [AZURE_EDITION_NOTE]), [['Datacenter: Azure Edition', 'NTBV8-9K7Q8-V27C6-M2BTV-KHMXV', AZURE_EDITION, false]]),
  ...group(serverLtsc('server-2019', '2019', 17763), [
    ['Standard', 'N69G4-B89J2-4G8F4-WWYCC-J464C', STD, true],
    ['Datacenter', 'WMDGN-G9PQG-XVVXX-R3X43-63DFG', DC, true],
    ['Essentials', 'WVDHN-86M7X-466P6-VHXV7-YY726', ESSENTIALS, false],
  ]),
  ...group(serverLtsc('server-2016', '2016', 14393), [
    ['Standard', 'WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY', STD, true],
    ['Datacenter', 'CB7KF-BWN84-R7R2Y-793K2-8XDDG', DC, true],
    ['Essentials', 'JCKRF-N37P4-C2D82-9YXRT-4M63B', ESSENTIALS, false],
  ]),
  ...group(sac('20H2', 19042), SAC_1809_TO_20H2),
  ...group(sac('2004', 19041), SAC_1809_TO_20H2),
  ...group(sac('1909', 18363), SAC_1809_TO_20H2),
  ...group(sac('1903', 18362), SAC_1809_TO_20H2),
  ...group(sac('1809', 17763), SAC_1809_TO_20H2),
  ...group(sac('1803', 17134), [
    ['Standard', 'PTXN8-JFHJM-4WC78-MPCBR-9W4KR', ['ServerStandardACor'], false],
    ['Datacenter', '2HXDN-KRXHB-GPYC7-YCKFJ-7FVDG', ['ServerDatacenterACor'], false],
  ]),
  ...group(sac('1709', 16299), [
    ['Standard', 'DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4', ['ServerStandardACor'], false],
    ['Datacenter', '6Y6KB-N82V8-D8CQV-23MJW-BWTG6', ['ServerDatacenterACor'], false],
  ]),
  ...group(serverLtsc('server-2012r2', '2012 R2', 9600), [
    ['Standard', 'D2N9P-3P6X9-2R39C-7RTCD-MDVJX', STD, true],
    ['Datacenter', 'W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9', DC, true],
    ['Essentials', 'KNC87-3J2TX-XB4WP-VCPJV-M4FWM', ESSENTIALS, false],
  ]),
  ...group(serverLtsc('server-2012', '2012', 9200), [
    ['Standard', 'XC9B7-NBPP2-83J2H-RHMBY-92BT4', STD, true],
    ['MultiPoint Standard', 'HM7DN-YVMH3-46JC3-XYTG7-CYQJJ', [], true],
    ['MultiPoint Premium', 'XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G', [], true],
    ['Datacenter', '48HP8-DN98B-MYWDG-T2DCC-8W83P', DC, true],
    ['Essentials', 'HTDQM-NBMMG-KGYDT-2DTKT-J2MPV', ESSENTIALS, false],
  ]),
  ...group(
    {
      ...serverLtsc('server-2012', '2012', 9200, ['Listed only in the September 2023 revision of Microsoft\'s page; the current page dropped this row.']),
      sources: ['WSD-GVLK23'],
      onlyInOlderCopy: true,
      label: (edition) => edition,
    },
    [
      ['Windows Server 2012', 'BN3D2-R7TKB-3YPBD-8DRP2-27GG4', [], true],
      ['Windows Server 2012 N', '8N2M2-HWPGY-7PGT9-HGDD8-GVGGY', [], true],
      ['Windows Server 2012 Single Language', '2WN2H-YGCQR-KFX6K-CD6TF-84YXQ', [], true],
      ['Windows Server 2012 Country Specific', '4K36P-JN4VD-GDC6V-KDT89-DYFKP', [], true],
    ],
  ),
  ...group({ ...serverLtsc('server-2008r2', '2008 R2', 7600), builds: { min: 7600, max: 7601 } }, [
    ['Web', '6TPJF-RBVHG-WBW2R-86QPH-6RTM4', ['ServerWeb'], false],
    ['HPC edition', 'TT8MH-CG224-D3D7Q-498W2-9QCTX', [], true],
    ['Standard', 'YC6KT-GKW9T-YTKYR-T4X34-R7VHC', ['ServerStandard'], true],
    ['Enterprise', '489J6-VHDMP-X63PK-3K798-CPX3Y', ['ServerEnterprise'], false],
    ['Datacenter', '74YFP-3QFB3-KQT8W-PMXWJ-7M648', ['ServerDatacenter'], true],
    ['for Itanium-based Systems', 'GT63C-RJFQ3-4GMB6-BRFB9-CB83V', [], true],
  ]),
  // Build 6003 is included: Windows Server 2008 SP2 reports 6003 after its 2019 servicing updates.
  ...group({ ...serverLtsc('server-2008', '2008', 6001), builds: { min: 6000, max: 6003 }, sourcedIdSources: [] }, [
    ['Web', 'WYR28-R7TFJ-3X2YQ-YCY4H-M249D', ['ServerWeb'], false, 'Windows Web Server 2008'],
    ['Standard', 'TM24T-X9RMF-VWXK6-X8JC9-BFGM2', ['ServerStandard'], false],
    ['Standard without Hyper-V', 'W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ', ['ServerStandardV'], false],
    ['Enterprise', 'YQGMW-MPWTJ-34KDK-48M3W-X4Q6V', ['ServerEnterprise'], false],
    ['Enterprise without Hyper-V', '39BXF-X8Q23-P2WWT-38T2F-G3FPG', ['ServerEnterpriseV'], false],
    ['HPC', 'RCTX3-KWVHP-BR6TB-RB6DM-6X7HP', ['ServerComputeCluster'], false],
    ['Datacenter', '7M67G-PC374-GR742-YH8V4-TCBY3', ['ServerDatacenter'], false],
    ['Datacenter without Hyper-V', '22XQ2-VRXRG-P8D42-K34TD-G3QQC', ['ServerDatacenterV'], false],
    ['for Itanium-Based Systems', '4DWFP-JF3DJ-B7DTH-78FJB-PDRHK', [], true],
  ]),
  ...group(client('win11', 'Windows 11', 'General availability channel', { min: 22000, max: null }), GA_CLIENT_ROWS),
  ...group(client('win10', 'Windows 10', 'General availability channel', { min: 10240, max: 21999 }), GA_CLIENT_ROWS),
  ...group(client('win11-ltsc-2024', 'Windows 11', 'LTSC 2024', { min: 26100, max: 26100 }), [
    ['Enterprise LTSC 2024', 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', ['EnterpriseS'], false],
    ['Enterprise N LTSC 2024', '92NFX-8DJQP-P6BBQ-THF9C-7CG2H', ['EnterpriseSN'], false],
  ]),
  ...group(client('win11-ltsc-2024', 'Windows 11', 'LTSC 2024', { min: 26100, max: 26100 }, [IOT_NOTE]), [
    ['IoT Enterprise LTSC 2024', 'KBN8V-HFGQ4-MGXVD-347P6-PDQGT', ['IoTEnterpriseS'], false, 'Windows IoT Enterprise LTSC 2024'],
  ]),
  ...group(client('win10-ltsc', 'Windows 10', 'LTSC 2021', { min: 19044, max: 19044 }), [
    ['Enterprise LTSC 2021', 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', ['EnterpriseS'], false],
    ['Enterprise N LTSC 2021', '92NFX-8DJQP-P6BBQ-THF9C-7CG2H', ['EnterpriseSN'], false],
  ]),
  ...group(client('win10-ltsc', 'Windows 10', 'LTSC 2021', { min: 19044, max: 19044 }, [IOT_NOTE]), [
    ['IoT Enterprise LTSC 2021', 'KBN8V-HFGQ4-MGXVD-347P6-PDQGT', ['IoTEnterpriseS'], false, 'Windows IoT Enterprise LTSC 2021'],
  ]),
  ...group(client('win10-ltsc', 'Windows 10', 'LTSC 2019', { min: 17763, max: 17763 }), [
    ['Enterprise LTSC 2019', 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', ['EnterpriseS'], false],
    ['Enterprise N LTSC 2019', '92NFX-8DJQP-P6BBQ-THF9C-7CG2H', ['EnterpriseSN'], false],
  ]),
  ...group(client('win10-ltsb-2016', 'Windows 10', 'LTSB 2016', { min: 14393, max: 14393 }), [
    ['Enterprise LTSB 2016', 'DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ', ['EnterpriseS'], false],
    ['Enterprise N LTSB 2016', 'QFFDN-GRT3P-VKWWX-X7T3R-8B639', ['EnterpriseSN'], false],
  ]),
  ...group(client('win10-ltsb-2015', 'Windows 10', 'LTSB 2015', { min: 10240, max: 10240 }), [
    ['Enterprise LTSB 2015', 'WNMTR-4C88C-JK8YV-HQ7T2-76DF9', ['EnterpriseS'], false],
    ['Enterprise N LTSB 2015', '2F77B-TNFGY-69QQF-B8YKP-D69TJ', ['EnterpriseSN'], false],
  ]),
  ...group(client('win81', 'Windows 8.1', '8.1', { min: 9600, max: 9600 }), [
    ['Pro', 'GCRJD-8NW9H-F2CDX-CCM8D-9D6T9', ['Professional'], false],
    ['Pro N', 'HMCNV-VVBFX-7HMBH-CTY9B-B4FXY', ['ProfessionalN'], false],
    ['Enterprise', 'MHF9N-XY6XB-WVXMC-BTDCT-MKKG7', ['Enterprise'], false],
    ['Enterprise N', 'TT4HM-HN7YT-62K67-RGRQJ-JFFXW', ['EnterpriseN'], false],
  ]),
  ...group(client('win8', 'Windows 8', '8', { min: 9200, max: 9200 }), [
    ['Pro', 'NG4HW-VH26C-733KW-K6F98-J8CK4', ['Professional'], false],
    ['Pro N', 'XCVCF-2NXM9-723PB-MHCB7-2RYQQ', ['ProfessionalN'], false],
    ['Enterprise', '32JNW-9KQ84-P47T8-D8GGY-CWCK7', ['Enterprise'], false],
    ['Enterprise N', 'JMNMF-RHW7P-DMY6X-RF3DR-X2BQT', ['EnterpriseN'], false],
  ]),
  ...group(client('win7', 'Windows 7', '7', { min: 7600, max: 7601 }), [
    ['Professional', 'FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4', ['Professional'], false],
    ['Professional N', 'MRPKT-YTG23-K7D7T-X2JMM-QY7MG', ['ProfessionalN'], false],
    ['Professional E', 'W82YF-2Q76Y-63HXB-FGJG9-GF7QX', ['ProfessionalE'], false],
    ['Enterprise', '33PXH-7Y6KF-2VJC9-XBBR8-HVTHH', ['Enterprise'], false],
    ['Enterprise N', 'YDRBP-3D83W-TY26F-D46B2-XCKRJ', ['EnterpriseN'], false],
    ['Enterprise E', 'C29WB-22CC8-VJ326-GHFJW-H9DH4', ['EnterpriseE'], false],
  ]),
  ...group(client('vista', 'Windows Vista', 'Vista', { min: 6000, max: 6002 }), [
    ['Business', 'YFKBB-PQJJV-G996G-VWGXY-2V3X8', ['Business'], false],
    ['Business N', 'HMBQG-8H2RH-C77VX-27R82-VMQBT', ['BusinessN'], false],
    ['Enterprise', 'VKK3X-68KWM-X2YGT-QR4M6-4BWMV', ['Enterprise'], false],
    ['Enterprise N', 'VTC42-BM838-43QHV-84HX6-XJXKV', ['EnterpriseN'], false],
  ]),
];

/** Facts Microsoft states about GVLKs as a whole. */
export const GVLK_FACTS: readonly { text: string; sources: SourceTag[] }[] = [
  { text: 'Volume-licensed media already contain the GVLK; install one only when converting from a MAK, a retail key or a former KMS host: slmgr /ipk <key>.', sources: ['WSD-GVLK'] },
  { text: 'GVLKs activate only against a KMS host, Active Directory-based activation or Azure KMS; outside volume activation (for example a retail install) they do not work: use a MAK or a retail licence.', sources: ['WSD-GVLK'] },
  {
    text: 'Windows Enterprise multi-session (EditionID ServerRdsh) has no key on Microsoft\'s page; Azure Virtual Desktop multi-session VMs skip the set-GVLK step, and changing their key to another edition cannot be undone (redeploy).',
    sources: ['AZ-F074'],
  },
];

export function buildInRange(build: number, range: BuildRange): boolean {
  return build >= range.min && (range.max === null || build <= range.max);
}
