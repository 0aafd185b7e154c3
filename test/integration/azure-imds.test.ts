/**
 * Azure detection against a loopback HTTP server that answers like IMDS, with the documents of
 * windows-output-samples.md §6. The real IMDS address is never used in tests.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IMDS_PATH, probeImds } from '../../main/probes/azure';
import { AzureFactsSchema } from '../../shared/snapshot';
import { imdsHandler, startHttpServer, type HttpPeer } from '../support/peers/http';
import { closedPort } from '../support/peers/tcp';

// §6.1: the compute section of a real Windows 10 VM (stored without its wrapper; IMDS sends it under "compute").
const SAMPLE_6_1 = {
  compute: {
    location: 'eastus',
    name: 'heya-windows-vm',
    offer: 'Windows-10',
    osType: 'Windows',
    placementGroupId: '',
    platformFaultDomain: '0',
    platformUpdateDomain: '0',
    publisher: 'MicrosoftWindowsDesktop',
    resourceGroupName: 'heya-java-ipa',
    sku: '20h1-pro',
    subscriptionId: '65b2f83e-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    tags: 'azsecpack:nonprod;platformsettings.host_environment.service.platform_optedin_for_rootcerts:true',
    version: '19041.928.2104091205',
    vmId: '2955a129-2323-4c1f-8918-994a7a83eefd',
    vmSize: 'Standard_D2s_v3',
  },
};

// §6.2: Microsoft's 2021-02-01 Windows example (the fields we read, plus nested objects we ignore).
const SAMPLE_6_2 = {
  compute: {
    azEnvironment: 'AZUREPUBLICCLOUD',
    additionalCapabilities: { hibernationEnabled: 'true' },
    evictionPolicy: '',
    isHostCompatibilityLayerVm: 'true',
    licenseType: 'Windows_Client',
    location: 'westus',
    name: 'examplevmname',
    offer: 'WindowsServer',
    osProfile: { adminUsername: 'admin', computerName: 'examplevmname', disablePasswordAuthentication: 'true' },
    osType: 'Windows',
    plan: { name: 'planName', product: 'planProduct', publisher: 'planPublisher' },
    publisher: 'RDFE-Test-Microsoft-Windows-Server-Group',
    securityProfile: { secureBootEnabled: 'true', virtualTpmEnabled: 'false' },
    sku: '2019-Datacenter',
    storageProfile: { imageReference: { id: '', offer: 'WindowsServer', publisher: 'MicrosoftWindowsServer', sku: '2019-Datacenter', version: 'latest' } },
    vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6',
    vmScaleSetName: 'crpteste9vflji9',
    vmSize: 'Standard_A3',
    zone: '',
  },
  network: { interface: [] },
};

// §6.3: the older-schema example (azEnvironment in mixed case, no licenseType).
const SAMPLE_6_3 = {
  compute: {
    azEnvironment: 'AzurePublicCloud',
    customData: '',
    location: 'westus',
    name: 'jubilee',
    offer: 'Windows-10',
    osType: 'Windows',
    placementGroupId: '',
    plan: { name: '', product: '', publisher: '' },
    platformFaultDomain: '1',
    platformUpdateDomain: '1',
    provider: 'Microsoft.Compute',
    publicKeys: [],
    publisher: 'MicrosoftWindowsDesktop',
    resourceGroupName: 'myrg',
    sku: 'rs4-pro',
    tags: 'Department:IT;Environment:Prod;Role:WorkerRole',
    version: '17134.345.59',
    vmId: '13f56399-bd52-4150-9748-7190aae1ff21',
    vmScaleSetName: '',
    vmSize: 'Standard_D1',
    zone: '1',
  },
};

describe('IMDS probe against a loopback server', () => {
  let server: HttpPeer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const signal = new AbortController().signal;

  it('§6.2: reads the cloud, VM id and image, with the Metadata header and the api-version', async () => {
    server = await startHttpServer(imdsHandler(SAMPLE_6_2));
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact.status).toBe('ok');
    if (fact.status !== 'ok') return;
    expect(AzureFactsSchema.parse(fact.value)).toEqual({
      isAzure: true,
      azEnvironment: 'AZUREPUBLICCLOUD',
      vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6',
      location: 'westus',
      offer: 'WindowsServer',
      publisher: 'RDFE-Test-Microsoft-Windows-Server-Group',
      sku: '2019-Datacenter',
      licenseType: 'Windows_Client',
      vmSize: 'Standard_A3',
    });
    expect(server.requests).toEqual([expect.objectContaining({ method: 'GET', url: IMDS_PATH, headers: expect.objectContaining({ metadata: 'true' }) })]);
  });

  it('§6.3: older schema, mixed-case cloud name, absent licenseType → null', async () => {
    server = await startHttpServer(imdsHandler(SAMPLE_6_3));
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: true, azEnvironment: 'AzurePublicCloud', vmId: '13f56399-bd52-4150-9748-7190aae1ff21', licenseType: null, sku: 'rs4-pro' } });
  });

  it('§6.1: no azEnvironment in the document → null, still Azure', async () => {
    server = await startHttpServer(imdsHandler(SAMPLE_6_1));
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: true, azEnvironment: null, offer: 'Windows-10', vmSize: 'Standard_D2s_v3' } });
  });

  it('empty strings become null', async () => {
    server = await startHttpServer(imdsHandler({ compute: { ...SAMPLE_6_2.compute, licenseType: '', sku: '  ' } }));
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { licenseType: null, sku: null } });
  });

  it.each([
    ['404', imdsHandler({}, 404)],
    ['a web page', imdsHandler('<html>hello</html>')],
    ['JSON that is not IMDS', imdsHandler({ hello: 'world' })],
    ['a compute object without vmId', imdsHandler({ compute: { location: 'x' } })],
  ])('not Azure: %s', async (_name, handler) => {
    server = await startHttpServer(handler);
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false, vmId: null } });
  });

  it('IMDS overloaded (HTTP 429 / 500) is unavailable, not "not Azure"', async () => {
    server = await startHttpServer(imdsHandler({ error: 'throttled' }, 429));
    const fact = await probeImds({ baseUrl: server.baseUrl, signal });
    expect(fact).toMatchObject({ status: 'unavailable', reason: 'failed', detail: expect.stringMatching(/HTTP 429/) });
  });

  it('not Azure: connection refused', async () => {
    const port = await closedPort();
    const fact = await probeImds({ baseUrl: `http://127.0.0.1:${port}`, signal });
    expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false } });
  });

  it('not Azure: no answer within 1 s (the limit holds even if asked for more)', async () => {
    // Accepts the connection and never answers.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
    try {
      const started = Date.now();
      const fact = await probeImds({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000, signal });
      expect(fact).toMatchObject({ status: 'ok', value: { isAzure: false } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(1800);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('refuses a base URL that is not plain http', async () => {
    const fact = await probeImds({ baseUrl: 'https://127.0.0.1:1', signal });
    expect(fact).toMatchObject({ status: 'unavailable', reason: 'failed', detail: expect.stringMatching(/http:\/\//) });
  });
});
