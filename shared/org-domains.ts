/**
 * The one owner of "which DNS domains are the organisation's". Three users ask it:
 *   - the SRV candidate list (main/probes/network/srv.ts): where to look up `_vlmcs._tcp`;
 *   - the contact policy (shared/kms-target.ts classifyKmsHost, used by the network probes):
 *     a configured, discovered or event host is contacted only when it is inside one of these;
 *   - the diagnosis (third-party-kms-host and the KMS host rules).
 * The collector script's PowerShell (main/collector/ps/candidates.ts Add-SrvDomain) follows the
 * same sources, order and grammar; keep them in step.
 *
 * Sources, most specific first (activation-facts.md §4.1: a client searches its primary DNS
 * suffix, its AD domain when joined, the DHCP suffix in a workgroup; `slmgr /skms-domain` names
 * one explicitly [WSD-DNS][WSD-SLMGR]): the technician's `--domain`, the KMS lookup domain of the
 * service and of each product, the primary DNS suffix, the AD domain (only when joined: a workgroup
 * name is not a DNS domain), the connection-specific suffixes, the suffix search list.
 * A snapshot's own SRV lookups that found records count too, with the sources they recorded: a
 * snapshot from elsewhere (collector, fleet folder) searched those domains for that computer.
 * Values that are not DNS domain names (parseDnsDomain: junk in the registry, addresses) are left
 * out; names are lower case without the trailing dot; duplicates keep every source, first order.
 * A single-label domain (an AD domain such as `corp`) counts: Windows searches it, and its hosts are
 * the organisation's. (The diagnosis used to drop it, so `kms.corp` was "third-party" there while
 * the probes contacted it. Dropping it protects nothing: whoever controls the DHCP suffix can as
 * well hand out a dotted one.)
 */
import { parseDnsDomain } from './inputs';
import type { LicensingFacts, NetworkConfig, SrvLookup } from './snapshot';

export type OrgDomainSource = SrvLookup['sources'][number];

export interface OrgDomain {
  domain: string;
  sources: OrgDomainSource[];
}

export interface OrgDomainInputs {
  /** `--domain` (the collector's `-Domain`). */
  option?: string | null;
  licensing?: LicensingFacts | null;
  networkConfig?: NetworkConfig | null;
  /** The snapshot's `network.srv` (the diagnosis passes it; the probes are still building it). */
  srvLookups?: readonly SrvLookup[] | null;
}

export function organisationDomains(inputs: OrgDomainInputs): OrgDomain[] {
  const found = new Map<string, OrgDomain>();
  const add = (raw: string | null | undefined, source: OrgDomainSource) => {
    if (!raw) return;
    const parsed = parseDnsDomain(raw);
    if (!parsed.ok) return;
    const existing = found.get(parsed.value);
    if (!existing) found.set(parsed.value, { domain: parsed.value, sources: [source] });
    else if (!existing.sources.includes(source)) existing.sources.push(source);
  };
  add(inputs.option, 'option');
  const licensing = inputs.licensing;
  if (licensing) {
    add(licensing.service.kmsLookupDomain, 'lookup-domain');
    for (const product of licensing.products) add(product.kmsLookupDomain, 'lookup-domain');
  }
  const net = inputs.networkConfig;
  if (net) {
    add(net.primaryDnsSuffix, 'primary-suffix');
    if (net.partOfDomain) add(net.domain, 'ad-domain');
    for (const suffix of net.connectionDnsSuffixes) add(suffix, 'connection-suffix');
    for (const suffix of net.dnsSuffixSearchList) add(suffix, 'search-list');
  }
  for (const lookup of inputs.srvLookups ?? []) {
    if (lookup.result === 'found') for (const source of lookup.sources) add(lookup.domain, source);
  }
  return [...found.values()];
}
