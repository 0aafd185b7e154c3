import { describe, expect, it } from 'vitest';
import { formatHostAndPort, isIPv6, isPrivateAddress, parseDnsDomain, parseDnsServer, parseHost, parseHostAndPort, parsePort } from '../../../shared/inputs';

describe('parsePort', () => {
  it.each([['1', 1], ['1688', 1688], ['65535', 65535], [' 443 ', 443]])('accepts %s', (raw, port) => {
    expect(parsePort(raw)).toEqual({ ok: true, value: port });
  });
  it.each(['0', '65536', '-1', '1e3', '0x10', '16 88', '', '１６８８', '99999999'])('rejects %j', (raw) => {
    expect(parsePort(raw).ok).toBe(false);
  });
});

describe('parseHostAndPort', () => {
  it.each([
    ['kms1.corp.example', { host: 'kms1.corp.example', kind: 'name', port: null }],
    ['KMS1.Corp.Example.:1688', { host: 'kms1.corp.example', kind: 'name', port: 1688 }],
    ['kms', { host: 'kms', kind: 'name', port: null }],
    ['10.0.0.5:1700', { host: '10.0.0.5', kind: 'ipv4', port: 1700 }],
    ['[2001:db8::5]:1688', { host: '2001:db8::5', kind: 'ipv6', port: 1688 }],
    ['[2001:DB8::5]', { host: '2001:db8::5', kind: 'ipv6', port: null }],
    ['2001:db8::5', { host: '2001:db8::5', kind: 'ipv6', port: null }],
    ['::ffff:10.1.2.3', { host: '::ffff:10.1.2.3', kind: 'ipv6', port: null }],
  ])('accepts %s', (raw, expected) => {
    expect(parseHostAndPort(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['kms1;calc', /contains|not a valid host/],
    ["kms1' ; Remove-Item C:\\", /contains/],
    ['$(whoami)', /not a valid host name/],
    ['kms1`whoami`', /contains|not a valid/],
    ['kms1\nkms2', /contains a control character/],
    ['kms\u00001', /contains NUL/],
    ['kms1 | calc', /contains a space/],
    ['kms1.corp.example:0', /from 1 to 65535/],
    ['kms1.corp.example:99999', /from 1 to 65535/],
    ['kms1.corp.example:', /whole number/],
    ['-kms1', /no leading or trailing hyphen/],
    ['kms-.corp', /not a valid host name/],
    ['a'.repeat(64) + '.corp', /not a valid host name/],
    ['\\\\server\\share', /not a valid host name/],
    ['[fe80::1%eth0]:1688', /zone id/],
    ['fe80::1%25eth0', /zone id/],
    ['[10.0.0.1]:1688', /only IPv6 addresses go in brackets/],
    ['[2001:db8::1', /without closing/],
    ['2001:db8::1:1688:x', /IPv6/],
    ['256.1.1.1', /not a valid one/],
    ['kms1.corp.123', /not a valid host name/],
    ['kms\u20101.corp', /U\+2010/],
    ['ｋｍｓ1', /U\+FF4B/],
    ['x'.repeat(400), /too long/],
    ['', /empty/],
  ])('rejects %j with a clear message', (raw, message) => {
    const result = parseHostAndPort(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('formats targets the way slmgr /skms takes them', () => {
    expect(formatHostAndPort({ host: '2001:db8::5', kind: 'ipv6', port: 1688 })).toBe('[2001:db8::5]:1688');
    expect(formatHostAndPort({ host: 'kms1', kind: 'name', port: null })).toBe('kms1');
  });
});

describe('IPv6', () => {
  it.each(['::1', '::', '2001:db8:0:0:0:0:0:1', 'fe80::1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7::'])('accepts %s', (a) => expect(isIPv6(a)).toBe(true));
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'g::1', ':::', '1:2:3:4:5:6:7:8::'])('rejects %s', (a) => expect(isIPv6(a)).toBe(false));
});

describe('domains, DNS servers, hosts', () => {
  it('accepts a domain and rejects addresses', () => {
    expect(parseDnsDomain('Corp.Example.')).toEqual({ ok: true, value: 'corp.example' });
    expect(parseDnsDomain('10.0.0.1').ok).toBe(false);
    expect(parseDnsDomain('_vlmcs._tcp.corp').ok).toBe(false);
  });
  it('takes DNS servers as addresses only', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ ok: true, value: { address: '127.0.0.1', port: 5353 } });
    expect(parseDnsServer('[::1]:53')).toEqual({ ok: true, value: { address: '::1', port: 53 } });
    expect(parseDnsServer('dns.corp').ok).toBe(false);
  });
  it('tells private from public addresses', () => {
    for (const a of ['10.1.1.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.1.1', 'fd00::1', '::1']) expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '20.118.99.224', '2001:4860::1']) expect(isPrivateAddress(a)).toBe(false);
  });
  it('lowercases host names and keeps IPv4 as is', () => {
    expect(parseHost('KMS01')).toEqual({ ok: true, value: { host: 'kms01', kind: 'name' } });
  });
});

import { groupInstallationId, parseConfirmationId, validateConfirmationIdGroup } from '../../../shared/inputs';

describe('phone activation IDs', () => {
  const cid = '123456-234567-345678-456789-567890-678901-789012-890123';
  it('splits a pasted confirmation ID into 8 groups of 6, whatever the separators', () => {
    const expected = cid.split('-');
    for (const pasted of [cid, cid.replace(/-/g, ' '), cid.replace(/-/g, ''), cid.replace(/-/g, '\u2013'), ` ${cid}\n`]) {
      expect(parseConfirmationId(pasted)).toEqual({ ok: true, value: expected });
    }
  });
  it.each([
    ['12345-234567-345678-456789-567890-678901-789012-890123', /47 digits/],
    [`${cid}-1`, /49 digits/],
    ['123456-23456X-345678-456789-567890-678901-789012-890123', /digits only/],
    ['', /0 digits/],
  ])('rejects %j', (raw, message) => {
    const result = parseConfirmationId(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
  it('validates one group as it is typed, naming the group', () => {
    expect(validateConfirmationIdGroup('123456', 0)).toEqual({ ok: true, value: '123456' });
    expect(validateConfirmationIdGroup('12345', 2)).toEqual({ ok: false, message: 'group C of the confirmation ID has 5 digits; each group has 6' });
    expect(validateConfirmationIdGroup('12a456', 7).ok).toBe(false);
  });
  it('groups a 63-digit installation ID in sevens and others in sixes', () => {
    const iid63 = '563276155667058052465840741114524545879016766601431504369777043';
    expect(iid63.length).toBe(63);
    expect(groupInstallationId(iid63)).toEqual(['5632761', '5566705', '8052465', '8407411', '1452454', '5879016', '7666014', '3150436', '9777043']);
    expect(groupInstallationId('1'.repeat(54))).toHaveLength(9);
  });
});
