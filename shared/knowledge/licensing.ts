/**
 * Licensing vocabulary read from WMI (SoftwareLicensingProduct): the Windows ApplicationID, the
 * LicenseStatus values, and the license channel carried in the Description text.
 */
import type { SourceTag } from './sources';

/** SoftwareLicensingProduct.ApplicationID of Windows itself (add-ons and Office have others). */
export const WINDOWS_APPLICATION_ID = '55c92734-d682-4d71-983e-d6ec3f16059f';
export const WINDOWS_APPLICATION_ID_SOURCES: readonly SourceTag[] = ['SLMGR-SRC', 'W32-SLP'];

export interface LicenseStatusRecord {
  value: number;
  name: 'Unlicensed' | 'Licensed' | 'OOBGrace' | 'OOTGrace' | 'NonGenuineGrace' | 'Notification' | 'ExtendedGrace';
  /** What slmgr /dli prints after "License Status:". */
  slmgrText: string;
  meaning: string;
  sources: SourceTag[];
}

const STATUS_SOURCES: SourceTag[] = ['W32-SLP', 'SLMGR-SRC'];

export const LICENSE_STATUSES: readonly LicenseStatusRecord[] = [
  { value: 0, name: 'Unlicensed', slmgrText: 'Unlicensed', meaning: 'Not activated and no grace period left (or no key installed).', sources: STATUS_SOURCES },
  { value: 1, name: 'Licensed', slmgrText: 'Licensed', meaning: 'Activated. For KMS clients the activation must be renewed within 180 days.', sources: [...STATUS_SOURCES, 'WSD-PLAN'] },
  { value: 2, name: 'OOBGrace', slmgrText: 'Initial grace period', meaning: 'Newly installed and not yet activated: the initial (out-of-box) grace period is running.', sources: STATUS_SOURCES },
  {
    value: 3,
    name: 'OOTGrace',
    slmgrText: 'Additional grace period (KMS license expired or hardware out of tolerance)',
    meaning: 'Activation was lost (KMS activation expired or the hardware changed too much) and a grace period is running.',
    sources: STATUS_SOURCES,
  },
  { value: 4, name: 'NonGenuineGrace', slmgrText: 'Non-genuine grace period.', meaning: 'Windows was found not genuine; a grace period is running.', sources: STATUS_SOURCES },
  { value: 5, name: 'Notification', slmgrText: 'Notification', meaning: 'Grace ran out: Windows shows activation notifications. LicenseStatusReason says why.', sources: STATUS_SOURCES },
  { value: 6, name: 'ExtendedGrace', slmgrText: 'Extended grace period', meaning: 'An extended grace period is running.', sources: STATUS_SOURCES },
];

export function licenseStatus(value: number): LicenseStatusRecord | undefined {
  return LICENSE_STATUSES.find((s) => s.value === value);
}

/** The documented name of a LicenseStatus value, or "Unknown (n)". */
export function licenseStatusName(value: number): string {
  return licenseStatus(value)?.name ?? `Unknown (${value})`;
}

export const LICENSE_CHANNELS = [
  'VIRTUAL_MACHINE_ACTIVATION',
  'VOLUME_KMSCLIENT',
  'VOLUME_KMS',
  'VOLUME_MAK',
  'TIMEBASED_EVAL',
  'TIMEBASED',
  'OEM_COA_NSLP',
  'OEM_COA_SLP',
  'OEM_SLP',
  'OEM_DM',
  'RETAIL',
] as const;
export type LicenseChannel = (typeof LICENSE_CHANNELS)[number];

export type ChannelActivation = 'avma' | 'kms-client' | 'kms-host' | 'mak' | 'evaluation' | 'time-based' | 'oem' | 'retail';

export interface LicenseChannelRecord {
  channel: LicenseChannel;
  /** The substring slmgr (or this table) looks for in SoftwareLicensingProduct.Description. */
  token: string;
  activation: ChannelActivation;
  meaning: string;
  /** False where only third-party material names the channel string. */
  microsoftSourced: boolean;
  sources: SourceTag[];
}

