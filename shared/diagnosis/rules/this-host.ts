/** Stage 7: when this computer is a KMS host, is it serving its clients? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { codeRule } from './code-rule';

function isKmsHost(ctx: Parameters<Rule['evaluate']>[0]): boolean | null {
  const licensing = factValue(ctx.snapshot.windows.licensing);
  if (!licensing) return null;
  return licensing.service.isKmsHost || ctx.activation === 'kms-host';
}

export const kmsHostSppsvcStopped: Rule = {
  id: 'kms-host-sppsvc-stopped',
  stage: 'this-host',
  question: 'Is the Software Protection service running on this KMS host?',
  sources: ['SA-F074', 'WSD-HOST'],
  evaluate(ctx) {
    const host = isKmsHost(ctx);
    if (host === null) return unknown(['windows.licensing'], 'whether this computer is a KMS host could not be read');
    if (!host) return notApplicable;
    const services = factValue(ctx.snapshot.windows.services);
    if (!services) return unknown(['windows.services'], 'the service state could not be read');
    if (services.sppsvc.status === 'running') return pass('sppsvc is running and can answer clients');
    return finding({
      severity: 'blocker',
      title: 'The KMS service is not running on this host',
      explanation: 'This computer is a KMS host, but the Software Protection service (sppsvc), which answers KMS clients on port 1688, is not running. Clients get "connection refused" and report 0xC004F074. Restart it and make sure it starts automatically.',
      evidence: [evidence('windows.services.sppsvc.status', 'Software Protection service', `${services.sppsvc.status}, start type ${services.sppsvc.startType}`, 'running', false)],
      fixes: [{ fixId: 'restart-sppsvc-host', inputs: {}, reason: 'starts the KMS service again' }],
      strength: 1,
    });
  },
};

export const kmsHostFirewallClosed: Rule = {
  id: 'kms-host-firewall-closed',
  stage: 'this-host',
  question: 'Does Windows Firewall let KMS clients in (rule SPPSVC-In-TCP)?',
  sources: ['WSD-HOST', 'WSD-KMSGEN'],
  evaluate(ctx) {
    const host = isKmsHost(ctx);
    if (host === null) return unknown(['windows.licensing'], 'whether this computer is a KMS host could not be read');
    if (!host) return notApplicable;
    const rule = ctx.snapshot.windows.firewall;
    if (rule.status === 'unavailable') return unknown(['windows.firewall'], rule.detail);
    const r = rule.value;
    const coversActive = r.profiles.includes('Any') || r.activeProfiles.length === 0 || r.activeProfiles.some((p) => r.profiles.includes(p));
    if (r.exists && r.enabled && coversActive) return pass(`enabled for ${r.profiles.join(', ')}`);
    return finding({
      severity: 'blocker',
      title: !r.exists ? 'The KMS firewall rule is missing' : !r.enabled ? 'The KMS firewall rule is turned off' : 'The KMS firewall rule does not cover the active network profile',
      explanation: 'Windows Firewall blocks TCP 1688 on this KMS host, so clients time out or are refused and report 0xC004F074. The built-in rule "Key Management Service (TCP-In)" (SPPSVC-In-TCP) exists but is not enabled by default.',
      evidence: [
        evidence('windows.firewall.enabled', 'Rule SPPSVC-In-TCP', !r.exists ? 'not found' : r.enabled ? `enabled for ${r.profiles.join(', ')}` : 'disabled', 'enabled', false),
        evidence('windows.firewall.activeProfiles', 'Active network profiles', r.activeProfiles.join(', ') || 'unknown'),
      ],
      fixes: r.exists ? [{ fixId: 'enable-kms-firewall-rule', inputs: {}, reason: 'enables the built-in KMS rule that fits the active network profile (SPPSVC-In-TCP-NoScope on a domain network, SPPSVC-In-TCP on a private or public one)' }] : [],
      guidance: r.exists ? [] : ['Create an inbound rule for TCP 1688 for the Software Protection service, or repair the rule set with the Volume Activation Services role.'],
      strength: 0.95,
    });
  },
};

export const kmsHostKeyLimit = codeRule({
  id: 'kms-host-key-limit',
  stage: 'this-host',
  question: 'Does the KMS host key still have activations left?',
  title: 'The KMS host key has no activations left',
  severity: 'blocker',
  sources: ['SA-C008', 'SA-ERR'],
});
