import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { findCommand } from '../../../shared/command-text';
import { groupNotChecked, plainProductName, productStrip, reasonAndDetail } from '../../../shared/summary';
import { SCENARIOS } from '../diagnosis/scenarios';

const snap = (name: string) => structuredClone(SCENARIOS.find((s) => s.name === name)!.snapshot);

describe('the slmgr /dlv strip', () => {
  it('names the edition and channel in plain words, with days of grace left', () => {
    const s = snap('f074-port-filtered');
    const strip = productStrip(s, diagnose(s));
    expect(strip.edition).toBe('Windows Server 2019 Standard');
    expect(strip.channel).toBe('KMS client (volume licence)');
    expect(strip.licence).toEqual({ kind: 'not-activated', text: 'Not activated (initial grace period)' });
    expect(strip.daysLeft).toMatch(/^\d+ days of grace left$/);
    expect(strip.discoveredKmsHost).toBe('kms1.corp.example:1688');
  });

  it('says "unknown" when the licence could not be read', () => {
    const s = snap('licensing-unreadable');
    expect(productStrip(s, diagnose(s)).licence.kind).toBe('unknown');
  });

  it('turns a WMI product name into words when the OS caption is missing', () => {
    expect(plainProductName('Windows(R), ServerStandard edition')).toBe('Windows Server Standard');
    expect(plainProductName('Windows(R), Professional edition')).toBe('Windows Professional');
  });
});

describe('what could not be checked', () => {
  it('says a shared cause once, with its one action', () => {
    const s = snap('linux-network-only');
    const groups = groupNotChecked(diagnose(s).notChecked);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.headline).toMatch(/^Not running on Windows: \d+ facts could not be read\.$/);
    expect(groups[0]!.action).toMatch(/collector/);
  });

  it('says a PowerShell policy refusal once for every Windows fact, without "run as administrator"', () => {
    const detail = 'PowerShell is restricted by policy (ConstrainedLanguage): AppLocker or WDAC allows only core language features.';
    const notChecked = (['windows.os', 'windows.licensing', 'windows.services', 'windows.events'] as const).map((probe) => ({ probe, title: probe, reason: 'powershell-restricted' as const, detail, affects: [] }));
    const groups = groupNotChecked(notChecked);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.headline).toBe('PowerShell is restricted by policy: 4 facts could not be read.');
    expect(groups[0]!.action).toMatch(/policy/);
    expect(groups[0]!.action).not.toMatch(/^Run Activation Doctor as an administrator/);
  });

  it('never doubles a reason prefix', () => {
    expect(reasonAndDetail('timed-out', 'timed out: timed out: no answer after 3 s')).toBe('timed out: no answer after 3 s');
    expect(reasonAndDetail('timed-out', 'timed out after 3 s')).toBe('timed out after 3 s');
    expect(reasonAndDetail('failed', '')).toBe('failed');
  });
});

describe('commands inside advice', () => {
  it.each([
    ['Test from this computer: Test-NetConnection kms1.corp.example -Port 1688 (TcpTestSucceeded must be True).', 'Test-NetConnection kms1.corp.example -Port 1688'],
    ["If kms1's own clock is wrong, fix its time source: w32tm /query /status on the host.", 'w32tm /query /status'],
    ['Check the name from this computer: nslookup kms2.corp.example', 'nslookup kms2.corp.example'],
  ])('finds the command in %j', (text, command) => {
    expect(findCommand(text)?.command).toBe(command);
  });

  it('finds nothing in plain advice', () => {
    expect(findCommand('Move the KMS role to a newer Windows Server, or add a newer host key.')).toBeNull();
  });
});

describe('the grace line of the strip', () => {
  const withGrace = (minutes: number, status = 5) => {
    const s = snap('f074-port-filtered');
    const p = (s.windows.licensing as { value: { products: { gracePeriodRemainingMinutes: number | null; licenseStatus: number }[] } }).value.products[0]!;
    p.gracePeriodRemainingMinutes = minutes;
    p.licenseStatus = status;
    return productStrip(s, diagnose(s));
  };

  it('says nothing is left rather than inventing an hour', () => {
    expect(withGrace(0).daysLeft).toBeNull();
    expect(withGrace(0, 2).daysLeft).toBeNull();
  });

  it.each([
    [1440, '1 day of grace left'],
    [2 * 1440 + 5, '2 days of grace left'],
    [60, '1 hour of grace left'],
    [150, '2 hours of grace left'],
    [1, '1 minute of grace left'],
    [45, '45 minutes of grace left'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(withGrace(minutes).daysLeft).toBe(text);
  });
});
