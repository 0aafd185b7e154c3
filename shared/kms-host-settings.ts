/**
 * The one owner of "which KMS host": the configured KMS host (set by hand, slmgr /skms), the
 * discovered one (found through DNS the last time) and the one in use (what Windows contacts next).
 *
 * One name in code: the configured KMS host is `configuredKmsHost` everywhere. Public names that
 * predate this module stay as they are because files already written carry them:
 *   - snapshot JSON `kmsMachine`/`kmsPort` on a product and on the service: WMI's own names
 *     (KeyManagementServiceMachine/Port), i.e. the configured KMS host at that level;
 *   - snapshot JSON `discoveredKmsMachineName`/`discoveredKmsPort`: the discovered KMS host;
 *   - diagnosis JSON `product.kmsTarget` and fleet JSON `kms.host`: the KMS host in use;
 *   - audit record `state.kmsHost`: the KMS host in use (host only);
 *   - CLI `--kms` and collector `-KmsHost`: NOT a setting of the computer, but one more KMS host the
 *     technician asks to check (source 'option').
 *
 * Rules (activation-facts.md §4.1 and §6.1, slmgr.vbs [SLMGR-SRC]):
 *   - `/skms` writes either the service (machine-wide) or one product (with an ActID); a product's
 *     own setting wins. Machine name and port are read each at its own level: product, else
 *     service, else the default port 1688 (`/skms :port` sets only a port).
 *   - Setting a host turns auto-discovery off: while one is configured, it is the host in use;
 *     otherwise Windows uses the host it last found through DNS (slmgr /dlv prints "Registered
 *     KMS machine name" or else "KMS machine name from DNS").
 *   - "The product" is selectWindowsProduct's (shared/windows-product.ts).
 */
import { KMS_PORT } from './knowledge/kms';
import type { LicensingFacts } from './snapshot';
import { selectWindowsProduct } from './windows-product';

export interface ConfiguredKmsHost {
  host: string;
  /** The port Windows uses: the one set, else 1688. */
  port: number;
  /** The port as set (null: not set, 1688 applies). */
  portSet: number | null;
  /** Where the machine name is set: on the product (slmgr /skms host ActID) or machine-wide. */
  level: 'product' | 'service';
  /** Evidence path of the machine name. */
  fact: string;
}

export interface DiscoveredKmsHost {
  host: string;
  port: number;
  fact: string;
}

export type KmsHostInUse = (ConfiguredKmsHost & { source: 'configured' }) | (DiscoveredKmsHost & { source: 'discovered' });

export function configuredKmsHost(licensing: LicensingFacts | null | undefined): ConfiguredKmsHost | null {
  if (!licensing) return null;
  const selected = selectWindowsProduct(licensing.products);
  const product = selected?.product;
  const service = licensing.service;
  const portSet = product?.kmsPort ?? service.kmsPort ?? null;
  if (selected && product?.kmsMachine) {
    return { host: product.kmsMachine, port: portSet ?? KMS_PORT, portSet, level: 'product', fact: `windows.licensing.products[${selected.index}].kmsMachine` };
  }
  if (service.kmsMachine) {
    return { host: service.kmsMachine, port: portSet ?? KMS_PORT, portSet, level: 'service', fact: 'windows.licensing.service.kmsMachine' };
  }
  return null;
}

/**
 * Where a KMS host is set by hand: on the Windows licence itself (slmgr /skms host <ActID>; its
 * activation ID, as that setting wins) and/or machine-wide (slmgr /skms host). A fix that clears
 * or replaces the host must act on every level that is set.
 */
export function kmsHostSettingLevels(licensing: LicensingFacts | null | undefined): { productActivationId: string | null; service: boolean } {
  if (!licensing) return { productActivationId: null, service: false };
  const product = selectWindowsProduct(licensing.products)?.product;
  const service = licensing.service;
  return {
    productActivationId: product && (product.kmsMachine !== null || product.kmsPort !== null) ? product.activationId : null,
    service: service.kmsMachine !== null || service.kmsPort !== null,
  };
}

export function discoveredKmsHost(licensing: LicensingFacts | null | undefined): DiscoveredKmsHost | null {
  if (!licensing) return null;
  const selected = selectWindowsProduct(licensing.products);
  const name = selected?.product.discoveredKmsMachineName;
  if (!selected || !name) return null;
  return { host: name, port: selected.product.discoveredKmsPort ?? KMS_PORT, fact: `windows.licensing.products[${selected.index}].discoveredKmsMachineName` };
}

export function kmsHostInUse(licensing: LicensingFacts | null | undefined): KmsHostInUse | null {
  const configured = configuredKmsHost(licensing);
  if (configured) return { ...configured, source: 'configured' };
  const discovered = discoveredKmsHost(licensing);
  return discovered ? { ...discovered, source: 'discovered' } : null;
}

/** `host:port`, an IPv6 address in brackets: how a KMS host setting is shown and typed (slmgr /skms). */
export function kmsHostText(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}
