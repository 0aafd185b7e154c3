/**
 * Hosts named by DNS but dead: a _vlmcs._tcp record points some machines at a KMS host that does
 * not answer from those machines (timed out, refused, unreachable, or not resolvable) - often a
 * decommissioned host still published in one site's DNS.
 */
import { fleetEvidence, nameList, type FleetFindingDraft, type FleetRule } from '../rule';

const DEAD = new Set(['timed-out', 'refused', 'unreachable', 'unresolvable']);

export const srvHostDead: FleetRule = {
  id: 'fleet-srv-host-dead',
  question: 'Does every KMS host published in DNS answer from the machines that find it?',
  sources: ['WSD-KMSGEN', 'SA-F074'],
  evaluate(machines) {
    const hosts = new Map<string, { port: number; dead: Map<string, string[]>; alive: string[] }>();
    for (const m of machines) {
      for (const h of m.kms.srvHosts) {
        const key = `${h.host}:${h.port}`;
        const entry = hosts.get(key) ?? { port: h.port, dead: new Map<string, string[]>(), alive: [] };
        if (h.tcp === 'open') entry.alive.push(m.name);
        else if (h.tcp !== null && DEAD.has(h.tcp)) entry.dead.set(h.tcp, [...(entry.dead.get(h.tcp) ?? []), m.name]);
        hosts.set(key, entry);
      }
    }
    const drafts: FleetFindingDraft[] = [];
    for (const [key, entry] of hosts) {
      const deadFrom = [...entry.dead.values()].flat();
      if (deadFrom.length === 0) continue;
      drafts.push({
        severity: entry.alive.length === 0 ? 'blocker' : 'warning',
        title: entry.alive.length === 0 ? `KMS host ${key} is in DNS but does not answer` : `KMS host ${key} does not answer from ${deadFrom.length} of the machines that find it in DNS`,
        explanation:
          entry.alive.length === 0
            ? 'Machines find this host through their _vlmcs._tcp DNS records, but none of them can reach it on its KMS port. If it was decommissioned, its record is still published; otherwise it is down or filtered.'
            : 'Machines find this host through their _vlmcs._tcp DNS records; it answers from some of them but not from others, so a firewall, a route or a site-specific DNS record sends some machines to a host they cannot reach.',
        scope: null,
        machines: deadFrom,
        evidence: [
          ...[...entry.dead.entries()].map(([result, names]) => fleetEvidence(`TCP ${key} ${result}`, `from ${names.length}: ${nameList(names)}`, 'open')),
          fleetEvidence(`TCP ${key} open`, entry.alive.length === 0 ? 'from none of the machines' : `from ${entry.alive.length}: ${nameList(entry.alive)}`),
        ],
        guidance: [
          'If the host was retired: delete its _vlmcs._tcp record (and disable DNS publishing on it if it still runs: slmgr.vbs /cdns).',
          'If it should answer: check that the Software Protection service runs on it and that TCP port 1688 is open from the machines listed.',
        ],
      });
    }
    return drafts;
  },
};
