import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../shared/knowledge';

describe('explainError', () => {
  it.each(['0xC004F074', 'C004F074', 'c004f074', '-1073418124', '3221549172', ' 0xc004f074 '])('knows %j', (input) => {
    const answer = explainError(input);
    expect(answer.kind).toBe('known');
    if (answer.kind === 'known') {
      expect(answer.code).toBe('0xC004F074');
      expect(answer.record.symbol).toBe('SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    }
  });

  it('resolves both spellings of the non-genuine grace code to one record', () => {
    const informational = explainError('0x4004F065');
    const tableForm = explainError('0xC004F065');
    expect(informational.kind).toBe('known');
    expect(tableForm.kind).toBe('known');
    if (informational.kind === 'known' && tableForm.kind === 'known') {
      expect(tableForm.code).toBe('0xC004F065');
      expect(tableForm.record).toBe(informational.record);
      expect(tableForm.record.code).toBe('0x4004F065');
    }
  });

  it('finds the code in a pasted message', () => {
    const answer = explainError('Error: 0x8007232B DNS name does not exist.');
    expect(answer).toMatchObject({ kind: 'known', code: '0x8007232B' });
  });

  it('decodes a well-formed unknown Software Licensing code and says where to look', () => {
    const answer = explainError('0xC004F0FF');
    expect(answer.kind).toBe('unknown');
    if (answer.kind === 'unknown') {
      expect(answer.decoded).toMatchObject({ facility: 4, facilityName: 'FACILITY_ITF', code: 0xf0ff });
      expect(answer.advice.join('\n')).toMatch(/slui\.exe 0x2a 0xC004F0FF/);
      expect(answer.advice.join('\n')).toMatch(/Software Licensing/);
      expect(answer.advice.join('\n')).toMatch(/Application event log/);
    }
  });

  it('points unknown Win32 codes at their Win32 error number', () => {
    const answer = explainError('0x80070002');
    expect(answer.kind).toBe('unknown');
    if (answer.kind === 'unknown') expect(answer.advice.join('\n')).toMatch(/net helpmsg 2\b/);
  });

  it('says when an unknown code is not a failure', () => {
    const answer = explainError('0x4004F00C');
    expect(answer.kind === 'unknown' && answer.advice[0]).toMatch(/not a failure code \(severity: info\)/);
  });

  it.each(['', 'hello', '0x123456789', 'C004F07', 'not a code at all, really'])('rejects %j with a message naming the accepted forms', (input) => {
    const answer = explainError(input);
    expect(answer.kind).toBe('invalid');
    if (answer.kind === 'invalid') {
      expect(answer.message).toMatch(/0xC004F074, C004F074/);
      expect(answer.message).not.toMatch(/\n/);
    }
  });
});
