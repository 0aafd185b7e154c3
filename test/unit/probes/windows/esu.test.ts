import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esuCollector } from '../../../../main/probes/windows/esu';
import { ESU_ACTIVATION_IDS } from '../../../../shared/knowledge/esu';
import { EsuFactsSchema } from '../../../../shared/snapshot';
import { parseEdited, parseFixture } from './parse';

type Products = Array<Record<string, unknown>>;
const products = (json: Record<string, unknown>) => json.products as Products;

describe('parseEsu', () => {
  it('reads the three ESU licences of a Windows 10 22H2 device with Year 1 activated', () => {
    const esu = parseFixture(esuCollector, 'win10-22h2-esu');
    expect(EsuFactsSchema.parse(esu)).toEqual(esu);
    expect(esu.licences.map((l) => [l.year, l.partialProductKey, l.licenseStatus])).toEqual([
      [1, '4C6R8', 1],
      [2, null, 0],
      [3, null, 0],
    ]);
    expect(esu.licences[0]).toMatchObject({
      activationId: 'f520e45e-7413-4a34-a497-d2765967d094',
      applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
      productKeyChannel: 'Volume:MAK',
      licenseStatusReason: 0,
      // Licensed with 0 minutes left means "no end", not "ends now".
      gracePeriodRemainingMinutes: null,
      isAddon: true,
    });
    // The signed HRESULT WMI gives becomes the unsigned code (0xC004F014: no product key).
    expect(esu.licences[1]?.licenseStatusReason).toBe(0xc004f014);
  });

  it('derives the year from the activation ID, in any case and any order, and drops anything else', () => {
    const esu = parseEdited(esuCollector, 'win10-22h2-esu', (json) => {
      const list = products(json);
      list.reverse();
      list[0]!.ID = String(list[0]!.ID).toUpperCase();
      list.push({ ...list[1], ID: 'bd3762d7-270d-4760-8fb3-d829ca45278a' });
    });
    expect(esu.licences.map((l) => [l.year, l.activationId])).toEqual([
      [1, 'f520e45e-7413-4a34-a497-d2765967d094'],
      [2, '1043add5-23b1-4afb-9a0f-64343c8f3f8d'],
      [3, '83d49986-add3-41d7-ba33-87c7bfb5c0fb'],
    ]);
  });

  it('reads one licence written as a single object (5.1 unrolls one-element arrays) and none at all', () => {
    const one = parseEdited(esuCollector, 'win10-22h2-esu', (json) => (json.products = products(json)[0]));
    expect(one.licences.map((l) => l.year)).toEqual([1]);
    expect(parseEdited(esuCollector, 'win10-22h2-esu', (json) => (json.products = null)).licences).toEqual([]);
  });

  it('keeps a malformed partial key out, and an empty LicenseIsAddon as unknown', () => {
    const esu = parseEdited(esuCollector, 'win10-22h2-esu', (json) => {
      products(json)[0]!.PartialProductKey = 'ABCD-';
      products(json)[0]!.LicenseIsAddon = null;
    });
    expect(esu.licences[0]).toMatchObject({ partialProductKey: null, isAddon: null });
  });

  it('rejects a licence status Windows never reports', () => {
    expect(() => parseEdited(esuCollector, 'win10-22h2-esu', (json) => (products(json)[0]!.LicenseStatus = 9))).toThrow();
  });

  it('esu.ps1 asks for exactly the activation IDs of the knowledge table', () => {
    const script = readFileSync(resolve(__dirname, '../../../../main/probes/windows/esu.ps1'), 'utf8');
    const ids = [...script.matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g)].map((m) => m[1]);
    expect(ids).toEqual([...ESU_ACTIVATION_IDS]);
  });

  it("fix-licensing.ps1 never takes an ESU licence for Windows' own by exactly the same IDs", () => {
    const script = readFileSync(resolve(__dirname, '../../../../main/fixes/windows/fix-licensing.ps1'), 'utf8');
    const line = /^\$EsuActivationIds = @\((.*)\)$/m.exec(script)?.[1] ?? '';
    expect([...line.matchAll(/'([0-9a-f-]{36})'/g)].map((m) => m[1])).toEqual([...ESU_ACTIVATION_IDS]);
  });
});
