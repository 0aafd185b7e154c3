/**
 * What `slmgr /dlv` would say, in plain words, for the first lines of a diagnosis (the wizard's
 * strip and the CLI's header), and the "what could not be checked" list with one shared cause said
 * once. Computed from the snapshot and the diagnosis; the diagnosis engine itself is untouched.
 */
import { selectWindowsProduct } from './windows-product';
import { configuredKmsHost, discoveredKmsHost, kmsHostText } from './kms-host-settings';
import type { Diagnosis, NotChecked } from './diagnosis/types';
import { channelFromDescription, licenseStatus } from './knowledge/licensing';
import type { Snapshot, UnavailableReason, WindowsProduct } from './snapshot';
import { UNAVAILABLE_REASON_TEXT } from './snapshot';

export type LicenceKind = 'activated' | 'not-activated' | 'unknown';

export interface ProductStrip {
  computerName: string | null;
  /** "Windows Server 2019 Standard", never "Windows(R), ServerStandard edition". */
  edition: string | null;
  /** "KMS client (volume licence)". */
  channel: string | null;
  licence: { kind: LicenceKind; text: string };
  /** "172 days left (KMS activation renews by itself)" / "permanent", null when not known. */
  daysLeft: string | null;
  /** The configured KMS host (set by hand, slmgr /skms) and the discovered one, "host:port" (shared/kms-host-settings.ts). */
  configuredKmsHost: string | null;
  discoveredKmsHost: string | null;
  /** KMS hosts DNS lists (_vlmcs._tcp), for when none is set by hand or discovered by Windows yet. */
  kmsFromDns: string[];
  /** ISO time the facts were taken. */
  takenAt: string;
  /** The last five characters of the installed key. */
  partialKey: string | null;
}

const CHANNEL_WORDS: Record<string, string> = {
  VOLUME_KMSCLIENT: 'KMS client (volume licence)',
  VOLUME_KMS: 'KMS host key (volume licence)',
  VOLUME_MAK: 'MAK (volume licence)',
  VIRTUAL_MACHINE_ACTIVATION: 'AVMA (activated by the Hyper-V host)',
  TIMEBASED_EVAL: 'Evaluation',
  TIMEBASED: 'Time-based licence',
  OEM_COA_NSLP: 'OEM (certificate of authenticity)',
  OEM_COA_SLP: 'OEM (certificate of authenticity, system-locked)',
  OEM_SLP: 'OEM (system-locked)',
  OEM_DM: 'OEM (key in the firmware)',
  RETAIL: 'Retail',
};

const STATUS_WORDS: Record<number, string> = {
  0: 'Not activated (no grace period left)',
  1: 'Activated',
  2: 'Not activated (initial grace period)',
  3: 'Not activated (additional grace period)',
  4: 'Not activated (non-genuine grace period)',
  5: 'Not activated (notification mode)',
  6: 'Not activated (extended grace period)',
};

/** "Windows(R), ServerStandard edition" → "Windows Server Standard"; used only when the OS caption is missing. */
export function plainProductName(name: string): string {
  const withoutMarks = name.replace(/\((?:R|TM)\)/gi, '').replace(/,?\s+edition$/i, '').replace(/,\s*/g, ' ');
  return withoutMarks
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Microsoft Windows Server 2019 Standard" → "Windows Server 2019 Standard". */
function plainCaption(caption: string): string {
  return caption.replace(/^Microsoft\s+/i, '').replace(/\((?:R|TM)\)/gi, '').replace(/\s+/g, ' ').trim();
}

function daysText(product: WindowsProduct, channel: string | null): string | null {
  const minutes = product.gracePeriodRemainingMinutes;
  if (minutes === null) return null;
  if (product.licenseStatus === 1 && minutes === 0) return 'permanent';
  // Nothing left is not "1 hour left": no line at all (the licence state says the rest).
  if (minutes <= 0) return null;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor(minutes / 60);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const amount = days >= 1 ? plural(days, 'day') : hours >= 1 ? plural(hours, 'hour') : plural(minutes, 'minute');
  if (product.licenseStatus === 1) return channel === 'VOLUME_KMSCLIENT' ? `${amount} until the KMS activation must be renewed` : `${amount} left`;
  return `${amount} of grace left`;
}


export function productStrip(snapshot: Snapshot, diagnosis: Diagnosis): ProductStrip {
  const os = snapshot.windows.os.status === 'ok' ? snapshot.windows.os.value : null;
  const licensing = snapshot.windows.licensing.status === 'ok' ? snapshot.windows.licensing.value : null;
  const product = licensing ? (selectWindowsProduct(licensing.products)?.product ?? null) : null;
  const channelId = product ? channelFromDescription(product.description) : null;
  const verdict = diagnosis.verdict.kind;
  const kind: LicenceKind = verdict === 'cannot-tell' || !product ? 'unknown' : verdict.startsWith('activated') ? 'activated' : 'not-activated';
  const licenceText = product ? (STATUS_WORDS[product.licenseStatus] ?? licenseStatus(product.licenseStatus)?.slmgrText ?? 'Unknown state') : 'Not known (the licence state could not be read)';
  const configured = configuredKmsHost(licensing);
  const discovered = discoveredKmsHost(licensing);
  return {
    computerName: os?.computerName ?? diagnosis.computerName ?? snapshot.collector.hostname ?? null,
    edition: os ? plainCaption(os.caption) : product ? plainProductName(product.name) : null,
    channel: channelId ? (CHANNEL_WORDS[channelId] ?? channelId) : null,
    licence: { kind, text: licenceText },
    daysLeft: product ? daysText(product, channelId) : null,
    configuredKmsHost: configured ? kmsHostText(configured.host, configured.port) : null,
    discoveredKmsHost: discovered ? kmsHostText(discovered.host, discovered.port) : null,
    kmsFromDns: snapshot.network.srv.status === 'ok' ? [...new Set(snapshot.network.srv.value.flatMap((l) => l.records.map((r) => kmsHostText(r.target.replace(/\.$/, ''), r.port))))] : [],
    takenAt: snapshot.takenAt,
    partialKey: product?.partialProductKey ?? null,
  };
}

/** A time in the reader's locale, with its zone, e.g. "20 Nov 2026, 10:00 CET". */
export function localTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(date);
}

