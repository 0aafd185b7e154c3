import { describe, expect, it } from 'vitest';
import { FIX_IDS, isFindingId, isFixId } from '../../../../shared/ids';
import { ACTIVATION_TYPES, ERROR_RECORDS, findErrorRecord, lookupError, type HexCode } from '../../../../shared/knowledge';

// Copied from Microsoft's "Troubleshoot Windows activation error codes" table (dossier section 1.1).
const MICROSOFT_TABLE: Record<string, string[]> = {
  '0x8004FE21': ['mak', 'kms-client'],
  '0x80070005': ['mak', 'kms-client', 'kms-host'],
  '0x8007007B': ['kms-client'],
  '0x80070490': ['mak'],
  '0x800706BA': ['kms-client'],
  '0x8007232A': ['kms-host'],
  '0x8007232B': ['kms-client'],
  '0x8007251D': ['kms-client'],
  '0x80092328': ['kms-client'],
  '0xC004B100': ['mak'],
  '0xC004C001': ['mak'],
  '0xC004C003': ['mak'],
  '0xC004C008': ['kms-host'],
  '0xC004C020': ['mak'],
  '0xC004C021': ['mak'],
  '0xC004F009': ['mak'],
  '0xC004F00F': ['mak', 'kms-client', 'kms-host'],
  '0xC004F014': ['mak', 'kms-client'],
  '0xC004F02C': ['mak', 'kms-client'],
  '0xC004F035': ['kms-client', 'kms-host'],
  '0xC004F038': ['kms-client'],
  '0xC004F039': ['kms-client'],
  '0xC004F041': ['kms-client'],
  '0xC004F042': ['kms-client'],
  '0xC004F050': ['mak', 'kms-host', 'kms-client'],
  '0xC004F051': ['mak', 'kms-host'],
  '0xC004F064': ['mak'],
  '0xC004F065': ['mak', 'kms-client'],
  '0xC004F06C': ['kms-client'],
  '0xC004F074': ['kms-client'],
};

// Codes of the related Microsoft troubleshooting articles (section 1.2).
const RELATED_ARTICLES = ['0xC004F074', '0xC004F06C', '0xC004F038', '0xC004F042', '0xC004C008', '0x8007232B', '0x80070005', '0xC004F015', '0xC004E002', '0xC004E015', '0xC004FD01', '0xC004FD02', '0x800705B4', '0xC0020017', '0x8007139F', '0x80072338', '0x8007007B'];

