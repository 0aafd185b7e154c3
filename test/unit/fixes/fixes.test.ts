import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIX_IDS } from '../../../shared/ids';
import { FIXES } from '../../../main/fixes/registry';
import { PREFILLABLE_INPUTS } from '../../../shared/inputs';
import type { KmsFirewallRule } from '../../../shared/snapshot';
import { createHarness, defaultState, type Harness } from './harness';
import { healthySnapshot, notActivated, officeKmsClient, product, scenario, service, servicesOf } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';

const signed = (code: number) => (code | 0);
const failure = (code: number, message = 'Die Aktivierung ist fehlgeschlagen.') => ({ error: { kind: 'failed', message, hresult: signed(code), errorId: 'HRESULT 0x' + code.toString(16), category: 'NotSpecified' } });

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

function open(options: Parameters<typeof createHarness>[0] = {}): Harness {
  harness = createHarness(options);
  return harness;
}

const activatedState = () => {
  const state = defaultState();
  state.licensing!.products[0]!.licenseStatus = 1;
  return state;
};

describe('the fix registry', () => {
  it('has exactly one module per fix id', () => {
    expect(FIXES.map((f) => f.id).sort()).toEqual([...FIX_IDS].sort());
  });
  it('every fix declares what it changes, its verification probes and addressed findings', () => {
    for (const fix of FIXES) {
      expect(fix.summary.length, fix.id).toBeGreaterThan(20);
      expect(fix.verify.length, fix.id).toBeGreaterThan(0);
      expect(fix.addresses.length, fix.id).toBeGreaterThan(0);
    }
  });
});

describe('sync-time', () => {
  it('previews the resync and starts W32Time first when it is stopped', async () => {
    const h = open({ state: () => ({ ...defaultState(), services: { ...defaultState().services!, w32time: { name: 'W32Time', exists: true, status: 'stopped', startType: 'manual' } } }) });
    const preview = await h.engine.preview('sync-time', {});
    expect(preview).toMatchObject({ commands: ['net start w32time', 'w32tm /resync /rediscover'], refusal: null });
    expect(h.invocations()).toEqual([]);
  });

  it('runs the resync as data and reports the problem gone after the re-check', async () => {
    const before = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h')!.snapshot;
    const h = open({ scenario: { 'fix-time:resync': [{ ok: true, action: 'resync', exitCode: 0 }] }, recheck: () => healthySnapshot() });
    const outcome = await h.engine.run('sync-time', {}, { confirmed: true, snapshot: before });
    expect(outcome.status).toBe('succeeded');
    expect(h.invocations().map((i) => i.key)).toEqual(['fix-time:resync']);
    if (outcome.status === 'succeeded') {
      expect(outcome.verification.problemGone).toBe(true);
      expect(outcome.verification.changes).toContainEqual({ label: 'Licence status', before: 'OOBGrace', after: 'Licensed' });
    }
  });

  it('refuses without administrator rights and changes nothing', async () => {
    const h = open({ state: () => ({ ...defaultState(), elevated: false }) });
    const outcome = await h.engine.run('sync-time', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'not-elevated', overridable: false } });
    expect(h.invocations()).toEqual([]);
    expect(h.audit.read()).toEqual([]);
  });

  it('does nothing without confirmation', async () => {
    const h = open();
    const outcome = await h.engine.run('sync-time', {}, { confirmed: false });
    expect(outcome.status).toBe('not-confirmed');
    expect(h.invocations()).toEqual([]);
  });
});

describe('sync-time-from-kms-host', () => {
  it('records the time settings, syncs from the host, activates and restores them even when activation fails', async () => {
    const h = open({
      scenario: {
        'fix-time:read-config': [{ ok: true, action: 'read-config', config: { type: 'NT5DS', ntpServer: 'time.windows.com,0x9' } }],
        'fix-time:use-peer': [{ ok: true, exitCode: 0 }],
        'fix-licensing:activate': [failure(0xc004f038)],
        'fix-time:restore-config': [{ ok: true, exitCode: 0 }],
      },
    });
    const outcome = await h.engine.run('sync-time-from-kms-host', { host: 'KMS1.corp.example' }, { confirmed: true });
    expect(h.invocations().map((i) => [i.key, i.params])).toEqual([
      ['fix-time:read-config', { action: 'read-config' }],
      ['fix-time:use-peer', { action: 'use-peer', peer: 'kms1.corp.example' }],
      ['fix-licensing:activate', { operation: 'activate' }],
      ['fix-time:restore-config', { action: 'restore-config', type: 'NT5DS', ntpServer: 'time.windows.com,0x9' }],
    ]);
    expect(outcome).toMatchObject({ status: 'failed', code: '0xC004F038' });
  });

  it('rejects a host that is not a host name or address, naming the input', async () => {
    const h = open();
    expect(await h.engine.run('sync-time-from-kms-host', { host: 'kms1 & calc' }, { confirmed: true })).toMatchObject({ status: 'invalid-input', input: 'host', message: expect.stringContaining('--host') });
    expect(await h.engine.run('sync-time-from-kms-host', {}, { confirmed: true })).toMatchObject({ status: 'invalid-input', message: expect.stringContaining('--host is required') });
    expect(h.invocations()).toEqual([]);
  });
});

