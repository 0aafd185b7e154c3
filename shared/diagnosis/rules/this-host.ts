/** Stage 7: when this computer is a KMS host, is it serving its clients? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { codeRule } from './code-rule';
import { firewallCoverage, ruleForProfile } from '../firewall-coverage';

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
  question: 'Does Windows Firewall let KMS clients in on every active network profile (SPPSVC-In-TCP-NoScope on Domain, SPPSVC-In-TCP on Private/Public)?',
  sources: ['WSD-HOST', 'WSD-KMSGEN'],
  evaluate(ctx) {
    const host = isKmsHost(ctx);
    if (host === null) return unknown(['windows.licensing'], 'whether this computer is a KMS host could not be read');
    if (!host) return notApplicable;
    const fact = ctx.snapshot.windows.firewall;
    if (fact.status === 'unavailable') return unknown(['windows.firewall'], fact.detail);
    const fw = fact.value;
    const cov = firewallCoverage(fw);
    const anyEnabled = cov.rules.some((r) => r.enabled);
    const activeLine = evidence('windows.firewall.activeProfiles', 'Active network profiles', fw.activeProfiles.join(', ') || 'could not be read');
    if (anyEnabled && !cov.activeKnown) {
      return unknown(['windows.firewall'], 'which network profile is active could not be read, so whether the enabled KMS rule covers it is unknown');
    }
    const closed = anyEnabled ? cov.uncovered : cov.activeKnown ? fw.activeProfiles.filter((p) => p !== 'Any') : ['Domain', 'Private'];
    if (closed.length > 0) {
      const needed = [...new Set(closed.map(ruleForProfile))];
      const states = needed.map((name) => {
        const r = cov.rules.find((x) => x.name === name);
        const state = !r ? (fw.rules === undefined ? 'not read (older collector)' : 'missing') : !r.enabled ? 'disabled' : `enabled only for ${r.profiles.join(', ')}`;
        return { name, r, state };
      });
      const missing = states.filter((x) => !x.r && fw.rules !== undefined);
      const what = states.map((x) => `${x.name} is ${x.state === 'missing' ? 'missing' : x.state}`).join('; ');
      const profiles = closed.join(' and ');
      return finding({
        severity: 'blocker',
        title: missing.length === states.length ? `The KMS firewall rule ${needed.join(' and ')} is missing` : states.every((x) => x.state === 'disabled') ? `The KMS firewall rule ${needed.join(' and ')} is turned off` : `No enabled KMS firewall rule covers the ${profiles} network profile`,
        explanation: `Windows Firewall blocks TCP 1688 on this KMS host for the active ${profiles} profile, so clients reaching it there time out or are refused and report 0xC004F074: ${what}. The built-in rules are SPPSVC-In-TCP-NoScope (Domain profile, any address) and SPPSVC-In-TCP (Private and Public, local subnet only), both off by default; each active profile needs its own.`,
        evidence: [
          ...states.map((x) => evidence(`windows.firewall.rules.${x.name}`, `Rule ${x.name}`, x.state, `enabled for ${closed.filter((p) => ruleForProfile(p) === x.name).join(', ')}`, false)),
          activeLine,
        ],
        fixes: missing.length < states.length ? [{ fixId: 'enable-kms-firewall-rule', inputs: {}, reason: 'enables the built-in KMS rule that fits each active network profile (SPPSVC-In-TCP-NoScope on a domain network, SPPSVC-In-TCP on a private or public one)' }] : [],
        guidance: missing.length > 0 ? [`Rule ${missing.map((x) => x.name).join(' and ')} is not on this computer: create an inbound rule for TCP 1688 for the Software Protection service on the ${profiles} profile, or restore the built-in rules with the Volume Activation Services role.`] : [],
        strength: 0.95,
      });
    }
    if (cov.localOnly.length > 0) {
      const first = cov.localOnly[0]!;
      return finding({
        severity: 'warning',
        title: 'The KMS firewall rule admits only the local subnet',
        explanation: `On the active ${cov.localOnly.map((x) => x.profile).join(' and ')} profile, TCP 1688 is open only through ${first.rule}, whose remote addresses are limited to ${first.scope}. Clients in this host's own subnet can activate; clients in other (routed) subnets are blocked and report 0xC004F074.`,
        evidence: [...cov.localOnly.map((x) => evidence(`windows.firewall.rules.${x.rule}.remoteAddresses`, `Rule ${x.rule} remote addresses`, x.scope, 'the client subnets', false)), activeLine],
        fixes: [],
        guidance: ['If clients in other subnets use this host, widen the rule\'s remote addresses to those subnets (Set-NetFirewallRule -Name SPPSVC-In-TCP -RemoteAddress <client subnets>), or have the host on a domain network where SPPSVC-In-TCP-NoScope admits any address.'],
        strength: 0.6,
      });
    }
    return pass(`enabled for every active profile (${fw.activeProfiles.join(', ')})`);
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
