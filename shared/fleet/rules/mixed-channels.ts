/**
 * Retail among volume: in a domain whose machines are volume-licensed (KMS or MAK), a few carry
 * a retail or OEM key. Those never activate through KMS or Active Directory, and are often a
 * reinstall from the wrong media.
 */
import { byDomain, fleetEvidence, nameList, scopeText, type FleetFindingDraft, type FleetRule } from '../rule';

const VOLUME = new Set(['kms-client', 'mak']);
const RETAIL = new Set(['retail', 'oem']);

export const mixedChannels: FleetRule = {
  id: 'fleet-mixed-channels',
  question: 'Do the machines of each domain use the same kind of licence?',
  sources: ['SA-ADBA', 'AZ-F074'],
  evaluate(machines) {
    const drafts: FleetFindingDraft[] = [];
    for (const [domain, members] of byDomain(machines)) {
      const volume = members.filter((m) => m.activation !== null && VOLUME.has(m.activation));
      const retail = members.filter((m) => m.activation !== null && RETAIL.has(m.activation));
      if (retail.length === 0 || volume.length <= retail.length) continue;
      const unlicensed = retail.filter((m) => !m.licensed);
      drafts.push({
        severity: unlicensed.length > 0 ? 'warning' : 'info',
        title: `${retail.length} machine${retail.length === 1 ? ' has' : 's have'} a retail or OEM key among ${volume.length} volume-licensed machines in ${scopeText(domain)}`,
        explanation:
          'Most machines here are volume-licensed, but these carry a retail or OEM key. Such a key activates only online with Microsoft or by phone, never through the KMS host or Active Directory, so they do not follow the rest of the fleet.',
        scope: domain,
        machines: retail.map((m) => m.name),
        evidence: [
          fleetEvidence('Retail or OEM', `${retail.length}: ${nameList(retail.map((m) => `${m.name} (${m.channel ?? 'unknown'}${m.licensed ? '' : ', not activated'})`), 10)}`),
          fleetEvidence('Volume (KMS or MAK)', String(volume.length)),
        ],
        guidance: ['If these should be volume-licensed like the rest, install the KMS client setup key (GVLK) of their edition: activation-doctor key-for, then the install-gvlk fix.'],
      });
    }
    return drafts;
  },
};
