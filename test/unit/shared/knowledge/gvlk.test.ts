import { describe, expect, it } from 'vitest';
import { filterGvlks, GVLK_RECORDS, normaliseProductKey } from '../../../../shared/knowledge';

// Copied by hand from the fact dossier (Microsoft's KMS client key page): product, edition, key.
const EXPECTED: [product: string, edition: string, key: string][] = [
  ['Windows Server 2025', 'Standard', 'TVRH6-WHNXV-R9WG3-9XRFY-MY832'],
  ['Windows Server 2025', 'Datacenter', 'D764K-2NDRG-47T6Q-P8T8W-YP6DF'],
  ['Windows Server 2025', 'Datacenter: Azure Edition', 'XGN3F-F394H-FD2MY-PP6FD-8MCRC'],
  ['Windows Server 2022', 'Standard', 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H'],
  ['Windows Server 2022', 'Datacenter', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
  ['Windows Server 2022', 'Datacenter: Azure Edition', 'NTBV8-9K7Q8-V27C6-M2BTV-KHMXV'],
  ['Windows Server 2019', 'Standard', 'N69G4-B89J2-4G8F4-WWYCC-J464C'],
  ['Windows Server 2019', 'Datacenter', 'WMDGN-G9PQG-XVVXX-R3X43-63DFG'],
  ['Windows Server 2019', 'Essentials', 'WVDHN-86M7X-466P6-VHXV7-YY726'],
  ['Windows Server 2016', 'Datacenter', 'CB7KF-BWN84-R7R2Y-793K2-8XDDG'],
  ['Windows Server, version 1809', 'Datacenter', '6NMRW-2C8FM-D24W7-TQWMY-CWH2D'],
  ['Windows Server, version 20H2', 'Standard', 'N2KJX-J94YW-TQVFB-DG9YT-724CC'],
  ['Windows Server, version 1803', 'Standard', 'PTXN8-JFHJM-4WC78-MPCBR-9W4KR'],
  ['Windows Server, version 1709', 'Datacenter', '6Y6KB-N82V8-D8CQV-23MJW-BWTG6'],
  ['Windows Server 2012 R2', 'Datacenter', 'W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9'],
  ['Windows Server 2012', 'MultiPoint Premium', 'XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G'],
  ['Windows Server 2012', 'Windows Server 2012 Country Specific', '4K36P-JN4VD-GDC6V-KDT89-DYFKP'],
  ['Windows Server 2008 R2', 'for Itanium-based Systems', 'GT63C-RJFQ3-4GMB6-BRFB9-CB83V'],
  ['Windows Server 2008', 'Datacenter without Hyper-V', '22XQ2-VRXRG-P8D42-K34TD-G3QQC'],
  ['Windows 11', 'Pro', 'W269N-WFGWX-YVC9B-4J6C9-T83GX'],
  ['Windows 10', 'Pro', 'W269N-WFGWX-YVC9B-4J6C9-T83GX'],
  ['Windows 11', 'Enterprise G N', '44RPN-FTY23-9VTTB-MP9BX-T84FV'],
  ['Windows 10', 'Education N', '2WH4N-8QGBV-H22JP-CT43Q-MDWWJ'],
  ['Windows 11', 'Enterprise LTSC 2024', 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D'],
  ['Windows 10', 'Enterprise N LTSC 2019', '92NFX-8DJQP-P6BBQ-THF9C-7CG2H'],
  ['Windows 10', 'IoT Enterprise LTSC 2021', 'KBN8V-HFGQ4-MGXVD-347P6-PDQGT'],
  ['Windows 10', 'Enterprise LTSB 2016', 'DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ'],
  ['Windows 10', 'Enterprise N LTSB 2015', '2F77B-TNFGY-69QQF-B8YKP-D69TJ'],
  ['Windows 8.1', 'Enterprise', 'MHF9N-XY6XB-WVXMC-BTDCT-MKKG7'],
  ['Windows 8', 'Pro N', 'XCVCF-2NXM9-723PB-MHCB7-2RYQQ'],
  ['Windows 7', 'Enterprise E', 'C29WB-22CC8-VJ326-GHFJW-H9DH4'],
  ['Windows Vista', 'Business N', 'HMBQG-8H2RH-C77VX-27R82-VMQBT'],
];

describe('GVLK table', () => {
  it.each(EXPECTED)('%s %s has key %s', (product, edition, key) => {
    const rows = GVLK_RECORDS.filter((r) => r.product === product && r.edition === edition);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toBe(key);
  });

  it('holds every row of Microsoft\'s page: 82 keys, 107 rows once shared rows are split per product', () => {
    expect(GVLK_RECORDS).toHaveLength(107);
    expect(new Set(GVLK_RECORDS.map((r) => r.key)).size).toBe(82);
  });

  it('has only keys in product-key syntax, already normalised', () => {
    for (const r of GVLK_RECORDS) {
      expect(r.key).toMatch(/^[BCDFGHJKMNPQRTVWXY2346789]{5}(-[BCDFGHJKMNPQRTVWXY2346789]{5}){4}$/);
      expect(normaliseProductKey(r.key)).toEqual({ ok: true, key: r.key, last5: r.key.slice(-5) });
    }
  });

  it('never maps one product and edition to two different keys', () => {
    const seen = new Map<string, string>();
    for (const r of GVLK_RECORDS) {
      const pair = `${r.product}|${r.edition}`;
      const earlier = seen.get(pair);
      if (earlier !== undefined) expect(r.key, pair).toBe(earlier);
      seen.set(pair, r.key);
    }
  });

  it('never gives one EditionID two keys on the same build', () => {
    for (const a of GVLK_RECORDS) {
      for (const b of GVLK_RECORDS) {
        if (a === b || a.family !== b.family || a.key === b.key) continue;
        const overlap = a.builds.min <= (b.builds.max ?? Infinity) && b.builds.min <= (a.builds.max ?? Infinity);
        const shared = a.editionIds.filter((id) => b.editionIds.includes(id));
        expect(overlap && shared.length > 0, `${a.publishedAs} / ${b.publishedAs}`).toBe(false);
      }
    }
  });

  it('uses the documented build numbers', () => {
    const build = (product: string, edition = 'Datacenter') => GVLK_RECORDS.find((r) => r.product === product && r.edition === edition)?.builds;
    expect(build('Windows Server 2025')).toEqual({ min: 26100, max: 26100 });
    expect(build('Windows Server 2022')).toEqual({ min: 20348, max: 20348 });
    expect(build('Windows Server 2019')).toEqual({ min: 17763, max: 17763 });
    expect(build('Windows Server 2016')).toEqual({ min: 14393, max: 14393 });
    expect(build('Windows Server, version 20H2')).toEqual({ min: 19042, max: 19042 });
    expect(build('Windows Server 2012 R2')).toEqual({ min: 9600, max: 9600 });
    expect(build('Windows Server 2008 R2')).toEqual({ min: 7600, max: 7601 });
    expect(build('Windows 10', 'Pro')).toEqual({ min: 10240, max: 21999 });
    expect(build('Windows 11', 'Pro')).toEqual({ min: 22000, max: null });
    expect(build('Windows 10', 'Enterprise LTSC 2021')).toEqual({ min: 19044, max: 19044 });
    expect(build('Windows 11', 'Enterprise LTSC 2024')).toEqual({ min: 26100, max: 26100 });
    expect(build('Windows Vista', 'Business')).toEqual({ min: 6000, max: 6002 });
  });

  it('flags the four rows only in the 2023 copy of the page', () => {
    const older = GVLK_RECORDS.filter((r) => r.onlyInOlderCopy);
    expect(older.map((r) => r.key).sort()).toEqual(['2WN2H-YGCQR-KFX6K-CD6TF-84YXQ', '4K36P-JN4VD-GDC6V-KDT89-DYFKP', '8N2M2-HWPGY-7PGT9-HGDD8-GVGGY', 'BN3D2-R7TKB-3YPBD-8DRP2-27GG4']);
    for (const r of older) expect(r.sources).toEqual(['WSD-GVLK23']);
  });

  it('marks EditionIDs that no source gives', () => {
    const row = (product: string, edition: string) => GVLK_RECORDS.find((r) => r.product === product && r.edition === edition);
    expect(row('Windows Server 2022', 'Datacenter')).toMatchObject({ editionIds: ['ServerDatacenter', 'ServerDatacenterCore'], editionIdSourced: true });
    expect(row('Windows Server 2022', 'Datacenter')?.sources).toContain('CB-KMS');
    expect(row('Windows Server 2025', 'Datacenter')?.editionIdSourced).toBe(false);
    expect(row('Windows Server 2022', 'Datacenter: Azure Edition')).toMatchObject({ editionIds: ['ServerTurbine'], editionIdSourced: false });
    expect(row('Windows 11', 'Pro')).toMatchObject({ editionIds: ['Professional'], editionIdSourced: false });
    expect(row('Windows 10', 'Enterprise LTSB 2016')).toMatchObject({ editionIds: ['EnterpriseS'], editionIdSourced: false });
  });

  it('separates server and client families', () => {
    for (const r of GVLK_RECORDS) expect(r.family).toBe(r.product.startsWith('Windows Server') ? 'windows-server' : 'windows-client');
  });
});

describe('filterGvlks', () => {
  it('filters case-insensitively on product, version and edition', () => {
    expect(filterGvlks('server 2022').map((r) => r.key)).toEqual(['VDYBN-27WPP-V4HQT-9VMD4-VMK7H', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33', 'NTBV8-9K7Q8-V27C6-M2BTV-KHMXV']);
    const ltsc = filterGvlks('LTSC');
    expect(ltsc.length).toBe(8);
    expect(ltsc.every((r) => /LTSC/.test(r.edition))).toBe(true);
    expect(filterGvlks('windows 10 pro n').map((r) => r.edition)).toEqual(['Pro N']);
    expect(filterGvlks('  ')).toHaveLength(GVLK_RECORDS.length);
    expect(filterGvlks('no such windows')).toEqual([]);
  });
});
