/**
 * One owner per concept: which Windows product is the product, which KMS host is configured,
 * discovered or in use, and which DNS domains are the organisation's. Each owner's edge cases,
 * then proof that the probes, diagnosis, fixes, summary and contact policy all agree with it.
 */
import { describe, expect, it } from 'vitest';
import { productFactPath, selectWindowsProduct } from '../../../shared/windows-product';
import { configuredKmsHost, discoveredKmsHost, kmsHostInUse, kmsHostText } from '../../../shared/kms-host-settings';
import { organisationDomains } from '../../../shared/org-domains';
import { classifyKmsHost } from '../../../shared/kms-target';
import { srvDomainCandidates, MAX_SRV_DOMAINS } from '../../../main/probes/network/srv';
import { describeLicensing } from '../../../main/probes/outcomes';
import { diagnose } from '../../../shared/diagnosis/engine';
import { buildContext } from '../../../shared/diagnosis/context';
import { productStrip } from '../../../shared/summary';
import { renderLicensingSection } from '../../../shared/report/sections/licensing';
import { windowsProduct } from '../../../main/fixes/common';
import { factChanges } from '../../../main/fixes/fact-changes';
import type { FixState } from '../../../main/fixes/types';
import type { LicensingFacts, SrvLookup, WindowsProduct } from '../../../shared/snapshot';
import { baseProduct, baseService, netOf, scenario, srvFound } from '../../support/snapshot-builder';
import { network } from '../probes/network/facts';

const row = (overrides: Partial<WindowsProduct>): WindowsProduct => ({ ...baseProduct(), ...overrides });
/** An ESU add-on: keyed, licensed, LicenseIsAddon = true (it must never be "the product"). */
const esu = (overrides: Partial<WindowsProduct> = {}) =>
  row({ name: 'Windows(R), Server-ESU-Year1 add-on for ServerStandard', description: 'Windows(R) Operating System, VOLUME_MAK channel', isAddon: true, partialProductKey: 'ESU11', licenseStatus: 1, discoveredKmsMachineName: null, ...overrides });
/** A row left over from an edition change: keyed, Unlicensed. */
const leftover = (overrides: Partial<WindowsProduct> = {}) =>
  row({ name: 'Windows(R), ServerStandardEval edition', description: 'Windows(R) Operating System, TIMEBASED_EVAL channel', partialProductKey: 'EVAL1', licenseStatus: 0, licenseStatusReason: 0xc004f014, discoveredKmsMachineName: null, ...overrides });
const active = (overrides: Partial<WindowsProduct> = {}) => row({ licenseStatus: 5, licenseStatusReason: 0xc004f034, discoveredKmsMachineName: null, ...overrides });
const licensingOf = (products: WindowsProduct[], service: Partial<LicensingFacts['service']> = {}): LicensingFacts => ({ products, service: { ...baseService(), ...service } });

