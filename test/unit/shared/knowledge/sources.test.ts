import { describe, expect, it } from 'vitest';
import {
  AVMA_FACTS,
  AVMA_HOSTS,
  AVMA_KEYS,
  AVMA_UNKNOWN_GUESTS,
  AZURE_ACTIVATION_FACTS,
  AZURE_KMS_CLOUDS,
  CSVLK_GROUPS,
  ERROR_RECORDS,
  GVLK_FACTS,
  GVLK_RECORDS,
  KMS,
  KMS_HOST_RULES,
  LICENSE_CHANNEL_TABLE,
  LICENSE_STATUSES,
  OFFICE_ERROR_NOTES,
  OFFICE_FACTS,
  OFFICE_GVLKS,
  OFFICE_KMS_HOSTS,
  REQUIRED_UPDATES,
  SOURCE_TAGS,
  SOURCES,
  resolveSources,
  sourceUrl,
  type SourceTag,
} from '../../../../shared/knowledge';

const tables: Record<string, readonly { sources: readonly SourceTag[] }[]> = {
  errors: ERROR_RECORDS,
  gvlk: GVLK_RECORDS,
  gvlkFacts: GVLK_FACTS,
  avmaKeys: AVMA_KEYS,
  avmaHosts: AVMA_HOSTS,
  avmaUnknown: AVMA_UNKNOWN_GUESTS,
  avmaFacts: AVMA_FACTS,
  kmsConstants: Object.values(KMS),
  kmsRules: KMS_HOST_RULES,
  csvlkGroups: CSVLK_GROUPS,
  requiredUpdates: REQUIRED_UPDATES,
  azure: AZURE_KMS_CLOUDS,
  azureFacts: AZURE_ACTIVATION_FACTS,
  licenseStatuses: LICENSE_STATUSES,
  channels: LICENSE_CHANNEL_TABLE,
  officeGvlks: OFFICE_GVLKS,
  officeKmsHosts: OFFICE_KMS_HOSTS,
  officeFacts: OFFICE_FACTS,
  officeErrorNotes: OFFICE_ERROR_NOTES,
};

describe('sources', () => {
  it.each(Object.entries(tables))('every %s record resolves to at least one https URL', (_name, records) => {
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.sources.length).toBeGreaterThan(0);
      for (const source of resolveSources(record.sources)) {
        expect(new URL(source.url).protocol).toBe('https:');
      }
    }
  });

  it('points Microsoft documentation at learn.microsoft.com and copies of code at pinned GitHub commits', () => {
    for (const tag of SOURCE_TAGS) {
      const { url, publisher } = SOURCES[tag];
      const host = new URL(url).host;
      if (host === 'github.com') expect(url).toMatch(/\/blob\/[0-9a-f]{40}\//);
      else if (publisher === 'microsoft') expect(host).toBe('learn.microsoft.com');
      // learn.microsoft.com addresses are locale-neutral so they redirect to the reader's language.
      expect(url).not.toMatch(/learn\.microsoft\.com\/[a-z]{2}-[a-z]{2}\//);
    }
  });

  it('derives support-article URLs from their repository paths', () => {
    expect(SOURCES['SA-ERR'].url).toBe('https://learn.microsoft.com/troubleshoot/windows-server/licensing-and-activation/troubleshoot-activation-error-codes');
    expect(SOURCES['WSD-GVLK'].url).toBe('https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys');
    expect(SOURCES['AZ-F074'].url).toBe('https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-vm-activation-error-0xc004f074');
    expect(SOURCES['SA-CMID'].url).toBe('https://learn.microsoft.com/troubleshoot/windows-client/licensing-and-activation/kms-current-count-not-increase');
  });

  it('marks third-party sources as such', () => {
    expect(SOURCES['CB-KMS'].publisher).toBe('third-party');
    expect(SOURCES['TP-CHANNELS'].publisher).toBe('third-party');
  });

  it('sourceUrl returns the URL of a tag and null for anything else', () => {
    expect(sourceUrl('SA-F074')).toBe('https://learn.microsoft.com/troubleshoot/windows-server/licensing-and-activation/error-0xc004f074-activate-windows');
    expect(sourceUrl('NOT-A-TAG')).toBeNull();
    expect(sourceUrl('toString')).toBeNull();
  });
});
