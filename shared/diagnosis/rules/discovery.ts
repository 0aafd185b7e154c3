/** Stage 3: can this computer find its KMS host (configured name, DNS SRV records)? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue, type SrvRecord } from '../../snapshot';
import { classifyKmsHost, isInDomain } from '../../kms-target';
import { isHostName } from '../../inputs';
import { checkCommand } from './helpers';
import type { DiagnosisContext } from '../context';
import type { FixSuggestion } from '../types';
import { codeEvidence, hostFact, hostLabel, nothingToCheck, openHosts } from './helpers';

/** KMS discovery rules only matter for a KMS client (activated or not: renewal uses them too). */
function kmsClient(ctx: DiagnosisContext): boolean {
  return ctx.kmsClient;
}

/** A fix that points this computer at a host that answered, when there is one. */
function pointAtWorkingHost(ctx: DiagnosisContext, why: string): FixSuggestion[] {
  const working = openHosts(ctx).filter((h) => !(ctx.kmsHostInUse && h.host === ctx.kmsHostInUse.host));
  const best = working.find((h) => h.sources.includes('srv')) ?? working[0];
  return best ? [{ fixId: 'set-kms-host', inputs: { host: hostLabel(best) }, reason: `${why}: ${hostLabel(best)} answers on its port` }] : [];
}

export const kmsHostUnresolvable: Rule = {
  id: 'kms-host-unresolvable',
  stage: 'discovery',
  question: 'Does the KMS host name resolve to an address?',
  sources: ['SA-232B', 'WSD-DNS'],
  evaluate(ctx) {
    if (!kmsClient(ctx)) return notApplicable;
    if (!ctx.kmsHostInUse) return notApplicable;
    const hosts = ctx.snapshot.network.kmsHosts;
    if (nothingToCheck(hosts)) return notApplicable;
    if (hosts.status === 'unavailable') return unknown(['network.kmsHosts'], 'the KMS host could not be checked');
    const check = ctx.hostCheck(ctx.kmsHostInUse.host);
    if (!check) return unknown(['network.kmsHosts'], `${ctx.kmsHostInUse.host} was not checked`);
    if (check.tcp !== 'unresolvable') return pass(`${check.host} resolves to ${check.addresses.join(', ') || 'an address'}`);
    const configured = ctx.kmsHostInUse.source === 'configured';
    const srvWorks = ctx.srvLookups().some((l) => l.result === 'found' && l.records.some((r) => r.addresses.length > 0));
    // A host only found through DNS that no longer resolves: the client asks DNS again and tries
    // another listed host, so when one answers this costs an attempt, not the activation.
    const anotherAnswers = !configured && openHosts(ctx).some((h) => h.sources.includes('srv') && h.host.toLowerCase() !== check.host.toLowerCase());
    const fixes = pointAtWorkingHost(ctx, 'use a KMS host that works');
    if (configured && srvWorks) fixes.push({ fixId: 'clear-kms-host', inputs: {}, reason: 'go back to finding the KMS host through DNS, which lists a host that resolves' });
    return finding({
      severity: ctx.activated || anotherAnswers ? 'warning' : 'blocker',
      title: `The KMS host name ${check.host} does not resolve`,
      explanation: `${configured ? 'This computer is set (slmgr /skms) to use' : 'DNS last pointed this computer at'} ${check.host}, but that name does not resolve to an address, so the activation request never leaves this computer. The host may have been renamed or decommissioned, or this computer uses a DNS server that does not know it.`,
      evidence: [
        evidence(hostFact(check), `KMS host (${ctx.kmsHostInUse.source})`, hostLabel(check)),
        evidence(hostFact(check), 'Name resolution', check.error ?? 'no address', 'resolves to an address', false),
        ...codeEvidence(ctx, 'kms-host-unresolvable'),
      ],
      fixes,
      guidance: [checkCommand('Check the name from this computer', 'nslookup', [check.host], 'cmd')],
      strength: 0.9,
    });
  },
};

