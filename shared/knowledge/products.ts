/**
 * The closed set of Windows products the compatibility tables (CSVLK groups, required updates,
 * AVMA) talk about. GVLK rows link to these ids so a detected OS can be looked up in every table.
 */

export const PRODUCT_IDS = [
  'server-2025',
  'server-2022',
  'server-sac',
  'server-2019',
  'server-2016',
  'server-2012r2',
  'server-2012',
  'server-2008r2',
  'server-2008',
  // Only appears as an unsupported KMS host in Microsoft's tables.
  'server-2003',
  'win11-ltsc-2024',
  'win11',
  'win10-ltsc',
  'win10-ltsb-2016',
  'win10-ltsb-2015',
  'win10',
  'win81',
  'win8',
  'win7',
  'vista',
] as const;
export type ProductId = (typeof PRODUCT_IDS)[number];

export type ProductFamily = 'windows-server' | 'windows-client';

export interface ProductInfo {
  label: string;
  family: ProductFamily;
}

export const PRODUCTS: Readonly<Record<ProductId, ProductInfo>> = {
  'server-2025': { label: 'Windows Server 2025', family: 'windows-server' },
  'server-2022': { label: 'Windows Server 2022', family: 'windows-server' },
  'server-sac': { label: 'Windows Server Semi-Annual Channel', family: 'windows-server' },
  'server-2019': { label: 'Windows Server 2019', family: 'windows-server' },
  'server-2016': { label: 'Windows Server 2016', family: 'windows-server' },
  'server-2012r2': { label: 'Windows Server 2012 R2', family: 'windows-server' },
  'server-2012': { label: 'Windows Server 2012', family: 'windows-server' },
  'server-2008r2': { label: 'Windows Server 2008 R2', family: 'windows-server' },
  'server-2008': { label: 'Windows Server 2008', family: 'windows-server' },
  'server-2003': { label: 'Windows Server 2003', family: 'windows-server' },
  'win11-ltsc-2024': { label: 'Windows 11 Enterprise LTSC 2024', family: 'windows-client' },
  win11: { label: 'Windows 11', family: 'windows-client' },
  // LTSC 2019 and LTSC 2021 share keys and appear together in Microsoft's tables.
  'win10-ltsc': { label: 'Windows 10 Enterprise LTSC (2019, 2021)', family: 'windows-client' },
  'win10-ltsb-2016': { label: 'Windows 10 Enterprise LTSB 2016', family: 'windows-client' },
  'win10-ltsb-2015': { label: 'Windows 10 Enterprise LTSB 2015', family: 'windows-client' },
  win10: { label: 'Windows 10', family: 'windows-client' },
  win81: { label: 'Windows 8.1', family: 'windows-client' },
  win8: { label: 'Windows 8', family: 'windows-client' },
  win7: { label: 'Windows 7', family: 'windows-client' },
  vista: { label: 'Windows Vista', family: 'windows-client' },
};

export const isProductId = (value: string): value is ProductId => (PRODUCT_IDS as readonly string[]).includes(value);

export const productLabel = (id: ProductId): string => PRODUCTS[id].label;

type BuildRow = [min: number, max: number | null, product: ProductId];

// Build numbers per release (the GVLK table uses the same ones; a test keeps them in step).
const SERVER_BUILDS: readonly BuildRow[] = [
  [26100, 26100, 'server-2025'],
  [20348, 20348, 'server-2022'],
  [19042, 19042, 'server-sac'],
  [19041, 19041, 'server-sac'],
  [18363, 18363, 'server-sac'],
  [18362, 18362, 'server-sac'],
  // 17763 is also Windows Server, version 1809 (SAC); see productForOs.
  [17763, 17763, 'server-2019'],
  [17134, 17134, 'server-sac'],
  [16299, 16299, 'server-sac'],
  [14393, 14393, 'server-2016'],
  [9600, 9600, 'server-2012r2'],
  [9200, 9200, 'server-2012'],
  [7600, 7601, 'server-2008r2'],
  [6000, 6003, 'server-2008'],
];

const CLIENT_BUILDS: readonly BuildRow[] = [
  [22000, null, 'win11'],
  [10240, 21999, 'win10'],
  [9600, 9600, 'win81'],
  [9200, 9200, 'win8'],
  [7600, 7601, 'win7'],
  [6000, 6002, 'vista'],
];

// Long-term servicing editions report EditionID EnterpriseS, EnterpriseSN or IoTEnterpriseS.
const LTSC_BUILDS: readonly BuildRow[] = [
  [26100, 26100, 'win11-ltsc-2024'],
  [19044, 19044, 'win10-ltsc'],
  [17763, 17763, 'win10-ltsc'],
  [14393, 14393, 'win10-ltsb-2016'],
  [10240, 10240, 'win10-ltsb-2015'],
];
// Semi-Annual Channel installs (Server Core only) report EditionIDs ending in ACor.
const SAC_BUILDS = new Set([16299, 17134, 17763, 18362, 18363, 19041, 19042]);
const LTSC_EDITION_IDS = new Set(['enterprises', 'enterprisesn', 'iotenterprises']);

const findBuild = (rows: readonly BuildRow[], build: number): ProductId | null =>
  rows.find(([min, max]) => build >= min && (max === null || build <= max))?.[2] ?? null;

/** The product a build number belongs to; LTSC and SAC need the EditionID (productForOs). */
export function productForBuild(build: number, server: boolean): ProductId | null {
  return findBuild(server ? SERVER_BUILDS : CLIENT_BUILDS, build);
}

/** The product of an installed OS: build plus EditionID (which separates LTSC/LTSB and SAC). */
export function productForOs(os: { build: number; editionId: string; server: boolean }): ProductId | null {
  const edition = os.editionId.trim().toLowerCase();
  if (os.server) return /acor$/.test(edition) && SAC_BUILDS.has(os.build) ? 'server-sac' : productForBuild(os.build, true);
  if (LTSC_EDITION_IDS.has(edition)) return findBuild(LTSC_BUILDS, os.build);
  return productForBuild(os.build, false);
}