// SL_E_* / SL_I_* codes of slerror.h listed in section 1.3, with their symbols.
const SPP_SYMBOLS: Record<string, string> = {
  '0xC004B100': 'SL_E_SRV_GENERAL_ERROR',
  '0xC004B011': 'SL_E_SRV_CLIENT_CLOCK_OUT_OF_SYNC',
  '0xC004C001': 'SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE',
  '0xC004C003': 'SL_E_CHPA_PRODUCT_KEY_BLOCKED',
  '0xC004C008': 'SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED',
  '0xC004C017': 'SL_E_CHPA_PRODUCT_KEY_BLOCKED_IPLOCATION',
  '0xC004C020': 'SL_E_CHPA_DMAK_LIMIT_EXCEEDED',
  '0xC004C021': 'SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED',
  '0xC004C060': 'SL_E_CHPA_DYNAMICALLY_BLOCKED_PRODUCT_KEY',
  '0xC004E002': 'SL_E_TOKEN_STORE_INVALID_STATE',
  '0xC004E003': 'SL_E_EVALUATION_FAILED',
  '0xC004E005': 'SL_E_NOT_ACTIVATED',
  '0xC004E015': 'SL_E_EUL_CONSUMPTION_FAILED',
  '0xC004E028': 'SL_E_ACTIVATION_IN_PROGRESS',
  '0xC004F009': 'SL_E_GRACE_TIME_EXPIRED',
  '0xC004F00F': 'SL_E_OUT_OF_TOLERANCE',
  '0xC004F014': 'SL_E_PKEY_NOT_INSTALLED',
  '0xC004F015': 'SL_E_PRODUCT_SKU_NOT_INSTALLED',
  '0xC004F025': 'SL_E_LUA_ACCESSDENIED',
  '0xC004F02C': 'SL_E_CIDIID_INVALID_DATA',
  '0xC004F02F': 'SL_E_CIDIID_INVALID_DATA_LENGTH',
  '0xC004F031': 'SL_E_CIDIID_MISMATCHED',
  '0xC004F035': 'SL_E_VL_NOT_WINDOWS_SLP',
  '0xC004F038': 'SL_E_VL_NOT_ENOUGH_COUNT',
  '0xC004F039': 'SL_E_VL_BINDING_SERVICE_NOT_ENABLED',
  '0xC004F041': 'SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED',
  '0xC004F042': 'SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH',
  '0xC004F04D': 'SL_E_CIDIID_INVALID_CHECK_DIGITS',
  '0xC004F050': 'SL_E_INVALID_PRODUCT_KEY',
  '0xC004F051': 'SL_E_BLOCKED_PRODUCT_KEY',
  '0xC004F056': 'SL_E_VL_MACHINE_NOT_BOUND',
  '0xC004F057': 'SL_E_SLP_MISSING_ACPI_SLIC',
  '0xC004F058': 'SL_E_SLP_MISSING_SLP_MARKER',
  '0xC004F063': 'SL_E_SLP_OEM_CERT_MISSING',
  '0xC004F064': 'SL_E_NONGENUINE_GRACE_TIME_EXPIRED',
  '0x4004F065': 'SL_I_NONGENUINE_GRACE_PERIOD',
  '0xC004F069': 'SL_E_MISMATCHED_PRODUCT_SKU',
  '0xC004F06B': 'SL_E_VL_KEY_MANAGEMENT_SERVICE_VM_NOT_SUPPORTED',
  '0xC004F06C': 'SL_E_VL_INVALID_TIMESTAMP',
  '0xC004F074': 'SL_E_VL_BINDING_SERVICE_UNAVAILABLE',
  '0xC004F075': 'SL_E_SERVICE_STOPPING',
  '0xC004F07D': 'SL_E_INVALID_PRODUCT_KEY_TYPE',
  '0xC004F081': 'SL_E_VL_AD_AO_NOT_FOUND',
  '0xC004F082': 'SL_E_VL_AD_AO_NAME_TOO_LONG',
  '0xC004F083': 'SL_E_VL_AD_SCHEMA_VERSION_NOT_SUPPORTED',
  '0xC004F200': 'SL_E_NOT_GENUINE',
  '0xC004F210': 'SL_E_EDITION_MISMATCHED',
  '0xC004F211': 'SL_E_HWID_CHANGED',
  '0xC004FC03': 'E_RM_UNKNOWN_ERROR',
  '0xC004FD00': 'SL_E_IA_THROTTLE_LIMIT_EXCEEDED',
  '0xC004FD01': 'SL_E_IA_INVALID_VIRTUALIZATION_PLATFORM',
  '0xC004FD02': 'SL_E_IA_PARENT_PARTITION_NOT_ACTIVATED',
  '0xC004FD03': 'SL_E_IA_ID_MISMATCH',
  '0xC004FD04': 'SL_E_IA_MACHINE_NOT_BOUND',
  '0x8004D102': 'SL_REMAPPING_SP_STATUS_SYSTEM_TIME_SKEWED',
};

const get = (code: string) => {
  const record = findErrorRecord(code as HexCode);
  if (!record) throw new Error(`${code} is missing`);
  return record;
};