/** Causes that explain every fact they touch, with the one action that helps. */
const SHARED_CAUSE_ACTION: Partial<Record<UnavailableReason, string>> = {
  'not-windows': 'Windows facts can only be read on Windows: run Activation Doctor there, or run the collector script on that computer (activation-doctor collector) and open the file it writes.',
  'powershell-missing': 'Windows PowerShell could not be started, so nothing on Windows could be read: check that powershell.exe exists and is not blocked (AppLocker, antivirus), then check again.',
  'not-elevated': 'Run Activation Doctor as an administrator (right-click, Run as administrator), then check again.',
  'access-denied': 'Access was denied: run Activation Doctor as an administrator, then check again.',
  'powershell-restricted':
    'A Windows policy keeps PowerShell from running the checks (the detail says which). Under Constrained Language Mode, AppLocker or WDAC restricts PowerShell\'s interactive sessions, so neither running as administrator nor allowing Activation Doctor\'s folder helps: run the collector script on this computer as a file your policy allows (for example signed by your organisation) and open the file it writes here, or ask for an exemption for this tool. Under an execution policy set by Group Policy, ask whoever manages it to allow these scripts or have them signed.',
};

export interface NotCheckedGroup {
  /** Set when one cause explains every fact in the group. */
  reason: UnavailableReason | null;
  /** One sentence for the whole group ("Not running on Windows: 8 facts could not be read."). */
  headline: string | null;
  /** The one action that helps, once. */
  action: string | null;
  items: NotChecked[];
}

/**
 * Groups what could not be checked: every fact with the same shared cause (not Windows,
 * PowerShell missing or restricted by policy, not elevated, access denied) becomes one group said once with its one
 * action; the rest are listed one by one.
 */
export function groupNotChecked(notChecked: readonly NotChecked[]): NotCheckedGroup[] {
  const groups: NotCheckedGroup[] = [];
  const rest: NotChecked[] = [];
  const byReason = new Map<UnavailableReason, NotChecked[]>();
  for (const n of notChecked) {
    if (SHARED_CAUSE_ACTION[n.reason]) byReason.set(n.reason, [...(byReason.get(n.reason) ?? []), n]);
    else rest.push(n);
  }
  for (const [reason, items] of byReason) {
    const what = UNAVAILABLE_REASON_TEXT[reason];
    groups.push({
      reason,
      headline: `${what[0]!.toUpperCase()}${what.slice(1)}: ${items.length === 1 ? '1 fact' : `${items.length} facts`} could not be read.`,
      action: SHARED_CAUSE_ACTION[reason] ?? null,
      items,
    });
  }
  if (rest.length > 0) groups.push({ reason: null, headline: null, action: null, items: rest });
  return groups;
}

/** Removes a detail's leading repeat of its reason ("timed out: timed out after 3 s" → "timed out after 3 s"). */
export function withoutRepeatedReason(reasonText: string, detail: string): string {
  const lowerReason = reasonText.toLowerCase();
  let text = detail.trim();
  while (text.toLowerCase().startsWith(`${lowerReason}:`)) text = text.slice(reasonText.length + 1).trim();
  return text;
}

/** "timed out: the host did not answer" — the reason once, then what is left of the detail. */
export function reasonAndDetail(reason: UnavailableReason, detail: string): string {
  const reasonText = UNAVAILABLE_REASON_TEXT[reason];
  const rest = withoutRepeatedReason(reasonText, detail);
  if (rest === '' || rest.toLowerCase() === reasonText.toLowerCase()) return reasonText;
  if (rest.toLowerCase().startsWith(reasonText.toLowerCase())) return rest;
  return `${reasonText}: ${rest}`;
}

/** Reasons that mean "skipped on purpose" rather than "tried and failed". */
export const SKIPPED_REASONS: ReadonlySet<UnavailableReason> = new Set(['not-applicable', 'no-candidates', 'cancelled']);

/** The plain question each finding answers, for "could not be ruled out" lists (never the internal id). */
export function findingQuestions(diagnosis: Diagnosis): Map<string, string> {
  const map = new Map<string, string>();
  for (const stage of diagnosis.tree) for (const rule of stage.rules) map.set(rule.finding, rule.question);
  return map;
}

/** The verdict's detail with the product's WMI name ("Windows(R), ServerStandard edition") in plain words. */
export function plainVerdictDetail(snapshot: Snapshot, diagnosis: Diagnosis): string {
  const raw = diagnosis.product?.name;
  const edition = productStrip(snapshot, diagnosis).edition;
  return raw && edition ? diagnosis.verdict.detail.split(raw).join(edition) : diagnosis.verdict.detail;
}
