/**
 * What the Office fixes share: the Office licences they act on (always by activation ID, never the
 * service-wide setting, never Windows' licence) and the refusals when there are none.
 */
import { factValue, type OfficeFacts, type OfficeProduct } from '../../shared/snapshot';
import { isOfficeKmsClient as isKmsClient, officeLicences } from '../../shared/office-licences';
import type { FixState, Refusal } from './types';

/** Office's licences: read fresh for the fix, else those of the check it was chosen from. */
export function officeFacts(state: FixState): OfficeFacts | null {
  return state.office ?? (state.snapshot ? (factValue(state.snapshot.windows.office) ?? null) : null);
}

export const isOfficeKmsClient = isKmsClient;

/** The Office licences with a key, or a refusal when Office could not be read or has none. */
export function requireOfficeProducts(state: FixState, which: (p: OfficeProduct) => boolean, none: string): { products: OfficeProduct[] } | { refusal: Refusal } {
  const office = officeFacts(state);
  if (!office) {
    return { refusal: { code: 'missing-facts', message: "Office's licence state could not be read on this computer. Check this computer again (as an administrator), then retry.", overridable: false } };
  }
  const products = officeLicences(office, which);
  if (products.length === 0) return { refusal: { code: 'not-applicable', message: none, overridable: false } };
  return { products };
}
