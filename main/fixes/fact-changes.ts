/**
 * Before/after labelling for the UI and the CLI: the facts a technician compares across a fix,
 * each as one short line, and only those that changed.
 */
import { selectWindowsProduct } from '../../shared/windows-product';
import { configuredKmsHost, kmsHostInUse, kmsHostText } from '../../shared/kms-host-settings';
import { channelFromDescription, licenseStatusName } from '../../shared/knowledge/licensing';
import { factValue, type Snapshot } from '../../shared/snapshot';
import type { FactChange } from '../../shared/fix-types';
import { officeConfiguredKmsHost } from '../../shared/office-licences';

/** The facts a technician compares before and after a fix. */
export function factChanges(before: Snapshot, after: Snapshot): FactChange[] {
  const summarise = (s: Snapshot): Record<string, string> => {
    const licensing = factValue(s.windows.licensing);
    const product = licensing ? (selectWindowsProduct(licensing.products)?.product ?? null) : null;
    const configured = configuredKmsHost(licensing);
    const inUse = kmsHostInUse(licensing);
    const services = factValue(s.windows.services);
    const firewall = factValue(s.windows.firewall);
    const hosts = factValue(s.network.kmsHosts) ?? [];
    const times = factValue(s.network.time) ?? [];
    const office = factValue(s.windows.office)?.products ?? [];
    const officeLine = (text: (p: (typeof office)[number]) => string) => (office.length > 0 ? office.map((p) => `${p.name}: ${text(p)}`).join('; ') : 'none');
    return {
      'Licence status': product ? licenseStatusName(product.licenseStatus) : 'unknown',
      Channel: product ? (channelFromDescription(product.description) ?? product.description) : 'unknown',
      'Product key': product?.partialProductKey ? `ends in ${product.partialProductKey}` : 'none',
      'KMS host set': configured ? (configured.portSet === null ? configured.host : kmsHostText(configured.host, configured.portSet)) : 'none (DNS discovery)',
      'KMS host in use': inUse ? kmsHostText(inUse.host, inUse.port) : 'none',
      'Software Protection service': services?.sppsvc.status ?? 'unknown',
      'Windows Time service': services?.w32time.status ?? 'unknown',
      'KMS firewall rule': firewall ? (firewall.enabled ? 'enabled' : 'disabled') : 'unknown',
      'KMS hosts answering': hosts.length > 0 ? `${hosts.filter((h) => h.tcp === 'open').length} of ${hosts.length}` : 'none checked',
      'Office licence status': officeLine((p) => licenseStatusName(p.licenseStatus)),
      'Office product key': officeLine((p) => (p.partialProductKey ? `ends in ${p.partialProductKey}` : 'none')),
      'Office KMS host set': officeLine((p) => {
        const set = officeConfiguredKmsHost(p);
        return set ? `${set.host}${set.portSet ? `:${set.portSet}` : ''}` : 'none (DNS discovery)';
      }),
      'Clock offset to KMS host': times.find((t) => t.offsetMs !== null)?.offsetMs != null ? `${Math.round(times.find((t) => t.offsetMs !== null)!.offsetMs! / 1000)} s` : 'not measured',
    };
  };
  const a = summarise(before);
  const b = summarise(after);
  return Object.keys(a)
    .filter((label) => a[label] !== b[label])
    .map((label) => ({ label, before: a[label]!, after: b[label]! }));
}
