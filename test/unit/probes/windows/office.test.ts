import { describe, expect, it } from 'vitest';
import { OfficeFactsSchema } from '../../../../shared/snapshot';
import { officeCollector } from '../../../../main/probes/windows/office';
import { parseEdited, parseFixture } from './parse';

describe('parseOffice', () => {
  it('reads Office LTSC 2021 on a German Windows 10 Enterprise: a KMS client licence in notification, no Office KMS host', () => {
    const facts = OfficeFactsSchema.parse(parseFixture(officeCollector, 'de-win10-ent-office'));
    expect(facts.products).toHaveLength(1);
    expect(facts.products[0]).toMatchObject({
      activationId: '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67',
      name: 'Office 21, Office21ProPlus2021VL_KMS_Client_AE edition',
      description: 'Office 21, VOLUME_KMSCLIENT channel',
      licenseFamily: 'Office21ProPlus2021VL_KMS_Client_AE',
      partialProductKey: '6F7TH',
      licenseStatus: 5,
      licenseStatusReason: 0xc004f074,
      // "" and 0 are Windows' "not set": Office has no KMS host of its own and found none.
      kmsMachine: null,
      kmsPort: null,
      discoveredKmsMachineName: null,
      kmsCurrentCount: null,
    });
    expect(facts.kmsClientLicences).toEqual([{ activationId: '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67', licenseFamily: 'Office21ProPlus2021VL_KMS_Client_AE' }]);
    expect(facts.kmsHostLicences).toEqual([]);
    expect(facts.clickToRun).toEqual({ installed: true, productReleaseIds: ['ProPlus2021Volume'], version: '16.0.14332.20828', sharedComputerLicensing: null, licensingNext: null });
    expect(facts.ospp).toBeNull();
  });

  it('reads Microsoft 365 Apps on the German OEM machine: nothing in SPP, the subscription method on', () => {
    const facts = parseFixture(officeCollector, 'de-win10-pro-oem');
    expect(facts.products).toEqual([]);
    expect(facts.clickToRun).toMatchObject({ installed: true, productReleaseIds: ['O365BusinessRetail'], licensingNext: true });
  });

  it("reads the Office 2016 KMS host licence of Microsoft's /dlv sample, with its count", () => {
    const facts = parseFixture(officeCollector, 'ws2012r2-kms-host');
    expect(facts.kmsHostLicences).toEqual([{ activationId: '98ebfe73-2084-4c97-932c-c0cd1643bea7', partialProductKey: 'KDQ2G', licenseStatus: 1, licenseStatusReason: 0, kmsCurrentCount: 0 }]);
    expect(facts.clickToRun.installed).toBe(false);
  });

  it("keeps Office's own KMS host and port, and the OSPP registry values", () => {
    const facts = parseEdited(officeCollector, 'de-win10-ent-office', (json) => {
      const [product] = json.products as Record<string, unknown>[];
      product!.KeyManagementServiceMachine = 'kms-alt.firma.example';
      product!.KeyManagementServicePort = 1700;
      json.ospp = { KeyManagementServiceName: 'kms-old.firma.example', KeyManagementServicePort: '1688' };
    });
    expect(facts.products[0]).toMatchObject({ kmsMachine: 'kms-alt.firma.example', kmsPort: 1700 });
    expect(facts.ospp).toEqual({ kmsMachine: 'kms-old.firma.example', kmsPort: 1688 });
  });

  it('drops what is not a GUID, a licence family or a Click-to-Run product ID, and a partial key longer than five characters', () => {
    const facts = parseEdited(officeCollector, 'de-win10-ent-office', (json) => {
      (json.kmsClientLicences as unknown[]).push({ ID: 'not-a-guid', LicenseFamily: 'Office21StandardVL_KMS_Client_AE' }, { ID: '11111111-2222-4333-8444-555555555555', LicenseFamily: '' });
      (json.clickToRun as Record<string, unknown>).productReleaseIds = ['ProPlus2021Volume', 'x"; calc; "', ''];
      (json.products as Record<string, unknown>[])[0]!.PartialProductKey = 'XJ2XN-FW8RK';
    });
    expect(facts.kmsClientLicences).toHaveLength(1);
    expect(facts.clickToRun.productReleaseIds).toEqual(['ProPlus2021Volume']);
    expect(facts.products[0]!.partialProductKey).toBeNull();
    expect(() => OfficeFactsSchema.parse(facts)).not.toThrow();
  });

  it('reads a single product and a single licence that 5.1 wrote without the array', () => {
    const facts = parseEdited(officeCollector, 'de-win10-ent-office', (json) => {
      json.products = (json.products as unknown[])[0];
      json.kmsClientLicences = (json.kmsClientLicences as unknown[])[0];
      json.kmsHostLicences = null;
    });
    expect(facts.products).toHaveLength(1);
    expect(facts.kmsClientLicences).toHaveLength(1);
    expect(facts.kmsHostLicences).toEqual([]);
  });
});
