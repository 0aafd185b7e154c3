import { describe, expect, it } from 'vitest';
import { redactKeys } from '../../../main/fixes/audit-log';
import { containsFullProductKey, maskProductKeysInText } from '../../../shared/report';
import { SOURCES } from '../../../shared/knowledge/sources';
import { GVLK, MASKED_GVLK } from './inputs';

describe('maskProductKeysInText', () => {
  it('masks a full key with dashes, without dashes, in any case, down to its last five', () => {
    expect(maskProductKeysInText(`slmgr /ipk ${GVLK}`)).toBe(`slmgr /ipk ${MASKED_GVLK}`);
    expect(maskProductKeysInText(GVLK.replace(/-/g, ''))).toBe(MASKED_GVLK);
    expect(maskProductKeysInText(GVLK.toLowerCase())).toBe(MASKED_GVLK);
    expect(maskProductKeysInText(`"${GVLK.replace(/-/g, '').toLowerCase()}"`)).toBe(`"${MASKED_GVLK}"`);
  });

  it('masks keys whose hyphens were replaced by look-alike dashes, or glued to an underscore', () => {
    expect(maskProductKeysInText(GVLK.replace(/-/g, '\u2013'))).toBe(MASKED_GVLK);
    expect(maskProductKeysInText(GVLK.replace(/-/g, '\u2011'))).toBe(MASKED_GVLK);
    expect(maskProductKeysInText(`key_${GVLK}`)).toBe(`key_${MASKED_GVLK}`);
    expect(maskProductKeysInText(`<td>${GVLK}</td>`)).toBe(`<td>${MASKED_GVLK}</td>`);
  });

  it('masks every key in a text and is idempotent', () => {
    const twice = maskProductKeysInText(`${GVLK} and WX4NM-KYWYW-QJJR4-XV3QB-6VM33`);
    expect(twice).toBe(`${MASKED_GVLK} and *****-*****-*****-*****-6VM33`);
    expect(maskProductKeysInText(twice)).toBe(twice);
    expect(containsFullProductKey(twice)).toBe(false);
  });

  it('leaves GUIDs, ePIDs, HRESULTs, hashes and ordinary prose alone', () => {
    const text = [
      'f9d4e20a-cb8f-4050-9c0c-56420455ada1',
      '06401-00206-556-123456-03-1033-20348.0000-0812023',
      '0xC004F074 0x4004F401',
      'a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'Could reach these hosts since their clock was right.',
      'https://learn.microsoft.com/troubleshoot/windows-server/licensing-and-activation/error-0xc004f074-activate-windows',
    ].join('\n');
    expect(maskProductKeysInText(text)).toBe(text);
    expect(containsFullProductKey(text)).toBe(false);
  });

  it('needs one form throughout: a dash between every group, or none', () => {
    // 25 letters in five-letter pieces, but with mixed separators: a Microsoft address, not a key.
    const url = 'https://learn.microsoft.com/windows-server/get-started/common-troubleshooting-procedures-kms-dns';
    expect(maskProductKeysInText(url)).toBe(url);
    expect(maskProductKeysInText(GVLK.replace('-', '\u2013'))).toBe(GVLK.replace('-', '\u2013'));
    expect(maskProductKeysInText('N69G4 B89J2 4G8F4 WWYCC J464C')).toBe('N69G4 B89J2 4G8F4 WWYCC J464C');
  });

  it('tells an undashed key from a 25-letter word or identifier', () => {
    expect(maskProductKeysInText('"activationIntervalMinutes": 120')).toBe('"activationIntervalMinutes": 120');
    expect(maskProductKeysInText('WXYBCDFGHJKMPQRTVWXYBCDFG')).toBe('*****-*****-*****-*****-BCDFG');
    expect(maskProductKeysInText('n69g4b89j24g8f4wwyccj464c')).toBe(MASKED_GVLK);
  });

  it('leaves every source address of the knowledge tables intact', () => {
    for (const { url } of Object.values(SOURCES)) expect(maskProductKeysInText(url)).toBe(url);
  });

  it('agrees with the audit log redaction on the keys both must catch', () => {
    for (const key of [GVLK, GVLK.replace(/-/g, ''), GVLK.toLowerCase()]) expect(maskProductKeysInText(key)).toBe(redactKeys(key));
  });
});
