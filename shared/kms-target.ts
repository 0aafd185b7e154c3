/**
 * Whose KMS host is this? Legitimate licensing only: Activation Doctor talks to the
 * organisation's own KMS hosts and, on Azure VMs, to Azure KMS, and nothing else. The diagnosis
 * (third-party-kms-host) and the network probes (which hosts may be contacted) share this rule,
 * and the collector script carries a PowerShell port of `contactDecision`
 * (main/collector/ps/contact.ts); one table of hosts tests both (test/fixtures/contact-policy).
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
 * or a name inside one of the organisation's DNS domains. `azure`: Azure KMS. A name whose owner
 * its text cannot tell (isPlainHost: `kms\uFF0Eevil\uFF0Ecom` resolves as kms.evil.com) is `outside`.
 */
export function classifyKmsHost(rawHost: string, orgDomains: readonly string[]): KmsHostOwner {
  const host = rawHost.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isAzureKmsHost(host)) return 'azure';
  if (host === 'localhost') return 'this-computer';
  if (isIPv4(host) || isIPv6(host)) {
    if (isLoopbackOrLinkLocal(host)) return 'this-computer';
    return isPrivateAddress(host) ? 'organisation' : 'outside';
  }
  if (!isPlainHost(host)) return 'outside';
  if (!host.includes('.')) return 'organisation';
  return orgDomains.some((d) => isInDomain(host, d)) ? 'organisation' : 'outside';
}

/**
 * Sources whose hosts are always checked: the technician's own --kms (-KmsHost), the
 * organisation's own DNS records (_vlmcs._tcp), and Azure's KMS, named only on an Azure VM.
 */
export const ALWAYS_CONTACTED_SOURCES: readonly string[] = ['option', 'srv', 'azure'];

/** The error text of a check that was recorded and never contacted (tcp `not-contacted`). */
export const NOT_CONTACTED_REASONS = {
  outside: "not contacted: outside your organisation's DNS domains and private networks (legitimate licensing only)",
  unclear:
    'not contacted: not a plain host name or IP address (letters, digits, hyphens, underscores and dots, or an address written the standard way), so whose host it is cannot be told (legitimate licensing only)',
} as const;
export type NotContactedReason = keyof typeof NOT_CONTACTED_REASONS;

export type ContactDecision = { contact: true } | { contact: false; reason: NotContactedReason };

/**
 * A host whose owner can be told from its text: an IP literal, or a name of ASCII letters, digits,
 * hyphens, underscores (legacy Windows names) and dots that a resolver reads as a name. Anything
 * else could be read by a resolver as something the rule never saw: IDNA maps U+FF0E and U+3002
 * to dots (so `kms\uFF0Eevil\uFF0Ecom` would pass as a single-label name), and inet_aton reads
 * `127.1`, `2130706433` and `0x7f.1` as 127.0.0.1. ASCII also keeps the case rules of JavaScript
 * and .NET equal (.NET folds the Kelvin sign U+212A to k), so both sides decide alike.
 */
export function isPlainHost(rawHost: string): boolean {
  const host = rawHost.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIPv4(host) || isIPv6(host)) return true;
  if (!/^[A-Za-z0-9_.-]+$/.test(host)) return false;
  return !host.split('.').every((label) => /^(?:[0-9]+|0[xX][0-9A-Fa-f]*)$/.test(label));
}

/**
 * Legitimate licensing only: may the network checks send a packet to this KMS host? A host this
 * computer is configured with, discovered earlier or named in an event only when it is the
 * organisation's own (or Azure KMS); never loopback, link-local or unspecified addresses, never a
 * host whose owner cannot be told. The technician's --kms and the organisation's own DNS records
 * are always checked. `host` is the candidate's (normaliseHost); `orgDomains` organisationDomains'.
 */
export function contactDecision(host: string, sources: readonly string[], orgDomains: readonly string[]): ContactDecision {
  if (sources.some((s) => ALWAYS_CONTACTED_SOURCES.includes(s))) return { contact: true };
  if (!isPlainHost(host)) return { contact: false, reason: 'unclear' };
  const owner = classifyKmsHost(host, orgDomains);
  return owner === 'organisation' || owner === 'azure' ? { contact: true } : { contact: false, reason: 'outside' };
}