describe('selectWindowsProduct: the product activation is about', () => {
  it('is nothing when no row has been read', () => {
    expect(selectWindowsProduct([])).toBeNull();
  });

  it('is nothing when only add-ons carry a key (an ESU licence is not the edition)', () => {
    expect(selectWindowsProduct([esu()])).toBeNull();
    expect(describeLicensing(licensingOf([esu()]))).toEqual({ outcome: 'problem', summary: 'no Windows edition key is installed (only add-on licences)' });
  });

  it('skips an add-on listed first, even a licensed one, and names the real row index', () => {
    const picked = selectWindowsProduct([esu(), active()]);
    expect(picked?.index).toBe(1);
    expect(picked?.product.partialProductKey).toBe('J464C');
    expect(productFactPath(picked, 'licenseStatus')).toBe('windows.licensing.products[1].licenseStatus');
    expect(productFactPath(null, 'licenseStatus')).toBe('windows.licensing.products');
  });

  it('prefers the edition in use over an Unlicensed leftover listed first, activated or not', () => {
    expect(selectWindowsProduct([leftover(), active()])?.index).toBe(1); // Notification beats Unlicensed
    expect(selectWindowsProduct([leftover(), active({ licenseStatus: 2 })])?.index).toBe(1); // grace
    expect(selectWindowsProduct([leftover(), active({ licenseStatus: 1 })])?.index).toBe(1);
    expect(selectWindowsProduct([esu(), leftover(), active()])?.index).toBe(2);
  });

  it('prefers a Licensed row, and otherwise keeps WMI order among equals (as slmgr does)', () => {
    expect(selectWindowsProduct([active({ partialProductKey: 'AAAAA' }), active({ partialProductKey: 'BBBBB', licenseStatus: 1 })])?.product.partialProductKey).toBe('BBBBB');
    expect(selectWindowsProduct([active({ partialProductKey: 'AAAAA' }), active({ partialProductKey: 'BBBBB', licenseStatus: 2 })])?.product.partialProductKey).toBe('AAAAA');
    expect(selectWindowsProduct([leftover({ partialProductKey: 'AAAAA' }), leftover({ partialProductKey: 'BBBBB' })])?.index).toBe(0);
  });

  it('prefers a keyed row over a keyless one (older snapshots may carry keyless rows)', () => {
    expect(selectWindowsProduct([row({ partialProductKey: null, licenseStatus: 1 }), active()])?.index).toBe(1);
    expect(selectWindowsProduct([row({ partialProductKey: null, licenseStatus: 0 })])?.index).toBe(0);
  });

  it('never reads the localised Name or Description: a German Windows is picked the same way', () => {
    const german = [esu({ name: 'Windows(R), Erweiterte Sicherheitsupdates', description: 'Windows(R)-Betriebssystem, VOLUME_MAK-Kanal' }), leftover({ name: 'Windows(R), Testversion' }), active({ name: 'Windows(R), ServerStandard-Edition', description: 'Windows(R)-Betriebssystem, VOLUME_KMSCLIENT-Kanal' })];
    expect(selectWindowsProduct(german)?.index).toBe(2);
  });

  it('takes an evaluation edition as the product like any other edition (TIMEBASED_EVAL is its channel)', () => {
    const evaluation = row({ description: 'Windows(R) Operating System, TIMEBASED_EVAL channel', licenseStatus: 1, evaluationEndDate: '2027-01-01T00:00:00.000Z' });
    expect(selectWindowsProduct([esu(), evaluation])?.product).toBe(evaluation);
  });
});

describe('configured, discovered and in-use KMS host', () => {
  it('nothing is configured, discovered or in use without licensing facts or settings', () => {
    expect(configuredKmsHost(null)).toBeNull();
    expect(kmsHostInUse(undefined)).toBeNull();
    const bare = licensingOf([active()]);
    expect(configuredKmsHost(bare)).toBeNull();
    expect(discoveredKmsHost(bare)).toBeNull();
    expect(kmsHostInUse(bare)).toBeNull();
  });

  it('a product-level setting (slmgr /skms host ActID) wins over the machine-wide one', () => {
    const l = licensingOf([esu(), active({ kmsMachine: 'kms-product.corp.example', kmsPort: 1700 })], { kmsMachine: 'kms-service.corp.example', kmsPort: 1689 });
    expect(configuredKmsHost(l)).toEqual({ host: 'kms-product.corp.example', port: 1700, portSet: 1700, level: 'product', fact: 'windows.licensing.products[1].kmsMachine' });
  });

  it('the machine-wide setting applies when the product has none; each of name and port falls back on its own', () => {
    const l = licensingOf([active()], { kmsMachine: 'kms-service.corp.example', kmsPort: null });
    expect(configuredKmsHost(l)).toEqual({ host: 'kms-service.corp.example', port: 1688, portSet: null, level: 'service', fact: 'windows.licensing.service.kmsMachine' });
    // slmgr /skms :1700 ActID sets only a port on the product: it goes with the machine-wide name.
    const portOnly = licensingOf([active({ kmsPort: 1700 })], { kmsMachine: 'kms-service.corp.example' });
    expect(configuredKmsHost(portOnly)).toMatchObject({ host: 'kms-service.corp.example', port: 1700, portSet: 1700 });
    // A port with no name configures nothing.
    expect(configuredKmsHost(licensingOf([active({ kmsPort: 1700 })]))).toBeNull();
  });

  it("an add-on's own KMS setting is not the configured KMS host of Windows", () => {
    const l = licensingOf([esu({ kmsMachine: 'kms.elsewhere.example' }), active()]);
    expect(configuredKmsHost(l)).toBeNull();
  });

  it('the discovered host is the product’s DNS find, 1688 when no port was recorded', () => {
    const l = licensingOf([esu({ discoveredKmsMachineName: 'other.example' }), active({ discoveredKmsMachineName: 'kms1.corp.example', discoveredKmsPort: null })]);
    expect(discoveredKmsHost(l)).toEqual({ host: 'kms1.corp.example', port: 1688, fact: 'windows.licensing.products[1].discoveredKmsMachineName' });
  });

  it('in use: the configured host while one is set (discovery is off), else the discovered one', () => {
    const both = licensingOf([active({ discoveredKmsMachineName: 'kms1.corp.example', discoveredKmsPort: 1688 })], { kmsMachine: '10.0.0.9' });
    expect(kmsHostInUse(both)).toMatchObject({ host: '10.0.0.9', port: 1688, source: 'configured', level: 'service' });
    const discoveredOnly = licensingOf([active({ discoveredKmsMachineName: 'kms1.corp.example', discoveredKmsPort: 1690 })]);
    expect(kmsHostInUse(discoveredOnly)).toMatchObject({ host: 'kms1.corp.example', port: 1690, source: 'discovered' });
  });

  it('writes host:port as slmgr /skms takes it, IPv6 in brackets', () => {
    expect(kmsHostText('kms1.corp.example', 1688)).toBe('kms1.corp.example:1688');
    expect(kmsHostText('fd00::5', 1688)).toBe('[fd00::5]:1688');
    expect(kmsHostText('[fd00::5]', 1700)).toBe('[fd00::5]:1700');
  });
});

