/**
 * The Windows 10 ESU and Azure Edition rules at their edges (the scenario table holds the main
 * stories), the ESU calendar, and "the product" never being an ESU licence.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { buildContext } from '../../../shared/diagnosis/context';
import { selectWindowsProduct } from '../../../shared/windows-product';
import { esuNotActivated, esuNotEnrolled, esuPrerequisitesMissing, esuYearNotCovered } from '../../../shared/diagnosis/rules/esu';
import { azureAttestationCertificateMissing, azureAttestationUnreachable } from '../../../shared/diagnosis/rules/azure-edition';
import { ESU_LICENCES, esuYearAt } from '../../../shared/knowledge/esu';
import type { Snapshot } from '../../../shared/snapshot';
import { installEsuKey } from '../../../main/fixes/install-esu-key';
import { defaultState } from '../fixes/harness';
import { azure, azureCertsOf, azureIntermediate, esuLicences, esuOf, osOf, product, scenario, signedAttestation, unavailable } from '../../support/snapshot-builder';

const ESU_RULES = [esuNotActivated, esuYearNotCovered, esuPrerequisitesMissing, esuNotEnrolled];

function windows10(edit: (s: Snapshot) => void = () => {}): Snapshot {
  return scenario((s) => {
    Object.assign(osOf(s), { caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', build: 19045, ubr: 6456, editionId: 'Enterprise', installationType: 'Client', productType: 1 });
    s.windows.esu = { status: 'ok', value: esuLicences(), durationMs: 400 };
    edit(s);
  });
}

const evaluate = (rule: { evaluate: (ctx: ReturnType<typeof buildContext>) => unknown }, s: Snapshot) => rule.evaluate(buildContext(s, null)) as { status: string; finding?: { title: string; evidence: { observed: string }[]; fixes: { fixId: string; inputs: Record<string, string> }[] } };

describe('the ESU calendar (derived from the end of support on 14 October 2025)', () => {
  it.each([
    ['2025-10-01T00:00:00Z', null],
    ['2025-11-12T10:00:00Z', 1],
    ['2026-10-13T23:59:59Z', 1],
    ['2026-10-15T00:00:00Z', 2],
    ['2027-12-01T00:00:00Z', 3],
    ['2028-10-15T00:00:00Z', null],
    ['not a date', null],
  ])('%s is ESU year %s', (at, year) => {
    expect(esuYearAt(at)).toBe(year);
  });
});

describe('"the product" is never an ESU licence', () => {
  it('even when Windows reports LicenseIsAddon false for it, and it is licensed while Windows is not', () => {
    const s = windows10();
    const windows = { ...product(s), licenseStatus: 2 };
    const esu = { ...windows, activationId: ESU_LICENCES[0]!.activationId, name: 'Windows(R), Client-ESU-Year1 add-on', description: 'Windows(R) Operating System, VOLUME_MAK channel', partialProductKey: '4C6R8', licenseStatus: 1, isAddon: false };
    expect(selectWindowsProduct([esu, windows])).toEqual({ product: windows, index: 1 });
    expect(selectWindowsProduct([esu])).toBeNull();
  });
});

describe('the ESU rules apply to Windows 10 only, inside the ESU years, with the licences read', () => {
  it.each([
    ['Windows 11', { build: 22631, version: '10.0.22631', caption: 'Microsoft Windows 11 Pro' }],
    ['Windows 10 Enterprise LTSC 2021 (its own support dates)', { build: 19044, version: '10.0.19044', editionId: 'EnterpriseS' }],
    ['Windows Server 2019', { build: 17763, productType: 3, editionId: 'ServerStandard', installationType: 'Server' }],
  ])('not on %s', (_what, os) => {
    const s = windows10((x) => Object.assign(osOf(x), os));
    for (const rule of ESU_RULES) expect(evaluate(rule, s).status, rule.id).toBe('not-applicable');
  });

  it('passes before the end of support', () => {
    const s = windows10((x) => (x.takenAt = '2025-09-30T08:00:00.000Z'));
    for (const rule of ESU_RULES) expect(evaluate(rule, s).status, rule.id).toBe('pass');
  });

  it('cannot tell when the ESU licences could not be read, and names the probe', () => {
    const s = windows10((x) => (x.windows.esu = unavailable('access-denied', 'Access denied')));
    for (const rule of ESU_RULES) expect(rule.evaluate(buildContext(s, null)), rule.id).toMatchObject({ status: 'unknown', missing: ['windows.esu'] });
  });

  it('names the code and prefills the year of the licence that is not activated (Year 2, MAK out of activations)', () => {
    const s = windows10((x) => {
      esuOf(x).licences[1] = { ...esuOf(x).licences[1]!, partialProductKey: 'HQ7RT', licenseStatus: 0, licenseStatusReason: 0xc004c020 };
    });
    const result = evaluate(esuNotActivated, s);
    expect(result.status).toBe('finding');
    expect(result.finding!.title).toBe('The ESU Year 2 key is installed but not activated');
    expect(result.finding!.evidence[0]!.observed).toMatch(/key ending in HQ7RT, 0xC004C020/);
    expect(result.finding!.fixes).toEqual([expect.objectContaining({ fixId: 'install-esu-key', inputs: { year: '2' } })]);
  });

  it('keeps the verdict about Windows: ESU findings never make an activated Windows "not activated"', () => {
    const s = windows10((x) => {
      esuOf(x).licences[0] = { ...esuOf(x).licences[0]!, partialProductKey: '4C6R8', licenseStatus: 0 };
    });
    const d = diagnose(s, { reportedCode: null });
    expect(d.verdict.kind).toBe('activated');
    expect(d.product?.name).toBe(product(s).name);
  });
});

describe('the Azure Edition rules', () => {
  function azureEdition(edit: (s: Snapshot) => void = () => {}): Snapshot {
    return scenario((s) => {
      Object.assign(osOf(s), { caption: 'Microsoft Windows Server 2022 Datacenter: Azure Edition', build: 20348, ubr: 2966, editionId: 'ServerDatacenter' });
      s.azure = { status: 'ok', value: { ...azure(true), attestation: signedAttestation() }, durationMs: 50 };
      s.windows.azureCertificates = { status: 'ok', value: { certificates: [azureIntermediate('CA', 'Microsoft Azure RSA TLS Issuing CA 04')] }, durationMs: 50 };
      edit(s);
    });
  }

  it('pass on a healthy VM: signed document, its intermediate valid in LocalMachine\\CA', () => {
    const s = azureEdition();
    expect(evaluate(azureAttestationUnreachable, s).status).toBe('pass');
    expect(evaluate(azureAttestationCertificateMissing, s).status).toBe('pass');
  });

  it('do not apply to Windows Server Datacenter that is not Azure Edition', () => {
    const s = azureEdition((x) => (osOf(x).caption = 'Microsoft Windows Server 2022 Datacenter'));
    expect(evaluate(azureAttestationUnreachable, s).status).toBe('not-applicable');
    expect(evaluate(azureAttestationCertificateMissing, s).status).toBe('not-applicable');
  });

  it('cannot tell from a snapshot taken before the attestation check existed', () => {
    const s = azureEdition((x) => {
      if (x.azure.status === 'ok') delete x.azure.value.attestation;
    });
    expect(azureAttestationUnreachable.evaluate(buildContext(s, null))).toMatchObject({ status: 'unknown', missing: ['azure'] });
  });

  it('an expired intermediate in LocalMachine\\CA is named as expired; KB5036909 is asked for below build 20348.2402', () => {
    const s = azureEdition((x) => {
      osOf(x).ubr = 2113;
      azureCertsOf(x).certificates = [azureIntermediate('CA', 'Microsoft Azure RSA TLS Issuing CA 04', '2026-06-27T23:59:59.000Z')];
    });
    const result = azureAttestationCertificateMissing.evaluate(buildContext(s, null));
    expect(result).toMatchObject({ status: 'finding', finding: { title: 'The intermediate certificate Microsoft Azure RSA TLS Issuing CA 04 has expired', guidance: expect.arrayContaining([expect.stringMatching(/KB5036909/)]) } });
  });

  it('a missing intermediate is named as missing; the certificate store unread means unknown', () => {
    const missing = azureEdition((x) => (azureCertsOf(x).certificates = []));
    expect(azureAttestationCertificateMissing.evaluate(buildContext(missing, null))).toMatchObject({ status: 'finding', finding: { title: 'The intermediate certificate Microsoft Azure RSA TLS Issuing CA 04 is missing' } });
    const unread = azureEdition((x) => (x.windows.azureCertificates = unavailable('failed', 'Access to the certificate store is denied.')));
    expect(azureAttestationCertificateMissing.evaluate(buildContext(unread, null))).toMatchObject({ status: 'unknown', missing: ['windows.azureCertificates'] });
  });
});

describe('install-esu-key reads the ESU licences of the check it was chosen from', () => {
  const state = (edit: (s: Snapshot) => void) => {
    const s = windows10(edit);
    return { ...defaultState(), os: osOf(s), snapshot: s };
  };

  it('refuses a key that is installed for another year, saying which', () => {
    const st = state((x) => (esuOf(x).licences[0] = { ...esuOf(x).licences[0]!, partialProductKey: '4C6R8', licenseStatus: 1 }));
    expect(installEsuKey.precondition(st, { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-4C6R8', year: '2' })).toMatchObject({ code: 'not-applicable', message: expect.stringMatching(/already installed for ESU Year 1, not Year 2/) });
    expect(installEsuKey.precondition(st, { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-4C6R8', year: '1' })).toMatchObject({ message: expect.stringMatching(/already activated.*another MAK activation/) });
  });

  it('activating only needs a key already installed for that year', () => {
    const st = state(() => {});
    expect(installEsuKey.precondition(st, { year: '2' })).toMatchObject({ message: expect.stringMatching(/No ESU key is installed for ESU Year 2/) });
    const keyed = state((x) => (esuOf(x).licences[1] = { ...esuOf(x).licences[1]!, partialProductKey: 'HQ7RT', licenseStatus: 0 }));
    expect(installEsuKey.precondition(keyed, { year: '2' })).toBeNull();
  });
});