describe('start-sppsvc and restart-sppsvc-host', () => {
  it('sets a disabled sppsvc back to delayed start, then starts it', async () => {
    const state = defaultState();
    state.services!.sppsvc.startType = 'disabled';
    const h = open({ state: () => state });
    const preview = await h.engine.preview('start-sppsvc', {});
    expect(preview).toMatchObject({ commands: ['sc.exe config sppsvc start= delayed-auto', 'net start sppsvc'] });
    await h.engine.run('start-sppsvc', {}, { confirmed: true });
    expect(h.invocations()).toEqual([expect.objectContaining({ script: 'fix-service', params: { service: 'sppsvc', action: 'start' } })]);
  });

  it('refuses to restart the KMS service on a computer that is not a KMS host', async () => {
    const h = open();
    expect(await h.engine.run('restart-sppsvc-host', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
    const host = defaultState();
    host.licensing!.service.isKmsHost = true;
    const h2 = open({ state: () => host });
    expect(await h2.engine.run('restart-sppsvc-host', {}, { confirmed: true })).toMatchObject({ status: 'succeeded' });
    expect(h2.invocations()[0]).toMatchObject({ params: { service: 'sppsvc', action: 'restart' } });
  });
});

describe('install-gvlk', () => {
  it("picks Microsoft's key for the detected edition and shows the exact command", async () => {
    const h = open();
    const preview = await h.engine.preview('install-gvlk', {});
    expect(preview).toMatchObject({ commands: ['cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk N69G4-B89J2-4G8F4-WWYCC-J464C'], refusal: null });
    const outcome = await h.engine.run('install-gvlk', {}, { confirmed: true });
    expect(outcome.status).toBe('succeeded');
    expect(h.invocations()[0]).toMatchObject({ params: { operation: 'install-product-key', key: 'N69G4-B89J2-4G8F4-WWYCC-J464C' } });
  });

  it('refuses to replace a working activation unless explicitly overridden', async () => {
    const state = activatedState();
    state.licensing!.products[0]!.description = 'Windows(R) Operating System, VOLUME_MAK channel';
    const h = open({ state: () => state });
    const refused = await h.engine.run('install-gvlk', {}, { confirmed: true });
    expect(refused).toMatchObject({ status: 'refused', refusal: { code: 'would-replace-working-activation', overridable: true, message: expect.stringContaining('activated with a MAK') } });
    expect(h.invocations()).toEqual([]);
    const forced = await h.engine.run('install-gvlk', {}, { confirmed: true, override: true });
    expect(forced.status).toBe('succeeded');
    expect(h.audit.read()[0]).toMatchObject({ event: 'before', override: true });
  });

  it('gives no key for a Home edition and says why', async () => {
    const state = defaultState();
    state.os = { ...state.os!, editionId: 'Core', caption: 'Microsoft Windows 11 Home', build: 22631, installationType: 'Client', productType: 1 };
    const h = open({ state: () => state });
    expect(await h.engine.run('install-gvlk', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'no-client-key', message: expect.stringContaining('Home') } });
  });
});

describe('set-kms-host, clear-kms-host, set-kms-lookup-domain', () => {
  it.each([
    ['KMS2.Corp.Example:1700', { host: 'kms2.corp.example', port: 1700 }, '/skms kms2.corp.example:1700'],
    ['kms2.corp.example', { host: 'kms2.corp.example', port: null }, '/skms kms2.corp.example'],
    ['10.20.0.6', { host: '10.20.0.6', port: null }, '/skms 10.20.0.6'],
    ['[2001:DB8::5]:1688', { host: '2001:db8::5', port: 1688 }, '/skms [2001:db8::5]:1688'],
  ])('sets %s as data', async (input, params, command) => {
    const h = open();
    const preview = await h.engine.preview('set-kms-host', { host: input });
    expect(preview).toMatchObject({ commands: [expect.stringContaining(command)] });
    await h.engine.run('set-kms-host', { host: input }, { confirmed: true });
    expect(h.invocations()[0]!.params).toEqual({ operation: 'set-kms-machine', ...params });
  });

  it('clears a machine-wide host back to DNS discovery and sets a lookup domain', async () => {
    const h = open({ state: () => withHostSetByHand('service') });
    expect(await h.engine.preview('clear-kms-host', {})).toMatchObject({ commands: [expect.stringMatching(/slmgr\.vbs \/ckms$/)] });
    await h.engine.run('clear-kms-host', {}, { confirmed: true });
    await h.engine.run('set-kms-lookup-domain', { domain: 'Branch.Corp.Example' }, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'clear-kms-machine' }, { operation: 'set-kms-lookup-domain', domain: 'branch.corp.example' }]);
  });

  it('clears a host set on the Windows licence itself (slmgr /ckms ActID), which wins over the machine-wide one', async () => {
    const state = withHostSetByHand('product');
    const actId = state.licensing!.products[0]!.activationId;
    const h = open({ state: () => state });
    expect(await h.engine.preview('clear-kms-host', {})).toMatchObject({ commands: [expect.stringMatching(new RegExp(`/ckms ${actId}$`))] });
    await h.engine.run('clear-kms-host', {}, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'clear-kms-machine', activationId: actId }]);
  });

  it('clears both levels when a host is set on the licence and machine-wide', async () => {
    const state = withHostSetByHand('both');
    const actId = state.licensing!.products[0]!.activationId;
    const h = open({ state: () => state });
    await h.engine.run('clear-kms-host', {}, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'clear-kms-machine', activationId: actId }, { operation: 'clear-kms-machine' }]);
  });

  it('sets the new host on the Windows licence where the old one was set there, or Windows would keep the old one', async () => {
    const state = withHostSetByHand('product');
    const actId = state.licensing!.products[0]!.activationId;
    const h = open({ state: () => state });
    expect(await h.engine.preview('set-kms-host', { host: 'kms2.corp.example' })).toMatchObject({ commands: [expect.stringContaining(`/skms kms2.corp.example ${actId}`)] });
    await h.engine.run('set-kms-host', { host: 'kms2.corp.example' }, { confirmed: true });
    expect(h.invocations()[0]!.params).toEqual({ operation: 'set-kms-machine', host: 'kms2.corp.example', port: null, activationId: actId });
  });
});