describe("organisationDomains: the organisation's DNS domains", () => {
  it('takes every source, most specific first, merging duplicates and keeping their sources', () => {
    const licensing = licensingOf([active({ kmsLookupDomain: 'KMS.Corp.Example.' })], { kmsLookupDomain: 'kms.corp.example' });
    expect(organisationDomains({ option: 'Extra.Test', licensing, networkConfig: network() })).toEqual([
      { domain: 'extra.test', sources: ['option'] },
      { domain: 'kms.corp.example', sources: ['lookup-domain'] },
      { domain: 'corp.example', sources: ['primary-suffix', 'ad-domain', 'search-list'] },
      { domain: 'dhcp.example', sources: ['connection-suffix'] },
      { domain: 'branch.corp.example', sources: ['search-list'] },
    ]);
  });

  it('a workgroup name is not a DNS domain; junk and addresses are left out', () => {
    expect(organisationDomains({ networkConfig: network({ partOfDomain: false, domain: 'WORKGROUP', workgroup: 'WORKGROUP', primaryDnsSuffix: null, dnsSuffixSearchList: [], connectionDnsSuffixes: [] }) })).toEqual([]);
    expect(organisationDomains({ networkConfig: network({ domain: null, primaryDnsSuffix: 'bad domain', dnsSuffixSearchList: ['10.0.0.1', '$(calc)'], connectionDnsSuffixes: ['-x.example', 'ok.example'] }) }).map((d) => d.domain)).toEqual(['ok.example']);
  });

  it("counts a snapshot's SRV lookups that found records, not those that found nothing", () => {
    const lookups: SrvLookup[] = [srvFound('site.corp.example', [{ target: 'kms1.corp.example', addresses: ['10.0.0.5'] }]), { ...srvFound('empty.example', []), result: 'not-found' }];
    expect(organisationDomains({ srvLookups: lookups }).map((d) => d.domain)).toEqual(['site.corp.example']);
  });

  it('is not capped; the SRV candidate list is its first 32', () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    const net = network({ dnsSuffixSearchList: many, connectionDnsSuffixes: [] });
    const all = organisationDomains({ networkConfig: net });
    expect(all.length).toBeGreaterThan(MAX_SRV_DOMAINS);
    expect(srvDomainCandidates({ networkConfig: net })).toEqual(all.slice(0, MAX_SRV_DOMAINS));
    // A domain beyond the lookup limit still belongs to the organisation for the contact policy.
    expect(classifyKmsHost('kms.d39.example', all.map((d) => d.domain))).toBe('organisation');
  });

  it('a single-label AD domain is the organisation’s, for the diagnosis as for the probes', () => {
    const s = scenario((x) => {
      Object.assign(netOf(x), { domain: 'corp', primaryDnsSuffix: 'corp', dnsSuffixSearchList: ['corp'] });
      (x.windows.licensing as { value: LicensingFacts }).value.service.kmsMachine = 'kms01.corp';
      x.network.srv = { status: 'ok', value: [], durationMs: 1 };
    });
    expect(buildContext(s, null).orgDomains).toEqual(['corp']);
    expect(diagnose(s).findings.map((f) => f.id)).not.toContain('third-party-kms-host');
    expect(classifyKmsHost('kms01.corp', organisationDomains({ networkConfig: netOf(s) }).map((d) => d.domain))).toBe('organisation');
  });

  it('the diagnosis and the contact policy judge a host against the same domains', () => {
    const s = scenario((x) => {
      netOf(x).connectionDnsSuffixes = ['branch.example'];
    });
    const ctx = buildContext(s, null);
    const owned = organisationDomains({ option: s.options.domain, networkConfig: netOf(s), srvLookups: s.network.srv.status === 'ok' ? s.network.srv.value : [] }).map((d) => d.domain);
    expect(ctx.orgDomains).toEqual(owned);
    expect(classifyKmsHost('kms.branch.example', ctx.orgDomains)).toBe('organisation');
    expect(classifyKmsHost('kms.elsewhere.example', ctx.orgDomains)).toBe('outside');
  });
});