// Order matters: it is the order of the substring tests (VOLUME_KMSCLIENT before VOLUME_KMS,
// evaluation before other time-based licences, the longer OEM tokens first).
export const LICENSE_CHANNEL_TABLE: readonly LicenseChannelRecord[] = [
  { channel: 'VIRTUAL_MACHINE_ACTIVATION', token: 'VIRTUAL_MACHINE_ACTIVATION', activation: 'avma', meaning: 'Automatic Virtual Machine Activation (AVMA) key: activated by the Hyper-V host.', microsoftSourced: true, sources: ['AZ-FD', 'SLMGR-SRC'] },
  { channel: 'VOLUME_KMSCLIENT', token: 'VOLUME_KMSCLIENT', activation: 'kms-client', meaning: 'KMS client setup key (GVLK): activates against a KMS host, Active Directory or Azure KMS.', microsoftSourced: true, sources: ['WSD-KMSGEN', 'AZ-F074', 'SLMGR-SRC'] },
  { channel: 'VOLUME_KMS', token: 'VOLUME_KMS', activation: 'kms-host', meaning: 'KMS host key (CSVLK): this machine is a KMS host.', microsoftSourced: true, sources: ['SLMGR-SRC'] },
  { channel: 'VOLUME_MAK', token: 'MAK', activation: 'mak', meaning: 'Multiple Activation Key: one-time activation with Microsoft, online or by phone.', microsoftSourced: true, sources: ['SLMGR-SRC', 'ITPRO-PLAN'] },
  { channel: 'TIMEBASED_EVAL', token: 'EVAL', activation: 'evaluation', meaning: 'Evaluation edition: convert it with DISM before a production key can be used.', microsoftSourced: true, sources: ['WSD-CONV'] },
  { channel: 'TIMEBASED', token: 'TIMEBASED_', activation: 'time-based', meaning: 'Time-based licence.', microsoftSourced: true, sources: ['SLMGR-SRC'] },
  { channel: 'OEM_COA_NSLP', token: 'OEM_COA_NSLP', activation: 'oem', meaning: 'OEM licence with a certificate-of-authenticity key (not system-locked).', microsoftSourced: false, sources: ['TP-CHANNELS'] },
  { channel: 'OEM_COA_SLP', token: 'OEM_COA_SLP', activation: 'oem', meaning: 'OEM licence with a certificate-of-authenticity key (system-locked).', microsoftSourced: false, sources: ['TP-CHANNELS'] },
  { channel: 'OEM_SLP', token: 'OEM_SLP', activation: 'oem', meaning: 'OEM system-locked pre-installation (marker in the BIOS).', microsoftSourced: false, sources: ['TP-CHANNELS'] },
  { channel: 'OEM_DM', token: 'OEM_DM', activation: 'oem', meaning: 'OEM digital marker: the key is embedded in the firmware (MSDM table).', microsoftSourced: false, sources: ['TP-CHANNELS'] },
  { channel: 'RETAIL', token: 'RETAIL', activation: 'retail', meaning: 'Retail (or MSDN) key: activates online or by phone, never through KMS, Active Directory or Azure KMS.', microsoftSourced: true, sources: ['SA-ADBA', 'AZ-F074'] },
];

/**
 * The channel named in a SoftwareLicensingProduct.Description such as
 * "Windows(R) Operating System, VOLUME_KMSCLIENT channel". Mirrors slmgr's substring tests, which
 * are case-sensitive; the channel token is never localized, so this works on any UI language.
 */
export function channelFromDescription(description: string | null | undefined): LicenseChannel | null {
  if (!description) return null;
  return LICENSE_CHANNEL_TABLE.find((c) => description.includes(c.token))?.channel ?? null;
}

export function channelRecord(channel: LicenseChannel): LicenseChannelRecord {
  const record = LICENSE_CHANNEL_TABLE.find((c) => c.channel === channel);
  if (!record) throw new Error(`no channel record for ${channel}`);
  return record;
}
