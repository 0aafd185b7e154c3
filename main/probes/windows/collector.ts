/**
 * What every Windows collector is: a script, the zod schema of what Windows PowerShell 5.1 prints
 * for it, a pure parse into the snapshot type, and that snapshot schema as a final check.
 */
import type { z } from 'zod';
import type { ScriptParams } from '../../powershell/command';

export interface CollectorSpec<Raw extends z.ZodType, T> {
  /** Script name in main/probes/windows (without .ps1). */
  script: string;
  /** What is read, for technician-facing messages: "the licence state". */
  subject: string;
  raw: Raw;
  parse: (raw: z.output<Raw>) => T;
  /** The snapshot schema the parsed value must satisfy. */
  value: z.ZodType<T>;
  params?: ScriptParams;
}

export const defineCollector = <Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>): CollectorSpec<Raw, T> => spec;
