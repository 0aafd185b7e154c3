/**
 * Machines that stopped renewing: a KMS client renews every 7 days, which resets its activation to
 * 180 days. One whose remaining validity is well below that has missed renewals for weeks, long
 * before the per-machine 30-day warning; many of them behind one host (or one subnet) point at
 * that host. The limits come from the knowledge tables, not from numbers declared here.
 */
import { KMS } from '../../knowledge/kms';
import { byDomain, fleetEvidence, nameList, scopeText, type FleetFindingDraft, type FleetRule } from '../rule';
import type { MachineSummary } from '../types';

const DAY_MINUTES = 1440;
/** Two missed renewals: less than 180 days minus twice the renewal interval remains. */
export const RENEWAL_STOPPED_BELOW_MINUTES = KMS.activationValidity.value * DAY_MINUTES - 2 * KMS.renewalInterval.value;

const days = (minutes: number): string => `${Math.floor(minutes / DAY_MINUTES)} days`;

export const renewalStopped: FleetRule = {
  id: 'fleet-renewal-stopped',
  question: 'Do the KMS-activated machines renew their activation?',
  sources: ['WSD-PLAN', 'WSD-KMSGEN'],
  evaluate(machines) {
    const drafts: FleetFindingDraft[] = [];
    for (const [domain, members] of byDomain(machines)) {
      const perHost = new Map<string, MachineSummary[]>();
      for (const m of members) {
        const remaining = m.gracePeriodRemainingMinutes;
        if (m.activation !== 'kms-client' || !m.licensed || remaining === null || remaining >= RENEWAL_STOPPED_BELOW_MINUTES) continue;
        const key = m.kms.host ?? 'an unknown KMS host';
        perHost.set(key, [...(perHost.get(key) ?? []), m]);
      }
      for (const [host, stale] of perHost) {
        const lowest = Math.min(...stale.map((m) => m.gracePeriodRemainingMinutes ?? 0));
        drafts.push({
          severity: 'warning',
          title: `${stale.length} machine${stale.length === 1 ? '' : 's'} in ${scopeText(domain)} stopped renewing with ${host}`,
          explanation: `KMS clients renew every ${KMS.renewalInterval.value / DAY_MINUTES} days, which resets their activation to ${KMS.activationValidity.value} days. These machines have much less left, so their renewals with ${host} have been failing for weeks. They are still activated; when the time runs out they drop to the notification state.`,
          scope: domain,
          machines: stale.map((m) => m.name),
          evidence: [
            fleetEvidence('Activation valid for', `${days(lowest)} at the least, on ${nameList(stale.map((m) => `${m.name} (${days(m.gracePeriodRemainingMinutes ?? 0)})`), 10)}`, `about ${KMS.activationValidity.value} days after a renewal; below ${days(RENEWAL_STOPPED_BELOW_MINUTES)} two renewals were missed`),
            fleetEvidence('KMS host they renew with', host),
          ],
          guidance: [`Check that ${host} is still a working KMS host and reachable on TCP 1688 from these machines; then run slmgr.vbs /ato on one of them and look at event 12288/12289.`],
        });
      }
    }
    return drafts;
  },
};
