// Types for build-commands.mjs, so the TypeScript test can build the command table.
export const REFERENCE_FILE: string;
export function referenceCandidates(env?: Record<string, string | undefined>, root?: string): string[];
export function findReference(candidates?: string[]): string;

export interface CommandTable {
  about: string;
  source: { from: string; generatedFrom: { repo: string; commit: string; paths: string }[] };
  powershellModules: string[];
  commonParameters: Record<string, string[]>;
  commonParameterValues: Record<string, string[]>;
  commands: Record<string, { module: string; parameters: string[]; newerThan14393?: boolean; newerParameters?: string[]; provider?: string[]; values?: Record<string, string[]> }>;
  aliases: Record<string, string>;
}
export function buildCommandTable(reference: unknown): CommandTable;
export function writeCommandTable(out: string, referencePath?: string): { out: string; referencePath: string; commands: number };
