/**
 * KMS hosts that split the count: within one domain, KMS clients activate against different
 * hosts, and each host counts only the machines that ask it. When the machines seen here reach a
 * threshold together but not at every host, the split is what keeps some of them unactivated.
 * The thresholds come from the knowledge tables (25 client editions, 5 servers).
 */
import { KMS } from '../../knowledge/kms';
import { byDomain, fleetEvidence, nameList, scopeText, type FleetFindingDraft, type FleetRule } from '../rule';
import type { MachineSummary } from '../types';

const hostKey = (m: MachineSummary): string | null => m.kms.host ?? (m.kms.hostEpid ? `the host with ePID ${m.kms.hostEpid}` : null);

/** Client editions need the higher count; a host that only serves servers needs the lower one. */
const thresholdFor = (clients: readonly MachineSummary[]): number =>
  clients.some((m) => m.productType === 1) ? KMS.clientThreshold.value : KMS.serverThreshold.value;

export const kmsCountSplit: FleetRule = {
  id: 'fleet-kms-count-split',
  question: 'Do the KMS clients of each domain count towards the same KMS host?',
  sources: ['WSD-PLAN', 'SA-ERR'],
  evaluate(machines) {
    const drafts: FleetFindingDraft[] = [];
    for (const [domain, members] of byDomain(machines)) {
      const perHost = new Map<string, MachineSummary[]>();
      for (const m of members) {
        if (m.activation !== 'kms-client') continue;
        const key = hostKey(m);
        if (!key) continue;
        perHost.set(key, [...(perHost.get(key) ?? []), m]);
      }
      if (perHost.size < 2) continue;
      const hosts = [...perHost.entries()].map(([host, clients]) => ({ host, clients, threshold: thresholdFor(clients) }));
      const short = hosts.filter((h) => h.clients.length < h.threshold);
      if (short.length === 0) continue;
      const total = hosts.reduce((sum, h) => sum + h.clients.length, 0);
      const stuck = short.flatMap((h) => h.clients.filter((m) => !m.licensed));
      drafts.push({
        severity: stuck.length > 0 ? 'blocker' : 'warning',
        title: `${hosts.length} KMS hosts split the count in ${scopeText(domain)}`,
        explanation: `The KMS clients of ${scopeText(domain)} activate against ${hosts.length} different KMS hosts. Each host counts only the machines that ask it, so ${short.length === 1 ? 'one host sees' : `${short.length} hosts see`} fewer machines than it needs to activate anyone, although ${total} machines here ask in all. Counts below are of the machines in these snapshots only.`,
        scope: domain,
        machines: short.flatMap((h) => h.clients.map((m) => m.name)),
        evidence: hosts.map((h) =>
          fleetEvidence(
            `KMS host ${h.host}`,
            `${h.clients.length} machine${h.clients.length === 1 ? '' : 's'} here (${h.clients.filter((m) => !m.licensed).length} not activated): ${nameList(h.clients.map((m) => m.name), 8)}`,
            `at least ${h.threshold} to activate ${h.threshold === KMS.clientThreshold.value ? 'client editions' : 'servers'}`,
          ),
        ),
        guidance: [
          'Point the clients at one KMS host per site (slmgr.vbs /skms, or one _vlmcs._tcp record set) so its count reaches the threshold, or retire the extra host and remove its _vlmcs._tcp record.',
          `Microsoft recommends a second KMS host above ${KMS.secondHostAbove.value} clients; with two, make sure each still sees enough machines, or use Active Directory-based activation.`,
        ],
      });
    }
    return drafts;
  },
};