function withHostSetByHand(level: 'product' | 'service' | 'both') {
  const state = defaultState();
  if (level !== 'service') state.licensing!.products[0]!.kmsMachine = 'kms-old.corp.example';
  if (level !== 'product') state.licensing!.service.kmsMachine = 'kms-old.corp.example';
  return state;
}

describe('the grammar a diagnosis prefills with', () => {
  it("is each fix's own: every non-secret input is listed with its kind, and nothing else", () => {
    for (const fix of FIXES) {
      const own = Object.fromEntries(fix.inputs.filter((i) => !i.secret).map((i) => [i.name, i.kind]));
      expect(PREFILLABLE_INPUTS[fix.id] ?? {}, fix.id).toEqual(own);
    }
  });
});

describe('no fix that changes nothing', () => {
  it('refuses to clear a KMS host when none is set by hand', async () => {
    const h = open();
    const outcome = await h.engine.run('clear-kms-host', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable', message: expect.stringContaining('nothing to clear') } });
    expect(h.invocations()).toEqual([]);
  });
});

describe('the key fixes know the keys Microsoft publishes', () => {
  it.each([
    ['install-key-and-activate', 'N69G4-B89J2-4G8F4-WWYCC-J464C', /published KMS client setup key \(GVLK\) for Windows Server 2019 Standard.*never online/],
    ['install-key-and-activate', 'w269n-wfgwx-yvc9b-4j6c9-t83gx', /published KMS client setup key \(GVLK\) for Windows 1[01]/],
    ['install-key-and-activate', 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J', /published AVMA key for Windows Server.*Datacenter/],
    ['install-key-and-activate', 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', /placeholder from an example/],
    ['install-kms-host-key', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33', /published KMS client setup key \(GVLK\) for Windows Server 2022 Datacenter, not a KMS host key/],
    ['install-kms-host-key', 'YQB4H-NKHHJ-Q6K4R-4VMY6-VCH67', /AVMA key for Windows Server 2025 Datacenter.*cannot make a KMS host/],
    ['install-kms-host-key', 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', /placeholder/],
  ])('%s refuses %s, saying what the key is, and runs nothing', async (fixId, key, message) => {
    const h = open();
    const outcome = await h.engine.run(fixId as 'install-kms-host-key', { key }, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'invalid-input', input: 'key' });
    expect(JSON.stringify(outcome)).toMatch(message);
    // The refusal names the key by its last five characters only.
    expect(JSON.stringify(outcome)).not.toContain(key.toUpperCase());
    expect(h.invocations()).toEqual([]);
  });
});

describe('activate', () => {
  it('retries with growing waits while the KMS host does not answer, then succeeds', async () => {
    const h = open({ scenario: { 'fix-licensing:activate': [failure(0xc004f074), failure(0x800705b4), { ok: true, operation: 'activate', data: {} }] } });
    const outcome = await h.engine.run('activate', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'succeeded', steps: [{ ok: true, attempts: 3 }] });
    expect(h.sleeps).toEqual([5000, 10000]);
  });

  it('stops at once on a definitive error and explains it', async () => {
    const h = open({ scenario: { 'fix-licensing:activate': [failure(0xc004f050)] } });
    const outcome = await h.engine.run('activate', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'failed', code: '0xC004F050', steps: [{ attempts: 1 }] });
    if (outcome.status === 'failed') expect(outcome.message).toMatch(/0xC004F050.*key/i);
    expect(h.sleeps).toEqual([]);
  });

  it('gives up after six attempts on a host that never answers', async () => {
    const h = open({ scenario: { 'fix-licensing:activate': [failure(0xc004f074)] } });
    const outcome = await h.engine.run('activate', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'failed', code: '0xC004F074', steps: [{ attempts: 6 }] });
    expect(h.sleeps).toEqual([5000, 10000, 20000, 30000, 30000]);
  });
});

describe('switch-avma-to-azure-kms', () => {
  it('shows all three commands (key, KMS endpoint, activation) before running, then runs them in order', async () => {
    const state = defaultState();
    state.licensing!.products[0]!.description = 'Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel';
    const h = open({ state: () => state });
    const preview = await h.engine.preview('switch-avma-to-azure-kms', { host: 'azkms.core.windows.net:1688' });
    expect(preview).toMatchObject({
      commands: [
        expect.stringContaining('/ipk N69G4-B89J2-4G8F4-WWYCC-J464C'),
        expect.stringContaining('/ckms'),
        expect.stringContaining('/skms azkms.core.windows.net:1688'),
        expect.stringContaining('/ato'),
      ],
    });
    await h.engine.run('switch-avma-to-azure-kms', { host: 'azkms.core.windows.net:1688' }, { confirmed: true });
    expect(h.invocations().map((i) => i.key)).toEqual(['fix-licensing:install-product-key', 'fix-licensing:clear-kms-machine', 'fix-licensing:set-kms-machine', 'fix-licensing:activate']);
  });

  it('refuses any endpoint that is not Azure KMS', async () => {
    const h = open();
    expect(await h.engine.run('switch-avma-to-azure-kms', { host: 'kms.example-activator.net:1688' }, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
    expect(h.invocations()).toEqual([]);
  });
});

describe('install-key-and-activate', () => {
  it('normalises a pasted key (en-dashes, lower case), masks it everywhere but the shell call', async () => {
    const h = open();
    const pasted = 'tq7w3–bc8hf–2kj4m–r9xpv–6dg3y';
    const preview = await h.engine.preview('install-key-and-activate', { key: pasted });
    expect(preview).toMatchObject({ inputs: { key: '*****-*****-*****-*****-6DG3Y' }, commands: [expect.stringContaining('/ipk *****-*****-*****-*****-6DG3Y'), expect.stringContaining('/ato')] });
    expect(JSON.stringify(preview)).not.toContain('N69G4');
    await h.engine.run('install-key-and-activate', { key: pasted }, { confirmed: true });
    expect(h.invocations()[0]!.params).toEqual({ operation: 'install-product-key', key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' });
  });

  it('names the bad character of an invalid key', async () => {
    const h = open();
    expect(await h.engine.run('install-key-and-activate', { key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' }, { confirmed: true })).toMatchObject({ status: 'invalid-input', input: 'key' });
  });
});

describe('phone-activation', () => {
  const iid = '563276155667058052465840741114524545879016766601431504369777043';
  const cid = '123456-234567-345678-456789-567890-678901-789012-890123';

  it('shows the installation ID in groups and where to find the phone number', async () => {
    const h = open({ scenario: { 'fix-licensing:get-installation-id': [{ ok: true, data: { installationId: iid } }] } });
    const preview = await h.engine.preview('phone-activation', { 'confirmation-id': cid });
    expect(preview).toMatchObject({ notes: [expect.stringContaining('5632761 5566705 8052465'), expect.stringContaining('phone.inf'), expect.any(String)] });
    expect(preview).toMatchObject({ inputs: { 'confirmation-id': expect.stringMatching(/890123$/) } });
  });

  it('deposits the confirmation ID with the installation ID it belongs to', async () => {
    const h = open({ scenario: { 'fix-licensing:get-installation-id': [{ ok: true, data: { installationId: iid } }] } });
    await h.engine.run('phone-activation', { 'confirmation-id': cid.replace(/-/g, ' ') }, { confirmed: true });
    expect(h.invocations().at(-1)!.params).toEqual({
      operation: 'deposit-confirmation-id',
      activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2',
      installationId: iid,
      confirmationId: cid.replace(/-/g, ''),
    });
  });

  it('explains a mismatched confirmation ID', async () => {
    const h = open({ scenario: { 'fix-licensing:get-installation-id': [{ ok: true, data: { installationId: iid } }], 'fix-licensing:deposit-confirmation-id': [failure(0xc004f031)] } });
    const outcome = await h.engine.run('phone-activation', { 'confirmation-id': cid }, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'failed', code: '0xC004F031' });
  });
});

describe('enable-kms-firewall-rule', () => {
  it('runs on a KMS host; on a client it asks for an explicit override', async () => {
    const h = open();
    expect(await h.engine.run('enable-kms-firewall-rule', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { overridable: true } });
    const host = defaultState();
    host.licensing!.service.isKmsHost = true;
    const h2 = open({ state: () => host });
    expect(await h2.engine.run('enable-kms-firewall-rule', {}, { confirmed: true })).toMatchObject({ status: 'succeeded' });
    expect(h2.invocations()[0]).toMatchObject({ script: 'fix-firewall', params: { action: 'enable-kms-rule' } });
  });

  it('previews the rule that fits the active profile and the scope it opens', () => {
    const fix = FIXES.find((f) => f.id === 'enable-kms-firewall-rule')!;
    const stateWith = (activeProfiles: string[], rules?: KmsFirewallRule[]) => {
      const snapshot = scenario((s) => {
        s.windows.firewall = { status: 'ok', durationMs: 1, value: { name: 'SPPSVC-In-TCP', exists: true, enabled: false, profiles: [], activeProfiles, ...(rules ? { rules } : {}) } };
      });
      const state = { ...defaultState(), snapshot };
      state.licensing!.service.isKmsHost = true;
      return state;
    };
    const withProfiles = (activeProfiles: string[], rules?: KmsFirewallRule[]) => fix.plan(stateWith(activeProfiles, rules), {}, []);
    const refusal = (activeProfiles: string[], rules?: KmsFirewallRule[]) => fix.precondition(stateWith(activeProfiles, rules), {});
    expect(withProfiles(['Domain']).commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP-NoScope']);
    expect(withProfiles(['Domain']).changes.join(' ')).toContain('from any address');
    expect(withProfiles(['Private']).commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP']);
    expect(withProfiles(['Private']).changes.join(' ')).toContain('local subnet only');
    // A Public network card beside the domain one: only the Domain rule (as fix-firewall.ps1 decides).
    expect(withProfiles(['Domain', 'Public']).commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP-NoScope']);
    expect(refusal(['Domain', 'Public'])).toBeNull();
    // Never for Public: refused (not overridable) when Public is the only network, or would be opened too.
    expect(refusal(['Public'])).toMatchObject({ overridable: false, message: expect.stringMatching(/^The only active network on this computer is Public/) });
    expect(refusal(['Private', 'Public'])).toMatchObject({ overridable: false, message: expect.stringMatching(/\(SPPSVC-In-TCP\) also applies to Public networks/) });
    // By each rule's own profiles, and the local copy beside a Group Policy one.
    const rule = (name: 'SPPSVC-In-TCP' | 'SPPSVC-In-TCP-NoScope', profiles: string[], policySource = 'Local'): KmsFirewallRule => ({ name, enabled: false, profiles, remoteAddresses: ['Any'], policySource });
    expect(withProfiles(['Domain'], [rule('SPPSVC-In-TCP-NoScope', ['Private']), rule('SPPSVC-In-TCP', ['Domain'])]).commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP']);
    const both = withProfiles(['Domain'], [rule('SPPSVC-In-TCP-NoScope', ['Domain']), rule('SPPSVC-In-TCP-NoScope', ['Domain'], 'GroupPolicy'), rule('SPPSVC-In-TCP', ['Private', 'Public'])]);
    expect(both.commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP-NoScope']);
    expect(both.changes.join(' ')).toMatch(/Group Policy also defines SPPSVC-In-TCP-NoScope \(disabled\)/);
    expect(refusal(['Domain'], [rule('SPPSVC-In-TCP-NoScope', ['Domain'], 'GroupPolicy')])).toMatchObject({ message: expect.stringMatching(/comes from Group Policy/) });
    // Profiles unknown: one rule, chosen on the live computer by the same decision, never both.
    const unknown = fix.plan({ ...defaultState(), snapshot: null }, {}, []);
    expect(unknown.changes.join(' ')).toMatch(/Nothing is opened for a Public network/);
    expect(unknown.commands).toEqual(['Enable-NetFirewallRule -Name SPPSVC-In-TCP-NoScope   # Domain network', 'Enable-NetFirewallRule -Name SPPSVC-In-TCP   # Private network, no Public network active']);
    expect(unknown.steps).toEqual([expect.objectContaining({ script: 'fix-firewall', params: { action: 'enable-kms-rule' } })]);
  });
});

describe('one fix at a time', () => {
  it('answers a second request with "busy" while the first runs', async () => {
    const h = open({ scenario: { 'fix-licensing:activate': [failure(0xc004f074), { ok: true, data: {} }] } });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Hold the first run inside its back-off wait.
    (h.engine as unknown as { sleep: (ms: number) => Promise<void> }).sleep = () => gate;
    const first = h.engine.run('activate', {}, { confirmed: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.engine.busy).toBe(true);
    const second = await h.engine.run('clear-kms-host', {}, { confirmed: true });
    expect(second).toMatchObject({ status: 'busy', message: expect.stringContaining('activate') });
    release();
    expect((await first).status).toBe('succeeded');
    expect(h.engine.busy).toBe(false);
  });
});

describe('verification', () => {
  it('says plainly when the problem is still there after the fix', async () => {
    const stillSkewed = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h')!.snapshot;
    const h = open({ recheck: () => stillSkewed });
    const outcome = await h.engine.run('sync-time', {}, { confirmed: true, snapshot: stillSkewed });
    expect(outcome).toMatchObject({ status: 'succeeded', verification: { problemGone: false, stillPresent: ['kms-time-skew'] } });
    if (outcome.status === 'succeeded') expect(outcome.message).toMatch(/still shows the problem/);
  });

  it('compares the facts before and after', async () => {
    const before = scenario((s) => {
      notActivated(s);
      product(s).kmsMachine = 'kms-old.corp.example';
    });
    const after = scenario((s) => {
      product(s).kmsMachine = 'kms2.corp.example';
      product(s).kmsPort = 1688;
      servicesOf(s).sppsvc.status = 'running';
      service(s);
    });
    const h = open({ recheck: () => after });
    const outcome = await h.engine.run('set-kms-host', { host: 'kms2.corp.example:1688' }, { confirmed: true, snapshot: before });
    if (outcome.status !== 'succeeded') throw new Error(outcome.status);
    expect(outcome.verification.changes).toEqual(
      expect.arrayContaining([
        { label: 'Licence status', before: 'OOBGrace', after: 'Licensed' },
        { label: 'KMS host set', before: 'kms-old.corp.example', after: 'kms2.corp.example:1688' },
      ]),
    );
  });
});

describe('first KMS host setup', () => {
  it('installs the Volume Activation role on a server, and refuses on a client', async () => {
    const h = open();
    expect(await h.engine.preview('install-volume-activation-role', {})).toMatchObject({ commands: ['Install-WindowsFeature -Name VolumeActivation -IncludeManagementTools'], refusal: null });
    await h.engine.run('install-volume-activation-role', {}, { confirmed: true });
    expect(h.invocations()[0]).toMatchObject({ script: 'fix-role', params: { action: 'install-volume-activation' } });
    const client = defaultState();
    client.os = { ...client.os!, productType: 1, installationType: 'Client', editionId: 'Enterprise' };
    const h2 = open({ state: () => client });
    expect(await h2.engine.run('install-volume-activation-role', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
  });

  it('reads whether the role is installed, without changing anything', async () => {
    const h = open({ scenario: { 'fix-role:query': [{ ok: true, data: { installed: false } }, { ok: true, data: { installed: true } }] } });
    expect(await h.engine.volumeActivationRole()).toMatchObject({ state: 'not-installed' });
    expect(await h.engine.volumeActivationRole()).toMatchObject({ state: 'installed' });
    expect(h.invocations().map((i) => i.params)).toEqual([{ action: 'query' }, { action: 'query' }]);
    expect(h.audit.read()).toEqual([]);
  });

  it('installs the KMS host key as data, masked everywhere else, with the never-on-clients warning', async () => {
    const h = open();
    const preview = await h.engine.preview('install-kms-host-key', { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' });
    expect(preview).toMatchObject({ commands: [expect.stringContaining('/ipk *****-*****-*****-*****-6DG3Y')], notes: [expect.stringContaining('never on clients')] });
    expect(JSON.stringify(preview)).not.toContain('B89J2');
    await h.engine.run('install-kms-host-key', { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' }, { confirmed: true });
    expect(h.invocations()[0]!.params).toEqual({ operation: 'install-product-key', key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' });
  });

  it('refuses to make Azure Edition a KMS host', async () => {
    const state = defaultState();
    state.os = { ...state.os!, editionId: 'ServerTurbine' };
    const h = open({ state: () => state });
    expect(await h.engine.run('install-kms-host-key', { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' }, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { message: expect.stringContaining('Azure Edition') } });
  });
});

describe('install-esu-key (Windows 10 Extended Security Updates)', () => {
  const esuKey = 'tq7w3-bc8hf-2kj4m-r9xpv-4c6r8';
  const year2 = '1043add5-23b1-4afb-9a0f-64343c8f3f8d';
  const windows10 = () => {
    const state = activatedState();
    state.os = { ...state.os!, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', build: 19045, ubr: 6456, editionId: 'Professional', installationType: 'Client', productType: 1 };
    state.licensing!.products[0] = { ...state.licensing!.products[0]!, name: 'Windows(R), Professional edition', description: 'Windows(R) Operating System, RETAIL channel', partialProductKey: '3V66T' };
    return state;
  };

  it('previews slmgr /ipk with the key masked and slmgr /ato with the year\'s activation ID, then runs both as data', async () => {
    const h = open({ state: windows10 });
    const preview = await h.engine.preview('install-esu-key', { key: esuKey, year: '2' });
    expect(preview).toMatchObject({
      refusal: null,
      inputs: { key: '*****-*****-*****-*****-4C6R8', year: '2' },
      changes: ['Install the ESU key ending in 4C6R8', `Activate Win10 ESU Year2 (activation ID ${year2}) online with Microsoft`],
      commands: [expect.stringMatching(/slmgr\.vbs \/ipk \*{5}-\*{5}-\*{5}-\*{5}-4C6R8$/), expect.stringMatching(new RegExp(`slmgr\\.vbs /ato ${year2}$`))],
    });
    expect(JSON.stringify(preview)).not.toContain('TQ7W3');
    const outcome = await h.engine.run('install-esu-key', { key: esuKey, year: '2' }, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(h.invocations().map((i) => [i.key, i.params])).toEqual([
      ['fix-licensing:install-product-key', { operation: 'install-product-key', key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-4C6R8' }],
      ['fix-licensing:activate-licence', { operation: 'activate-licence', activationId: year2, partialKey: '4C6R8' }],
    ]);
    // The audit log keeps the key's last five characters only.
    expect(JSON.stringify(h.audit.read())).not.toContain('TQ7W3');
  });

  it('only activates (slmgr /ato <activation ID>) when no key is entered', async () => {
    const h = open({ state: windows10 });
    const preview = await h.engine.preview('install-esu-key', { year: '1' });
    expect(preview).toMatchObject({ commands: [expect.stringMatching(/\/ato f520e45e-7413-4a34-a497-d2765967d094$/)] });
    expect('commands' in preview && preview.commands).toHaveLength(1);
    await h.engine.run('install-esu-key', { year: '1' }, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'activate-licence', activationId: 'f520e45e-7413-4a34-a497-d2765967d094' }]);
  });

  it('retries the activation while Microsoft\'s servers do not answer', async () => {
    const h = open({ state: windows10, scenario: { 'fix-licensing:activate-licence': [failure(0x80072ee2), { ok: true, operation: 'activate-licence', data: { alreadyLicensed: false } }] } });
    expect(await h.engine.run('install-esu-key', { key: esuKey, year: '3' }, { confirmed: true })).toMatchObject({ status: 'succeeded', steps: [{ ok: true, attempts: 1 }, { ok: true, attempts: 2 }] });
  });

  it('says so when the key belongs to another year (the activation step finds another key on that licence)', async () => {
    const h = open({ state: windows10, scenario: { 'fix-licensing:activate-licence': [{ error: { kind: 'failed', message: `No licence with activation ID ${year2} has a product key installed: the key that was installed belongs to another licence`, hresult: null, errorId: 'InvalidOperationException', category: 'NotSpecified' } }] } });
    const outcome = await h.engine.run('install-esu-key', { key: esuKey, year: '2' }, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(outcome)).toMatch(/belongs to another licence/);
  });

  it('refuses on anything but Windows 10, and the key Windows itself is licensed with, changing nothing', async () => {
    const server = open();
    expect(await server.engine.run('install-esu-key', { key: esuKey, year: '1' }, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable', message: expect.stringMatching(/Windows 10, version 22H2/) } });
    expect(server.invocations()).toEqual([]);
    await server.dispose();
    harness = null;
    const h = open({ state: windows10 });
    expect(await h.engine.run('install-esu-key', { key: 'TQ7W3-BC8HF-2KJ4M-R9XPV-3V66T', year: '1' }, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { message: expect.stringMatching(/3V66T is the key Windows itself is licensed with/) } });
    expect(h.invocations()).toEqual([]);
  });

  it.each([
    [{ key: 'W269N-WFGWX-YVC9B-4J6C9-T83GX', year: '1' }, 'key', /GVLK\) for Windows 1[01].*not an ESU key/],
    [{ key: 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX', year: '1' }, 'key', /placeholder/],
    [{ key: esuKey, year: '4' }, 'year', /must be 1, 2 or 3/],
    [{ key: esuKey, year: 'Year 1' }, 'year', /must be 1, 2 or 3/],
    [{ key: esuKey }, 'year', /--year is required/],
  ])('refuses %o naming the %s input, and runs nothing', async (inputs, input, message) => {
    const h = open({ state: windows10 });
    const outcome = await h.engine.run('install-esu-key', inputs, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'invalid-input', input });
    expect(JSON.stringify(outcome)).toMatch(message);
    expect(h.invocations()).toEqual([]);
  });

  it('no fix ever uninstalls a key (slmgr /upk without an activation ID removes every key, Windows included)', () => {
    const dir = join(__dirname, '../../../main/fixes');
    const sources = [...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)), ...readdirSync(join(dir, 'windows')).map((f) => join(dir, 'windows', f))];
    expect(sources.length).toBeGreaterThan(20);
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\/upk|UninstallProductKey/i);
  });
});

describe('Office fixes', () => {
  const OFFICE_ID = '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67';
  const officeState = (edit: (office: NonNullable<ReturnType<typeof defaultState>['office']>) => void = () => {}) => {
    const state = defaultState();
    edit(state.office!);
    return state;
  };
  /** The same computer after the fix: Office activated by kms1.corp.example. */
  const officeFixed = () =>
    scenario((s) => {
      s.windows.office = { status: 'ok', value: officeKmsClient(), durationMs: 1 };
    });

  it('every Office fix re-checks only windows.office and addresses only Office findings', () => {
    for (const fix of FIXES.filter((f) => f.id.startsWith('office-'))) {
      expect(fix.verify, fix.id).toEqual(['windows.office']);
      expect(fix.addresses.every((id) => id.startsWith('office-')), fix.id).toBe(true);
    }
  });

  it("office-set-kms-host previews ospp.vbs /sethst and /setprt, then sets the host on Office's own licence by activation ID", async () => {
    const h = open({ state: () => officeState(), recheck: () => officeFixed() });
    const preview = await h.engine.preview('office-set-kms-host', { host: 'kms1.corp.example:1688' });
    expect(preview).toMatchObject({ refusal: null });
    if ('commands' in preview) {
      expect(preview.commands[0]).toBe('cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS" /sethst:kms1.corp.example');
      expect(preview.commands[1]).toContain('/setprt:1688');
      expect(preview.commands[2]).toContain(`slmgr.vbs /skms kms1.corp.example:1688 ${OFFICE_ID}`);
      expect(preview.changes.join(' ')).toMatch(/Windows keeps its own setting/);
    }
    const before = scenario((s) => {
      s.windows.office = { status: 'ok', value: defaultState().office!, durationMs: 1 };
    });
    const outcome = await h.engine.run('office-set-kms-host', { host: 'kms1.corp.example:1688' }, { confirmed: true, snapshot: before });
    expect(outcome.status).toBe('succeeded');
    expect(h.invocations().map((i) => [i.key, i.params])).toEqual([['fix-office:set-kms-machine', { operation: 'set-kms-machine', activationIds: [OFFICE_ID], host: 'kms1.corp.example', port: 1688 }]]);
    if (outcome.status === 'succeeded') {
      expect(outcome.verification.changes).toContainEqual({ label: 'Office licence status', before: expect.stringContaining('Notification'), after: expect.stringContaining('Licensed') });
    }
  });

  it('office-set-kms-host refuses when Office has no KMS client licence (a retail Office, or none)', async () => {
    const h = open({ state: () => officeState((o) => { o.products[0]!.description = 'Office 21, RETAIL channel'; }) });
    const outcome = await h.engine.run('office-set-kms-host', { host: 'kms1.corp.example' }, { confirmed: true, override: true });
    expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
    expect(h.invocations()).toEqual([]);
  });

  it('office-clear-kms-host clears only the Office licences that have a host set, and refuses when none has', async () => {
    const h = open({ state: () => officeState((o) => { o.products[0]!.kmsMachine = 'kms-old.corp.example'; }) });
    const preview = await h.engine.preview('office-clear-kms-host', {});
    if ('commands' in preview) expect(preview.commands).toEqual(['cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS" /remhst', expect.stringContaining(`slmgr.vbs /ckms ${OFFICE_ID}`)]);
    await h.engine.run('office-clear-kms-host', {}, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'clear-kms-machine', activationIds: [OFFICE_ID] }]);
    await h.dispose();
    harness = null;
    const none = open({ state: () => officeState() });
    expect(await none.engine.run('office-clear-kms-host', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
  });

  it('office-activate activates each Office licence that is not activated, by activation ID, retrying while the host does not answer', async () => {
    const h = open({ state: () => officeState(), scenario: { 'fix-office:activate': [failure(0xc004f074), { ok: true, operation: 'activate', data: {} }] }, recheck: () => officeFixed() });
    const preview = await h.engine.preview('office-activate', {});
    if ('commands' in preview) expect(preview.commands).toEqual([expect.stringContaining('OSPP.VBS" /act'), expect.stringContaining(`slmgr.vbs /ato ${OFFICE_ID}`)]);
    const outcome = await h.engine.run('office-activate', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'succeeded', steps: [{ ok: true, attempts: 2 }] });
    expect(h.invocations().map((i) => i.params)).toEqual([
      { operation: 'activate', activationId: OFFICE_ID },
      { operation: 'activate', activationId: OFFICE_ID },
    ]);
  });

  it('office-activate refuses when every Office licence is activated', async () => {
    const h = open({ state: () => officeState((o) => { o.products[0]!.licenseStatus = 1; }) });
    expect(await h.engine.run('office-activate', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'not-applicable' } });
  });

  it('office-install-gvlk installs the GVLK of the installed product, chosen by its licence family, where its volume licence is installed', async () => {
    // Office LTSC Standard 2021 with a MAK, not activated; its KMS client licence is installed.
    const h = open({
      state: () =>
        officeState((o) => {
          Object.assign(o.products[0]!, { name: 'Office 21, Office21Standard2021VL_MAK_AE edition', description: 'Office 21, VOLUME_MAK channel', licenseFamily: 'Office21Standard2021VL_MAK_AE', partialProductKey: 'ABCDE', licenseStatus: 2 });
          o.kmsClientLicences = [{ activationId: '11111111-2222-4333-8444-555555555555', licenseFamily: 'Office21Standard2021VL_KMS_Client_AE' }];
        }),
    });
    const preview = await h.engine.preview('office-install-gvlk', {});
    expect(preview).toMatchObject({ refusal: null, commands: ['cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS" /inpkey:KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3'] });
    await h.engine.run('office-install-gvlk', {}, { confirmed: true });
    expect(h.invocations().map((i) => i.params)).toEqual([{ operation: 'install-product-key', key: 'KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3' }]);
    // The audit log keeps only the last five characters of the key it installed.
    expect(JSON.stringify(await h.audit.read())).not.toContain('KDX7X-BNVR8');
  });

  it('office-install-gvlk refuses a retail Office without its volume licence, and guards a working MAK activation', async () => {
    const retail = open({
      state: () => officeState((o) => {
        Object.assign(o.products[0]!, { name: 'Office 19, Office19ProPlus2019R_Retail edition', description: 'Office 19, RETAIL channel', licenseFamily: 'Office19ProPlus2019R_Retail' });
        o.kmsClientLicences = [];
      }),
    });
    const refused = await retail.engine.run('office-install-gvlk', {}, { confirmed: true, override: true });
    expect(refused).toMatchObject({ status: 'refused', refusal: { code: 'no-client-key', message: expect.stringContaining('no volume licence installed') } });
    expect(retail.invocations()).toEqual([]);
    await retail.dispose();
    harness = null;
    const mak = open({
      state: () => officeState((o) => {
        Object.assign(o.products[0]!, { description: 'Office 21, VOLUME_MAK channel', licenseFamily: 'Office21ProPlus2021VL_MAK_AE', licenseStatus: 1 });
      }),
    });
    expect(await mak.engine.run('office-install-gvlk', {}, { confirmed: true })).toMatchObject({ status: 'refused', refusal: { code: 'would-replace-working-activation', overridable: true } });
  });

  it('no Office fix ever runs fix-licensing, and no Windows fix runs fix-office', () => {
    const state = defaultState();
    for (const fix of FIXES) {
      const plan = fix.plan(state, { host: 'kms1.corp.example', domain: 'corp.example', key: 'N69G4-B89J2-4G8F4-WWYCC-J464C' }, []);
      const scripts = new Set(plan.steps.map((s) => s.script));
      if (fix.id.startsWith('office-')) expect([...scripts].every((s) => s === 'fix-office'), fix.id).toBe(true);
      else expect(scripts.has('fix-office'), fix.id).toBe(false);
    }
  });
});
