/**
 * Windows subscription activation (subscription.ps1): Microsoft's Get-SubscriptionLicenseInfo
 * values where the cmdlet exists, and the Windows Update policy a subscription device needs.
 */
import { z } from 'zod';
import type { SubscriptionFacts } from '../../../shared/snapshot';
import { subscriptionStatusText } from '../../../shared/knowledge/subscription';
import { psNumber, psText, text, uint32 } from './normalise';

export const RawSubscriptionSchema = z.object({
  cmdletAvailable: z.boolean(),
  typeValue: psNumber,
  statusValue: psNumber,
  expiry: psText,
  edition: psText,
  doNotConnectToWindowsUpdateInternetLocations: psNumber,
});
export type RawSubscription = z.output<typeof RawSubscriptionSchema>;

export function parseSubscription(raw: RawSubscription): SubscriptionFacts {
  const policy = uint32(raw.doNotConnectToWindowsUpdateInternetLocations);
  return {
    cmdletAvailable: raw.cmdletAvailable,
    typeValue: raw.cmdletAvailable ? uint32(raw.typeValue) : null,
    statusValue: raw.cmdletAvailable ? uint32(raw.statusValue) : null,
    expiry: raw.cmdletAvailable ? text(raw.expiry, 100) : null,
    edition: raw.cmdletAvailable ? text(raw.edition, 100) : null,
    windowsUpdateBlocked: policy === null ? null : policy !== 0,
  };
}

/** One line for the checklist. */
export function describeSubscription(value: SubscriptionFacts): { outcome: 'ok' | 'problem'; summary: string } {
  const status = value.statusValue === null ? (value.cmdletAvailable ? 'no subscription information' : 'Get-SubscriptionLicenseInfo not on this Windows') : `subscription ${subscriptionStatusText(value.statusValue)}`;
  const blocked = value.windowsUpdateBlocked === true;
  return { outcome: blocked || value.statusValue === 110 || value.statusValue === 100 ? 'problem' : 'ok', summary: blocked ? `${status}; Windows Update is blocked by policy` : status };
}
