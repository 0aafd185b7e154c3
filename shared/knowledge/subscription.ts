/**
 * Windows subscription activation (Windows Enterprise E3/E5, Education): a Pro or Pro Education
 * device steps up to Enterprise or Education when a licensed user signs in, while its licence in
 * SoftwareLicensingProduct stays the Pro one. Such a device must never be given a KMS client key
 * (GVLK) or a KMS host: subscription activation replaces them, and the underlying Pro licence is
 * what has to be activated.
 */
import type { SourceTag } from './sources';

export interface StepUp {
  /** SoftwareLicensingProduct.Name edition token of the underlying licence ("Windows(R), Professional edition"). */
  licensed: readonly string[];
  /** Registry EditionID after the step-up. */
  running: readonly string[];
  label: string;
  sources: SourceTag[];
}

export const SUBSCRIPTION_STEP_UPS: readonly StepUp[] = [
  { licensed: ['Professional', 'ProfessionalN'], running: ['Enterprise', 'EnterpriseN'], label: 'Windows Pro stepped up to Enterprise (E3/E5)', sources: ['ITPRO-SUB', 'ITPRO-DEL'] },
  {
    licensed: ['ProfessionalEducation', 'ProfessionalEducationN'],
    running: ['Education', 'EducationN'],
    label: 'Windows Pro Education stepped up to Education',
    sources: ['ITPRO-SUB', 'ITPRO-DEL'],
  },
];

/** Get-SubscriptionLicenseInfo's SubscriptionStatusValue meanings. */
export const SUBSCRIPTION_STATUS: Readonly<Record<number, string>> = {
  0: 'Not Active',
  1: 'Active',
  100: 'Disabled',
  110: 'Expired',
  120: 'Not Installed',
};
/** Get-SubscriptionLicenseInfo's SubscriptionTypeValue meanings. */
export const SUBSCRIPTION_TYPE: Readonly<Record<number, string>> = { 0: 'User Based Subscription', 120: 'Not Installed', 9999: 'Invalid' };
export const SUBSCRIPTION_STATUS_SOURCES: readonly SourceTag[] = ['PS-OSL-SUB'];

export const subscriptionStatusText = (value: number): string => SUBSCRIPTION_STATUS[value] ?? `Unknown (${value})`;

/** The edition token of a SoftwareLicensingProduct.Name ("Windows(R), Professional edition" -> "Professional"); not localized. */
export function licensedEdition(productName: string): string | null {
  const match = /^Windows\(R\), (\S+) edition$/.exec(productName.trim());
  return match ? match[1]! : null;
}

/** The step-up a running edition and a licence name show, or null when they are the same edition. */
export function stepUpOf(editionId: string, productName: string): StepUp | null {
  const licensed = licensedEdition(productName);
  if (!licensed) return null;
  return SUBSCRIPTION_STEP_UPS.find((s) => s.running.includes(editionId) && s.licensed.includes(licensed)) ?? null;
}

export const SUBSCRIPTION_FACTS = {
  /** "Upgraded devices attempt to renew licenses about every 30 days". */
  renewalDays: { value: 30, sources: ['ITPRO-SUB'] as SourceTag[] },
  /** "It can take up to four days after a qualifying purchase". */
  eligibilityDays: { value: 4, sources: ['ITPRO-DEL'] as SourceTag[] },
  /** Workgroup or Entra registered devices are not supported: Entra joined or hybrid joined only. */
  joinRequirement: { value: 'Microsoft Entra joined or Microsoft Entra hybrid joined', sources: ['ITPRO-SUB'] as SourceTag[] },
} as const;
