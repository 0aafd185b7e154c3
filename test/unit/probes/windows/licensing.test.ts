import { describe, expect, it } from 'vitest';
import { LicensingFactsSchema } from '../../../../shared/snapshot';
import { licensingCollector } from '../../../../main/probes/windows/licensing';
import { parseEdited, parseFixture } from './parse';

const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('no item');
  return item;
};

const firstProduct = (json: Record<string, unknown>): Record<string, unknown> => {
  const product = (json.products as Record<string, unknown>[])[0];
  if (!product) throw new Error('the fixture has no product');
  return product;
};

describe('parseLicensing', () => {
  it('reads an OEM Windows 10 Pro: informational reason, no expiry, sentinels as null, firmware key description', () => {
    const { products, service } = parseFixture(licensingCollector, 'de-win10-pro-oem');
    expect(only(products)).toMatchObject({
      activationId: 'bd3762d7-270d-4760-8fb3-d829ca45278a',
      description: 'Windows(R) Operating System, OEM_DM channel',
      licenseFamily: 'Professional',
      productKeyChannel: 'OEM:DM',
      partialProductKey: 'WFG6P',
      licenseStatus: 1,
      licenseStatusReason: 0x4004f401,
      gracePeriodRemainingMinutes: null,
      evaluationEndDate: null,
      kmsMachine: null,
      kmsPort: null,
      discoveredKmsPort: null,
      vlActivationType: null,
      vlActivationIntervalMinutes: null,
      isKmsHost: false,
      kmsCurrentCount: null,
      requiredClientCount: null,
      avmaHostMachineName: null,
      avmaLastActivationTime: null,
    });
    expect(service).toMatchObject({
      version: '10.0.17134.471',
      clientMachineId: null,
      kmsPort: 1688,
      isKmsHost: false,
      kmsListeningPort: null,
      kmsDnsPublishing: null,
      kmsCurrentCount: null,
      remainingWindowsRearmCount: 1001,
      oa3OriginalProductKeyDescription: '[4.0] Professional OEM',
    });
  });

  it('reads a KMS client that found its host through DNS', () => {
    const { products, service } = parseFixture(licensingCollector, 'ws2019-kms-client');
    expect(only(products)).toMatchObject({
      description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
      productKeyChannel: 'Volume:GVLK',
      partialProductKey: 'J464C',
      gracePeriodRemainingMinutes: 253564,
      kmsMachine: null,
      kmsPort: null,
      discoveredKmsMachineName: 'kms01.corp.contoso.com',
      discoveredKmsPort: 1688,
      discoveredKmsIpAddress: '10.20.0.15',
      kmsHostProductKeyId: '06401-00206-491-411285-03-1031-9600.0000-0802017',
      vlActivationType: 2,
      vlActivationTypeEnabled: 0,
      vlActivationIntervalMinutes: 120,
      vlRenewalIntervalMinutes: 10080,
    });
    expect(service.clientMachineId).toBe('f9d4e20a-cb8f-4050-9c0c-56420455ada1');
  });

  it('reads a KMS host: its count, the required count and its service settings', () => {
    const { products, service } = parseFixture(licensingCollector, 'ws2012r2-kms-host');
    expect(only(products)).toMatchObject({
      description: 'Windows(R) Operating System, VOLUME_KMS_2012-R2_WIN10 channel',
      productKeyChannel: 'Volume:CSVLK',
      isKmsHost: true,
      kmsCurrentCount: 3,
      requiredClientCount: 5,
    });
    expect(service).toMatchObject({
      isKmsHost: true,
      kmsCurrentCount: 3,
      requiredClientCount: 5,
      kmsListeningPort: 1688,
      kmsDnsPublishing: true,
      kmsLowPriority: false,
      kmsTotalRequests: 826,
      kmsFailedRequests: 0,
    });
  });

  it('reads an AVMA-configured Azure VM with 0xC004FD01', () => {
    const product = only(parseFixture(licensingCollector, 'azure-avma-ws2019').products);
    expect(product.description).toContain('VIRTUAL_MACHINE_ACTIVATION');
    expect(product).toMatchObject({ licenseStatus: 2, licenseStatusReason: 0xc004fd01, gracePeriodRemainingMinutes: 14400, partialProductKey: 'WMBMW', productKeyChannel: null });
  });

  it('reads LicenseStatusReason as an unsigned HRESULT even when it arrives signed', () => {
    const { products } = parseEdited(licensingCollector, 'azure-avma-ws2019', (json) => {
      firstProduct(json).LicenseStatusReason = -1073414911;
    });
    expect(only(products).licenseStatusReason).toBe(0xc004fd01);
  });

  it('reads an unlicensed retail Windows 11 Pro (0xC004F014), keeping 0 minutes as "over"', () => {
    const product = only(parseFixture(licensingCollector, 'win11-pro-retail-unlicensed').products);
    expect(product).toMatchObject({
      description: 'Windows(R) Operating System, RETAIL channel',
      productKeyChannel: 'Retail',
      licenseStatus: 0,
      licenseStatusReason: 3221549076,
      gracePeriodRemainingMinutes: 0,
    });
    expect(product.licenseStatusReason).toBe(0xc004f014);
  });

  it('reads an evaluation edition with its end date in UTC', () => {
    const product = only(parseFixture(licensingCollector, 'ws2022-datacenter-eval').products);
    expect(product).toMatchObject({
      description: 'Windows(R) Operating System, TIMEBASED_EVAL channel',
      productKeyChannel: 'Retail:TB:Eval',
      evaluationEndDate: '2024-02-03T22:33:07.000Z',
      gracePeriodRemainingMinutes: 252000,
    });
  });

  it('accepts the ways Windows PowerShell 5.1 writes the products array', () => {
    const single = parseEdited(licensingCollector, 'de-win10-pro-oem', (json) => {
      json.products = (json.products as unknown[])[0];
    });
    expect(single.products).toHaveLength(1);
    const wrapped = parseEdited(licensingCollector, 'de-win10-pro-oem', (json) => {
      json.products = { value: json.products, Count: 1 };
    });
    expect(wrapped.products).toHaveLength(1);
    const none = parseEdited(licensingCollector, 'de-win10-pro-oem', (json) => {
      json.products = null;
    });
    expect(none.products).toEqual([]);
    expect(LicensingFactsSchema.safeParse(none).success).toBe(true);
  });

  it('reads CIM datetimes that 5.1 wrote as \\/Date(ms)\\/ and treats 1601 as never', () => {
    const { products } = parseEdited(licensingCollector, 'ws2022-datacenter-eval', (json) => {
      const product = firstProduct(json);
      product.EvaluationEndDate = '/Date(1706999587000)/';
      product.AutomaticVMActivationLastActivationTime = '/Date(-11644473600000)/';
    });
    expect(only(products)).toMatchObject({ evaluationEndDate: '2024-02-03T22:33:07.000Z', avmaLastActivationTime: null });
  });

  it('drops a partial key that is not five letters or digits', () => {
    const { products } = parseEdited(licensingCollector, 'de-win10-pro-oem', (json) => {
      firstProduct(json).PartialProductKey = 'wfg6p ';
    });
    expect(only(products).partialProductKey).toBe('WFG6P');
    const bad = parseEdited(licensingCollector, 'de-win10-pro-oem', (json) => {
      firstProduct(json).PartialProductKey = 'WFG6P-XX';
    });
    expect(only(bad.products).partialProductKey).toBeNull();
  });
});
