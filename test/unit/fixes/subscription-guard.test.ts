/**
 * A device that Windows subscription activation steps up (Enterprise E3/E5, Education) must never
 * be given a KMS client key (GVLK) or a KMS host. Proven over every fix in the registry, through the
 * real engine against the fake shell: each fix either refuses with `subscription-device` before
 * anything runs, or what it runs pushes neither (no GVLK or host key installed, no KMS host or
 * lookup domain set, no KMS host role or port opened).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FIXES } from '../../../main/fixes/registry';
import type { FixDefinition, FixState } from '../../../main/fixes/types';
import { GVLK_RECORDS } from '../../../shared/knowledge/gvlk-table';
import { healthySnapshot } from '../../support/snapshot-builder';
import { createHarness, defaultState, type Invocation } from './harness';

const ENTERPRISE_GVLK = 'NPPR9-FWDCX-D2C8J-H872K-2YT43';
const SOME_KEY = 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y';

/** A valid value for every input of every fix: keys are a GVLK where the grammar takes one. */
function inputsFor(fix: FixDefinition, key: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of fix.inputs) {
    if (input.kind === 'product-key') values[input.name] = key;
    else if (input.name === 'confirmation-id') values[input.name] = Array.from({ length: 8 }, () => '123456').join('-');
    else if (input.name === 'domain') values[input.name] = 'corp.example';
    else values[input.name] = fix.id === 'switch-avma-to-azure-kms' ? 'azkms.core.windows.net:1688' : 'kms1.corp.example';
  }
  return values;
}

/** What a subscription device must never receive. */
function pushesVolumeActivation(call: Invocation, fix: FixDefinition): boolean {
  const op = String(call.params.operation ?? call.params.action ?? '');
  if (call.script === 'fix-licensing' && (op === 'set-kms-machine' || op === 'set-kms-lookup-domain')) return true;
  if (call.script === 'fix-licensing' && op === 'install-product-key') {
    // A KMS client key, or any key the KMS host fix installs (a host key makes a KMS host).
    return GVLK_RECORDS.some((r) => r.key === call.params.key) || fix.id === 'install-kms-host-key';
  }
  return (call.script === 'fix-role' && op === 'install-volume-activation') || (call.script === 'fix-firewall' && op === 'enable-kms-rule');
}

/** Windows 11 Pro (OEM, firmware key) stepped up to Enterprise by a subscription, its Pro licence not activated. */
function steppedUp(): FixState {
  const state = defaultState();
  state.os = { ...state.os!, caption: 'Microsoft Windows 11 Enterprise', version: '10.0.26100', build: 26100, editionId: 'Enterprise', installationType: 'Client', productType: 1 };
  const product = state.licensing!.products[0]!;
  Object.assign(product, { name: 'Windows(R), Professional edition', description: 'Windows(R) Operating System, OEM_DM channel', licenseStatus: 5, licenseStatusReason: 0xc004f034, partialProductKey: 'WFG6P' });
  state.licensing!.service.isKmsHost = true; // so that the KMS host fixes get past their own "not a KMS host" checks
  return state;
}

/** A device whose subscription Microsoft reports expired (it reverted to Pro: no step-up left to see). */
function lapsed(): FixState {
  const state = defaultState();
  state.os = { ...state.os!, editionId: 'Professional', installationType: 'Client', productType: 1, build: 26100 };
  Object.assign(state.licensing!.products[0]!, { name: 'Windows(R), Professional edition', description: 'Windows(R) Operating System, RETAIL channel' });
  const snapshot = healthySnapshot();
  snapshot.windows.subscription = { status: 'ok', value: { properties: ['SubscriptionType', 'SubscriptionStatus', 'SubscriptionExpiry', 'SubscriptionEdition'], typeValue: 0, statusValue: 110, expiry: null, edition: 'Enterprise', windowsUpdateBlocked: null }, durationMs: 50 };
  state.snapshot = snapshot;
  return state;
}

const GUARDED = ['install-gvlk', 'set-kms-host', 'set-kms-lookup-domain', 'switch-avma-to-azure-kms', 'install-key-and-activate', 'enable-kms-firewall-rule', 'install-volume-activation-role', 'install-kms-host-key'];

describe.each([
  ['stepped up to Enterprise (edition and licence differ)', steppedUp],
  ['subscription expired per the licensing service (SubscriptionStatus 110)', lapsed],
])('on a subscription device: %s', (_label, makeState) => {
  const harness = createHarness({ state: makeState, scenario: { 'fix-firewall:query': [{ ok: true }] } });
  afterAll(() => harness.dispose());

  it.each(FIXES.map((fix) => [fix.id, fix] as const))('%s never pushes a KMS client key or a KMS host', async (_id, fix) => {
    const before = harness.invocations().length;
    // Run as from a diagnosis: the check's snapshot (with its subscription fact, when read) goes with it.
    const outcome = await harness.engine.run(fix.id, inputsFor(fix, fix.id === 'install-kms-host-key' ? SOME_KEY : ENTERPRISE_GVLK), { confirmed: true, override: true, snapshot: makeState().snapshot });
    const calls = harness.invocations().slice(before);
    expect(calls.filter((call) => pushesVolumeActivation(call, fix))).toEqual([]);
    if (GUARDED.includes(fix.id) && outcome.status !== 'invalid-input') {
      expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'subscription-device', overridable: false } });
      expect(calls).toEqual([]);
    }
  });

  it('the fixes that refuse are exactly those that install a KMS client or host key, set a KMS host, or make one', () => {
    const state = makeState();
    const refusing = FIXES.filter((fix) => fix.precondition(state, inputsFor(fix, fix.id === 'install-kms-host-key' ? SOME_KEY : ENTERPRISE_GVLK))?.code === 'subscription-device').map((f) => f.id);
    expect(refusing).toEqual(GUARDED);
  });

  it("still lets a Pro MAK or retail key repair the underlying licence (Microsoft's fix for 0xC004F034)", () => {
    const fix = FIXES.find((f) => f.id === 'install-key-and-activate')!;
    const refusal = fix.precondition(makeState(), { key: SOME_KEY });
    expect(refusal?.code).not.toBe('subscription-device');
    expect(fix.precondition(makeState(), { key: ENTERPRISE_GVLK })).toMatchObject({ code: 'subscription-device', message: expect.stringMatching(/subscription activation/) });
  });
});

describe('on a device without a subscription', () => {
  it('no fix refuses for that reason', () => {
    const state = defaultState();
    expect(FIXES.filter((fix) => fix.precondition(state, inputsFor(fix, SOME_KEY))?.code === 'subscription-device')).toEqual([]);
  });
});

describe('the refusal says what the subscription state is', () => {
  it('does not call a device whose subscription expired "activated by" it', () => {
    const fix = FIXES.find((f) => f.id === 'install-gvlk')!;
    const refusal = fix.precondition(lapsed(), {});
    expect(refusal).toMatchObject({ code: 'subscription-device', message: expect.stringMatching(/Expired/) });
    expect(refusal?.message).not.toMatch(/is activated by/);
  });
});
