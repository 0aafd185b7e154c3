import { describe, expect, it } from 'vitest';
import { AVMA_HOSTS, AVMA_KEYS, AVMA_UNKNOWN_GUESTS, avmaHostCanActivate, avmaKeysEndingWith, AZURE_KMS_CLOUDS, azureKmsFor, isAvmaKey, isAzureKmsHost } from '../../../../shared/knowledge';

describe('AVMA', () => {
  it('has the AVMA keys of Microsoft\'s page', () => {
    const key = (guest: string, edition: string) => AVMA_KEYS.find((k) => k.guest === guest && k.edition === edition)?.key;
    expect(key('Windows Server 2022', 'Datacenter')).toBe('W3GNR-8DDXR-2TFRP-H8P33-DV9BG');
    expect(key('Windows Server 2022', 'Datacenter: Azure Edition')).toBe('F7TB6-YKN8Y-FCC6R-KQ484-VMK3J');
    expect(key('Windows Server 2019', 'Essentials')).toBe('2CTP7-NHT64-BP62M-FV6GG-HFV28');
    expect(key('Windows Server 2016', 'Standard')).toBe('C3RCX-M6NRP-6CXC9-TW2F2-4RHYD');
    expect(key('Windows Server 2012 R2', 'Essentials')).toBe('K2XGM-NMBT3-2R6Q8-WF2FK-P36R2');
    expect(AVMA_KEYS).toHaveLength(19);
  });

  it("has the Windows Server 2025 keys of Microsoft's page (Windows Server 2025 tab)", () => {
    const key = (edition: string) => AVMA_KEYS.find((k) => k.guest === 'Windows Server 2025' && k.edition === edition)?.key;
    expect(key('Datacenter')).toBe('YQB4H-NKHHJ-Q6K4R-4VMY6-VCH67');
    expect(key('Standard')).toBe('WWVGQ-PNHV9-B89P4-8GGM9-9HPQ4');
    expect(key('Datacenter: Azure Edition')).toBe('6NMQ9-T38WF-6MFGM-QYGYM-88J4F');
    expect(isAvmaKey('VCH67')).toBe(true);
  });

  it('answers Semi-Annual Channel guests from the LTSC row whose keys they use, or unknown, never a bare no', () => {
    expect(avmaHostCanActivate('server-2019', 'server-sac').answer).toBe('unknown');
    expect(avmaHostCanActivate('server-2019', 'server-sac', 18363).answer).toBe('yes');
    expect(avmaHostCanActivate('server-2016', 'server-sac', 17134).answer).toBe('yes');
    expect(avmaHostCanActivate('server-2016', 'server-sac', 17763).answer).toBe('no');
    expect(avmaHostCanActivate('server-2022', 'server-sac', 19042).answer).toBe('unknown');
  });

  it('records which hosts activate Windows Server 2025 guests as unknown instead of guessing', () => {
    expect(AVMA_HOSTS.find((h) => h.host === 'server-2025')?.guests).toBe('unknown');
    expect(AVMA_UNKNOWN_GUESTS.map((g) => g.productId)).toEqual(['server-2025']);
    expect(avmaHostCanActivate('server-2025', 'server-2022').answer).toBe('unknown');
    expect(avmaHostCanActivate('server-2022', 'server-2025').answer).toBe('unknown');
  });

  it.each([
    ['server-2022', 'server-2012r2', 'yes'],
    ['server-2022', 'server-2022', 'yes'],
    ['server-2019', 'server-2022', 'no'],
    ['server-2016', 'server-2016', 'yes'],
    ['server-2016', 'server-2019', 'no'],
    ['server-2012r2', 'server-2012r2', 'yes'],
    ['server-2012', 'server-2012', 'no'],
  ] as const)('%s host, %s guest: %s', (host, guest, answer) => {
    expect(avmaHostCanActivate(host, guest).answer).toBe(answer);
  });

  it('recognises AVMA keys in full or by their last five characters', () => {
    expect(isAvmaKey('w3gnr-8ddxr-2tfrp-h8p33-dv9bg')).toBe(true);
    expect(isAvmaKey('DV9BG')).toBe(true);
    expect(isAvmaKey('WX4NM-KYWYW-QJJR4-XV3QB-6VM33')).toBe(false);
    expect(isAvmaKey('6VM33')).toBe(false);
    expect(avmaKeysEndingWith('wmbmw').map((k) => k.guest)).toEqual(['Windows Server 2019', 'Windows Server, versions 1909, 1903, and 1809']);
    expect(avmaKeysEndingWith('BMW')).toEqual([]);
  });
});

describe('Azure KMS', () => {
  it('lists the endpoints of every cloud', () => {
    const byCloud = Object.fromEntries(AZURE_KMS_CLOUDS.map((c) => [c.cloud, c.hosts.map((h) => [h.name, h.ips.join(','), h.current])]));
    expect(byCloud).toEqual({
      public: [
        ['azkms.core.windows.net', '20.118.99.224,40.83.235.53', true],
        ['kms.core.windows.net', '23.102.135.246', false],
      ],
      china: [
        ['azkms.core.chinacloudapi.cn', '159.27.28.100,163.228.64.161', true],
        ['kms.core.chinacloudapi.cn', '42.159.7.249', false],
      ],
      // Microsoft names both US Government endpoints, neither as legacy.
      usgov: [
        ['kms.core.usgovcloudapi.net', '23.97.0.13', true],
        ['azkms.core.usgovcloudapi.net', '52.126.105.2', true],
      ],
      // Closed on 29 October 2021: kept only so the name is still recognised as Azure KMS.
      germany: [['kms.core.cloudapi.de', '51.4.143.248', false]],
    });
    for (const c of AZURE_KMS_CLOUDS) expect(c.port).toBe(1688);
  });

  it.each([
    ['AzurePublicCloud', 'azkms.core.windows.net'],
    ['AZUREPUBLICCLOUD', 'azkms.core.windows.net'],
    ['AzureChinaCloud', 'azkms.core.chinacloudapi.cn'],
    ['azureusgovernmentcloud', 'azkms.core.usgovcloudapi.net'],
  ])('azureKmsFor(%j) -> %s', (env, host) => {
    expect(azureKmsFor(env)?.current).toBe(host);
  });

  it('gives every address of a cloud for custom routes', () => {
    expect(azureKmsFor('AzurePublicCloud')?.addresses).toEqual(['20.118.99.224', '40.83.235.53', '23.102.135.246']);
  });

  it('does not guess a cloud it does not know, and never picks closed Azure Germany', () => {
    expect(azureKmsFor('AzureStackCloud')).toBeUndefined();
    expect(azureKmsFor(' AzureGermanCloud ')).toBeUndefined();
    expect(AZURE_KMS_CLOUDS.find((c) => c.cloud === 'germany')?.closed).toBe('2021-10-29');
    expect(isAzureKmsHost('kms.core.cloudapi.de')).toBe(true);
    expect(azureKmsFor('AzureUSGovernmentCloud')?.addresses).toEqual(['23.97.0.13', '52.126.105.2']);
  });

  it.each([
    ['azkms.core.windows.net', true],
    ['AZKMS.core.windows.net.', true],
    ['azkms.core.windows.net:1688', true],
    ['kms.core.windows.net', true],
    ['40.83.235.53', true],
    ['51.4.143.248:1688', true],
    ['kms01.contoso.com', false],
    ['azkms.core.windows.net.evil.example', false],
    ['10.0.0.4', false],
  ])('isAzureKmsHost(%j) is %s', (host, expected) => {
    expect(isAzureKmsHost(host)).toBe(expected);
  });
});
