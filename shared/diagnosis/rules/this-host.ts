/** Stage 7: when this computer is a KMS host, is it serving its clients? */
import type { Rule } from '../rule';
import { evidence, finding, notApplicable, pass, unknown } from '../rule';
import { factValue } from '../../snapshot';
import { codeRule } from './code-rule';
import { firewallCoverage, ruleForProfile } from '../firewall-coverage';
import { productForOs } from '../../knowledge/products';

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

/**
 * KMS Hardware-Secured activation [WSD-HWS]: from the 2026-08 cumulative update, a Windows Server
 * 2025 KMS host says whether it meets the hardware-based security requirements (TPM 2.0 with key
 * attestation, hardware certified in the Windows Server Catalog). Informational: "doesn't affect
 * activation". Neither the TPM's key attestation nor the catalog certification has a documented
 * CIM property, and the readiness line of `slmgr /dlv` is localized text, so this names the checks.
 */
export const kmsHostHardwareSecurity: Rule = {
  id: 'kms-host-hardware-security',
  stage: 'this-host',
  question: 'Is this Windows Server 2025 KMS host ready for hardware-secured KMS (TPM 2.0 attestation)?',
  sources: ['WSD-HWS'],
  evaluate(ctx) {
    const host = isKmsHost(ctx);
    if (host === null) return unknown(['windows.licensing'], 'whether this computer is a KMS host could not be read');
    if (!host) return notApplicable;
    const os = factValue(ctx.snapshot.windows.os);
    if (!os) return unknown(['windows.os'], 'the Windows version could not be read');
    if (productForOs({ build: os.build, editionId: os.editionId, server: os.productType !== 1 }) !== 'server-2025') return notApplicable;
    return finding({
      severity: 'info',
      title: 'Windows Server 2025 KMS host: check its readiness for hardware-secured KMS',
      explanation:
        'Since the 2026-08 cumulative update, a Windows Server 2025 KMS host reports whether it meets the hardware-based security requirements of KMS Hardware-Secured activation: a TPM 2.0 that supports key attestation, on server hardware certified in the Windows Server Catalog. Microsoft says this messaging "is informational and doesn\'t affect activation. Clients continue to activate as they do today." A host that does not meet it is in a transition state: a future version of Windows Server might require periodic renewal or hardware-based trust. Activation Doctor cannot read the result itself (no documented CIM property), so check the host as below.',
      evidence: [
        evidence('windows.licensing.service.isKmsHost', 'KMS host', 'yes'),
        evidence('windows.os.build', 'Windows Server version', `${os.caption || 'Windows Server 2025'} (build ${os.build}${os.ubr !== null ? `.${os.ubr}` : ''})`),
      ],
      fixes: [],
      guidance: [
        'On the host, as an administrator: Get-TpmSupportedFeature -FeatureList "Key Attestation" lists "Key Attestation" when the TPM supports it; Get-Tpm shows whether a TPM is present and ready (it must be TPM 2.0).',
        'slmgr /dlv shows whether "This device is eligible to serve as a KMS host with hardware-based security"; warnings are under Applications and Services Logs > Key Management Service.',
        'Confirm the server model is certified for Windows Server 2025 in the Windows Server Catalog. Plan to move virtual or uncertified KMS hosts to certified hardware with TPM 2.0 before a future Windows Server release.',
      ],
      strength: 0.2,
    });
  },
};
