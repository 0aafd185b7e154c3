/** Every KMS host name this computer knows of (records, checks, settings): the "did you mean" candidates. */
import type { Snapshot } from '../../shared/snapshot';

export function knownHosts(snapshot: Snapshot): string[] {
  const names = new Set<string>();
  const add = (name: string | null | undefined) => {
    if (name) names.add(name.replace(/\.$/, '').toLowerCase());
  };
  if (snapshot.network.kmsHosts.status === 'ok') for (const c of snapshot.network.kmsHosts.value) add(c.host);
  if (snapshot.network.srv.status === 'ok') for (const lookup of snapshot.network.srv.value) for (const r of lookup.records) add(r.target);
  if (snapshot.windows.licensing.status === 'ok') {
    for (const p of snapshot.windows.licensing.value.products) {
      add(p.kmsMachine);
      add(p.discoveredKmsMachineName);
    }
    add(snapshot.windows.licensing.value.service.kmsMachine);
  }
  return [...names];
}
