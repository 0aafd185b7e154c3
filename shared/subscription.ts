/**
 * Whether a computer is activated (or stepped up) by Windows subscription activation, from what
 * the check and a fix's fresh state both have: the running edition (os), the licence
 * (licensing) and, when read, Microsoft's own subscription status (subscription). One answer for
 * the diagnosis and for every fix that must refuse to push a KMS client key or a KMS host.
 */
import { selectWindowsProduct } from './windows-product';
import { stepUpOf, subscriptionStatusText, type StepUp } from './knowledge/subscription';
import type { LicensingFacts, OsFacts, SubscriptionFacts, WindowsProduct } from './snapshot';

export interface SubscriptionDevice {
  /** How it was recognised, in plain words (for refusals and evidence). */
  because: string;
  /** The edition step-up seen (EditionID vs the licence), when that is how it was recognised. */
  stepUp: StepUp | null;
  /** The underlying licence (Pro or Pro Education) that must itself be activated. */
  product: WindowsProduct | null;
  /** SoftwareLicensingService.SubscriptionStatus (what Get-SubscriptionLicenseInfo shows), when read. */
  statusValue: number | null;
}

/**
 * A subscription device: Microsoft's status says a subscription is active (or was applied and is
 * now disabled or expired), or the running edition is Enterprise/Education while the licence is
 * Pro/Pro Education (the step-up fingerprint; Microsoft's "verify with slmgr" shows exactly that).
 */
export function subscriptionDevice(os: OsFacts | null, licensing: LicensingFacts | null, subscription: SubscriptionFacts | null): SubscriptionDevice | null {
  const product = licensing ? (selectWindowsProduct(licensing.products)?.product ?? null) : null;
  const stepUp = os && product ? stepUpOf(os.editionId, product.name) : null;
  const status = subscription?.statusValue ?? null;
  // 0 Not Active and 120 Not Installed say nothing was applied; 1, 100 and 110 say it was.
  const applied = status === 1 || status === 100 || status === 110;
  if (!stepUp && !applied) return null;
  const parts: string[] = [];
  if (stepUp && os && product) parts.push(`Windows runs as ${os.editionId} while its licence is "${product.name}" (${stepUp.label})`);
  if (applied) parts.push(`the licensing service reports the subscription as ${subscriptionStatusText(status)} (SubscriptionStatus ${status})`);
  return { because: parts.join('; '), stepUp, product, statusValue: status };
}
