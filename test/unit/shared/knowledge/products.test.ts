import { describe, expect, it } from 'vitest';
import { GVLK_RECORDS, PRODUCT_IDS, PRODUCTS, productForBuild, productForOs } from '../../../../shared/knowledge';

describe('products', () => {
  it('labels every product id', () => {
    for (const id of PRODUCT_IDS) expect(PRODUCTS[id].label.length).toBeGreaterThan(3);
  });

  it('maps builds to products', () => {
    expect(productForBuild(26100, true)).toBe('server-2025');
    expect(productForBuild(20348, true)).toBe('server-2022');
    expect(productForBuild(17763, true)).toBe('server-2019');
    expect(productForBuild(19042, true)).toBe('server-sac');
    expect(productForBuild(7601, true)).toBe('server-2008r2');
    expect(productForBuild(6003, true)).toBe('server-2008');
    expect(productForBuild(22631, false)).toBe('win11');
    expect(productForBuild(19045, false)).toBe('win10');
    expect(productForBuild(9600, false)).toBe('win81');
    expect(productForBuild(12345, true)).toBeNull();
  });

  it('uses the EditionID for LTSC/LTSB and Semi-Annual Channel', () => {
    expect(productForOs({ build: 26100, editionId: 'EnterpriseS', server: false })).toBe('win11-ltsc-2024');
    expect(productForOs({ build: 19044, editionId: 'IoTEnterpriseS', server: false })).toBe('win10-ltsc');
    expect(productForOs({ build: 14393, editionId: 'EnterpriseSN', server: false })).toBe('win10-ltsb-2016');
    expect(productForOs({ build: 19045, editionId: 'Enterprise', server: false })).toBe('win10');
    expect(productForOs({ build: 17763, editionId: 'ServerDatacenterACor', server: true })).toBe('server-sac');
    expect(productForOs({ build: 17763, editionId: 'ServerDatacenter', server: true })).toBe('server-2019');
  });

  it('agrees with the build ranges of the GVLK table', () => {
    for (const r of GVLK_RECORDS) {
      if (r.editionIds.length === 0) continue;
      const server = r.family === 'windows-server';
      for (const build of [r.builds.min, r.builds.max ?? r.builds.min + 5000]) {
        expect(productForOs({ build, editionId: r.editionIds[0] ?? '', server }), r.publishedAs).toBe(r.productId);
      }
    }
  });
});