describe('every consumer uses the same product and KMS host', () => {
  /** An ESU add-on first, a leftover second, the edition in use (licensed, a third-party host set machine-wide) third. */
  const mixed = () =>
    scenario((s) => {
      const value = (s.windows.licensing as { value: LicensingFacts }).value;
      value.products = [esu(), leftover(), active({ partialProductKey: 'WX7PQ', licenseStatus: 1, licenseStatusReason: 0 })];
      value.service.kmsMachine = 'kms.thirdparty.example';
    });

  it('diagnosis, summary strip, report, probe line and fixes pick products[2], and evidence names products[2]', () => {
    const s = mixed();
    const d = diagnose(s);
    expect(d.product?.partialProductKey).toBe('WX7PQ');
    expect(d.product?.kmsTarget).toBe('kms.thirdparty.example:1688 (configured)');
    expect(productStrip(s, d).partialKey).toBe('WX7PQ');
    expect(productStrip(s, d).configuredKmsHost).toBe('kms.thirdparty.example:1688');
    expect(describeLicensing((s.windows.licensing as { value: LicensingFacts }).value).summary).toMatch(/^Licensed: /);
    expect(renderLicensingSection(s).markup.match(/Product \d+: [^<]*\(the product this report diagnoses\)/g)).toEqual(['Product 3: Windows(R), ServerStandard edition (the product this report diagnoses)']);
    const state: FixState = { elevated: true, os: null, services: null, snapshot: s, licensing: (s.windows.licensing as { value: LicensingFacts }).value };
    expect(windowsProduct(state)?.partialProductKey).toBe('WX7PQ');

    const facts = d.findings.flatMap((f) => f.evidence.map((e) => e.fact));
    expect(d.findings.find((f) => f.id === 'activated')?.evidence.map((e) => e.fact)).toEqual(['licenseStatus', 'partialProductKey', 'description'].map((field) => `windows.licensing.products[2].${field}`));
    expect(facts.filter((f) => /^windows\.licensing\.products\[[01]\]/.test(f))).toEqual([]);
    // The third-party host is set machine-wide: its evidence points at the service, not at a product.
    const thirdParty = d.findings.find((f) => f.id === 'third-party-kms-host');
    expect(thirdParty?.evidence[0]?.fact).toBe('windows.licensing.service.kmsMachine');
  });

  it("a fix's before/after shows a host set machine-wide (slmgr /skms without ActID), and the host in use", () => {
    const before = scenario(() => {});
    const after = scenario((x) => {
      (x.windows.licensing as { value: LicensingFacts }).value.service.kmsMachine = 'kms2.corp.example';
    });
    expect(factChanges(before, after)).toEqual([
      { label: 'KMS host set', before: 'none (DNS discovery)', after: 'kms2.corp.example' },
      { label: 'KMS host in use', before: 'kms1.corp.example:1688', after: 'kms2.corp.example:1688' },
    ]);
  });
});
