import { describe, expect, it } from 'vitest';
import { networkConfigCollector } from '../../../../main/probes/windows/network-config';
import { decodeWinHttpSettings } from '../../../../main/probes/windows/winhttp-proxy';
import { parseEdited, parseFixture } from './parse';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex').toString('base64');
/** Builds a WinHttpSettings value the way `netsh winhttp set proxy` stores it. */
function settings(flags: number, proxy: string, bypass: string): string {
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const head = Buffer.alloc(12);
  head.writeUInt32LE(0x28, 0);
  head.writeUInt32LE(flags, 8);
  return Buffer.concat([head, field(proxy), field(bypass)]).toString('base64');
}

describe('decodeWinHttpSettings', () => {
  it('reads direct access (the default value)', () => {
    expect(decodeWinHttpSettings(hex('18000000 00000000 01000000 00000000 00000000'))).toEqual({ proxy: null, bypass: null });
  });

  it('reads a proxy and its bypass list', () => {
    expect(decodeWinHttpSettings(settings(3, 'proxy.corp.example:8080', '<local>;*.corp.example'))).toEqual({
      proxy: 'proxy.corp.example:8080',
      bypass: '<local>;*.corp.example',
    });
  });

  it('ignores a stored proxy when the flags say direct', () => {
    expect(decodeWinHttpSettings(settings(1, 'old-proxy:3128', ''))?.proxy).toBeNull();
  });

  it('returns null for a missing or malformed value', () => {
    expect(decodeWinHttpSettings(null)).toBeNull();
    expect(decodeWinHttpSettings(hex('18000000 00000000'))).toBeNull();
    expect(decodeWinHttpSettings(hex('18000000 00000000 03000000 ff000000 41'))).toBeNull();
  });
});

describe('parseNetworkConfig', () => {
  it('reads a workgroup machine: no primary suffix, the DHCP suffix as search list, direct WinHTTP', () => {
    expect(parseFixture(networkConfigCollector, 'de-win10-pro-oem')).toEqual({
      partOfDomain: false,
      domain: 'WORKGROUP',
      workgroup: 'WORKGROUP',
      primaryDnsSuffix: null,
      dnsSuffixSearchList: ['fritz.box'],
      dnsServers: ['192.168.178.1'],
      connectionDnsSuffixes: ['fritz.box'],
      winHttpProxy: null,
    });
  });

  it('reads a domain member with a WinHTTP proxy', () => {
    expect(parseFixture(networkConfigCollector, 'ws2019-kms-client')).toEqual({
      partOfDomain: true,
      domain: 'corp.contoso.com',
      workgroup: null,
      primaryDnsSuffix: 'corp.contoso.com',
      dnsSuffixSearchList: ['corp.contoso.com'],
      dnsServers: ['10.20.0.10', '10.20.0.11'],
      connectionDnsSuffixes: [],
      winHttpProxy: 'proxy.corp.contoso.com:8080',
    });
  });

  it("reads an Azure VM's platform DNS server and internal suffix", () => {
    const config = parseFixture(networkConfigCollector, 'azure-avma-ws2019');
    expect(config.dnsServers).toEqual(['168.63.129.16']);
    expect(config.connectionDnsSuffixes).toEqual(['abcdefghijklmnopqrstuv1234.xx.internal.cloudapp.net']);
  });

  it('lets Group Policy override the primary suffix and the search list', () => {
    const config = parseEdited(networkConfigCollector, 'ws2019-kms-client', (json) => {
      json.policyPrimaryDnsSuffix = 'gpo.contoso.com';
      json.policySearchList = 'gpo.contoso.com,contoso.com';
      json.tcpipSearchList = 'ignored.example';
    });
    expect(config.primaryDnsSuffix).toBe('gpo.contoso.com');
    expect(config.dnsSuffixSearchList).toEqual(['gpo.contoso.com', 'contoso.com']);
  });

  it('orders DNS servers by interface metric and removes duplicates', () => {
    const config = parseEdited(networkConfigCollector, 'ws2019-kms-client', (json) => {
      json.adapters = [
        { Index: 1, Description: 'VPN', IPConnectionMetric: 50, DNSServerSearchOrder: ['10.99.0.1', '10.20.0.10'], DNSDomain: 'vpn.contoso.com.', DNSDomainSuffixSearchOrder: null },
        { Index: 2, Description: 'LAN', IPConnectionMetric: 5, DNSServerSearchOrder: '10.20.0.10', DNSDomain: 'Corp.Contoso.com', DNSDomainSuffixSearchOrder: null },
      ];
    });
    expect(config.dnsServers).toEqual(['10.20.0.10', '10.99.0.1']);
    expect(config.connectionDnsSuffixes).toEqual(['Corp.Contoso.com', 'vpn.contoso.com']);
    // No configured list: Windows searches the primary suffix, then the connection suffixes.
    expect(config.dnsSuffixSearchList).toEqual(['corp.contoso.com', 'vpn.contoso.com']);
  });
});
