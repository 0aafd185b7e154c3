/**
 * Hosts named by DNS but dead: a _vlmcs._tcp record points some machines at a KMS host that does
 * not answer from those machines (timed out, refused, unreachable, or not resolvable) - often a
 * decommissioned host still published in one site's DNS.
 */
import { fleetEvidence, nameList, type FleetFindingDraft, type FleetRule } from '../rule';
import type { MachineSummary } from '../types';

const DEAD = new Set(['timed-out', 'refused', 'unreachable', 'unresolvable']);

/** Silent: it resolves but does not answer on the port (a reachability problem, not a stale record). */
const SILENT = new Set(['timed-out', 'refused', 'unreachable']);

/**
 * The per-machine rule's severity for one machine that cannot reach the host: a blocker only when
 * the machine is not activated and no other host its DNS lists answers (the client would otherwise
 * go on to that host), as kms-port-filtered / kms-port-refused / kms-srv-stale judge it.
 */
function machineSeverity(m: MachineSummary, deadKey: string): 'blocker' | 'warning' {
  const otherAnswers = m.kms.srvHosts.some((h) => h.tcp === 'open' && `${h.host}:${h.port}` !== deadKey);
  return !m.licensed && !otherAnswers ? 'blocker' : 'warning';
}

export const srvHostDead: FleetRule = {
  id: 'fleet-srv-host-dead',
  question: 'Does every KMS host published in DNS answer from the machines that find it?',
  sources: ['WSD-KMSGEN', 'SA-F074'],
  evaluate(machines) {
    const hosts = new Map<string, { port: number; dead: Map<string, MachineSummary[]>; alive: string[] }>();
    for (const m of machines) {
      for (const h of m.kms.srvHosts) {
        const key = `${h.host}:${h.port}`;
        const entry = hosts.get(key) ?? { port: h.port, dead: new Map<string, MachineSummary[]>(), alive: [] };
        if (h.tcp === 'open') entry.alive.push(m.name);
        else if (h.tcp !== null && DEAD.has(h.tcp)) entry.dead.set(h.tcp, [...(entry.dead.get(h.tcp) ?? []), m]);
        hosts.set(key, entry);
      }
    }
    const drafts: FleetFindingDraft[] = [];
    for (const [key, entry] of hosts) {
      const deadMachines = [...entry.dead.values()].flat();
      if (deadMachines.length === 0) continue;
      const deadFrom = deadMachines.map((m) => m.name);
      const silent = [...entry.dead.keys()].some((result) => SILENT.has(result));
      // Does another host in DNS answer the machines that cannot reach this one?
      const anotherAnswers = deadMachines.some((m) => m.kms.srvHosts.some((h) => h.tcp === 'open' && `${h.host}:${h.port}` !== key));
      const retire = 'If the host was retired: delete its _vlmcs._tcp record (and disable DNS publishing on it if it still runs: slmgr.vbs /cdns).';
      const guidance = silent
        ? [
            `DNS is fine, the port is not: ${key} resolves but does not answer on its KMS port. On the host, check that the Software Protection service (sppsvc) runs and that Windows Firewall lets TCP 1688 in (SPPSVC-In-TCP-NoScope on a domain network, SPPSVC-In-TCP on a private one), and that no firewall in between drops it from the machines listed.`,
            anotherAnswers
              ? `Another KMS host in DNS answers these machines. ${retire}`
              : 'Do not delete its _vlmcs._tcp record while no other KMS host in DNS answers: the clients find their only host through it. Remove it only when the host was retired and another one replaces it.',
          ]
        : [
            `${key} does not resolve: if the host was retired or renamed, delete or correct its _vlmcs._tcp record (and disable DNS publishing on it if it still runs: slmgr.vbs /cdns).`,
            'If it should exist: register its host (A) record in DNS.',
          ];
      drafts.push({
        // One observation, one severity: the worst the machines' own diagnoses give it.
        severity: deadMachines.some((m) => machineSeverity(m, key) === 'blocker') ? 'blocker' : 'warning',
        title: entry.alive.length === 0 ? `KMS host ${key} is in DNS but does not answer` : `KMS host ${key} does not answer from ${deadFrom.length} of the machines that find it in DNS`,
        explanation:
          entry.alive.length === 0
            ? `Machines find this host through their _vlmcs._tcp DNS records, but none of them can reach it on its KMS port. ${silent ? 'It resolves, so DNS is fine: the host is down, its service is stopped, or a firewall drops the port.' : 'Its name does not resolve: the record is stale (a renamed or retired host).'}`
            : 'Machines find this host through their _vlmcs._tcp DNS records; it answers from some of them but not from others, so a firewall, a route or a site-specific DNS record sends some machines to a host they cannot reach.',
        scope: null,
        machines: deadFrom,
        evidence: [
          ...[...entry.dead.entries()].map(([result, ms]) => fleetEvidence(`TCP ${key} ${result}`, `from ${ms.length}: ${nameList(ms.map((m) => m.name))}`, 'open')),
          fleetEvidence(`TCP ${key} open`, entry.alive.length === 0 ? 'from none of the machines' : `from ${entry.alive.length}: ${nameList(entry.alive)}`),
        ],
        guidance,
      });
    }
    return drafts;
  },
};
