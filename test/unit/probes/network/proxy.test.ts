import { describe, expect, it } from 'vitest';
import { bypassesProxy, parseProxyUrl, parseWinHttpProxy, proxyFromEnv } from '../../../../main/probes/network/proxy';

describe('parseProxyUrl', () => {
  it.each([
    ['http://proxy.corp.example:8080', { host: 'proxy.corp.example', port: 8080, auth: null, display: 'http://proxy.corp.example:8080' }],
    ['proxy.corp.example:3128', { host: 'proxy.corp.example', port: 3128, auth: null, display: 'http://proxy.corp.example:3128' }],
    ['http://10.0.0.1', { host: '10.0.0.1', port: 80, auth: null, display: 'http://10.0.0.1:80' }],
    ['http://[fd00::1]:8080/', { host: 'fd00::1', port: 8080, auth: null, display: 'http://[fd00::1]:8080' }],
    ['http://user:p%40ss@proxy:8080', { host: 'proxy', port: 8080, auth: 'user:p@ss', display: 'http://proxy:8080' }],
  ])('reads %s', (raw, expected) => {
    expect(parseProxyUrl(raw)).toEqual({ ok: true, proxy: expected });
  });

  it('never shows credentials in the display name', () => {
    const parsed = parseProxyUrl('http://admin:secret@proxy:8080');
    expect(parsed.ok && parsed.proxy.display).toBe('http://proxy:8080');
  });

  it.each([
    ['', /empty/],
    ['https://proxy:8443', /scheme https is not supported/],
    ['socks5://proxy:1080', /scheme socks5/],
    ['http://proxy:0', /from 1 to 65535|not a URL/],
    ['http://pro xy:80', /not a URL|contains/],
  ])('rejects %j', (raw, message) => {
    const parsed = parseProxyUrl(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('proxyFromEnv', () => {
  it('reads HTTPS_PROXY, then https_proxy, and is direct without either', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'http://a:1' })).toMatchObject({ ok: true, proxy: { host: 'a', port: 1 } });
    expect(proxyFromEnv({ https_proxy: 'http://b:2' })).toMatchObject({ ok: true, proxy: { host: 'b', port: 2 } });
    expect(proxyFromEnv({})).toEqual({ ok: true, proxy: null });
  });
  it('reports an unusable value instead of guessing', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'socks5://x:1' })).toMatchObject({ ok: false, message: expect.stringMatching(/^HTTPS_PROXY: /) });
  });
});

describe('bypassesProxy (NO_PROXY)', () => {
  it.each([
    ['login.live.com', 'live.com', true],
    ['login.live.com', '.live.com', true],
    ['live.com', '.live.com', true],
    ['notlive.com', 'live.com', false],
    ['go.microsoft.com', 'corp.example, *', true],
    ['go.microsoft.com', 'corp.example:8080,other', false],
    ['go.microsoft.com', undefined, false],
  ])('%s with NO_PROXY=%j → %s', (host, noProxy, expected) => {
    expect(bypassesProxy(host, noProxy)).toBe(expected);
  });
});

describe('parseWinHttpProxy', () => {
  it('reads a single proxy and the https= entry of a per-scheme list', () => {
    expect(parseWinHttpProxy('proxy.corp:8080')).toMatchObject({ host: 'proxy.corp', port: 8080 });
    expect(parseWinHttpProxy('http=web.corp:80;https=secure.corp:8443')).toMatchObject({ host: 'secure.corp', port: 8443 });
    expect(parseWinHttpProxy(null)).toBeNull();
    expect(parseWinHttpProxy('http=web.corp:80')).toBeNull();
  });
});
