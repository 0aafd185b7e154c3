import { describe, expect, it } from 'vitest';
import { osCollector, RawOsSchema } from '../../../../main/probes/windows/os';
import { fixture } from './fixtures';
import { parseEdited, parseFixture } from './parse';

describe('parseOs', () => {
  it('reads a German Windows 10 Pro client', () => {
    expect(parseFixture(osCollector, 'de-win10-pro-oem')).toEqual({
      caption: 'Microsoft Windows 10 Pro',
      version: '10.0.17134',
      build: 17134,
      ubr: 471,
      editionId: 'Professional',
      installationType: 'Client',
      productType: 1,
      language: 'de-DE',
      lcid: 1031,
      isEvaluation: false,
      computerName: 'DESKTOP-XXXXXXX',
      architecture: 'AMD64',
    });
  });

  it('recognises an evaluation edition from its EditionID', () => {
    const os = parseFixture(osCollector, 'ws2022-datacenter-eval');
    expect(os).toMatchObject({ editionId: 'ServerDatacenterEval', isEvaluation: true, build: 20348, productType: 3, installationType: 'Server' });
    expect(parseFixture(osCollector, 'ws2019-kms-client').isEvaluation).toBe(false);
  });

  it('reports a missing UBR (Windows Server 2012 R2) as null', () => {
    expect(parseFixture(osCollector, 'ws2012r2-kms-host')).toMatchObject({ version: '6.3.9600', build: 9600, ubr: null });
  });

  it('maps installation types, unknown ones to Other', () => {
    const installation = (value: string | null) => parseEdited(osCollector, 'ws2019-kms-client', (json) => (json.installationType = value)).installationType;
    expect(installation('Server Core')).toBe('Server Core');
    expect(installation('Nano Server')).toBe('Nano Server');
    expect(installation('Embedded')).toBe('Other');
    expect(installation(null)).toBe('Other');
  });

  it('falls back to the install language and to BuildNumber', () => {
    const os = parseEdited(osCollector, 'de-win10-pro-oem', (json) => {
      json.uiCulture = '';
      json.currentBuild = null;
    });
    expect(os.language).toBe('de-DE');
    expect(os.build).toBe(17134);
  });

  it('rejects a product type outside 1..3 as an unexpected shape', () => {
    const json = { ...(fixture('de-win10-pro-oem', 'os') as object), productType: 4 };
    expect(RawOsSchema.safeParse(json).success).toBe(false);
  });
});
