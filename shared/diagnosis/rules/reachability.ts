/** Stage 4: does the KMS host answer on its port? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue, type KmsHostCheck } from '../../snapshot';
import { isAzureKmsHost } from '../../knowledge/azure';
import type { DiagnosisContext } from '../context';
import type { FixSuggestion } from '../types';
import { azureEndpointFor, checkCommand, codeEvidence, hostFact, hostLabel, nothingToCheck, openHosts, relevantHostChecks } from './helpers';
import { formatDuration } from '../format';

function kmsHostsToJudge(ctx: DiagnosisContext): KmsHostCheck[] | null {
  if (!ctx.kmsClient) return null;
  return relevantHostChecks(ctx).filter((h) => !isAzureKmsHost(h.host));
}

/**
 * When the failing host was only found through DNS (not set by hand), the client goes back to DNS
 * after a failure and tries another listed host: if one answers, the failure costs an attempt,
 * not the activation. Findings about that one observation then agree on "warning".
 */
function anotherListedHostAnswers(ctx: DiagnosisContext, failing: KmsHostCheck[]): boolean {
  if (ctx.kmsHostInUse?.source === 'configured') return false;
  return openHosts(ctx).some((h) => h.sources.includes('srv') && !failing.includes(h) && !isAzureKmsHost(h.host));
}

function alternatives(ctx: DiagnosisContext, failing: KmsHostCheck[]): FixSuggestion[] {
  const working = openHosts(ctx).filter((h) => !failing.includes(h) && !isAzureKmsHost(h.host));
  const best = working[0];
  return best ? [{ fixId: 'set-kms-host', inputs: { host: hostLabel(best) }, reason: `use ${hostLabel(best)}, which answers` }] : [];
}

export const kmsPortFiltered: Rule = {
  id: 'kms-port-filtered',
  stage: 'reachability',
  question: 'Does the KMS host answer on TCP 1688, or is the port blocked on the way?',
  sources: ['SA-F074', 'SA-ERR'],
  evaluate(ctx) {
    const hosts = kmsHostsToJudge(ctx);
    if (hosts === null || nothingToCheck(ctx.snapshot.network.kmsHosts)) return notApplicable;
    if (ctx.snapshot.network.kmsHosts.status === 'unavailable') return unknown(['network.kmsHosts'], 'the KMS hosts could not be checked');
    if (hosts.length === 0) return notApplicable;
    const filtered = hosts.filter((h) => h.tcp === 'timed-out' || h.tcp === 'unreachable');
    if (filtered.length === 0) return pass(hosts.some((h) => h.tcp === 'open') ? 'the KMS host answers' : 'no host timed out');
    const allFailed = hosts.every((h) => h.tcp !== 'open');
    return finding({
      severity: allFailed && !ctx.activated && !anotherListedHostAnswers(ctx, filtered) ? 'blocker' : 'warning',
      title: filtered.length === 1 ? `No answer from ${hostLabel(filtered[0]!)}: the port is blocked` : 'KMS hosts do not answer: the port is blocked',
      explanation:
        'The connection to the KMS port got no answer at all, which is what a firewall or network security group that silently drops TCP 1688 looks like (a host that is up but not listening would refuse at once). Allow TCP 1688 from this computer to the KMS host on every firewall in between, including Windows Firewall on the host.',
      evidence: filtered.map((h) =>
        evidence(hostFact(h), `TCP ${hostLabel(h)}${h.address && h.address !== h.host ? ` (${h.address})` : ''}`, h.tcp === 'unreachable' ? `network unreachable${h.error ? `: ${h.error}` : ''}` : `no answer after ${formatDuration(h.durationMs)}`, 'connects', false),
      ).concat(codeEvidence(ctx, 'kms-port-filtered')),
      fixes: alternatives(ctx, filtered),
      guidance: [`${checkCommand('Test from this computer (PowerShell)', 'Test-NetConnection', [filtered[0]!.host, '-Port', String(filtered[0]!.port)], 'powershell')} (TcpTestSucceeded must be True)`],
      strength: 0.95,
    });
  },
};

