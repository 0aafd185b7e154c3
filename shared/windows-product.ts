/**
 * The one owner of "which Windows product is the product": the SoftwareLicensingProduct row that
 * activation is about. Probes (progress line), diagnosis, fixes, reports, CLI and UI all ask this
 * function; nothing else picks a product (test/unit/shared/owners-scan.test.ts enforces it).
 *
 * The rule (activation-facts.md §6, "primary Windows SKU", from slmgr.vbs [SLMGR-SRC]):
 * slmgr's primary Windows SKU is a product with the Windows ApplicationID, a PartialProductKey and
 * LicenseIsAddon = False. The licensing probe already reads only Windows-ApplicationID rows with a
 * key, so here:
 *   1. Add-ons (LicenseIsAddon: ESU and similar) are never the product, and neither is a Windows 10
 *      ESU licence matched by its activation ID, whatever LicenseIsAddon says (not documented for ESU).
 *   2. Rows with a partial product key come before rows without (a snapshot from an older
 *      collector may carry keyless rows).
 *   3. Among those, slmgr takes the first in WMI order. We rank by licence state first, because a
 *      leftover row (an edition replaced by an upgrade or a Set-Edition conversion) can come first
 *      and is Unlicensed, while the edition in use is Licensed, or in a grace or notification state
 *      while it waits for activation: Licensed (1) first, then any other state but Unlicensed
 *      (2-6), then Unlicensed (0). Ties keep WMI order.
 *   4. No row left: there is no product (null), even when add-ons exist.
 * Only booleans, the key and numbers decide, never the Name or Description text, so a localised
 * Windows or an evaluation edition (TIMEBASED_EVAL is simply its channel) is picked the same way.
 */
import { isEsuActivationId } from './knowledge/esu';
import type { WindowsProduct } from './snapshot';

export interface SelectedProduct {
  product: WindowsProduct;
  /** Its index in `windows.licensing.products`: evidence paths name this row, never `[0]`. */
  index: number;
}

/** 0 is best. Licensed, then any live state (grace, notification), then Unlicensed. */
function stateRank(licenseStatus: number): number {
  if (licenseStatus === 1) return 0;
  return licenseStatus === 0 ? 2 : 1;
}

export function selectWindowsProduct(products: readonly WindowsProduct[]): SelectedProduct | null {
  let best: (SelectedProduct & { rank: number }) | null = null;
  products.forEach((product, index) => {
    if (product.isAddon || isEsuActivationId(product.activationId)) return;
    const rank = (product.partialProductKey === null ? 10 : 0) + stateRank(product.licenseStatus);
    if (!best || rank < best.rank) best = { product, index, rank };
  });
  if (!best) return null;
  const { product, index } = best;
  return { product, index };
}

/** The evidence path of one field of the selected product (`windows.licensing.products[2].licenseStatus`). */
export function productFactPath(selected: SelectedProduct | null, field: keyof WindowsProduct): string {
  return selected ? `windows.licensing.products[${selected.index}].${field}` : 'windows.licensing.products';
}