export const kmsSrvMissing: Rule = {
  id: 'kms-srv-missing',
  stage: 'discovery',
  question: 'Does DNS publish a _vlmcs._tcp record for the KMS host?',
  sources: ['SA-232B', 'WSD-DNS', 'WSD-HOST'],
  evaluate(ctx) {
    if (!kmsClient(ctx)) return notApplicable;
    if (ctx.kmsHostInUse?.source === 'configured') return pass(`the KMS host is set by hand (${ctx.kmsHostInUse.host}), so DNS is not used`);
    if (ctx.isAzure) return notApplicable;
    const srv = ctx.snapshot.network.srv;
    const net = factValue(ctx.snapshot.windows.networkConfig);
    if (srv.status === 'unavailable' && srv.reason !== 'no-candidates') return unknown(['network.srv'], 'DNS could not be searched');
    const lookups = srv.status === 'ok' ? srv.value : [];
    if (lookups.some((l) => l.result === 'found')) return pass(`found in ${lookups.filter((l) => l.result === 'found').map((l) => l.domain).join(', ')}`);
    if (lookups.length > 0 && lookups.every((l) => l.result === 'timed-out' || l.result === 'error')) return unknown(['network.srv'], 'every DNS lookup failed; see the DNS evidence');
    // No domain to search is a finding only when the DNS settings were read and hold none.
    if (lookups.length === 0 && ctx.snapshot.windows.networkConfig.status === 'unavailable') {
      return unknown(['windows.networkConfig'], "this computer's DNS settings could not be read, so whether it has a DNS domain to search could not be checked");
    }
    const hadHost = ctx.kmsHostInUse !== null;
    // A KMS host known by name in another DNS domain than the ones searched: it publishes only to
    // its own domain unless told to publish to more (DnsDomainPublishList).
    const hostDomain = ctx.kmsHostInUse && isHostName(ctx.kmsHostInUse.host) && ctx.kmsHostInUse.host.includes('.') ? ctx.kmsHostInUse.host.toLowerCase().replace(/\.$/, '').split('.').slice(1).join('.') : null;
    const otherZone = hostDomain !== null && hostDomain.includes('.') && lookups.length > 0 && !lookups.some((l) => isInDomain(`x.${hostDomain}`, l.domain)) ? hostDomain : null;
    const domainJoined = net?.partOfDomain === true;
    const gvlkWithoutKmsMoreLikely = !hadHost && !domainJoined;
    return finding({
      severity: ctx.activated ? 'warning' : 'blocker',
      title: lookups.length > 0 ? 'DNS has no _vlmcs._tcp record for a KMS host' : 'This computer has no DNS domain to look for a KMS host in',
      explanation:
        lookups.length > 0
          ? 'KMS clients find their host through a _vlmcs._tcp SRV record in their own DNS domain (error 0x8007232B when it is missing). None was found in the domains below. Either the KMS host does not publish to the DNS zone this computer uses (check DisableDnsPublishing and the DNS zone permissions on the host), or the record was removed. You can point this computer at the KMS host by name instead.'
          : 'KMS clients find their host through a _vlmcs._tcp SRV record in their DNS domain, but this computer has no primary DNS suffix, no connection-specific suffix and no search list, so it has nowhere to look. Point it at the KMS host by name, or give it the DNS suffix of your domain.',
      evidence: [
        ...lookups.map((l) => evidence(`network.srv[${l.domain}]`, `_vlmcs._tcp.${l.domain}`, l.result === 'not-found' ? 'no record' : `${l.result}${l.error ? `: ${l.error}` : ''}`, 'at least one record', false)),
        ...(lookups.length === 0 ? [evidence('windows.networkConfig', 'DNS domains to search', 'none', 'at least one', false)] : []),
        ...codeEvidence(ctx, 'kms-srv-missing'),
      ],
      fixes: [
        {
          fixId: 'set-kms-host',
          inputs: ctx.kmsHostInUse ? { host: hostLabel(ctx.kmsHostInUse) } : {},
          reason: ctx.kmsHostInUse ? `use ${ctx.kmsHostInUse.host}, the host this computer last used` : 'enter your KMS host name to use it without DNS',
        },
        ...(otherZone ? [{ fixId: 'set-kms-lookup-domain' as const, inputs: { domain: otherZone }, reason: `look for the _vlmcs._tcp record in ${otherZone}, the KMS host's own domain` }] : []),
      ],
      guidance: [
        ...(otherZone
          ? [
              `The KMS host is in ${otherZone}, but this computer searches ${lookups.map((l) => l.domain).join(', ')}. A KMS host publishes only in its own domain: on the host, add ${lookups.map((l) => l.domain).join(' and ')} to the multi-string value DnsDomainPublishList (Microsoft's page puts it under HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SL), then restart the Software Protection service; or point the clients at ${otherZone} (slmgr /skms-domain).`,
            ]
          : ['If the KMS host is in another DNS domain than this computer, have it publish here too: on the host, list this domain in the multi-string value DnsDomainPublishList, then restart the Software Protection service.']),
        'On the KMS host, check DNS publishing: HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform DisableDnsPublishing must be 0 or absent; event 12293 reports a publishing failure.',
        'Or create the record by hand: _vlmcs._tcp, priority 0, weight 0, port 1688, pointing at the KMS host.',
      ],
      strength: gvlkWithoutKmsMoreLikely ? 0.4 : 0.8,
    });
  },
};

