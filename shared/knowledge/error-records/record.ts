import type { FindingId, FixId } from '../../ids';
import type { HexCode } from '../hresult';
import type { SourceTag } from '../sources';

/** The activation types of Microsoft's error table ('KMS' there means a KMS host key). */
export const ACTIVATION_TYPES = ['mak', 'kms-client', 'kms-host', 'retail', 'avma'] as const;
export type ActivationType = (typeof ACTIVATION_TYPES)[number];

export interface ErrorRecord {
  /** Normalised: '0x' + 8 upper-case hex digits. */
  code: HexCode;
  /** Other spellings that mean this record (0xC004F065 written for the informational 0x4004F065). */
  aliases: HexCode[];
  /** SL_E_* / SL_I_* name from slerror.h, or the Win32 / NTSTATUS name; null when none is known. */
  symbol: string | null;
  /** Microsoft's message text (the error-table wording where the code is in that table). */
  message: string;
  /** The slerror.h MessageText when it differs from `message` (what slmgr and slui print). */
  sdkMessage?: string;
  /** Plain words for a field technician. */
  explanation: string;
  causes: string[];
  /** Concrete next steps, with the commands to run. */
  nextSteps: string[];
  /** Empty only for token-based activation codes, which fit none of these types. */
  appliesTo: ActivationType[];
  findings: FindingId[];
  fixes: FixId[];
  sources: SourceTag[];
}
