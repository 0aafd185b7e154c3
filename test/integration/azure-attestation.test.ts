/**
 * The Azure Edition attestation check against loopback HTTP servers: IMDS's instance and attested
 * documents, Azure Local's legacy endpoint, failures. The real metadata addresses are never used.
 * The attested document is synthetic (test/fixtures/azure/README.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTESTED_PATH, attestationSigner, pkcs7Certificates, probeAttestation, probeAzure } from '../../main/probes/azure-attestation';
import { AzureFactsSchema } from '../../shared/snapshot';
import { startHttpServer, type Handler, type HttpPeer } from '../support/peers/http';
import { closedPort } from '../support/peers/tcp';

const DOCUMENT = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/azure/attested-document.json'), 'utf8')) as { encoding: string; signature: string };
const INSTANCE = { compute: { azEnvironment: 'AzurePublicCloud', vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6', offer: 'WindowsServer', publisher: 'MicrosoftWindowsServer', sku: '2022-datacenter-azure-edition', location: 'westeurope', licenseType: '', vmSize: 'Standard_D2s_v5', isHostCompatibilityLayerVm: 'true' } };

/** IMDS as documented: both documents, only with `Metadata: true`. */
function imds(attested: { status?: number; body?: unknown } = {}): Handler {
  return (req, res) => {
    if (req.headers.metadata !== 'true') return void res.writeHead(400).end('{"error":"Bad request. Required metadata header not specified"}');
    if (req.url?.startsWith('/metadata/instance?')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(INSTANCE));
    if (req.url === ATTESTED_PATH) {
      const body = attested.body ?? DOCUMENT;
      return void res.writeHead(attested.status ?? 200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    }
    res.writeHead(404).end();
  };
}

const signal = new AbortController().signal;

describe('the signer certificate of an attested document', () => {
  it('is read from the PKCS#7 signature: subject, the issuing intermediate and the expiry', () => {
    expect(attestationSigner(DOCUMENT.signature)).toEqual({
      subject: 'CN=metadata.azure.com, O=Microsoft Corporation, L=Redmond, ST=WA, C=US',
      issuer: 'CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US',
      issuerCommonName: 'Microsoft Azure RSA TLS Issuing CA 04',
      notAfter: expect.stringMatching(/^2036-12-0\dT10:19:\d\d\.000Z$/),
    });
  });

  it.each([
    ['not base64', '%%%'],
    ['base64 of text', Buffer.from('hello world').toString('base64')],
    ['a truncated document', DOCUMENT.signature.slice(0, 200)],
    ['a length that points past the end', Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x06]).toString('base64')],
  ])('is null for %s, never an exception', (_what, signature) => {
    expect(attestationSigner(signature)).toBeNull();
  });

  it('only reads certificates from SignedData (another content type has none)', () => {
    const der = Buffer.from(DOCUMENT.signature, 'base64');
    expect(pkcs7Certificates(der)).toHaveLength(1);
    const other = Buffer.from(der);
    other[other.indexOf(Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02])) + 8] = 0x01; // id-data
    expect(pkcs7Certificates(other)).toEqual([]);
  });
});

describe('the attestation probe against loopback servers', () => {
  const servers: HttpPeer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (handler: Handler) => {
    const server = await startHttpServer(handler);
    servers.push(server);
    return server;
  };

  it('on Azure: the instance, then the attested document, both with Metadata: true, never the legacy endpoint', async () => {
    const server = await serve(imds());
    const legacy = await serve(imds());
    const fact = await probeAzure({ baseUrl: server.baseUrl, legacyBaseUrl: legacy.baseUrl, signal });
    expect(fact.status).toBe('ok');
    if (fact.status !== 'ok') return;
    expect(AzureFactsSchema.parse(fact.value)).toEqual(fact.value);
    expect(fact.value).toMatchObject({ isAzure: true, sku: '2022-datacenter-azure-edition', attestation: { endpoint: 'imds', outcome: 'signed', httpStatus: 200, detail: null, signer: { issuerCommonName: 'Microsoft Azure RSA TLS Issuing CA 04' } } });
    expect(server.requests.map((r) => [r.url, r.headers.metadata])).toEqual([
      ['/metadata/instance?api-version=2021-02-01', 'true'],
      [ATTESTED_PATH, 'true'],
    ]);
    // The legacy request was sent at the same time, and ignored on Azure.
    expect(legacy.requests.map((r) => r.url)).toEqual([ATTESTED_PATH]);
  });

  it('on Azure with the attested endpoint failing: the instance says Azure, the attestation says why', async () => {
    const server = await serve(imds({ status: 500, body: { error: 'Internal error' } }));
    const fact = await probeAzure({ baseUrl: server.baseUrl, legacyBaseUrl: null, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: true, attestation: { endpoint: 'imds', outcome: 'http-error', httpStatus: 500, detail: 'HTTP 500', signer: null } } });
  });

  it('not on Azure: Azure Local legacy endpoint answering gives its attestation', async () => {
    const legacy = await serve(imds());
    const port = await closedPort();
    const fact = await probeAzure({ baseUrl: `http://127.0.0.1:${port}`, legacyBaseUrl: legacy.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false, attestation: { endpoint: 'azure-local-legacy', outcome: 'signed' } } });
  });

  it('neither: not Azure, and the legacy endpoint unreachable, with the Node error code', async () => {
    const port = await closedPort();
    const fact = await probeAzure({ baseUrl: `http://127.0.0.1:${port}`, legacyBaseUrl: `http://127.0.0.1:${port}`, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false, attestation: { endpoint: 'azure-local-legacy', outcome: 'unreachable', detail: expect.stringMatching(/^ECONNREFUSED/) } } });
  });

  it('legacy endpoint not asked: no attestation at all', async () => {
    const port = await closedPort();
    const fact = await probeAzure({ baseUrl: `http://127.0.0.1:${port}`, legacyBaseUrl: null, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false, attestation: null } });
  });

  it.each([
    ['a web page', '<html>proxy login</html>', 'the answer is not JSON'],
    ['JSON without a signature', { encoding: 'pkcs7' }, 'the answer has no signature'],
    ['a signature that is not PKCS#7', { encoding: 'pkcs7', signature: Buffer.from('nope').toString('base64') }, 'the signature is not a PKCS#7 document with a certificate'],
  ])('an answer that is not an attested document (%s) is unreadable', async (_what, body, detail) => {
    const server = await serve(imds({ body }));
    expect(await probeAttestation({ baseUrl: server.baseUrl, endpoint: 'imds', timeoutMs: 1000, signal })).toEqual({ endpoint: 'imds', outcome: 'unreadable', httpStatus: 200, detail, signer: null });
  });

  it('refuses an address that is not plain http', async () => {
    expect(await probeAttestation({ baseUrl: 'https://127.0.0.1:1', endpoint: 'imds', timeoutMs: 1000, signal })).toMatchObject({ outcome: 'unreachable', detail: expect.stringMatching(/http:\/\//) });
  });
});
