/**
 * Windows 10 Extended Security Updates (ESU), 2025-2028: the add-on licences of the commercial
 * (MAK) programme and what a device needs before it can take one. The activation IDs are copied
 * verbatim from Microsoft's "Enable Extended Security Updates (ESU)" page ([IT-ESU], the table
 * under "Install and activate the ESU key"):
 *
 *   | ESU Program     | Activation ID                        |
 *   |-----------------|--------------------------------------|
 *   | Win10 ESU Year1 | f520e45e-7413-4a34-a497-d2765967d094 |
 *   | Win10 ESU Year2 | 1043add5-23b1-4afb-9a0f-64343c8f3f8d |
 *   | Win10 ESU Year3 | 83d49986-add3-41d7-ba33-87c7bfb5c0fb |
 *
 * "The activation IDs are the same across all eligible Windows ESU editions and all devices
 * enrolled for that program." [IT-ESU]. Microsoft does not publish the licences' Name strings, so
 * they are matched on ID only. These licences are add-ons: never "the product" a diagnosis is
 * about, and `slmgr /ato` / `/upk` act on them only when given their activation ID.
 */
import type { SourceTag } from './sources';

export const ESU_YEARS = [1, 2, 3] as const;
export type EsuYear = (typeof ESU_YEARS)[number];

export interface EsuLicenceRecord {
  year: EsuYear;
  /** As Microsoft's table names the programme. */
  programme: string;
  activationId: string;
  sources: SourceTag[];
}

const ESU: SourceTag[] = ['IT-ESU'];

export const ESU_LICENCES: readonly EsuLicenceRecord[] = [
  { year: 1, programme: 'Win10 ESU Year1', activationId: 'f520e45e-7413-4a34-a497-d2765967d094', sources: ESU },
  { year: 2, programme: 'Win10 ESU Year2', activationId: '1043add5-23b1-4afb-9a0f-64343c8f3f8d', sources: ESU },
  { year: 3, programme: 'Win10 ESU Year3', activationId: '83d49986-add3-41d7-ba33-87c7bfb5c0fb', sources: ESU },
];

export const ESU_ACTIVATION_IDS: readonly string[] = ESU_LICENCES.map((r) => r.activationId);

/** The ESU licence an activation ID belongs to (any case), or null. */
export function esuLicenceFor(activationId: string): EsuLicenceRecord | null {
  const id = activationId.trim().toLowerCase();
  return ESU_LICENCES.find((r) => r.activationId === id) ?? null;
}

export const isEsuActivationId = (activationId: string): boolean => esuLicenceFor(activationId) !== null;

export function esuLicence(year: EsuYear): EsuLicenceRecord {
  return ESU_LICENCES[year - 1]!;
}

/**
 * Prerequisites of commercial ESU activation [IT-ESU]: "Windows 10, version 22H2 with KB5046613,
 * or a later update installed" and "Administrative privileges on the device". Windows 10 22H2 is
 * build 19045 (the builds 19041-19045 share one servicing branch; 22H2 is the last). The OS build
 * KB5046613 brings (19045.5131) is only in third-party material, so it is shown, never enforced.
 */
export const ESU_PREREQUISITES = {
  build: 19045,
  version: '22H2',
  update: 'KB5046613',
  updateUrl: 'https://support.microsoft.com/help/5046613',
  sources: ['IT-ESU'] as SourceTag[],
} as const;

/**
 * The programme's calendar [IT-ESUPROG]: support ended "October 14, 2025"; organisations buy ESU
 * "by year" for "a maximum of three years after end of support"; "Year One starts in November
 * 2025" and "ESUs are cumulative" (buying Year Two means paying for Year One too). The first
 * update that requires the activation is "the November 2025 security update" [IT-ESU].
 * Derived, not stated by Microsoft as dates: year N covers the N-th year after end of support.
 */
export const ESU_END_OF_SUPPORT = '2025-10-14';

/** The ESU year a date falls in (derived from the end-of-support date), or null before or after the programme. */
export function esuYearAt(iso: string): EsuYear | null {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const start = Date.parse(`${ESU_END_OF_SUPPORT}T00:00:00Z`);
  if (at <= start) return null;
  const anniversary = (n: number) => Date.parse(`${2025 + n}-10-14T00:00:00Z`);
  for (const year of ESU_YEARS) if (at <= anniversary(year)) return year;
  return null;
}

/**
 * Editions of the consumer programme: Windows 10 Home (EditionID Core and its variants). Microsoft
 * sends "individuals or Windows 10 Home customers" to the consumer ESU programme [IT-ESU]; how a
 * consumer enrolment shows in SoftwareLicensingProduct is not documented, so a Home device without
 * a licensed ESU licence is not proof that it is not enrolled.
 */
const CONSUMER_EDITION_IDS = new Set(['core', 'coren', 'coresinglelanguage', 'corecountryspecific']);
export const isConsumerEdition = (editionId: string): boolean => CONSUMER_EDITION_IDS.has(editionId.trim().toLowerCase());

export const ESU_CONSUMER_URL = 'https://support.microsoft.com/windows/33e17de9-36b3-43bb-874d-6c53d2e4bf42';
