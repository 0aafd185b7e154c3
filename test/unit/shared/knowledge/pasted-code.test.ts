/**
 * The code in a pasted slmgr message. slmgr prints the failing code after "Error:" and, where it
 * has no text for it (Server Core, or the text is missing), a second line telling the technician
 * to run "slui.exe 0x2a <code>": 0x2a is slui's switch, never the code.
 */
import { describe, expect, it } from 'vitest';
import { explainError, nearKnownCodes } from '../../../../shared/knowledge/explain';
import { readErrorCode } from '../../../../shared/knowledge/hresult';

// slmgr.vbs /ato output, one-line form (message text known) and two-line form (no text available).
const ONE_LINE =
  'Activating Windows(R), ServerStandard edition (de32eafd-aaee-4662-9444-c1befb41bde2) ...\r\nError: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.';
const TWO_LINE =
  "Activating Windows(R), ServerDatacenter edition (34e1ae55-27f8-4950-8877-7a03be5fb181) ...\r\nError: 0xC004F074\r\nOn a computer running Microsoft Windows non-core edition, run 'slui.exe 0x2a 0xC004F074' to display the error text.";
const HINT_ONLY = "run 'slui.exe 0x2a 0xC004F074' to display the error text";

describe('the code in a pasted slmgr message', () => {
  it.each([
    ['one-line /ato output', ONE_LINE, 0xc004f074],
    ['two-line /ato output with the slui hint', TWO_LINE, 0xc004f074],
    ['the slui hint alone', HINT_ONLY, 0xc004f074],
    ['the hint before the Error line', "Run 'slui.exe 0x2a 0x8007232B' later.\nError: 0xC004F074", 0xc004f074],
    ['an event line with hr=', 'License Activation (slui.exe) failed with the following error code:\r\nhr=0x800704CF\r\nCommand-line arguments: ...', 0x800704cf],
    ['a Code: label after another number', 'Something went wrong (0x00000001). Code: 0xC004C003', 0xc004c003],
  ])('%s', (_name, text, expected) => {
    const parsed = readErrorCode(text);
    expect(parsed.ok && parsed.code).toBe(expected);
    expect(explainError(text)).toMatchObject({ code: `0x${expected.toString(16).toUpperCase()}` });
  });

  it('never reads slui\'s 0x2a switch as the code', () => {
    for (const text of [TWO_LINE, HINT_ONLY]) {
      const parsed = readErrorCode(text);
      expect(parsed.ok && parsed.code).not.toBe(0x2a);
    }
  });
});

describe('near misses get "did you mean"', () => {
  it('a digit short, with and without 0x', () => {
    expect(nearKnownCodes('0xC004F07')).toContain('0xC004F074');
    expect(nearKnownCodes('C004F07')).toContain('0xC004F074');
    const answer = explainError('C004F07');
    expect(answer.kind).toBe('invalid');
    expect(answer.kind === 'invalid' && answer.didYouMean).toContain('0xC004F074');
    expect(answer.kind === 'invalid' && answer.message).toMatch(/Did you mean 0xC004F074/);
  });

  it('a mistyped digit on an unknown but well-formed code', () => {
    const answer = explainError('0xC004F07F');
    expect(answer.kind).toBe('unknown');
    expect(answer.kind === 'unknown' && answer.didYouMean).toContain('0xC004F074');
    expect(answer.kind === 'unknown' && answer.advice[0]).toMatch(/Did you mean/);
  });

  it('a known code gets no suggestion, and unrelated text gets none', () => {
    expect(nearKnownCodes('0xC004F074')).toEqual([]);
    expect(nearKnownCodes('hello world')).toEqual([]);
    const unknown = explainError('0x80000000');
    expect(unknown.kind === 'unknown' && unknown.didYouMean).toEqual([]);
  });
});
