import { describe, expect, it } from 'vitest';
import { AdbaFactsSchema, okFact, SubscriptionFactsSchema } from '../../../../shared/snapshot';
import { RawAdbaSchema, describeAdba, narrowAdbaFact, parseAdba } from '../../../../main/probes/windows/adba';
import { RawSubscriptionSchema, describeSubscription, parseSubscription } from '../../../../main/probes/windows/subscription';
import { RawLicensingSchema, parseLicensing } from '../../../../main/probes/windows/licensing';
import { fixture } from './fixtures';

const adbaOf = (machine: string) => parseAdba(RawAdbaSchema.parse(fixture(machine, 'adba')));
const subscriptionOf = (machine: string) => parseSubscription(RawSubscriptionSchema.parse(fixture(machine, 'subscription')));

describe('the ADBA parser', () => {
  it("reads the forest's activation objects with their SKU IDs in lower case and the partial keys", () => {
    const reading = adbaOf('win11-ent-adba');
    expect(reading.partOfDomain).toBe(true);
    const adba = AdbaFactsSchema.parse(reading.adba);
    expect(adba).toMatchObject({ domain: 'corp.contoso.com', configurationNamingContext: 'CN=Configuration,DC=corp,DC=contoso,DC=com', container: 'present' });
    expect(adba.objects.map((o) => [o.name, o.csvlkSkuId, o.partialProductKey])).toEqual([
      ['Windows Server 2022 CSVLK', '0a6c0d2e-5f3b-4e27-9d41-8b7c2f1e6a93', '8XDDG'],
      ['Office LTSC 2021', '47f3b983-7c53-4d45-abc6-bcd91e2dd90a', '6F7TH'],
    ]);
    expect(describeAdba(adba)).toEqual({ outcome: 'ok', summary: 'corp.contoso.com: 2 activation objects' });
  });

  it('keeps a forest without the container as absent, and says so on the checklist without a problem mark (a KMS client there is healthy)', () => {
    const adba = adbaOf('ws2019-kms-client').adba!;
    expect(adba.container).toBe('absent');
    expect(adba.objects).toEqual([]);
    expect(describeAdba(adba)).toEqual({ outcome: 'ok', summary: expect.stringMatching(/no activation objects container/) });
  });

  it('is not applicable on a workgroup computer', () => {
    const reading = parseAdba(RawAdbaSchema.parse({ partOfDomain: false, domain: null, configurationNamingContext: null, container: null, objects: [] }));
    expect(narrowAdbaFact(okFact(reading, 40))).toMatchObject({ status: 'unavailable', reason: 'not-applicable', durationMs: 40 });
    expect(narrowAdbaFact(okFact(adbaOf('win11-ent-adba'), 40))).toMatchObject({ status: 'ok', value: { domain: 'corp.contoso.com' } });
  });

  it('drops objects without a DN, a malformed SKU ID or partial key, and accepts one object unrolled by 5.1', () => {
    const reading = parseAdba(
      RawAdbaSchema.parse({
        partOfDomain: true,
        domain: 'corp.contoso.com',
        configurationNamingContext: 'CN=Configuration,DC=corp,DC=contoso,DC=com',
        container: 'present',
        objects: { name: ' Win ', dn: 'CN=a,CN=Activation Objects', csvlkSkuId: 'not-a-guid', partialProductKey: 'abc', csvlkPid: '' },
      }),
    );
    expect(reading.adba!.objects).toEqual([{ name: 'Win', dn: 'CN=a,CN=Activation Objects', csvlkSkuId: null, partialProductKey: null, csvlkPid: null }]);
    const noDn = parseAdba(RawAdbaSchema.parse({ partOfDomain: true, domain: 'corp.contoso.com', configurationNamingContext: null, container: 'present', objects: [{ name: 'x', dn: '' }] }));
    expect(noDn.adba!.objects).toEqual([]);
  });
});

describe('the subscription parser', () => {
  it('reads the Subscription* properties under the names Get-SubscriptionLicenseInfo uses, and the Windows Update policy', () => {
    const value = SubscriptionFactsSchema.parse(subscriptionOf('win11-ent-subscription'));
    expect(value).toEqual({
      properties: ['SubscriptionType', 'SubscriptionStatus', 'SubscriptionExpiry', 'SubscriptionEdition'],
      typeValue: 0,
      statusValue: 1,
      expiry: '0',
      edition: 'Enterprise',
      windowsUpdateBlocked: true,
    });
    expect(describeSubscription(value)).toEqual({ outcome: 'problem', summary: 'subscription Active; Windows Update is blocked by policy' });
  });

  it('reads nothing from a Windows whose licensing service has no Subscription* properties', () => {
    const value = subscriptionOf('ws2019-kms-client');
    expect(value).toEqual({ properties: [], typeValue: null, statusValue: null, expiry: null, edition: null, windowsUpdateBlocked: null });
    expect(describeSubscription(value)).toEqual({ outcome: 'ok', summary: 'no subscription information on this Windows' });
    expect(describeSubscription({ ...value, typeValue: 120 }).summary).toBe('subscription type Not Installed');
  });

  it('treats a policy value of 0 as not blocking, and ignores values of the wrong kind', () => {
    expect(parseSubscription(RawSubscriptionSchema.parse({ properties: null, doNotConnectToWindowsUpdateInternetLocations: 0 })).windowsUpdateBlocked).toBe(false);
    expect(parseSubscription(RawSubscriptionSchema.parse({ properties: { SubscriptionStatus: true, SubscriptionType: 'x' } }))).toMatchObject({ statusValue: null, typeValue: null });
  });
});

describe('the licensing parser and Active Directory activation', () => {
  it('reads the activation object of the last AD activation', () => {
    const product = parseLicensing(RawLicensingSchema.parse(fixture('win11-ent-adba', 'licensing'))).products[0]!;
    expect(product).toMatchObject({
      vlActivationType: 1,
      adActivationObjectName: 'Windows Server 2022 CSVLK',
      adActivationObjectDn: 'CN=0a6c0d2e-5f3b-4e27-9d41-8b7c2f1e6a93,CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com',
      adActivationCsvlkSkuId: '0a6c0d2e-5f3b-4e27-9d41-8b7c2f1e6a93',
    });
  });

  it('leaves them null where Windows reports them blank or an older script did not read them', () => {
    const product = parseLicensing(RawLicensingSchema.parse(fixture('ws2019-kms-client', 'licensing'))).products[0]!;
    expect([product.adActivationObjectName, product.adActivationObjectDn, product.adActivationCsvlkPid, product.adActivationCsvlkSkuId]).toEqual([null, null, null, null]);
  });
});
