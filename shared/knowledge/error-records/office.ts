/**
 * What an activation code means when an Office licence reports it (LicenseStatusReason of an Office
 * product). The codes are the Software Licensing Service's own (their text is in the main error
 * table); these notes add what differs for Office: its own KMS settings, its own host key and count,
 * its own tool. Kept apart from ERROR_RECORDS, which lists each code once, for Windows.
 */
import type { FixId } from '../../ids';
import type { HexCode } from '../hresult';
import type { SourceTag } from '../sources';

export interface OfficeErrorNote {
  code: HexCode;
  /** Plain words for a field technician, about Office. */
  explanation: string;
  /** Concrete next steps, Office's tools first. */
  nextSteps: string[];
  /** Office fixes worth offering for it. */
  fixes: FixId[];
  /** False where the Office reading of the code is not stated by Microsoft (derived or reported by others). */
  microsoftStated: boolean;
  sources: SourceTag[];
}

export const OFFICE_ERROR_NOTES: readonly OfficeErrorNote[] = [
  {
    code: '0xC004F074',
    explanation:
      'Office could not reach a KMS host. Office keeps its own KMS host setting on each Office licence (ospp.vbs /sethst), which overrides DNS discovery for Office only; a host set on the Windows licence (slmgr /skms <host> <activation ID>) does not reach Office, and whether a machine-wide slmgr /skms does is not documented.',
    nextSteps: [
      'See which host Office uses: the Office KMS host and the host Office discovered are shown under Office in this check (ospp.vbs /dstatus shows the same).',
      'Check DNS discovery: nslookup -type=srv _vlmcs._tcp, and that the host answers on TCP 1688.',
      'Office KMS requests are logged as event 12288 in the Application log (ospp.vbs /dhistorykms lists them).',
      'Point Office at the host that activates Windows, then activate Office (ospp.vbs /sethst:<host>, then /act).',
    ],
    fixes: ['office-set-kms-host', 'office-clear-kms-host', 'office-activate'],
    microsoftStated: true,
    sources: ['SLERR', 'OSPP-SRC', 'DO-TOOLS'],
  },
  {
    code: '0xC004F038',
    explanation:
      'The Office KMS host has fewer than 5 unique Office clients in its count. Office has its own count on the host, separate from the Windows count: "If the Office KMS count value is less than 5, Office clients won\'t activate."',
    nextSteps: [
      'On the KMS host: cscript slmgr.vbs /dlv all, find the Office entry, and read its current count.',
      'Clones captured without running ospprearm.exe share one Office client ID and count as one client: rearm Office on the image before capturing it (Program Files\\Microsoft Office\\Office16\\ospprearm.exe).',
      'The count grows as more Office clients ask the host; it stops growing at 10.',
    ],
    // Activating again fails the same way until the host counts 5 Office clients; Office retries on its own.
    fixes: [],
    microsoftStated: true,
    sources: ['OS-F038', 'DO-HOST'],
  },
  {
    code: '0xC004F042',
    explanation:
      'The KMS host answered but cannot activate this Office product. For Office this usually means the host has no activated Office KMS host key for this Office version: each version needs its own volume licence pack and host key on the host.',
    nextSteps: [
      'On the KMS host: cscript slmgr.vbs /dlv all and look for the Office KMS host entry of this Office version (Office LTSC 2024 and 2021, Office 2019 or 2016).',
      'Install the version\'s Office Volume License Pack on the host and activate its Office KMS host key (slmgr /ato <Office host activation ID>).',
    ],
    fixes: [],
    microsoftStated: false,
    sources: ['SLERR', 'DO-HOST', 'DO-TOOLS'],
  },
  {
    code: '0xC004F069',
    explanation:
      'The Software Licensing Service reported that the product SKU is not found. With Office this is typically a key whose licence is not installed, for example the volume (KMS) key on a retail installation of Office; Microsoft documents no Office-specific cause.',
    nextSteps: [
      'Check that Office is a volume-licensed edition (its licence channel is VOLUME_KMSCLIENT or VOLUME_MAK under Office in this check).',
      'A retail or Microsoft 365 installation cannot take the volume key: reinstall the volume edition with the Office Deployment Tool (product IDs such as ProPlus2021Volume).',
    ],
    fixes: [],
    microsoftStated: false,
    sources: ['SLERR', 'DO-GVLK'],
  },
  {
    code: '0x8004FE33',
    explanation: 'MAK activation of Office fails when the internet connection requires authentication (an authenticating proxy): activate Office by telephone instead.',
    nextSteps: ['Activate by telephone (the Office activation wizard, or VAMT), or activate from a network without an authenticating proxy.'],
    fixes: [],
    microsoftStated: true,
    sources: ['DO-TS'],
  },
];

export function findOfficeErrorNote(code: HexCode): OfficeErrorNote | undefined {
  return OFFICE_ERROR_NOTES.find((n) => n.code === code);
}
