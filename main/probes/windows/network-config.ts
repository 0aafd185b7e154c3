/**
 * Domain membership and DNS client settings (network-config.ps1): what KMS auto-discovery uses to
 * build its `_vlmcs._tcp.<suffix>` queries, and the WinHTTP proxy used for online activation.
 */
import { z } from 'zod';
import { NetworkConfigSchema, type NetworkConfig } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeNetworkConfig } from '../outcomes';
import { bool, psArray, psBoolean, psNumber, psText, text, uint32 } from './normalise';
import { decodeWinHttpSettings } from './winhttp-proxy';

const RawAdapterSchema = z.object({
  Index: psNumber,
  Description: psText,
  IPConnectionMetric: psNumber,
  DNSServerSearchOrder: psArray(z.string()),
  DNSDomain: psText,
  DNSDomainSuffixSearchOrder: psArray(z.string()),
});

export const RawNetworkConfigSchema = z.object({
  partOfDomain: psBoolean,
  domain: psText,
  workgroup: psText,
  tcpipDomain: psText,
  tcpipNvDomain: psText,
  /** REG_SZ, comma-separated; "" when not configured. */
  tcpipSearchList: psText,
  policyPrimaryDnsSuffix: psText,
  policySearchList: psText,
  adapters: psArray(RawAdapterSchema),
  /** The WinHttpSettings binary value, base64-encoded by the script. */
  winHttpSettings: psText,
});
export type RawNetworkConfig = z.output<typeof RawNetworkConfigSchema>;

const MAX_LIST = 64;

/** Trimmed, non-empty, without trailing dots, de-duplicated case-insensitively, in first-seen order. */
function uniqueNames(values: Iterable<string | null | undefined>, max = 255): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const name = text(value, max)?.replace(/\.+$/, '');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
    if (out.length === MAX_LIST) break;
  }
  return out;
}

const splitList = (value: string | null | undefined) => (value ?? '').split(/[,\s]+/);

export function parseNetworkConfig(raw: RawNetworkConfig): NetworkConfig {
  const partOfDomain = bool(raw.partOfDomain) ?? false;
  // Lowest interface metric first: the adapter Windows prefers for DNS.
  const adapters = [...raw.adapters].sort((a, b) => (uint32(a.IPConnectionMetric) ?? 0xffff) - (uint32(b.IPConnectionMetric) ?? 0xffff));
  const primaryDnsSuffix = uniqueNames([raw.policyPrimaryDnsSuffix, raw.tcpipDomain, raw.tcpipNvDomain])[0] ?? null;
  const connectionDnsSuffixes = uniqueNames(adapters.map((a) => a.DNSDomain));

  // The search list Windows uses: the policy list, else the configured list, else (the default)
  // the primary suffix followed by the connection-specific suffixes.
  const configured = [splitList(raw.policySearchList), splitList(raw.tcpipSearchList), adapters.flatMap((a) => a.DNSDomainSuffixSearchOrder)]
    .map((list) => uniqueNames(list))
    .find((list) => list.length > 0);
  const dnsSuffixSearchList = configured ?? uniqueNames([primaryDnsSuffix, ...connectionDnsSuffixes]);

  return {
    partOfDomain,
    domain: text(raw.domain, 255),
    workgroup: partOfDomain ? null : text(raw.workgroup, 255),
    primaryDnsSuffix,
    dnsSuffixSearchList,
    dnsServers: uniqueNames(
      adapters.flatMap((a) => a.DNSServerSearchOrder),
      64,
    ),
    connectionDnsSuffixes,
    winHttpProxy: text(decodeWinHttpSettings(raw.winHttpSettings)?.proxy, 500),
  };
}

export const networkConfigCollector = defineCollector({
  script: 'network-config',
  subject: 'the domain and DNS settings',
  raw: RawNetworkConfigSchema,
  parse: parseNetworkConfig,
  value: NetworkConfigSchema,
});

/** The registry's entry (registry.ts). */
export const networkConfigProbe = defineWindowsProbe({ ...networkConfigCollector, key: 'networkConfig', describe: describeNetworkConfig });
