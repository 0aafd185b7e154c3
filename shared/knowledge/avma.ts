/**
 * Automatic Virtual Machine Activation (AVMA): the AVMA keys installed in guest VMs and which
 * Hyper-V host versions activate which guests. The Windows Server 2025 keys come from the live
 * page's "Windows Server 2025" tab; which hosts activate 2025 guests was not read, so that stays
 * unknown rather than guessed.
 */
import { normaliseProductKey } from './product-key';
import { productLabel, type ProductId } from './products';
import type { SourceTag } from './sources';

export interface AvmaKeyRecord {
  productId: ProductId;
  /** As Microsoft labels the guest, e.g. "Windows Server 2019" or "Windows Server, versions 1909, 1903, and 1809". */
  guest: string;
  edition: 'Datacenter' | 'Datacenter: Azure Edition' | 'Standard' | 'Essentials';
  key: string;
  sources: SourceTag[];
}

const AVMA: SourceTag[] = ['WSD-AVMA'];
const SAC_1809 = 'Windows Server, versions 1909, 1903, and 1809';
const SAC_1709 = 'Windows Server, versions 1803 and 1709';

export const AVMA_KEYS: readonly AvmaKeyRecord[] = [
  { productId: 'server-2025', guest: 'Windows Server 2025', edition: 'Datacenter', key: 'YQB4H-NKHHJ-Q6K4R-4VMY6-VCH67', sources: AVMA },
  { productId: 'server-2025', guest: 'Windows Server 2025', edition: 'Datacenter: Azure Edition', key: '6NMQ9-T38WF-6MFGM-QYGYM-88J4F', sources: AVMA },
  { productId: 'server-2025', guest: 'Windows Server 2025', edition: 'Standard', key: 'WWVGQ-PNHV9-B89P4-8GGM9-9HPQ4', sources: AVMA },
  { productId: 'server-2022', guest: 'Windows Server 2022', edition: 'Datacenter', key: 'W3GNR-8DDXR-2TFRP-H8P33-DV9BG', sources: AVMA },
  { productId: 'server-2022', guest: 'Windows Server 2022', edition: 'Datacenter: Azure Edition', key: 'F7TB6-YKN8Y-FCC6R-KQ484-VMK3J', sources: AVMA },
  { productId: 'server-2022', guest: 'Windows Server 2022', edition: 'Standard', key: 'YDFWN-MJ9JR-3DYRK-FXXRW-78VHK', sources: AVMA },
  { productId: 'server-2019', guest: 'Windows Server 2019', edition: 'Datacenter', key: 'H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW', sources: AVMA },
  { productId: 'server-2019', guest: 'Windows Server 2019', edition: 'Standard', key: 'TNK62-RXVTB-4P47B-2D623-4GF74', sources: AVMA },
  { productId: 'server-2019', guest: 'Windows Server 2019', edition: 'Essentials', key: '2CTP7-NHT64-BP62M-FV6GG-HFV28', sources: AVMA },
  { productId: 'server-sac', guest: SAC_1809, edition: 'Datacenter', key: 'H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW', sources: AVMA },
  { productId: 'server-sac', guest: SAC_1809, edition: 'Standard', key: 'TNK62-RXVTB-4P47B-2D623-4GF74', sources: AVMA },
  { productId: 'server-sac', guest: SAC_1709, edition: 'Datacenter', key: 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J', sources: AVMA },
  { productId: 'server-sac', guest: SAC_1709, edition: 'Standard', key: 'C3RCX-M6NRP-6CXC9-TW2F2-4RHYD', sources: AVMA },
  { productId: 'server-2016', guest: 'Windows Server 2016', edition: 'Datacenter', key: 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J', sources: AVMA },
  { productId: 'server-2016', guest: 'Windows Server 2016', edition: 'Standard', key: 'C3RCX-M6NRP-6CXC9-TW2F2-4RHYD', sources: AVMA },
  { productId: 'server-2016', guest: 'Windows Server 2016', edition: 'Essentials', key: 'B4YNW-62DX9-W8V6M-82649-MHBKQ', sources: AVMA },
  { productId: 'server-2012r2', guest: 'Windows Server 2012 R2', edition: 'Datacenter', key: 'Y4TGP-NPTV9-HTC2H-7MGQ3-DV4TW', sources: AVMA },
  { productId: 'server-2012r2', guest: 'Windows Server 2012 R2', edition: 'Standard', key: 'DBGBW-NPF86-BJVTX-K3WKJ-MTB6V', sources: AVMA },
  { productId: 'server-2012r2', guest: 'Windows Server 2012 R2', edition: 'Essentials', key: 'K2XGM-NMBT3-2R6Q8-WF2FK-P36R2', sources: AVMA },
];

export interface AvmaHostRow {
  host: ProductId;
  /** Guest versions this host activates (all editions: Datacenter, Standard, Essentials); 'unknown' when no source says. */
  guests: ProductId[] | 'unknown';
  note?: string;
  sources: SourceTag[];
}

const SERVER_2025_UNKNOWN =
  "Microsoft's AVMA page lists Windows Server 2025 AVMA keys, but the host table read (19 September 2023) has no Windows Server 2025 row: which hosts activate 2025 guests, and which guests a 2025 host activates, is not in the tables. Check the live page.";

export const AVMA_HOSTS: readonly AvmaHostRow[] = [
  { host: 'server-2025', guests: 'unknown', note: SERVER_2025_UNKNOWN, sources: AVMA },
  { host: 'server-2022', guests: ['server-2022', 'server-2019', 'server-2016', 'server-2012r2'], sources: AVMA },
  { host: 'server-2019', guests: ['server-2019', 'server-2016', 'server-2012r2'], sources: AVMA },
  { host: 'server-2016', guests: ['server-2016', 'server-2012r2'], sources: AVMA },
  { host: 'server-2012r2', guests: ['server-2012r2'], sources: AVMA },
];

/** Guests with no AVMA key in the table although they exist. */
export const AVMA_UNKNOWN_GUESTS: readonly { productId: ProductId; note: string; sources: SourceTag[] }[] = [{ productId: 'server-2025', note: SERVER_2025_UNKNOWN, sources: AVMA }];

export const AVMA_FACTS: readonly { text: string; sources: SourceTag[] }[] = [
  { text: 'AVMA activates Windows Server VMs on a properly activated Windows Server Datacenter Hyper-V host, even when disconnected; it does not work with other virtualization technologies.', sources: AVMA },
  { text: 'In a failover cluster every host must be activated.', sources: AVMA },
  { text: 'The Hyper-V Data Exchange (Key-Value Pair Exchange) integration service must be enabled in the VM (it is by default).', sources: AVMA },
  { text: 'Install the AVMA key in the VM with slmgr /ipk <AVMA key> (or in an unattend file).', sources: AVMA },
  { text: 'AVMA shows no error UI: the host logs event 12310 and the VM logs event 12309 in the Application log.', sources: AVMA },
  { text: 'AVMA is not supported in Azure: such VMs fail with 0xC004FD01 or 0xC004FD02; slmgr /dlv shows VIRTUAL_MACHINE_ACTIVATION in Description.', sources: ['AZ-FD', 'SLMGR-SRC'] },
];

export type AvmaAnswer = { answer: 'yes' | 'no'; reason: string } | { answer: 'unknown'; reason: string };

/**
 * The LTSC row whose AVMA keys a Semi-Annual Channel build uses: 1709 and 1803 share the 2016
 * keys, 1809, 1903 and 1909 the 2019 keys (Microsoft's key table). 2004 and 20H2 have no AVMA keys
 * on the page, so they have no matching row.
 */
export function sacAvmaRow(build: number): ProductId | null {
  if (build === 16299 || build === 17134) return 'server-2016';
  if (build === 17763 || build === 18362 || build === 18363) return 'server-2019';
  return null;
}

export function avmaHostCanActivate(host: ProductId, guest: ProductId, guestBuild?: number): AvmaAnswer {
  if (guest === 'server-sac') {
    // Microsoft's host table has no Semi-Annual Channel column: answer from the LTSC row whose
    // keys the SAC release uses, or say we do not know.
    const row = guestBuild !== undefined ? sacAvmaRow(guestBuild) : null;
    if (!row) return { answer: 'unknown', reason: "Microsoft's AVMA host table has no Semi-Annual Channel column; without the guest's build (1709/1803 use the 2016 keys, 1809/1903/1909 the 2019 keys) this cannot be answered from the tables." };
    const answer = avmaHostCanActivate(host, row);
    return { ...answer, reason: `Semi-Annual Channel build ${guestBuild} uses the ${productLabel(row)} AVMA keys, so the ${productLabel(row)} row applies: ${answer.reason}` };
  }
  if (guest === 'server-2025' && host !== 'server-2025') return { answer: 'unknown', reason: SERVER_2025_UNKNOWN };
  const row = AVMA_HOSTS.find((r) => r.host === host);
  if (!row) return { answer: 'no', reason: `${productLabel(host)} is not an AVMA host; AVMA needs a Windows Server Datacenter Hyper-V host (2012 R2 or later).` };
  if (row.guests === 'unknown') return { answer: 'unknown', reason: row.note ?? SERVER_2025_UNKNOWN };
  return row.guests.includes(guest)
    ? { answer: 'yes', reason: `A ${productLabel(host)} Datacenter host activates ${productLabel(guest)} guests.` }
    : { answer: 'no', reason: `A ${productLabel(host)} host activates only ${row.guests.map(productLabel).join(', ')} guests.` };
}

/** AVMA keys whose last five characters are `last5` (WMI PartialProductKey gives only those). */
export function avmaKeysEndingWith(last5: string): AvmaKeyRecord[] {
  const wanted = last5.trim().toUpperCase();
  if (!/^[A-Z0-9]{5}$/.test(wanted)) return [];
  return AVMA_KEYS.filter((k) => k.key.endsWith(wanted));
}

/** True for a full AVMA key (any accepted spelling) or the last five characters of one. */
export function isAvmaKey(partialOrFull: string): boolean {
  const full = normaliseProductKey(partialOrFull);
  if (full.ok) return AVMA_KEYS.some((k) => k.key === full.key);
  return avmaKeysEndingWith(partialOrFull).length > 0;
}
