/**
 * "Set up a KMS host": can this computer be the host for the clients named, and how far has the
 * setup come? Both answers are derived from the knowledge tables and a snapshot of this
 * computer, so the wizard's step list and its checks come from one place.
 */
import { CSVLK_GROUPS, groupActivates, hostCanActivate, kmsCountOutcome, KMS_THRESHOLDS, type HostAnswer } from '../knowledge/kms';
import { PRODUCTS, productForOs, productLabel, type ProductId } from '../knowledge/products';
import { channelFromDescription } from '../knowledge/licensing';
import { selectWindowsProduct } from '../windows-product';
import { factValue, type OsFacts, type Snapshot } from '../snapshot';

export interface HostPlan {
  host: ProductId | null;
  hostLabel: string;
  /** Can this computer host KMS for every client product named (possibly after updates)? */
  canHost: boolean;
  perClient: Array<{ client: ProductId; label: string; answer: HostAnswer }>;
  /** Updates to install on this host first (KB numbers), without duplicates. */
  updates: string[];
  warnings: string[];
}

export function planKmsHost(os: OsFacts, clients: readonly ProductId[], counts: { clients: number; servers: number }): HostPlan {
  const server = os.productType !== 1;
  const host = productForOs({ build: os.build, editionId: os.editionId, server });
  const azureEdition = /^serverturbine(?:cor|core)?$/i.test(os.editionId);
  const warnings: string[] = [];
  if (!host) {
    return { host: null, hostLabel: os.caption, canHost: false, perClient: [], updates: [], warnings: [`${os.caption} (build ${os.build}) is not in Microsoft's KMS host tables.`] };
  }
  // One host key for all the clients named: the oldest group this host can carry that activates
  // every one of them (fewest updates), and each client's update is the one that key needs.
  const covering = CSVLK_GROUPS.filter((g) => g.current && g.hostableOn.includes(host) && clients.every((c) => groupActivates(g, c)));
  const chosen = covering[covering.length - 1];
  const perClient = clients.map((client) => ({ client, label: productLabel(client), answer: hostCanActivate(chosen ? { product: host, azureEdition, csvlkGroup: chosen.id } : { product: host, azureEdition }, client) }));
  if (!server && clients.some((c) => PRODUCTS[c].family === 'windows-server')) {
    warnings.push('A KMS host on a Windows client activates only Windows clients: put the KMS host on Windows Server to activate servers too.');
  }
  // One count of all machines: clients activate at 25 or more, servers at 5 or more.
  const count = kmsCountOutcome(counts);
  if (!count.serversActivate) {
    warnings.push(`${count.summary} Use MAK or retail keys instead (see "Activate without a KMS host"), or Active Directory-based activation.`);
  } else if (!count.clientsActivate && counts.clients > 0) {
    warnings.push(`${count.summary} Give the clients MAK or retail keys, or wait until ${KMS_THRESHOLDS.clients - count.total} more machines ask the host.`);
  }
  const updates = [...new Set(perClient.flatMap((p) => (p.answer.answer === 'yes-after-update' ? [p.answer.kb] : [])))];
  return { host, hostLabel: productLabel(host), canHost: perClient.length > 0 && perClient.every((p) => p.answer.answer !== 'no'), perClient, updates, warnings };
}

export type StepState = 'done' | 'to-do' | 'unknown';

export interface SetupStep {
  id: 'host-key' | 'host-activated' | 'service' | 'firewall' | 'dns' | 'count';
  title: string;
  state: StepState;
  detail: string;
}

/** Where the setup stands, read from a snapshot of this (future) KMS host. */
export function setupSteps(snapshot: Snapshot): SetupStep[] {
  const licensing = factValue(snapshot.windows.licensing);
  const product = licensing ? (selectWindowsProduct(licensing.products)?.product ?? null) : null;
  const service = licensing?.service;
  const channel = product ? channelFromDescription(product.description) : null;
  const isHost = service?.isKmsHost === true || channel === 'VOLUME_KMS';
  const services = factValue(snapshot.windows.services);
  const firewall = factValue(snapshot.windows.firewall);
  const os = factValue(snapshot.windows.os);
  const net = factValue(snapshot.windows.networkConfig);
  const unknown = (detail: string) => ({ state: 'unknown' as const, detail });

  const hostKey = !licensing ? unknown('the licence state could not be read') : isHost ? { state: 'done' as const, detail: `KMS host key installed (ends in ${product?.partialProductKey ?? '?'})` } : { state: 'to-do' as const, detail: `installed now: ${channel ?? 'no key'}` };
  const activated = !product ? unknown('the licence state could not be read') : isHost && product.licenseStatus === 1 ? { state: 'done' as const, detail: 'the host key is activated' } : { state: 'to-do' as const, detail: isHost ? 'activate the host key online or by phone' : 'install the host key first' };
  const svc = !services ? unknown('the service state could not be read') : services.sppsvc.status === 'running' ? { state: 'done' as const, detail: 'the Software Protection service is running' } : { state: 'to-do' as const, detail: `the Software Protection service is ${services.sppsvc.status}` };
  const fw = !firewall ? unknown(snapshot.windows.firewall.status === 'unavailable' ? snapshot.windows.firewall.detail : 'not read') : firewall.exists && firewall.enabled ? { state: 'done' as const, detail: `SPPSVC-In-TCP enabled (${firewall.profiles.join(', ')})` } : { state: 'to-do' as const, detail: firewall.exists ? 'SPPSVC-In-TCP is disabled' : 'SPPSVC-In-TCP is missing' };

  // DNS: a _vlmcs._tcp record in this computer's domain that points at this computer.
  const me = os && net?.primaryDnsSuffix ? `${os.computerName}.${net.primaryDnsSuffix}`.toLowerCase() : null;
  const srv = factValue(snapshot.network.srv) ?? [];
  const records = srv.flatMap((l) => l.records.map((r) => r.target.toLowerCase().replace(/\.$/, '')));
  const dns =
    snapshot.network.srv.status !== 'ok'
      ? unknown('DNS could not be searched')
      : me && records.includes(me)
        ? { state: 'done' as const, detail: `_vlmcs._tcp points at ${me}` }
        : { state: 'to-do' as const, detail: service?.kmsDnsPublishing === false ? 'DNS publishing is turned off on this host (slmgr /sdns turns it on)' : `no _vlmcs._tcp record points at ${me ?? 'this computer'} yet (the host publishes within 24 hours of activation; event 12293 reports failures)` };

  const count = service?.kmsCurrentCount ?? null;
  const required = service?.requiredClientCount ?? null;
  const counted =
    count === null || required === null
      ? unknown('the host has not counted any clients yet')
      : count >= required
        ? { state: 'done' as const, detail: `count ${count} of ${required}: clients activate` }
        : { state: 'to-do' as const, detail: `count ${count} of ${required}: clients activate once ${required} have asked` };

  return [
    { id: 'host-key', title: 'KMS host key (CSVLK) installed', ...hostKey },
    { id: 'host-activated', title: 'Host key activated', ...activated },
    { id: 'service', title: 'KMS service running', ...svc },
    { id: 'firewall', title: 'Firewall open for TCP 1688', ...fw },
    { id: 'dns', title: 'Published in DNS', ...dns },
    { id: 'count', title: 'Clients counted', ...counted },
  ];
}

/** The client products a KMS host is usually set up for, in the order the wizard lists them. */
export const CLIENT_CHOICES: readonly ProductId[] = ['win11', 'win10', 'win11-ltsc-2024', 'win10-ltsc', 'server-2025', 'server-2022', 'server-2019', 'server-2016', 'server-2012r2', 'win81', 'win7'];
