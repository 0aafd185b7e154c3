import { officeGvlkFor, officeSkuFromFamily, ospp, type OfficeGvlkRecord } from '../../shared/knowledge/office';
import { channelFromDescription, channelRecord } from '../../shared/knowledge/licensing';
import type { OfficeFacts } from '../../shared/snapshot';
import type { FixDefinition, FixState, FixStep } from './types';
import { requireElevation } from './common';
import { officeFacts } from './office-licences';
import { isOfficeActivated, isOfficeKmsClient, officeLicences } from '../../shared/office-licences';

/**
 * The Office GVLKs to install: for each Office product installed with another key (or with none),
 * the published key of that product, chosen by its licence family (never its localized name) and
 * only where Office's own volume (KMS client) licence of that product is installed to take it.
 */
export function officeGvlksToInstall(office: OfficeFacts): { records: OfficeGvlkRecord[]; replaces: string[]; skipped: string[] } {
  const records: OfficeGvlkRecord[] = [];
  const replaces: string[] = [];
  const skipped: string[] = [];
  const hasVolumeLicence = (version: string, product: string) =>
    office.kmsClientLicences.some((l) => {
      const sku = officeSkuFromFamily(l.licenseFamily);
      return sku?.version === version && sku.product === product;
    });
  const add = (family: string | null, current: string | null) => {
    const gvlk = officeGvlkFor(family);
    if (gvlk.kind !== 'key') return void skipped.push(gvlk.reason);
    if (!hasVolumeLicence(gvlk.record.version, gvlk.record.product)) return void skipped.push(`${gvlk.record.publishedAs} has no volume licence installed (a retail installation cannot take its GVLK)`);
    if (records.some((r) => r.key === gvlk.record.key)) return;
    records.push(gvlk.record);
    if (current) replaces.push(current);
  };
  for (const p of office.products) {
    if (channelFromDescription(p.description) === 'VOLUME_KMSCLIENT') continue;
    add(p.licenseFamily, `${p.name} (key ending in ${p.partialProductKey ?? '?'})`);
  }
  // Volume Office installed without any key: the KMS client licence is there, its key is not.
  if (office.products.length === 0) for (const l of office.kmsClientLicences) add(l.licenseFamily, null);
  return { records, replaces, skipped };
}

function pick(state: FixState) {
  const office = officeFacts(state);
  return office ? { office, ...officeGvlksToInstall(office) } : null;
}

export const officeInstallGvlk: FixDefinition = {
  id: 'office-install-gvlk',
  title: 'Install the Office KMS client key (GVLK)',
  summary: "Installs Microsoft's published KMS client key for the installed volume Office product (chosen from Microsoft's table by the product's licence), so Office activates against the KMS host.",
  inputs: [],
  addresses: ['office-channel-not-volume'],
  verify: ['windows.office'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const chosen = pick(state);
    if (!chosen) return { code: 'missing-facts', message: "Office's licence state could not be read on this computer. Check this computer again (as an administrator), then retry.", overridable: false };
    if (chosen.records.length === 0) {
      return { code: 'no-client-key', message: `No Office KMS client key can be installed here: ${chosen.skipped[0] ?? 'Office already carries its KMS client key'}.`, overridable: false };
    }
    const [working] = officeLicences(chosen.office, (p) => isOfficeActivated(p) && !isOfficeKmsClient(p));
    if (working) {
      const channel = channelFromDescription(working.description);
      const kind = channel ? channelRecord(channel).activation : 'its current key';
      return { code: 'would-replace-working-activation', message: `Office is activated with ${kind === 'mak' ? 'a MAK' : kind === 'retail' ? 'a retail key' : kind} (key ending in ${working.partialProductKey ?? '?'}). Installing the KMS client key would replace a working activation. Only continue if Office should activate through your KMS host.`, overridable: true };
    }
    return null;
  },
  plan: (state) => {
    const chosen = pick(state);
    const records = chosen?.records ?? [];
    const steps: FixStep[] = records.map((r) => ({ script: 'fix-office', params: { operation: 'install-product-key', key: r.key }, describe: `install the Office KMS client key for ${r.publishedAs}`, timeoutMs: 120_000 }));
    return {
      changes: [
        ...records.map((r) => `Install the KMS client key for ${r.publishedAs} (ends in ${r.key.slice(-5)}) on Office; Windows' key is not touched`),
        ...(chosen?.replaces ?? []).map((r) => `It replaces ${r}`),
      ],
      commands: records.map((r) => ospp(`/inpkey:${r.key}`)),
      steps,
    };
  },
};
