/**
 * Keys Microsoft publishes are never the key a technician means to type into the MAK/retail, ESU
 * MAK or KMS host key fixes: a published KMS client setup key (GVLK, Windows or Office) activates only against a KMS host,
 * an AVMA key only on a Hyper-V host, and `XXXXX-XXXXX-…` is the placeholder of an example. Each
 * is refused with a message that says what the key is.
 */
import { AVMA_KEYS } from './avma';
import { GVLK_RECORDS } from './gvlk-table';
import { findOfficeGvlk, OFFICE_VERSION_NAMES } from './office';
import { normaliseProductKey } from './product-key';

export const KEY_PURPOSES = ['mak-or-retail', 'kms-host', 'esu-mak'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** Example keys from documentation: one character repeated, or very few distinct characters. */
export function isPlaceholderKey(key: string): boolean {
  const letters = key.replace(/-/g, '');
  if (letters.length !== 25) return false;
  const groups = key.split('-');
  const distinct = new Set(letters).size;
  return distinct <= 2 || groups.every((g) => g === groups[0]) || groups.filter((g) => new Set(g).size === 1).length >= 4;
}

/** Why `raw` must not be used for `purpose`, or null when nothing is known against it. */
export function refuseKeyFor(purpose: KeyPurpose, raw: string): string | null {
  const parsed = normaliseProductKey(raw);
  if (!parsed.ok) return null;
  const key = parsed.key;
  const wanted =
    purpose === 'kms-host'
      ? "your organisation's KMS host key (CSVLK) from the Volume Licensing Service Center or the Microsoft 365 admin centre"
      : purpose === 'esu-mak'
        ? 'the ESU MAK from the Microsoft 365 admin centre (Billing > Your products > Volume licensing > View product keys)'
        : 'your MAK or retail key';
  if (isPlaceholderKey(key)) return `the key ending in ${parsed.last5} is a placeholder from an example, not a product key; enter ${wanted}`;
  const gvlk = GVLK_RECORDS.find((r) => r.key === key);
  if (gvlk) {
    if (purpose === 'kms-host') return `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${gvlk.product} ${gvlk.edition}, not a KMS host key; enter ${wanted}`;
    if (purpose === 'esu-mak') return `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${gvlk.product} ${gvlk.edition}, not an ESU key: Windows 10 ESU is activated with its own MAK. Enter ${wanted}`;
    return `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${gvlk.product} ${gvlk.edition}: it activates only against a KMS host, never online. Enter ${wanted}, or use "Install the KMS client key" where there is a KMS host`;
  }
  const office = findOfficeGvlk(key);
  if (office) {
    if (purpose === 'esu-mak') return `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${office.publishedAs} (${OFFICE_VERSION_NAMES[office.version]}), an Office key, not an ESU key. Enter ${wanted}`;
    return purpose === 'kms-host'
      ? `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${office.publishedAs} (${OFFICE_VERSION_NAMES[office.version]}), an Office client key, not a KMS host key; enter ${wanted}`
      : `the key ending in ${parsed.last5} is Microsoft's published KMS client setup key (GVLK) for ${office.publishedAs} (${OFFICE_VERSION_NAMES[office.version]}): it is an Office key that activates only against a KMS host, never Windows and never online. Enter ${wanted}, or use "Install the Office KMS client key" where there is a KMS host`;
  }
  const avma = AVMA_KEYS.find((k) => k.key === key);
  if (avma) {
    return `the key ending in ${parsed.last5} is Microsoft's published AVMA key for ${avma.guest} ${avma.edition}: it activates only a VM on an activated Windows Server Datacenter Hyper-V host${purpose === 'kms-host' ? ' and cannot make a KMS host' : purpose === 'esu-mak' ? ', never an ESU licence' : ', never online'}. Enter ${wanted}`;
  }
  return null;
}
