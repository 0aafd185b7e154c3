/**
 * The one owner of "which Office licence" and "Office's KMS host" (the windows.office probe), as
 * shared/windows-product.ts and shared/kms-host-settings.ts are for Windows. Office is never "the
 * product": each Office licence with a key is its own, chosen by what it is (its channel, its
 * state), and acted on by its activation ID.
 *
 * Office's KMS host is set per Office licence (ospp.vbs /sethst: SetKeyManagementServiceMachine on
 * each Office KMS licence, [OSPP-SRC]); a host set on the Windows licence does not apply to it (whether
 * a machine-wide one does is not documented, beyond-kms-facts.md §2.6), and its own setting
 * turns DNS discovery off for Office as Windows' does for Windows (derived; the precedence of a
 * product-level over a service-level setting is not documented, beyond-kms-facts.md §9).
 */
import { channelFromDescription, channelRecord, type ChannelActivation } from './knowledge/licensing';
import { KMS_PORT } from './knowledge/kms';
import type { OfficeFacts, OfficeProduct } from './snapshot';

/** What kind of activation an Office licence's channel means (VOLUME_KMSCLIENT → kms-client, RETAIL → retail). */
export function officeActivation(p: OfficeProduct): ChannelActivation | null {
  const channel = channelFromDescription(p.description);
  return channel ? channelRecord(channel).activation : null;
}

export const isOfficeKmsClient = (p: OfficeProduct): boolean => channelFromDescription(p.description) === 'VOLUME_KMSCLIENT';
export const isOfficeActivated = (p: OfficeProduct): boolean => p.licenseStatus === 1;
/** A failure code (error bit set) on a licence that is not activated. */
export const officeErrorCode = (p: OfficeProduct): number | null =>
  !isOfficeActivated(p) && p.licenseStatusReason !== null && (p.licenseStatusReason & 0x80000000) !== 0 ? p.licenseStatusReason : null;

/** The Office licences with a key that `which` selects, in the probe's order. */
export function officeLicences(facts: OfficeFacts, which: (p: OfficeProduct) => boolean = () => true): OfficeProduct[] {
  return facts.products.filter(which);
}

/** The evidence path of one field of an Office licence: its real row. */
export const officeFact = (facts: OfficeFacts, p: OfficeProduct, field: keyof OfficeProduct): string => `windows.office.products[${facts.products.indexOf(p)}].${field}`;

export interface OfficeKmsHost {
  host: string;
  port: number;
}

/** The KMS host set for this Office licence (ospp.vbs /sethst, /setprt), or null: DNS discovery. */
export function officeConfiguredKmsHost(p: OfficeProduct): (OfficeKmsHost & { portSet: number | null }) | null {
  return p.kmsMachine ? { host: p.kmsMachine, port: p.kmsPort ?? KMS_PORT, portSet: p.kmsPort } : null;
}

/** The KMS host this Office licence last found through DNS, or null. */
export function officeDiscoveredKmsHost(p: OfficeProduct): OfficeKmsHost | null {
  return p.discoveredKmsMachineName ? { host: p.discoveredKmsMachineName, port: p.discoveredKmsPort ?? KMS_PORT } : null;
}

/** The KMS host this Office licence contacts: the one set for it, else the one it found. */
export const officeKmsHostInUse = (p: OfficeProduct): OfficeKmsHost | null => officeConfiguredKmsHost(p) ?? officeDiscoveredKmsHost(p);
