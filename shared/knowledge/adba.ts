/**
 * Active Directory-based activation (ADBA): where the forest keeps its activation objects, which
 * clients can use them, what the volume activation type settings mean, and which activation
 * objects are Office's (by the activation ID of the Office KMS host key they were made from).
 */
import type { SourceTag } from './sources';

/** The container under the configuration naming context (slmgr's ADActObjContainer). */
export const ADBA_CONTAINER_RDN = 'CN=Activation Objects,CN=Microsoft SPP,CN=Services';
export const ADBA_OBJECT_CLASS = 'msSPP-ActivationObject';

export const ADBA_FACTS = {
  /** "maintain their activated state for up to 180 days since the last contact with the domain". */
  validityDays: { value: 180, sources: ['ITPRO-ADBA'] as SourceTag[] },
  /** "By default, this reactivation event occurs every seven days". */
  reactivationDays: { value: 7, sources: ['ITPRO-ADBA'] as SourceTag[] },
  /**
   * Clients: Windows 8 / Windows Server 2012 and later (build 9200). The current IT-Pro page says
   * "Windows 8.1 or later"; the schema pages say the objects were first implemented in Windows
   * Server 2012. Every Windows version in support today qualifies.
   */
  minimumClientBuild: { value: 9200, sources: ['ITPRO-ADBAOV', 'ITPRO-ADBA', 'W32-ADS'] as SourceTag[] },
} as const;

/** SoftwareLicensingProduct.VLActivationType / VLActivationTypeEnabled values. */
export const VL_ACTIVATION_TYPES: Readonly<Record<0 | 1 | 2 | 3, { name: string; only: string }>> = {
  0: { name: 'any', only: 'any volume activation type (the default)' },
  1: { name: 'Active Directory', only: 'Active Directory-based activation only' },
  2: { name: 'KMS', only: 'KMS activation only' },
  3: { name: 'token', only: 'token-based activation only' },
};
export const VL_ACTIVATION_TYPE_SOURCES: readonly SourceTag[] = ['WSD-SLMGR', 'TN-WMI', 'SLMGR-SRC'];

export interface OfficeCsvlk {
  /** The activation ID of the Office KMS host licence = msSPP-CSVLKSkuId of an object made from its key. */
  activationId: string;
  product: string;
  note?: string;
  sources: SourceTag[];
}

/**
 * Office KMS host activation IDs from Microsoft's Office KMS host page. An activation object made
 * from an Office host key activates that Office version only, never Windows. Office 2013's ID is
 * not on the page: an object for it counts as "maybe Windows", so no finding is raised on it.
 */
export const OFFICE_CSVLKS: readonly OfficeCsvlk[] = [
  { activationId: 'f3d89bbf-c0ec-47ce-a8fa-e5a5f97e447f', product: 'Office LTSC 2024', sources: ['DO-HOST'] },
  {
    activationId: '8d368fc1-9470-4be2-8d66-90e836cbb051',
    product: 'Office LTSC 2024',
    note: 'The ID the Office tools page still lists; the host page replaced it with F3D89BBF on 2024-09-17. Accepted as the same product.',
    sources: ['DO-HOST'],
  },
  { activationId: '47f3b983-7c53-4d45-abc6-bcd91e2dd90a', product: 'Office LTSC 2021', sources: ['DO-HOST'] },
  { activationId: '70512334-47b4-44db-a233-be5ea33b914c', product: 'Office 2019', sources: ['DO-HOST'] },
  { activationId: '98ebfe73-2084-4c97-932c-c0cd1643bea7', product: 'Office 2016', sources: ['DO-HOST'] },
];

/** The Office product an activation object is for, or null when it may be Windows's. */
export function officeProductOf(csvlkSkuId: string | null): string | null {
  if (!csvlkSkuId) return null;
  const id = csvlkSkuId.toLowerCase();
  return OFFICE_CSVLKS.find((row) => row.activationId === id)?.product ?? null;
}

/** Whether this Windows build can activate through Active Directory at all. */
export const adbaClientBuild = (build: number): boolean => build >= ADBA_FACTS.minimumClientBuild.value;
