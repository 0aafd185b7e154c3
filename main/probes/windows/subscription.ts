/**
 * Windows subscription activation (subscription.ps1): the Subscription* properties of
 * SoftwareLicensingService, read under the names Get-SubscriptionLicenseInfo's output uses, and
 * the Windows Update policy a subscription device needs.
 */
import { z } from 'zod';
import { SubscriptionFactsSchema, type SubscriptionFacts } from '../../../shared/snapshot';
import { SUBSCRIPTION_TYPE, subscriptionStatusText } from '../../../shared/knowledge/subscription';
import { psNumber, text, uint32 } from './normalise';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';

const PropertyValue = z.union([z.string(), z.number(), z.boolean()]).nullish();

export const RawSubscriptionSchema = z.object({
  /** Every Subscription* property of SoftwareLicensingService, by name ({} on Windows without them). */
  properties: z.preprocess((v) => (v === null || v === undefined ? {} : v), z.record(z.string(), PropertyValue)),
  doNotConnectToWindowsUpdateInternetLocations: psNumber,
});
export type RawSubscription = z.output<typeof RawSubscriptionSchema>;

const numberOf = (value: string | number | boolean | null | undefined): number | null => (typeof value === 'boolean' ? null : uint32(value));
const textOf = (value: string | number | boolean | null | undefined): string | null => (value === null || value === undefined || typeof value === 'boolean' ? null : text(String(value), 100));

export function parseSubscription(raw: RawSubscription): SubscriptionFacts {
  const policy = uint32(raw.doNotConnectToWindowsUpdateInternetLocations);
  const p = raw.properties;
  return {
    properties: Object.keys(p).slice(0, 32).map((name) => name.slice(0, 80)),
    typeValue: numberOf(p.SubscriptionType),
    statusValue: numberOf(p.SubscriptionStatus),
    expiry: textOf(p.SubscriptionExpiry),
    edition: textOf(p.SubscriptionEdition),
    windowsUpdateBlocked: policy === null ? null : policy !== 0,
  };
}

/** One line for the checklist. */
export function describeSubscription(value: SubscriptionFacts): { outcome: 'ok' | 'problem'; summary: string } {
  const status =
    value.statusValue !== null
      ? `subscription ${subscriptionStatusText(value.statusValue)}`
      : value.typeValue !== null
        ? `subscription type ${SUBSCRIPTION_TYPE[value.typeValue] ?? value.typeValue}`
        : 'no subscription information on this Windows';
  const blocked = value.windowsUpdateBlocked === true;
  return { outcome: blocked || value.statusValue === 110 || value.statusValue === 100 ? 'problem' : 'ok', summary: blocked ? `${status}; Windows Update is blocked by policy` : status };
}

export const subscriptionCollector = defineCollector({
  script: 'subscription',
  subject: 'the subscription activation state',
  raw: RawSubscriptionSchema,
  parse: parseSubscription,
  value: SubscriptionFactsSchema,
});

/** The registry's entry (registry.ts). */
export const subscriptionProbe = defineWindowsProbe({ ...subscriptionCollector, key: 'subscription', describe: describeSubscription });
