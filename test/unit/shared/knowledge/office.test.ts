import { describe, expect, it } from 'vitest';
import {
  GVLK_RECORDS,
  OFFICE_ACTIVATION_THRESHOLD,
  OFFICE_ERROR_NOTES,
  OFFICE_GVLKS,
  OFFICE_KMS_HOST_ACTIVATION_IDS,
  OFFICE_KMS_HOSTS,
  OFFICE_SUITE_PRODUCTS,
  OFFICE_VERSIONS,
  findErrorRecord,
  isMicrosoft365ProductId,
  lookupOfficeError,
  normaliseProductKey,
  officeGvlkFor,
  officeKmsHostFor,
  officeSkuFromFamily,
  ospp,
} from '../../../../shared/knowledge';
import { refuseKeyFor } from '../../../../shared/knowledge/key-purpose';

describe('Office GVLK table', () => {
  it("has Microsoft's 52 keys, each a valid, unique product key that is not also a Windows key", () => {
    expect(OFFICE_GVLKS).toHaveLength(52);
    const keys = OFFICE_GVLKS.map((r) => r.key);
    expect(new Set(keys).size).toBe(52);
    for (const key of keys) expect(normaliseProductKey(key)).toMatchObject({ ok: true, key });
    expect(keys.filter((k) => GVLK_RECORDS.some((w) => w.key === k))).toEqual([]);
  });

  it('has Professional Plus, Standard, Project and Visio for 2016, 2019, LTSC 2021 and LTSC 2024', () => {
    for (const version of OFFICE_VERSIONS) {
      for (const product of OFFICE_SUITE_PRODUCTS) expect(OFFICE_GVLKS.filter((r) => r.version === version && r.product === product), `${product} ${version}`).toHaveLength(1);
    }
    expect(OFFICE_GVLKS.find((r) => r.version === '2024' && r.product === 'ProPlus')).toMatchObject({ publishedAs: 'Office LTSC Professional Plus 2024', key: 'XJ2XN-FW8RK-P4HMP-DKDBV-GCVGB' });
    expect(OFFICE_GVLKS.find((r) => r.version === '2016' && r.product === 'VisioStd')?.key).toBe('7WHWN-4T7MP-G96JF-G33KR-W8GF4');
    // No Publisher key for LTSC 2024 and no OneNote key after 2016 on Microsoft's page.
    expect(OFFICE_GVLKS.filter((r) => r.version === '2024' && r.product === 'Publisher')).toEqual([]);
    expect(OFFICE_GVLKS.filter((r) => r.product === 'OneNote').map((r) => r.version)).toEqual(['2016']);
    expect(OFFICE_GVLKS.every((r) => r.sources.includes('DO-GVLK'))).toBe(true);
  });

  it('reads a licence family, never a display name', () => {
    expect(officeSkuFromFamily('Office21ProPlus2021VL_KMS_Client_AE')).toEqual({ version: '2021', product: 'ProPlus', licensing: 'volume', kind: 'KMS_Client_AE' });
    expect(officeSkuFromFamily('Office16ProPlusVL_KMS_Client')).toEqual({ version: '2016', product: 'ProPlus', licensing: 'volume', kind: 'KMS_Client' });
    expect(officeSkuFromFamily('Office19ProjectPro2019VL_MAK_AE')).toMatchObject({ version: '2019', product: 'ProjectPro', licensing: 'volume', kind: 'MAK_AE' });
    expect(officeSkuFromFamily('Office16ProPlusR_Retail')).toMatchObject({ version: '2016', product: 'ProPlus', licensing: 'retail' });
    expect(officeSkuFromFamily('Office24VisioStd2024VL_KMS_Client_AE')).toMatchObject({ version: '2024', product: 'VisioStd' });
    for (const bad of ['Office LTSC Professional Plus 2021', 'Office Professional Plus 2019', 'Office15ProPlusVL_KMS_Client', 'Professional', '', null]) expect(officeSkuFromFamily(bad)).toBeNull();
  });

  it('chooses the GVLK of the installed product and version, whatever the current channel', () => {
    expect(officeGvlkFor('Office21ProPlus2021VL_KMS_Client_AE')).toMatchObject({ kind: 'key', record: { key: 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH' } });
    expect(officeGvlkFor('Office19Standard2019VL_MAK_AE')).toMatchObject({ kind: 'key', record: { key: '6NWWJ-YQWMR-QKGCB-6TMB3-9D9HK' } });
    expect(officeGvlkFor('Office16ProjectStdVL_KMS_Client')).toMatchObject({ kind: 'key', record: { publishedAs: 'Project Standard 2016' } });
    expect(officeGvlkFor('Office24Publisher2024VL_KMS_Client_AE')).toMatchObject({ kind: 'none', reason: expect.stringContaining('no KMS client key for Publisher in Office LTSC 2024') });
    expect(officeGvlkFor('Office LTSC Professional Plus 2021')).toMatchObject({ kind: 'none' });
  });
});

describe('Office GVLKs as input to the key fixes', () => {
  it.each(OFFICE_GVLKS.filter((r) => (OFFICE_SUITE_PRODUCTS as readonly string[]).includes(r.product)).map((r) => [r.publishedAs, r.key]))('%s is refused as a MAK or retail key and as a KMS host key', (label, key) => {
    expect(refuseKeyFor('mak-or-retail', key)).toContain(`GVLK) for ${label}`);
    expect(refuseKeyFor('mak-or-retail', key.toLowerCase().replace(/-/g, ''))).toContain('an Office key');
    expect(refuseKeyFor('kms-host', key)).toContain('not a KMS host key');
  });
});

describe('Office KMS host', () => {
  it('knows every version by its activation ID (LTSC 2024 also by the older ID), with its volume licence pack', () => {
    expect(OFFICE_KMS_HOSTS.map((h) => h.version)).toEqual(['2024', '2021', '2019', '2016']);
    expect(officeKmsHostFor('F3D89BBF-C0EC-47CE-A8FA-E5A5F97E447F')?.version).toBe('2024');
    expect(officeKmsHostFor('8d368fc1-9470-4be2-8d66-90e836cbb051')?.version).toBe('2024');
    expect(officeKmsHostFor('98EBFE73-2084-4C97-932C-C0CD1643BEA7')?.volumeLicensePack).toBe('https://www.microsoft.com/download/details.aspx?id=49164');
    expect(OFFICE_KMS_HOST_ACTIVATION_IDS).toHaveLength(5);
    expect(OFFICE_ACTIVATION_THRESHOLD).toBe(5);
  });
});

describe('Office error notes and Microsoft 365 Apps', () => {
  it('explain codes that the main error table also knows, each with next steps', () => {
    for (const note of OFFICE_ERROR_NOTES) {
      expect(findErrorRecord(note.code), note.code).toBeDefined();
      expect(note.nextSteps.length).toBeGreaterThan(0);
      expect(note.fixes.every((f) => f.startsWith('office-'))).toBe(true);
    }
    expect(lookupOfficeError(0xc004f038)?.explanation).toContain('fewer than 5');
    expect(lookupOfficeError(0xc004f074 | 0)?.code).toBe('0xC004F074');
    expect(lookupOfficeError(0xc004f06c)).toBeUndefined();
  });

  it('tells Microsoft 365 Apps from volume Click-to-Run products', () => {
    expect(['O365ProPlusRetail', 'O365BusinessRetail', 'O365ProPlusEEANoTeamsRetail'].every(isMicrosoft365ProductId)).toBe(true);
    expect(['ProPlus2021Volume', 'ProPlus2019Retail', 'VisioProRetail', 'O365'].some(isMicrosoft365ProductId)).toBe(false);
  });

  it('shows ospp.vbs from the Office16 folder', () => {
    expect(ospp('/act')).toBe('cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS" /act');
  });
});