describe('error table', () => {
  it.each(Object.entries(MICROSOFT_TABLE))("has Microsoft's table code %s with its activation types", (code, types) => {
    expect([...get(code).appliesTo].sort()).toEqual([...types].sort());
  });

  it.each(RELATED_ARTICLES)('has %s from the related troubleshooting articles', (code) => {
    expect(get(code).sources.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(SPP_SYMBOLS))('has SPP code %s named %s', (code, symbol) => {
    expect(get(code).symbol).toBe(symbol);
  });

  it('expands the token-based activation range 0xC004F301-0xC004F313 into one record per code', () => {
    for (let low = 0xf301; low <= 0xf313; low++) {
      const code = `0xC004${low.toString(16).toUpperCase()}`;
      expect(get(code).symbol).toMatch(/^SL_E_TKA_/);
    }
    expect(get('0xC004F305').symbol).toBe('SL_E_TKA_CERT_NOT_FOUND');
  });

  it('lists every code once, aliases included, in 0x + 8 upper-case hex form', () => {
    const all = ERROR_RECORDS.flatMap((r) => [r.code, ...r.aliases]);
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) expect(code).toMatch(/^0x[0-9A-F]{8}$/);
  });

  it('merges a code listed in both the error table and slerror.h into one record with both sources', () => {
    const record = get('0xC004F074');
    expect(record.sources).toEqual(expect.arrayContaining(['SA-ERR', 'SLERR', 'SA-F074']));
  });

  it('stores 0x4004F065 as the informational code with 0xC004F065 as its alias', () => {
    const record = get('0x4004F065');
    expect(record.code).toBe('0x4004F065');
    expect(record.aliases).toEqual(['0xC004F065']);
    expect(findErrorRecord('0xC004F065')).toBe(record);
  });

  it('gives 0xC004F074 the five causes Microsoft lists and the related findings', () => {
    const causes = get('0xC004F074').causes.join('\n');
    expect(causes).toMatch(/4 hours/);
    expect(causes).toMatch(/0xC004F06C/);
    expect(causes).toMatch(/1688/);
    expect(causes).toMatch(/_vlmcs\._tcp SRV/);
    expect(causes).toMatch(/sppsvc/);
    expect(causes).toMatch(/too old/);
    expect(get('0xC004F074').findings).toEqual(
      expect.arrayContaining(['kms-time-skew', 'kms-port-filtered', 'kms-port-refused', 'kms-srv-missing', 'kms-srv-stale', 'kms-host-unresolvable', 'kms-host-version-mismatch', 'kms-host-sppsvc-stopped']),
    );
  });

  it('uses only the shared finding and fix ids and the known activation types', () => {
    for (const r of ERROR_RECORDS) {
      for (const id of r.findings) expect(isFindingId(id), `${r.code} finding ${id}`).toBe(true);
      for (const id of r.fixes) expect(isFixId(id), `${r.code} fix ${id}`).toBe(true);
      for (const t of r.appliesTo) expect(ACTIVATION_TYPES).toContain(t);
    }
    expect(FIX_IDS.length).toBeGreaterThan(0);
  });

  it('fills message, explanation, causes and concrete next steps for every record', () => {
    for (const r of ERROR_RECORDS) {
      expect(r.message.length, r.code).toBeGreaterThan(5);
      expect(r.explanation.length, r.code).toBeGreaterThan(20);
      expect(r.explanation.split(/(?<=\.)\s+(?=[A-Z])/).length, `${r.code} explanation is 1-3 sentences`).toBeLessThanOrEqual(3);
      expect(r.causes.length, r.code).toBeGreaterThan(0);
      expect(r.nextSteps.length, r.code).toBeGreaterThan(0);
    }
    // Concrete means commands, not "see the docs".
    expect(get('0xC004F06C').nextSteps.join(' ')).toMatch(/w32tm \/resync/);
    expect(get('0x8007232B').nextSteps.join(' ')).toMatch(/slmgr\.vbs \/skms/);
    expect(get('0xC004F038').nextSteps.join(' ')).toMatch(/slmgr\.vbs \/dli/);
  });

  it('has an activation type for every record except token-based activation', () => {
    for (const r of ERROR_RECORDS) {
      if (r.symbol?.startsWith('SL_E_TKA_')) continue;
      expect(r.appliesTo.length, r.code).toBeGreaterThan(0);
    }
  });

  it('never sends anyone to a third-party KMS host', () => {
    const text = ERROR_RECORDS.flatMap((r) => [r.explanation, ...r.causes, ...r.nextSteps]).join('\n').toLowerCase();
    for (const banned of ['vlmcsd', 'kmspico', 'kms_vl_all', 'massgrave', 'public kms', 'kms8.', 'kms.digiboy', 'msguides']) {
      expect(text).not.toContain(banned);
    }
    // Every host a command points at is a placeholder for your own KMS host or Azure KMS.
    const targets = [...text.matchAll(/\/skms (\S+)/g)].map((m) => m[1] ?? '').filter((t) => /[.:<]/.test(t));
    expect(targets.length).toBeGreaterThan(3);
    for (const t of targets) expect(t).toMatch(/^(<kms[-_a-z]*>|azkms\.core\.windows\.net)(:1688|:<port>)?[.,)]*$/);
  });

  it('looks codes up by number, signed or unsigned', () => {
    expect(lookupError(0xc004f074)?.symbol).toBe('SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    expect(lookupError(-1073418124)?.symbol).toBe('SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    expect(lookupError(0xc004f065)?.code).toBe('0x4004F065');
    expect(lookupError(0xc004f0ff)).toBeUndefined();
  });
});
