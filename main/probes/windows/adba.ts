/**
 * Active Directory-based activation objects (adba.ps1): read over LDAP from the computer's own
 * domain, only on a domain member; elsewhere the fact is "not applicable".
 */
import { z } from 'zod';
import { AdbaFactsSchema, okFact, unavailableFact, type AdbaFacts, type ActivationObject, type Fact } from '../../../shared/snapshot';
import { guid, psArray, psText, text } from './normalise';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';

const RawObjectSchema = z.object({
  name: psText,
  dn: psText,
  csvlkSkuId: psText,
  partialProductKey: psText,
  csvlkPid: psText,
});

export const RawAdbaSchema = z.object({
  partOfDomain: z.boolean(),
  domain: psText,
  configurationNamingContext: psText,
  container: z.enum(['present', 'absent']).nullish(),
  objects: psArray(RawObjectSchema),
});
export type RawAdba = z.output<typeof RawAdbaSchema>;

/** What the script saw: not a domain member (nothing read), or the forest's activation objects. */
export interface AdbaReading {
  partOfDomain: boolean;
  adba: AdbaFacts | null;
}

export const AdbaReadingSchema = z.object({ partOfDomain: z.boolean(), adba: AdbaFactsSchema.nullable() });

function parseObject(raw: z.output<typeof RawObjectSchema>): ActivationObject | null {
  const dn = text(raw.dn, 1000);
  if (!dn) return null;
  const key = text(raw.partialProductKey, 10)?.toUpperCase() ?? null;
  return {
    name: text(raw.name, 255),
    dn,
    csvlkSkuId: guid(raw.csvlkSkuId),
    partialProductKey: key && /^[0-9A-Z]{5}$/.test(key) ? key : null,
    csvlkPid: text(raw.csvlkPid, 512),
  };
}

export function parseAdba(raw: RawAdba): AdbaReading {
  const domain = text(raw.domain, 255);
  if (!raw.partOfDomain || !domain) return { partOfDomain: false, adba: null };
  return {
    partOfDomain: true,
    adba: {
      domain,
      configurationNamingContext: text(raw.configurationNamingContext, 1000),
      container: raw.container ?? 'absent',
      objects: raw.objects
        .map(parseObject)
        .filter((o): o is ActivationObject => o !== null)
        .slice(0, 100),
    },
  };
}

/** Activation objects live in a forest: on a workgroup computer there is nothing to read. */
export function narrowAdbaFact(fact: Fact<AdbaReading>): Fact<AdbaFacts> {
  if (fact.status !== 'ok') return fact;
  if (!fact.value.adba) {
    return unavailableFact('not-applicable', 'This computer is not a member of an Active Directory domain, so there is no forest to hold activation objects.', fact.durationMs);
  }
  return okFact(fact.value.adba, fact.durationMs);
}

/** One line for the checklist. */
export function describeAdba(value: AdbaFacts): { outcome: 'ok' | 'problem'; summary: string } {
  // Not a problem in itself: a forest without ADBA is where KMS clients live; the diagnosis says when it matters.
  if (value.container === 'absent') return { outcome: 'ok', summary: `${value.domain}: no activation objects container (the forest's schema is not prepared for Active Directory-based activation)` };
  const n = value.objects.length;
  return { outcome: 'ok', summary: `${value.domain}: ${n === 0 ? 'no activation objects' : `${n} activation object${n === 1 ? '' : 's'}`}` };
}

export const adbaCollector = defineCollector({
  script: 'adba',
  subject: "the forest's activation objects",
  raw: RawAdbaSchema,
  parse: parseAdba,
  value: AdbaReadingSchema,
});

/** The registry's entry (registry.ts). */
export const adbaProbe = defineWindowsProbe({ ...adbaCollector, key: 'adba', describe: describeAdba, narrow: narrowAdbaFact });
