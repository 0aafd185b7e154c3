import { describe, expect, it } from 'vitest';
import { decodeHresult, extractHresult, parseHresult, toHex } from '../../../../shared/knowledge';

describe('parseHresult', () => {
  it.each([
    ['0xC004F074', 0xc004f074],
    ['0XC004F074', 0xc004f074],
    ['C004F074', 0xc004f074],
    ['c004f074', 0xc004f074],
    ['  0xc004f074 \n', 0xc004f074],
    ['-1073418124', 0xc004f074],
    ['3221549172', 0xc004f074],
    ['0x4004F065', 0x4004f065],
    ['1074065509', 0x4004f065],
    ['80070005', 0x80070005],
    ['0x5', 5],
    ['0', 0],
    ['-2147483648', 0x80000000],
    ['4294967295', 0xffffffff],
  ])('reads %j', (input, expected) => {
    const parsed = parseHresult(input);
    expect(parsed).toEqual({ ok: true, code: expected, hex: `0x${expected.toString(16).toUpperCase().padStart(8, '0')}` });
  });

  it('normalises to 0x + 8 upper-case hex digits', () => {
    expect(parseHresult('-1073418124')).toMatchObject({ hex: '0xC004F074' });
    expect(parseHresult('0x5')).toMatchObject({ hex: '0x00000005' });
    expect(toHex(-1)).toBe('0xFFFFFFFF');
  });

  it.each([
    ['', /no code given/],
    ['hello', /character 1 'h' is not a hex digit/],
    ['0xC004F07G', /character 10 'G'/],
    ['0x123456789', /more than 8 hex digits/],
    ['C004F07', /7 hex digits/],
    ['4294967296', /above 4294967295/],
    ['-2147483649', /below -2147483648/],
    ['0xC004F074 0xC004F074 0xC004F074', /too long/],
    ['C004\u2013F074', /U\+2013/],
  ])('rejects %j with a reason naming what is accepted', (input, reason) => {
    const parsed = parseHresult(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).toMatch(/0xC004F074, C004F074, a signed decimal/);
    }
  });
});

describe('extractHresult', () => {
  it.each([
    ['Error: 0xC004F074 The Software Licensing Service reported that the product could not be activated.', 0xc004f074, '0xC004F074'],
    ['Error code: 0x8007232B', 0x8007232b, '0x8007232B'],
    ['hr=0x800704CF', 0x800704cf, '0x800704CF'],
    ['LicenseStatusReason : -1073418124', 0xc004f074, '-1073418124'],
    ['LicenseStatusReason : 3221549172', 0xc004f074, '3221549172'],
    ['Error code C004F074 was returned', 0xc004f074, 'C004F074'],
    ['Info: 0xC004F06C, 0x00000000, kms01.contoso.com:1688, 36f27b39-2fd5-440b-be67-a09996d27a38', 0xc004f06c, '0xC004F06C'],
  ])('finds the first code in %j', (text, code, match) => {
    const found = extractHresult(text);
    expect(found).toMatchObject({ ok: true, code, match, index: text.indexOf(match) });
  });

  it('takes the earliest code when there are several', () => {
    expect(extractHresult('first 0x8007232B then 0xC004F074')).toMatchObject({ code: 0x8007232b });
    expect(extractHresult('-1073418124 then 0x8007232B')).toMatchObject({ code: 0xc004f074 });
  });

  it.each([
    'no code in here',
    'CMID 36f27b39-2fd5-440b-be67-a09996d27a38',
    'activated at 1700000000 (epoch seconds)',
    'the year 2026 and build 20348',
    'a word like deadbeef is not a code',
  ])('finds nothing in %j', (text) => {
    expect(extractHresult(text).ok).toBe(false);
  });
});

describe('decodeHresult', () => {
  it('decodes a Software Licensing error', () => {
    expect(decodeHresult(0xc004f074)).toEqual({
      value: 0xc004f074,
      hex: '0xC004F074',
      severity: 'error',
      failure: true,
      customer: false,
      ntstatus: false,
      facility: 4,
      facilityName: 'FACILITY_ITF',
      code: 0xf074,
      win32Error: null,
    });
  });

  it('decodes a Win32 error wrapped in an HRESULT', () => {
    const d = decodeHresult(0x8007232b);
    expect(d).toMatchObject({ facility: 7, facilityName: 'FACILITY_WIN32', code: 9003, win32Error: 9003, failure: true, severity: 'warning' });
  });

  it('reads the severity field, the customer bit and the NTSTATUS bit', () => {
    expect(decodeHresult(0x4004f065)).toMatchObject({ severity: 'info', failure: false });
    expect(decodeHresult(0x00000000)).toMatchObject({ severity: 'success', failure: false, facilityName: 'FACILITY_NULL' });
    expect(decodeHresult(0xa0041234)).toMatchObject({ customer: true, severity: 'warning' });
    expect(decodeHresult(0xd0000022)).toMatchObject({ ntstatus: true, severity: 'error' });
  });

  it.each([
    [0x80010105, 1, 'FACILITY_RPC'],
    [0x80080005, 8, 'FACILITY_WINDOWS'],
    [0x80090308, 9, 'FACILITY_SECURITY'],
    [0x800b0109, 11, 'FACILITY_CERT'],
    [0x800c0005, 12, 'FACILITY_INTERNET'],
    [0x80190194, 25, 'FACILITY_HTTP'],
    [0x80240022, 36, 'FACILITY_WINDOWSUPDATE'],
  ])('names facility of %s', (code, facility, name) => {
    expect(decodeHresult(code)).toMatchObject({ facility, facilityName: name, win32Error: null });
  });

  it('returns null for a facility it does not know', () => {
    expect(decodeHresult(0x87ff0001).facilityName).toBeNull();
  });
});
