/**
 * Stable identifiers shared by the knowledge tables, the diagnosis engine, the fixes and the UI.
 * Finding ids and fix ids are a public contract (docs/findings.md, docs/cli.md): never rename one.
 */

export const FINDING_IDS = [
  // KMS client: the five causes of 0xC004F074 and their relatives
  'kms-time-skew',
  'kms-port-filtered',
  'kms-port-refused',
  'kms-host-unresolvable',
  'kms-srv-missing',
  'kms-srv-stale',
  'kms-host-version-mismatch',
  'kms-count-insufficient',
  'kms-host-not-activated',
  'kms-key-mismatch',
  // On the KMS host itself
  'kms-host-sppsvc-stopped',
  'kms-host-firewall-closed',
  'kms-host-key-limit',
  'kms-host-hardware-security',
  // Azure
  'avma-on-azure',
  'azure-kms-unreachable',
  'azure-attestation-unreachable',
  'azure-attestation-certificate-missing',
  // Keys, channels and editions
  'channel-not-volume',
  'gvlk-without-kms',
  'no-product-key',
  'product-key-invalid',
  'product-key-blocked',
  'mak-limit-exceeded',
  'evaluation-edition',
  'phone-activation-data-invalid',
  // This machine
  'not-elevated',
  'sppsvc-stopped',
  'w32time-stopped',
  'license-store-corrupt',
  'hardware-changed',
  'not-genuine',
  'dcom-access-denied',
  // Policy
  'third-party-kms-host',
  // Active Directory-based activation
  'adba-left-domain',
  'adba-object-removed',
  'adba-no-windows-object',
  'activation-type-restricted',
  // Subscription activation (Enterprise E3/E5, Education)
  'subscription-base-not-activated',
  'subscription-not-active',
  'subscription-update-blocked',
  // State
  'activation-expiring',
  'activated',
  // Windows 10 Extended Security Updates (an add-on licence, never "the product")
  'esu-not-activated',
  'esu-year-not-covered',
  'esu-prerequisites-missing',
  'esu-not-enrolled',
  // Office volume activation (their rules say product: 'office')
  'office-channel-not-volume',
  'office-kms-host-mismatch',
  'office-kms-host-pack-missing',
  'office-activation-error',
  'office-microsoft-365-apps',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export const FIX_IDS = [
  'sync-time',
  'sync-time-from-kms-host',
  'start-sppsvc',
  'restart-sppsvc-host',
  'install-gvlk',
  'set-kms-host',
  'clear-kms-host',
  'set-kms-lookup-domain',
  'activate',
  'switch-avma-to-azure-kms',
  'install-key-and-activate',
  'phone-activation',
  'enable-kms-firewall-rule',
  // First KMS host setup
  'install-volume-activation-role',
  'install-kms-host-key',
  // Windows 10 ESU add-on licence
  'install-esu-key',
  // Office volume activation (they act on Office licences only, by activation ID)
  'office-install-gvlk',
  'office-set-kms-host',
  'office-clear-kms-host',
  'office-activate',
] as const;
export type FixId = (typeof FIX_IDS)[number];

/** The licensed product a finding or a fix is about. Everything not listed as Office is Windows. */
export const PRODUCTS = ['windows', 'office'] as const;
export type Product = (typeof PRODUCTS)[number];
export const PRODUCT_NAMES: Record<Product, string> = { windows: 'Windows', office: 'Office' };

const OFFICE_FIXES: ReadonlySet<FixId> = new Set(['office-install-gvlk', 'office-set-kms-host', 'office-clear-kms-host', 'office-activate']);

/**
 * The product a fix changes. A finding names its product on its rule (shared/diagnosis/rule.ts); the
 * diagnosis never offers a fix for another product than its finding's.
 */
export const productOfFix = (id: FixId): Product => (OFFICE_FIXES.has(id) ? 'office' : 'windows');

export const isFindingId = (value: string): value is FindingId => (FINDING_IDS as readonly string[]).includes(value);
export const isFixId = (value: string): value is FixId => (FIX_IDS as readonly string[]).includes(value);

/**
 * Findings that only show across many computers (shared/fleet/rules): each names the machines it
 * is about. A public contract like FINDING_IDS (docs/fleet.md): never rename one.
 */
export const FLEET_FINDING_IDS = ['fleet-duplicate-cmid', 'fleet-kms-count-split', 'fleet-srv-host-dead', 'fleet-renewal-stopped', 'fleet-mixed-channels'] as const;
export type FleetFindingId = (typeof FLEET_FINDING_IDS)[number];
export const isFleetFindingId = (value: string): value is FleetFindingId => (FLEET_FINDING_IDS as readonly string[]).includes(value);