export const kmsPortRefused: Rule = {
  id: 'kms-port-refused',
  stage: 'reachability',
  question: 'Is the KMS service listening on the host?',
  sources: ['SA-F074', 'WSD-HOST', 'WSD-KMSGEN'],
  evaluate(ctx) {
    const hosts = kmsHostsToJudge(ctx);
    if (hosts === null || nothingToCheck(ctx.snapshot.network.kmsHosts)) return notApplicable;
    if (ctx.snapshot.network.kmsHosts.status === 'unavailable') return unknown(['network.kmsHosts'], 'the KMS hosts could not be checked');
    const refused = hosts.filter((h) => h.tcp === 'refused');
    if (refused.length === 0) return hosts.length === 0 ? notApplicable : pass('no host refused the connection');
    return finding({
      severity: hosts.every((h) => h.tcp !== 'open') && !ctx.activated && !anotherListedHostAnswers(ctx, refused) ? 'blocker' : 'warning',
      title: refused.length === 1 ? `${hostLabel(refused[0]!)} refuses the connection` : 'KMS hosts refuse the connection',
      explanation:
        'The host is up and answered at once, but nothing accepts connections on the KMS port. On the KMS host, the Software Protection service (sppsvc) is stopped, the KMS host key is no longer installed, the "Key Management Service (TCP-In)" firewall rule (SPPSVC-In-TCP) rejects it, or the host listens on another port.',
      evidence: refused.map((h) => evidence(hostFact(h), `TCP ${hostLabel(h)}`, 'connection refused', 'connects', false)).concat(codeEvidence(ctx, 'kms-port-refused')),
      fixes: alternatives(ctx, refused),
      guidance: [
        'On the KMS host, run Activation Doctor (or: Get-Service sppsvc; Restart-Service sppsvc) and check the rule: Get-NetFirewallRule -Name SPPSVC-In-TCP.',
        'On the host, slmgr.vbs /dlv shows "Listening on Port"; the client must use the same port.',
      ],
      strength: 0.95,
    });
  },
};

/** Something on this computer points at Azure KMS: the KMS host set or discovered, or a check of it. */
function azureSigns(ctx: DiagnosisContext): boolean {
  if (ctx.kmsHostInUse && isAzureKmsHost(ctx.kmsHostInUse.host)) return true;
  return (factValue(ctx.snapshot.network.kmsHosts) ?? []).some((h) => isAzureKmsHost(h.host));
}

export const azureKmsUnreachable: Rule = {
  id: 'azure-kms-unreachable',
  stage: 'reachability',
  question: 'On Azure, can this VM reach Azure KMS on TCP 1688?',
  sources: ['AZ-F074', 'AZ-ROUTE', 'AZ-05B4'],
  evaluate(ctx) {
    const azure = factValue(ctx.snapshot.azure);
    if (!azure) {
      // Unread, Azure is a possible cause only where something points at it (Azure KMS set, found or checked).
      if (ctx.snapshot.azure.status === 'unavailable' && ctx.snapshot.azure.reason === 'not-windows') return notApplicable;
      return azureSigns(ctx) ? unknown(['azure'], 'whether this is an Azure VM could not be checked') : notApplicable;
    }
    if (!azure.isAzure) return notApplicable;
    const checks = (factValue(ctx.snapshot.network.kmsHosts) ?? []).filter((h) => isAzureKmsHost(h.host));
    if (checks.length === 0) return unknown(['network.kmsHosts'], 'Azure KMS was not checked');
    if (checks.some((h) => h.tcp === 'open')) return pass('Azure KMS answers');
    const endpoint = azureEndpointFor(ctx);
    return finding({
      severity: ctx.activated ? 'warning' : 'blocker',
      title: 'This Azure VM cannot reach Azure KMS',
      explanation:
        'Azure VMs activate against Azure KMS, and the request must leave from an Azure public IP address. Usually a forced-tunnelling route (0.0.0.0/0 to on-premises over VPN or ExpressRoute, or to a network virtual appliance) or a Standard internal load balancer without outbound rules keeps it from getting there, or a custom DNS server cannot resolve the Azure KMS name.',
      evidence: checks.map((h) => evidence(hostFact(h), `TCP ${hostLabel(h)}`, h.tcp, 'connects', false)),
      guidance: [
        `Add user-defined routes with next hop "Internet" for every Azure KMS address of your cloud (${endpoint.hosts.map((h) => `${h.name}: ${h.ips.join(', ')}`).join('; ')}) to the VM's subnet route table.`,
        'Behind a Standard internal load balancer, add a NAT gateway or outbound rules.',
        `In Network Watcher, "Next hop" to ${endpoint.addresses[0] ?? 'the Azure KMS address'} port 1688 must show "Internet".`,
      ],
      strength: 0.95,
    });
  },
};
