import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESU_ACTIVATION_IDS } from '../../../../shared/knowledge/esu';
import { channelFromDescription, channelRecord, LICENSE_STATUSES, licenseStatusName, WINDOWS_APPLICATION_ID } from '../../../../shared/knowledge';

describe('licensing', () => {
  it('knows the Windows ApplicationID, and the PowerShell scripts carry the same one', () => {
    expect(WINDOWS_APPLICATION_ID).toBe('55c92734-d682-4d71-983e-d6ec3f16059f');
    // The .ps1 files cannot import the TS table; they are checked against it instead.
    for (const script of ['main/probes/windows/licensing.ps1', 'main/fixes/windows/fix-licensing.ps1']) {
      // The ESU licences' IDs are checked against their own table (test/unit/probes/windows/esu.test.ts).
      const ids = [...readFileSync(script, 'utf8').matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/gi)].map((m) => m[1]).filter((id) => !ESU_ACTIVATION_IDS.includes(id!));
      expect(ids, script).toEqual([WINDOWS_APPLICATION_ID]);
    }
  });

  it('names LicenseStatus 0-6', () => {
    expect(LICENSE_STATUSES.map((s) => [s.value, s.name])).toEqual([
      [0, 'Unlicensed'],
      [1, 'Licensed'],
      [2, 'OOBGrace'],
      [3, 'OOTGrace'],
      [4, 'NonGenuineGrace'],
      [5, 'Notification'],
      [6, 'ExtendedGrace'],
    ]);
    expect(licenseStatusName(5)).toBe('Notification');
    expect(licenseStatusName(9)).toBe('Unknown (9)');
    for (const s of LICENSE_STATUSES) expect(s.meaning.length).toBeGreaterThan(10);
  });

  it.each([
    ['Windows(R) Operating System, VOLUME_KMSCLIENT channel', 'VOLUME_KMSCLIENT', 'kms-client'],
    ['Windows(R) Operating System, VOLUME_KMS_R2_C channel', 'VOLUME_KMS', 'kms-host'],
    ['Windows(R) Operating System, VOLUME_MAK channel', 'VOLUME_MAK', 'mak'],
    ['Windows(R) Operating System, MAK_B channel', 'VOLUME_MAK', 'mak'],
    ['Windows(R) Operating System, RETAIL channel', 'RETAIL', 'retail'],
    ['Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel', 'VIRTUAL_MACHINE_ACTIVATION', 'avma'],
    ['Windows(R) Operating System, TIMEBASED_EVAL channel', 'TIMEBASED_EVAL', 'evaluation'],
    ['Windows(R) Operating System, TIMEBASED_SUB channel', 'TIMEBASED', 'time-based'],
    ['Windows(R) Operating System, OEM_DM channel', 'OEM_DM', 'oem'],
    ['Windows(R) Operating System, OEM_COA_NSLP channel', 'OEM_COA_NSLP', 'oem'],
    ['Windows(R) Operating System, OEM_COA_SLP channel', 'OEM_COA_SLP', 'oem'],
    ['Windows(R) Operating System, OEM_SLP channel', 'OEM_SLP', 'oem'],
    // The channel token is not translated, whatever the display language.
    ['Windows(R), Système d’exploitation, canal VOLUME_KMSCLIENT', 'VOLUME_KMSCLIENT', 'kms-client'],
    ['Windows(R) 操作系统, VOLUME_MAK 频道', 'VOLUME_MAK', 'mak'],
  ])('%s -> %s', (description, channel, activation) => {
    const found = channelFromDescription(description);
    expect(found).toBe(channel);
    if (found) expect(channelRecord(found).activation).toBe(activation);
  });

  it('checks VOLUME_KMSCLIENT before VOLUME_KMS', () => {
    expect(channelFromDescription('VOLUME_KMSCLIENT')).toBe('VOLUME_KMSCLIENT');
  });

  it('returns null when there is no channel', () => {
    expect(channelFromDescription('Windows(R) Operating System')).toBeNull();
    expect(channelFromDescription('')).toBeNull();
    expect(channelFromDescription(null)).toBeNull();
  });

  it('flags OEM channel names as not sourced by Microsoft', () => {
    expect(channelRecord('OEM_DM').microsoftSourced).toBe(false);
    expect(channelRecord('VOLUME_KMSCLIENT').microsoftSourced).toBe(true);
  });
});
