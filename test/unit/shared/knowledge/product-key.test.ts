import { describe, expect, it } from 'vitest';
import { isProductKey, maskProductKey, normaliseProductKey } from '../../../../shared/knowledge';

const KEY = 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33';

describe('normaliseProductKey', () => {
  it.each([
    ['WX4NM-KYWYW-QJJR4-XV3QB-6VM33'],
    ['wx4nm-kywyw-qjjr4-xv3qb-6vm33'],
    ['  WX4NM KYWYW QJJR4 XV3QB 6VM33  '],
    ['WX4NMKYWYWQJJR4XV3QB6VM33'],
    ['WX4NM\u2013KYWYW\u2013QJJR4\u2013XV3QB\u20136VM33'],
    ['WX4NM\u2014KYWYW\u2014QJJR4\u2014XV3QB\u20146VM33'],
    ['WX4NM\u2212KYWYW\u2011QJJR4\u2010XV3QB\uFF0D6VM33'],
    ['WX4NM - KYWYW - QJJR4 - XV3QB - 6VM33'],
    ['WX4NM-KYWYW-QJJR4-XV3QB-6VM33\u200B'],
    ['\u00A0WX4NM-KYWYW-QJJR4-XV3QB-6VM33\n'],
  ])('accepts %j', (input) => {
    expect(normaliseProductKey(input)).toEqual({ ok: true, key: KEY, last5: '6VM33' });
  });

  it('allows N in any position, once', () => {
    expect(normaliseProductKey('NPPR9-FWDCX-D2C8J-H872K-2YT43')).toMatchObject({ ok: true });
    expect(normaliseProductKey('BCDFG-HJKMP-QRTVW-XY234-6789N')).toMatchObject({ ok: true, last5: '6789N' });
    const twice = normaliseProductKey('NNPR9-FWDCX-D2C8J-H872K-2YT43');
    expect(twice).toMatchObject({ ok: false, reason: expect.stringMatching(/character 2 is a second 'N'/) });
  });

  it.each([
    ['WX4NM-KYWYW-QJJR4-XV3QB-6VM3O', /character 29 'O' is not used in product keys/],
    ['WX4NM-KYWYW-QJJR4-XV3QB-6VM35', /character 29 '5'/],
    ['AX4NM-KYWYW-QJJR4-XV3QB-6VM33', /character 1 'A'/],
    ['WX4NM_KYWYW-QJJR4-XV3QB-6VM33', /character 6 '_'/],
    ['WX4NM\u00B7KYWYW-QJJR4-XV3QB-6VM33', /character 6 U\+00B7/],
    ['WX4NM-KYWYW-QJJR4-XV3QB', /five groups of five.*5, 5, 5, 5/],
    ['WX4N-MKYWYW-QJJR4-XV3QB-6VM33', /groups of 4, 6, 5, 5, 5/],
    ['WX4NMKYWYWQJJR4XV3QB6VM3', /25 characters; got 24/],
    ['', /no product key/],
  ])('rejects %j', (input, reason) => {
    const result = normaliseProductKey(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('isProductKey mirrors normaliseProductKey', () => {
    expect(isProductKey(KEY.toLowerCase())).toBe(true);
    expect(isProductKey('hello')).toBe(false);
  });
});

describe('maskProductKey', () => {
  it('shows only the last group', () => {
    expect(maskProductKey(KEY)).toBe('*****-*****-*****-*****-6VM33');
    expect(maskProductKey('wx4nm kywyw qjjr4 xv3qb 6vm33')).toBe('*****-*****-*****-*****-6VM33');
  });

  it('masks everything that is not a key', () => {
    expect(maskProductKey('SECRET-NOT-A-KEY')).toBe('*****-*****-*****-*****-*****');
  });
});
