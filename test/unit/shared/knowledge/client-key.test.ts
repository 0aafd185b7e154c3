import { describe, expect, it } from 'vitest';
import { GVLK_RECORDS, clientKeyFor, type OsFacts } from '../../../../shared/knowledge';

const keyOf = (os: OsFacts): string => {
  const answer = clientKeyFor(os);
  if (answer.kind !== 'key') throw new Error(`expected a key, got: ${answer.reason}`);
  return answer.record.key;
};

describe('clientKeyFor', () => {
  it.each([
    [{ caption: 'Microsoft Windows Server 2022 Datacenter', build: 20348, editionId: 'ServerDatacenter' }, 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    [{ build: 20348, editionId: 'ServerDatacenterCore', installationType: 'Server Core' }, 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    [{ build: 20348, editionId: 'serverstandard' }, 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H'],
    [{ build: 20348, editionId: 'ServerTurbine' }, 'NTBV8-9K7Q8-V27C6-M2BTV-KHMXV'],
    [{ build: 26100, editionId: 'ServerDatacenter' }, 'D764K-2NDRG-47T6Q-P8T8W-YP6DF'],
    [{ build: 26100, editionId: 'ServerTurbine' }, 'XGN3F-F394H-FD2MY-PP6FD-8MCRC'],
    [{ build: 17763, editionId: 'ServerStandardCore' }, 'N69G4-B89J2-4G8F4-WWYCC-J464C'],
    [{ build: 17763, editionId: 'ServerSolution' }, 'WVDHN-86M7X-466P6-VHXV7-YY726'],
    [{ build: 14393, editionId: 'ServerDatacenter' }, 'CB7KF-BWN84-R7R2Y-793K2-8XDDG'],
    [{ build: 9600, editionId: 'ServerStandard' }, 'D2N9P-3P6X9-2R39C-7RTCD-MDVJX'],
    [{ build: 9200, editionId: 'ServerDatacenterCore' }, '48HP8-DN98B-MYWDG-T2DCC-8W83P'],
    // 2008 R2 lists only the full EditionIDs; the Core variant uses the same key.
    [{ build: 7601, editionId: 'ServerDatacenterCore' }, '74YFP-3QFB3-KQT8W-PMXWJ-7M648'],
    [{ build: 6002, editionId: 'ServerEnterpriseV' }, '39BXF-X8Q23-P2WWT-38T2F-G3FPG'],
    [{ build: 18363, editionId: 'ServerDatacenterACor' }, '6NMRW-2C8FM-D24W7-TQWMY-CWH2D'],
    [{ build: 16299, editionId: 'ServerStandardACor' }, 'DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4'],
  ])('server %j -> %s', (os, key) => {
    expect(keyOf(os)).toBe(key);
  });

  it.each([
    [{ caption: 'Microsoft Windows 11 Pro', build: 22631, editionId: 'Professional' }, 'W269N-WFGWX-YVC9B-4J6C9-T83GX', 'Windows 11'],
    [{ caption: 'Microsoft Windows 10 Pro', build: 19045, editionId: 'Professional' }, 'W269N-WFGWX-YVC9B-4J6C9-T83GX', 'Windows 10'],
    [{ build: 26100, editionId: 'Enterprise' }, 'NPPR9-FWDCX-D2C8J-H872K-2YT43', 'Windows 11'],
    [{ build: 19045, editionId: 'EducationN' }, '2WH4N-8QGBV-H22JP-CT43Q-MDWWJ', 'Windows 10'],
    [{ build: 22621, editionId: 'ProfessionalWorkstation' }, 'NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J', 'Windows 11'],
    [{ build: 26100, editionId: 'EnterpriseS' }, 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', 'Windows 11'],
    [{ build: 19044, editionId: 'EnterpriseSN' }, '92NFX-8DJQP-P6BBQ-THF9C-7CG2H', 'Windows 10'],
    [{ build: 17763, editionId: 'EnterpriseS' }, 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', 'Windows 10'],
    [{ build: 14393, editionId: 'EnterpriseS' }, 'DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ', 'Windows 10'],
    [{ build: 10240, editionId: 'EnterpriseSN' }, '2F77B-TNFGY-69QQF-B8YKP-D69TJ', 'Windows 10'],
    [{ build: 19044, editionId: 'IoTEnterpriseS' }, 'KBN8V-HFGQ4-MGXVD-347P6-PDQGT', 'Windows 10'],
    [{ build: 9600, editionId: 'Professional' }, 'GCRJD-8NW9H-F2CDX-CCM8D-9D6T9', 'Windows 8.1'],
    [{ build: 9200, editionId: 'Enterprise' }, '32JNW-9KQ84-P47T8-D8GGY-CWCK7', 'Windows 8'],
    [{ build: 7601, editionId: 'ProfessionalE' }, 'W82YF-2Q76Y-63HXB-FGJG9-GF7QX', 'Windows 7'],
    [{ build: 6002, editionId: 'Business' }, 'YFKBB-PQJJV-G996G-VWGXY-2V3X8', 'Windows Vista'],
  ])('client %j -> %s (%s)', (os, key, product) => {
    const answer = clientKeyFor(os);
    expect(answer).toMatchObject({ kind: 'key', record: { key, product } });
  });

  it('keeps Windows Server 2019 and version 1809 apart on build 17763', () => {
    expect(keyOf({ caption: 'Microsoft Windows Server 2019 Datacenter', build: 17763, editionId: 'ServerDatacenter' })).toBe('WMDGN-G9PQG-XVVXX-R3X43-63DFG');
    expect(keyOf({ build: 17763, editionId: 'ServerDatacenter' })).toBe('WMDGN-G9PQG-XVVXX-R3X43-63DFG');
    expect(keyOf({ caption: 'Microsoft Windows Server Datacenter', build: 17763, editionId: 'ServerDatacenterACor' })).toBe('6NMRW-2C8FM-D24W7-TQWMY-CWH2D');
  });

  it('never chooses by the caption, which Windows localizes: any caption gives the same answer', () => {
    const captions = [undefined, '', 'Microsoft Windows Server 2019 Datacenter', 'Microsoft Windows Server Datacenter', 'Microsoft Windows 10 Professionnel', 'Microsoft Windows Server, version 1809', '\u5fae\u8f6f Windows 10 \u4e13\u4e1a\u7248'];
    for (const record of GVLK_RECORDS) {
      for (const editionId of record.editionIds) {
        const base = { build: record.builds.min, editionId, installationType: 'Server Core' };
        const answers = captions.map((caption) => JSON.stringify(clientKeyFor({ ...base, caption })));
        expect(new Set(answers).size, `${editionId} on ${record.builds.min}`).toBe(1);
      }
    }
  });

  it.each(['Core', 'CoreN', 'CoreSingleLanguage', 'CoreCountrySpecific'])('explains that Home (%s) has no GVLK and what to use instead', (editionId) => {
    const answer = clientKeyFor({ build: 22631, editionId });
    expect(answer).toMatchObject({ kind: 'none', cause: 'home-edition' });
    if (answer.kind === 'none') expect(answer.reason).toMatch(/retail or OEM key.*MAK/);
  });

  it('asks for a DISM conversion of server evaluation editions, with the target key', () => {
    const answer = clientKeyFor({ build: 20348, editionId: 'ServerDatacenterEval' });
    expect(answer).toMatchObject({
      kind: 'none',
      cause: 'evaluation',
      conversion: { targetEditionId: 'ServerDatacenter', command: 'DISM /online /Set-Edition:ServerDatacenter /ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula' },
    });
    expect(clientKeyFor({ build: 17763, editionId: 'ServerStandardEval' })).toMatchObject({ conversion: { command: expect.stringContaining('/ProductKey:N69G4-B89J2-4G8F4-WWYCC-J464C') } });
  });

  it.each([
    ['ServerDatacenterCor', 20348, 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    ['ServerStandardCor', 17763, 'N69G4-B89J2-4G8F4-WWYCC-J464C'],
  ])('reads the DISM Server Core EditionID %s like its full edition', (editionId, build, key) => {
    expect(clientKeyFor({ build, editionId })).toMatchObject({ kind: 'key', record: { key } });
  });

  it.each([
    // Microsoft's conversion table: Standard Core evaluation converts only to Datacenter Core.
    ['ServerStandardEvalCor', 'ServerDatacenterCor', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    ['ServerDatacenterEvalCor', 'ServerDatacenterCor', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    ['ServerStandardEval', 'ServerStandard', 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H'],
    ['ServerDatacenterEval', 'ServerDatacenter', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
  ])('converts %s to %s with that edition\'s key', (editionId, target, key) => {
    expect(clientKeyFor({ build: 20348, editionId })).toMatchObject({ kind: 'none', cause: 'evaluation', conversion: { targetEditionId: target, command: `DISM /online /Set-Edition:${target} /ProductKey:${key} /AcceptEula` } });
  });

  it('does not offer a conversion for client evaluation editions', () => {
    const answer = clientKeyFor({ build: 19045, editionId: 'EnterpriseEval' });
    expect(answer).toMatchObject({ kind: 'none', cause: 'evaluation' });
    expect(answer.kind === 'none' && answer.conversion).toBeFalsy();
  });

  it('returns the Azure note for Enterprise multi-session', () => {
    const answer = clientKeyFor({ build: 22631, editionId: 'ServerRdsh', installationType: 'Client' });
    expect(answer).toMatchObject({ kind: 'none', cause: 'multi-session' });
    if (answer.kind === 'none') expect(answer.reason).toMatch(/Azure Virtual Desktop.*skip the set-GVLK step/);
  });

  it('refuses to guess for combinations Microsoft does not list', () => {
    expect(clientKeyFor({ build: 20348, editionId: 'ServerSolution' })).toMatchObject({ kind: 'none', cause: 'no-gvlk' });
    expect(clientKeyFor({ build: 22631, editionId: 'IoTEnterprise' })).toMatchObject({ kind: 'none', cause: 'no-gvlk' });
    expect(clientKeyFor({ build: 12345, editionId: 'ServerDatacenter' })).toMatchObject({ kind: 'none', cause: 'unknown-build' });
    expect(clientKeyFor({ build: 3790, editionId: 'Professional' })).toMatchObject({ kind: 'none', cause: 'unknown-build' });
    // EnterpriseS exists only on LTSC builds.
    expect(clientKeyFor({ build: 19045, editionId: 'EnterpriseS' })).toMatchObject({ kind: 'none', cause: 'no-gvlk' });
  });

  it('rejects malformed input', () => {
    expect(clientKeyFor({ build: 0, editionId: 'Professional' })).toMatchObject({ kind: 'none', cause: 'invalid-input' });
    expect(clientKeyFor({ build: 19045.5, editionId: 'Professional' })).toMatchObject({ kind: 'none', cause: 'invalid-input' });
    expect(clientKeyFor({ build: 19045, editionId: '' })).toMatchObject({ kind: 'none', cause: 'invalid-input' });
    expect(clientKeyFor({ build: 19045, editionId: 'Pro fessional' })).toMatchObject({ kind: 'none', cause: 'invalid-input' });
  });
});
