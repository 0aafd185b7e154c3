/**
 * Whose KMS host is this? Legitimate licensing only: Activation Doctor talks to the
 * organisation's own KMS hosts and, on Azure VMs, to Azure KMS, and nothing else. The diagnosis
 * (third-party-kms-host) and the network probes (which hosts may be contacted) share this rule.
 */
import { isAzureKmsHost } from './knowledge/azure';
import { isIPv4, isIPv6, isPrivateAddress } from './inputs';

export type KmsHostOwner = 'organisation' | 'azure' | 'this-computer' | 'outside';

function isLoopbackOrLinkLocal(address: string): boolean {
  const lower = address.toLowerCase();
  return lower.startsWith('127.') || lower === '::1' || lower.startsWith('169.254.') || lower.startsWith('fe80:');
}

export function isInDomain(host: string, domain: string): boolean {
  const h = host.replace(/\.$/, '').toLowerCase();
  const d = domain.replace(/\.$/, '').toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

/**
 * `this-computer`: loopback or link-local, where a KMS client never finds a legitimate KMS host
 * (that is how KMS emulators are wired). `organisation`: a private address, a single-label name,
 * or a name inside one of the organisation's DNS domains. `azure`: Azure KMS.
 */
export function classifyKmsHost(rawHost: string, orgDomains: readonly string[]): KmsHostOwner {
  const host = rawHost.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isAzureKmsHost(host)) return 'azure';
  if (host === 'localhost') return 'this-computer';
  if (isIPv4(host) || isIPv6(host)) {
    if (isLoopbackOrLinkLocal(host)) return 'this-computer';
    return isPrivateAddress(host) ? 'organisation' : 'outside';
  }
  if (!host.includes('.')) return 'organisation';
  return orgDomains.some((d) => isInDomain(host, d)) ? 'organisation' : 'outside';
}
