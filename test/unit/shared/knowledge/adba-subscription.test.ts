import { describe, expect, it } from 'vitest';
import { OFFICE_CSVLKS, adbaClientBuild, officeProductOf } from '../../../../shared/knowledge/adba';
import { licensedEdition, stepUpOf, subscriptionStatusText } from '../../../../shared/knowledge/subscription';
import { subscriptionDevice } from '../../../../shared/subscription';
import { SOURCES } from '../../../../shared/knowledge/sources';
import { baseOs, baseProduct, baseService, noSubscription } from '../../../support/snapshot-builder';

describe('ADBA knowledge', () => {
  it('recognises the Office KMS host activation IDs Microsoft publishes, in any case, and nothing else', () => {
    expect(officeProductOf('F3D89BBF-C0EC-47CE-A8FA-E5A5F97E447F')).toBe('Office LTSC 2024');
    expect(officeProductOf('8d368fc1-9470-4be2-8d66-90e836cbb051')).toBe('Office LTSC 2024');
    expect(officeProductOf('98ebfe73-2084-4c97-932c-c0cd1643bea7')).toBe('Office 2016');
    expect(officeProductOf('0a6c0d2e-5f3b-4e27-9d41-8b7c2f1e6a93')).toBeNull();
    expect(officeProductOf(null)).toBeNull();
    for (const row of OFFICE_CSVLKS) expect(row.sources.every((tag) => tag in SOURCES)).toBe(true);
  });

  it('lets Windows 8 / Server 2012 (build 9200) and later use AD-based activation, not Windows 7', () => {
    expect(adbaClientBuild(9200)).toBe(true);
    expect(adbaClientBuild(26100)).toBe(true);
    expect(adbaClientBuild(7601)).toBe(false);
  });
});

describe('subscription knowledge', () => {
  it('reads the edition token of a licence name, which is not localized', () => {
    expect(licensedEdition('Windows(R), Professional edition')).toBe('Professional');
    expect(licensedEdition('Windows(R), ProfessionalEducation edition')).toBe('ProfessionalEducation');
    expect(licensedEdition('Office 21, Office21ProPlus2021VL_KMS_Client_AE edition')).toBeNull();
  });

  it('sees the step-ups Microsoft documents, and no others', () => {
    expect(stepUpOf('Enterprise', 'Windows(R), Professional edition')?.label).toMatch(/Enterprise/);
    expect(stepUpOf('EnterpriseN', 'Windows(R), ProfessionalN edition')).not.toBeNull();
    expect(stepUpOf('Education', 'Windows(R), ProfessionalEducation edition')?.label).toMatch(/Education/);
    expect(stepUpOf('Enterprise', 'Windows(R), Enterprise edition')).toBeNull();
    expect(stepUpOf('Professional', 'Windows(R), Professional edition')).toBeNull();
    expect(stepUpOf('Education', 'Windows(R), Professional edition')).toBeNull();
    expect(stepUpOf('ServerDatacenter', 'Windows(R), ServerStandard edition')).toBeNull();
  });

  it('names the documented status values and says so for others', () => {
    expect(subscriptionStatusText(1)).toBe('Active');
    expect(subscriptionStatusText(110)).toBe('Expired');
    expect(subscriptionStatusText(7)).toBe('Unknown (7)');
  });
});

describe('subscriptionDevice', () => {
  const pro = { ...baseProduct(), name: 'Windows(R), Professional edition', description: 'Windows(R) Operating System, OEM_DM channel' };
  const licensing = { products: [pro], service: baseService() };
  it('is the step-up fingerprint, or a subscription Microsoft says was applied', () => {
    expect(subscriptionDevice({ ...baseOs(), editionId: 'Enterprise' }, licensing, null)?.because).toMatch(/runs as Enterprise while its licence is "Windows\(R\), Professional edition"/);
    expect(subscriptionDevice({ ...baseOs(), editionId: 'Professional' }, licensing, { ...noSubscription(), typeValue: 0, statusValue: 100 })?.because).toMatch(/Disabled/);
    expect(subscriptionDevice({ ...baseOs(), editionId: 'Professional' }, licensing, { ...noSubscription(), typeValue: 120, statusValue: 120 })).toBeNull();
    expect(subscriptionDevice({ ...baseOs(), editionId: 'Professional' }, licensing, null)).toBeNull();
    expect(subscriptionDevice(baseOs(), { products: [baseProduct()], service: baseService() }, noSubscription())).toBeNull();
    expect(subscriptionDevice(null, null, null)).toBeNull();
  });
});
