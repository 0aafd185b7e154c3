import { describe, expect, it } from 'vitest';
import { recommendActivation } from '../../../shared/journeys/activation-choice';

describe('the activation decision aid', () => {
  it('recommends a MAK online for 12 clients with internet access', () => {
    const r = recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct' });
    expect(r.method).toBe('mak-online');
    expect(r.reasons.join(' ')).toMatch(/13 machines in one count .*reach the server threshold \(5\).*not the 25/);
    expect(r.reasons.join(' ')).toMatch(/never activates/);
  });

  it('recommends a KMS host for 40 clients', () => {
    expect(recommendActivation({ clients: 40, servers: 2, volumeActivationExists: false, internet: 'direct' }).method).toBe('set-up-kms-host');
  });

  it('counts clients and servers in one count: clients need 25 in total, servers 5', () => {
    // Servers only: 5 servers reach the server threshold.
    expect(recommendActivation({ clients: 0, servers: 5, volumeActivationExists: false, internet: 'direct' }).method).toBe('set-up-kms-host');
    expect(recommendActivation({ clients: 0, servers: 4, volumeActivationExists: false, internet: 'direct' }).method).toBe('mak-online');
    // 10 clients + 5 servers = 15: the servers would activate, the clients would not.
    const mixed = recommendActivation({ clients: 10, servers: 5, volumeActivationExists: false, internet: 'direct' });
    expect(mixed.method).toBe('mak-online');
    expect(mixed.reasons.join(' ')).toMatch(/15 machines in one count/);
    expect(mixed.alternatives.map((a) => a.method)).toContain('set-up-kms-host');
    // 22 clients + 4 servers = 26: everyone activates.
    expect(recommendActivation({ clients: 22, servers: 4, volumeActivationExists: false, internet: 'direct' }).method).toBe('set-up-kms-host');
    expect(recommendActivation({ clients: 21, servers: 3, volumeActivationExists: false, internet: 'direct' }).method).toBe('mak-online');
    expect(recommendActivation({ clients: 25, servers: 0, volumeActivationExists: false, internet: 'direct' }).method).toBe('set-up-kms-host');
  });

  it('sends machines without internet, or behind a proxy that needs a login, to phone activation', () => {
    expect(recommendActivation({ clients: 8, servers: 0, volumeActivationExists: false, internet: 'none' }).method).toBe('phone');
    const proxied = recommendActivation({ clients: 8, servers: 0, volumeActivationExists: false, internet: 'proxy-with-login' });
    expect(proxied.method).toBe('phone');
    expect(proxied.reasons.join(' ')).toMatch(/proxy that asks for a login/);
    expect(recommendActivation({ clients: 8, servers: 0, volumeActivationExists: false, internet: 'proxy' }).method).toBe('mak-online');
  });

  it('uses volume activation that already exists', () => {
    expect(recommendActivation({ clients: 3, servers: 0, volumeActivationExists: true, internet: 'none' }).method).toBe('use-existing');
  });

  it('offers Active Directory-based activation below the thresholds when every machine is a domain member', () => {
    const r = recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct', domainMembers: 'all' });
    expect(r.method).toBe('adba');
    expect(r.reasons.join(' ')).toMatch(/no minimum count/);
    expect(r.reasons.join(' ')).toMatch(/KMS host key \(CSVLK\)/);
    expect(r.reasons.join(' ')).toMatch(/schema must be at the Windows Server 2012 R2 level/);
    expect(r.reasons.join(' ')).toMatch(/leaves the domain/);
    expect(r.alternatives.map((a) => a.method)).toEqual(['mak-online']);
    expect(recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct', domainMembers: 'all', adbaSchemaReady: true }).reasons.join(' ')).toMatch(/schema is ready/);
  });

  it('does not offer it without a domain, or when the schema is known not to be ready', () => {
    expect(recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct' }).method).toBe('mak-online');
    expect(recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct', domainMembers: 'none' }).alternatives.map((a) => a.method)).not.toContain('adba');
    const notReady = recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'direct', domainMembers: 'all', adbaSchemaReady: false });
    expect(notReady.method).toBe('mak-online');
    expect(notReady.alternatives.map((a) => a.method)).not.toContain('adba');
  });

  it('keeps it as an alternative when only some machines are domain members, or when a KMS host pays off', () => {
    const some = recommendActivation({ clients: 12, servers: 1, volumeActivationExists: false, internet: 'none', domainMembers: 'some' });
    expect(some.method).toBe('phone');
    expect(some.alternatives[0]).toMatchObject({ method: 'adba', why: expect.stringMatching(/domain members only/) });
    const large = recommendActivation({ clients: 40, servers: 2, volumeActivationExists: false, internet: 'direct', domainMembers: 'all' });
    expect(large.method).toBe('set-up-kms-host');
    expect(large.alternatives[0]?.method).toBe('adba');
  });
});
