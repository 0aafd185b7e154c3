/**
 * Windows edition and version (os.ps1): Win32_OperatingSystem plus the CurrentVersion registry key.
 */
import { z } from 'zod';
import { OsFactsSchema, type OsFacts } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeOs } from '../outcomes';
import { count, psNumber, psText, requiredText, text } from './normalise';

export const RawOsSchema = z.object({
  caption: psText,
  version: psText,
  /** Win32_OperatingSystem.BuildNumber is a string ("22631"). */
  buildNumber: psNumber,
  productType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  osLanguage: psNumber,
  osLanguageName: psText,
  uiCulture: psText,
  culture: psText,
  computerName: psText,
  editionId: psText,
  installationType: psText,
  /** Registry REG_SZ ("22631"). */
  currentBuild: psNumber,
  /** Registry REG_DWORD; absent before Windows 10. */
  ubr: psNumber,
  processorArchitecture: psText,
});
export type RawOs = z.output<typeof RawOsSchema>;

const INSTALLATION_TYPES: Record<string, OsFacts['installationType']> = {
  client: 'Client',
  server: 'Server',
  'server core': 'Server Core',
  'nano server': 'Nano Server',
};

function buildOf(raw: RawOs): number {
  for (const candidate of [raw.currentBuild, raw.buildNumber, raw.version?.split('.')[2]]) {
    const n = count(candidate);
    if (n !== null) return n;
  }
  return 0;
}

export function parseOs(raw: RawOs): OsFacts {
  const editionId = requiredText(raw.editionId, 80);
  return {
    caption: requiredText(raw.caption, 500),
    version: requiredText(raw.version, 40),
    build: buildOf(raw),
    ubr: count(raw.ubr),
    editionId,
    installationType: INSTALLATION_TYPES[(raw.installationType ?? '').trim().toLowerCase()] ?? 'Other',
    productType: raw.productType,
    // The display language the technician sees; the install language (OSLanguage) as fallback.
    language: text(raw.uiCulture, 20) ?? text(raw.osLanguageName, 20) ?? text(raw.culture, 20) ?? '',
    lcid: count(raw.osLanguage),
    isEvaluation: /eval$/i.test(editionId),
    computerName: requiredText(raw.computerName, 64),
    architecture: text(raw.processorArchitecture, 40),
  };
}

export const osCollector = defineCollector({
  script: 'os',
  subject: 'the Windows edition and version',
  raw: RawOsSchema,
  parse: parseOs,
  value: OsFactsSchema,
});

/** The registry's entry (registry.ts). */
export const osProbe = defineWindowsProbe({ ...osCollector, key: 'os', describe: describeOs });
