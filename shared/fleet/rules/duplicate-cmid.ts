/**
 * Duplicate client machine IDs: computers cloned from an image that was not generalized
 * (sysprep /generalize, or generalized with SkipRearm) share one CMID, and a KMS host counts them
 * as one machine, so its count stays stuck below the threshold.
 */
import { fleetEvidence, nameList, type FleetFindingDraft, type FleetRule } from '../rule';

export const duplicateCmid: FleetRule = {
  id: 'fleet-duplicate-cmid',
  question: 'Does every computer have its own client machine ID (CMID)?',
  sources: ['SA-CMID', 'AZ-DUP', 'WSD-PLAN'],
  evaluate(machines) {
    // CMID → distinct computer names (two snapshots of one computer are not a duplicate).
    const byCmid = new Map<string, Set<string>>();
    const kmsClients = new Set<string>();
    for (const m of machines) {
      if (!m.clientMachineId) continue;
      const names = byCmid.get(m.clientMachineId) ?? new Set<string>();
      names.add(m.name);
      byCmid.set(m.clientMachineId, names);
      if (m.activation === 'kms-client') kmsClients.add(m.name);
    }
    const drafts: FleetFindingDraft[] = [];
    for (const [cmid, nameSet] of byCmid) {
      const names = [...nameSet];
      if (new Set(names.map((n) => n.toLowerCase())).size < 2) continue;
      drafts.push({
        // The count is what a shared CMID breaks: it blocks KMS clients, and only warns otherwise.
        severity: names.some((n) => kmsClients.has(n)) ? 'blocker' : 'warning',
        title: `${names.length} computers share one client machine ID`,
        explanation:
          'These computers report the same client machine ID (CMID), so a KMS host counts them as one machine and its count does not grow. They were cloned from an image that was not generalized with sysprep (or was generalized with SkipRearm).',
        scope: null,
        machines: names,
        evidence: [fleetEvidence('Client machine ID (SoftwareLicensingService.ClientMachineID)', cmid, 'unique per computer'), fleetEvidence('Computers with this CMID', nameList(names))],
        guidance: [
          'Rebuild the image with sysprep /generalize (without SkipRearm) for new machines.',
          'Existing clones: only if the image was generalized with sysprep but with SkipRearm set (as Azure Marketplace images are), run slmgr.vbs /rearm on each clone and restart it, then check with slmgr.vbs /dlv that the CMID changed, and activate. Otherwise the image was never generalized: redeploy these machines from a rebuilt image.',
        ],
      });
    }
    return drafts;
  },
};