/**
 * What a record's target did: 'works' (answers on its port), 'unresolved' (the name does not
 * resolve), 'silent' (resolves, but the port did not answer: a reachability problem, not DNS) or
 * 'unchecked' (resolves, but nobody tried to connect to it).
 */
type RecordState = 'works' | 'unresolved' | 'silent' | 'unchecked';
function recordState(ctx: DiagnosisContext, record: SrvRecord): RecordState {
  const check = ctx.hostCheck(record.target, record.port) ?? ctx.hostCheck(record.target);
  if (record.addresses.length === 0) {
    // The SRV answer carried no address, yet the host was reached by name: not stale, not judged here.
    return check?.tcp === 'open' ? 'unchecked' : 'unresolved';
  }
  if (!check) return 'unchecked';
  if (check.tcp === 'open') return 'works';
  return check.tcp === 'unresolvable' ? 'unresolved' : 'silent';
}

export const kmsSrvStale: Rule = {
  id: 'kms-srv-stale',
  stage: 'discovery',
  question: 'Does every _vlmcs._tcp record point at a KMS host that exists?',
  sources: ['SA-F074', 'WSD-DNS', 'WSD-KMSGEN', 'SA-232B'],
  evaluate(ctx) {
    if (!kmsClient(ctx)) return notApplicable;
    const found = ctx.srvLookups().filter((l) => l.result === 'found');
    if (nothingToCheck(ctx.snapshot.network.srv)) return notApplicable;
    if (found.length === 0) return ctx.snapshot.network.srv.status === 'ok' ? notApplicable : unknown(['network.srv'], 'DNS could not be searched');
    const records = found.flatMap((l) => l.records.map((r) => ({ domain: l.domain, record: r, state: recordState(ctx, r) })));
    const working = records.filter((r) => r.state === 'works');
    // A record is stale when its target does not resolve, or when another record's host answers
    // and this one does not. A host that resolves but does not answer, with no other host
    // answering either, is a blocked or stopped KMS host: removing the organisation's only record
    // would break discovery for every client.
    const stale = records.filter((r) => r.state === 'unresolved' || (r.state === 'silent' && working.length > 0));
    const silent = records.filter((r) => r.state === 'silent');
    if (stale.length === 0) {
      if (silent.length > 0) return pass(`DNS is fine, the port is not: ${silent.map((r) => r.record.target).join(', ')} resolve${silent.length === 1 ? 's' : ''} but did not answer (see "Does the KMS host answer on its port?")`);
      if (records.some((r) => r.state === 'unchecked')) {
        return ctx.snapshot.network.kmsHosts.status === 'unavailable'
          ? unknown(['network.kmsHosts'], 'the record targets resolve, but whether they answer could not be checked')
          : unknown(['network.kmsHosts'], 'some record targets were not checked on their port');
      }
      return pass(`${records.length === 1 ? 'the record points' : `all ${records.length} records point`} at a host that answers`);
    }
    const best = working[0]?.record;
    const describe = (r: SrvRecord) => {
      const check = ctx.hostCheck(r.target, r.port) ?? ctx.hostCheck(r.target);
      if (r.addresses.length === 0 && check?.tcp !== 'open') return `does not resolve (${r.resolveError ?? 'no address'})`;
      if (!check) return 'resolves, not checked';
      return check.tcp === 'unresolvable' ? `does not resolve (${check.error ?? 'no address'})` : `resolves, port ${r.port} ${check.tcp}`;
    };
    const beside = working.length > 0;
    return finding({
      // Beside a working host a stale record costs a failed attempt, not the activation: the
      // client tries another host. Alone, nothing activates.
      severity: beside || ctx.activated ? 'warning' : 'blocker',
      title: beside ? 'DNS lists a stale KMS host beside a working one' : 'DNS points only at KMS host names that do not resolve',
      explanation: beside
        ? 'KMS clients pick a host from the _vlmcs._tcp records at random; when it does not answer, the client tries another host, so a stale record costs a failed attempt and a delay before a working host is used. Remove or correct the stale record in DNS; until then, this computer can be pointed at the host that works.'
        : 'Every _vlmcs._tcp record names a host that does not resolve to an address: the records are stale (a renamed or decommissioned KMS host). Correct them, or point this computer at a KMS host by name.',
      evidence: records.map(({ domain, record, state }) =>
        evidence(`network.srv[${domain}].${record.target}`, `_vlmcs._tcp.${domain} → ${record.target}:${record.port}`, describe(record), 'resolves and answers', state === 'unchecked' ? null : state === 'works'),
      ),
      fixes: best ? [{ fixId: 'set-kms-host', inputs: { host: hostLabel({ host: best.target, port: best.port }) }, reason: `use ${best.target}, the listed host that answers` }] : [],
      guidance: [
        ...stale.map(({ domain, record }) => `Remove or correct the record _vlmcs._tcp.${domain} → ${record.target} in DNS (DNS Manager → ${domain} → _tcp → _VLMCS).`),
        ...(beside && records.some((r) => r.record.priority !== records[0]!.record.priority || r.record.weight !== records[0]!.record.weight)
          ? ['These records use priority and weight to steer clients: Microsoft recommends turning off KMS host caching on the clients (slmgr /ckhc) when using them (Microsoft\'s pages disagree on whether clients honour them at all).']
          : []),
      ],
      strength: beside ? 0.5 : 0.7,
    });
  },
};

