import { describe, expect, it } from 'vitest';
import { codePoint, toHex } from '../../../shared/hex';
import { printable } from '../../../shared/printable';

describe('toHex (the one hex formatter)', () => {
  it('shows a signed WMI value and its unsigned form as the same code', () => {
    expect(toHex(-1073418124)).toBe('0xC004F074');
    expect(toHex(3221549172)).toBe('0xC004F074');
    expect(toHex(0)).toBe('0x00000000');
  });
  it('shows the 16-bit code of an HRESULT with four digits', () => {
    expect(toHex(0xf074, 4)).toBe('0xF074');
    expect(toHex(5, 4)).toBe('0x0005');
  });
  it('names a character as U+XXXX', () => {
    expect(codePoint(0x200b)).toBe('U+200B');
    expect(codePoint(0x1f600)).toBe('U+1F600');
  });
});

describe('printable (echoing untrusted text)', () => {
  it('replaces everything outside printable ASCII and bounds the length', () => {
    expect(printable('a\u001b[2Jb\u202ec')).toBe('a?[2Jb?c');
    expect(printable('x'.repeat(70))).toBe(`${'x'.repeat(60)}...`);
    expect(printable('abcdef', 3)).toBe('abc...');
  });
});