export const thirdPartyKmsHost: Rule = {
  id: 'third-party-kms-host',
  stage: 'discovery',
  question: "Is the KMS host your organisation's own (or Azure's, on an Azure VM)?",
  sources: ['WSD-PLAN', 'AZ-F074'],
  evaluate(ctx) {
    if (!ctx.kmsHostInUse) return ctx.product ? notApplicable : unknown(['windows.licensing'], 'the KMS settings could not be read');
    const host = ctx.kmsHostInUse.host.replace(/\.$/, '').toLowerCase();
    const owner = classifyKmsHost(host, ctx.orgDomains);
    if (owner === 'azure') {
      if (ctx.isAzure) return pass('Azure KMS, on an Azure VM');
      if (ctx.snapshot.azure.status === 'unavailable' && ctx.snapshot.azure.reason !== 'not-windows') return unknown(['azure'], 'whether this is an Azure VM could not be checked');
      return finding({
        severity: 'warning',
        title: 'Azure KMS is set on a computer that is not an Azure VM',
        explanation: 'Azure KMS only activates virtual machines running in Azure, and only when the request comes from an Azure public IP address. On this computer it cannot work. Use your organisation\'s own KMS host, or a MAK.',
        evidence: [evidence(ctx.kmsHostInUse.fact, 'KMS host', hostLabel(ctx.kmsHostInUse)), ...(ctx.snapshot.azure.status === 'ok' ? [evidence('azure.isAzure', 'Azure VM', 'no', 'yes, for Azure KMS', false)] : [])],
        fixes: [{ fixId: 'clear-kms-host', inputs: {}, reason: 'remove the Azure KMS setting and go back to DNS discovery' }],
        strength: 0.7,
      });
    }
    if (owner === 'organisation') return pass(`${host} is inside your organisation`);
    if (owner === 'outside' && ctx.snapshot.windows.networkConfig.status === 'unavailable' && ctx.snapshot.options.domain === null) {
      return unknown(['windows.networkConfig'], `this computer's DNS domains could not be read, so whether ${host} belongs to your organisation could not be checked`);
    }
    if (owner === 'this-computer') {
      return finding({
        severity: 'warning',
        title: `The KMS host is set to ${host}, this computer itself`,
        explanation: `This computer is ${ctx.kmsHostInUse.source === 'configured' ? 'set to activate against' : 'activating against'} ${host}, a loopback or link-local address: a KMS client never finds a legitimate KMS host there. That is how unlicensed KMS emulators are wired. Only your organisation's own KMS host (or Azure KMS, on Azure VMs) can license Windows legitimately: clear the setting and use your own KMS host, a MAK or a retail key.`,
        evidence: [evidence(ctx.kmsHostInUse.fact, `KMS host (${ctx.kmsHostInUse.source})`, hostLabel(ctx.kmsHostInUse), "your organisation's own host", false)],
        fixes: [{ fixId: 'clear-kms-host', inputs: {}, reason: 'remove the setting and go back to finding your own KMS host through DNS' }],
        strength: 0.8,
      });
    }
    return finding({
      severity: 'warning',
      title: `The KMS host ${host} is outside your organisation`,
      explanation: `This computer is ${ctx.kmsHostInUse.source === 'configured' ? 'set to activate against' : 'activating against'} ${host}, which is neither inside your organisation's DNS domains or private network nor Azure KMS. Only your organisation's own KMS host (or Azure KMS, on Azure VMs) can license Windows legitimately. If this is not your host, clear the setting and use your own KMS host, a MAK or a retail key.`,
      evidence: [
        evidence(ctx.kmsHostInUse.fact, `KMS host (${ctx.kmsHostInUse.source})`, hostLabel(ctx.kmsHostInUse), "your organisation's own host", false),
        evidence(ctx.snapshot.windows.networkConfig.status === 'ok' ? 'windows.networkConfig' : 'options.domain', "Your organisation's DNS domains", ctx.orgDomains.join(', ') || 'none known'),
      ],
      fixes: [{ fixId: 'clear-kms-host', inputs: {}, reason: 'remove the setting and go back to finding your own KMS host through DNS' }],
      strength: 0.6,
    });
  },
};
