/**
 * A black-holed KMS host: packets dropped by a firewall, so the connect times out instead of being
 * refused. Built from two private network namespaces (test/support/peers/netns.ts); the probes run
 * INSIDE the client namespace through a bundled runner, so nothing is sent from the root namespace
 * and nothing can leave the machine (the client namespace has no default route).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsHostCheckSchema, SnapshotSchema, type KmsHostCheck, type Snapshot } from '../../shared/snapshot';
import { bundleProbeRunner, type Bundle } from '../support/peers/bundle';
import { startDnsmasq, type DnsPeer } from '../support/peers/dnsmasq';
import { LAB_BLACKHOLED, LAB_OPEN, LAB_REFUSED, createLab, type Lab } from '../support/peers/netns';
import { runToCompletion } from '../support/peers/process';
import type { RunnerInput } from '../support/peers/probe-runner';

const TIMEOUT_MS = 1000;

describe('black-holed host in a network namespace', () => {
  let lab: Lab | undefined;
  let runner: Bundle | undefined;
  let dns: DnsPeer | undefined;

  beforeAll(async () => {
    try {
      lab = await createLab();
      runner = await bundleProbeRunner();
      await lab.listen(LAB_OPEN, 1688);
      dns = await startDnsmasq({
        zones: ['corp.test'],
        srv: [{ name: '_vlmcs._tcp.corp.test', target: 'kms-dropped.corp.test', port: 1688 }],
        hosts: [{ name: 'kms-dropped.corp.test', address: LAB_BLACKHOLED[0] }],
        listen: LAB_OPEN,
        port: 5353,
        netns: lab.server,
      });
    } catch (error) {
      // Tear down whatever was built before failing: namespaces must never outlive the test.
      await dns?.stop();
      await lab?.destroy();
      runner?.cleanup();
      throw error;
    }
  }, 30_000);

  afterAll(async () => {
    await dns?.stop();
    await lab?.destroy();
    runner?.cleanup();
  });

  async function runInClient<T>(input: RunnerInput): Promise<{ elapsedMs: number; result: T }> {
    if (!lab || !runner) throw new Error('the lab was not built');
    const [command, args] = lab.inClient(process.execPath, [runner.file, JSON.stringify(input)]);
    const stdout = await runToCompletion(command, args, 20_000);
    return JSON.parse(stdout) as { elapsedMs: number; result: T };
  }

  it('open, timed out (filtered) and refused are told apart, checked concurrently', async () => {
    const { elapsedMs, result } = await runInClient<KmsHostCheck[]>({
      mode: 'tcp',
      timeoutMs: TIMEOUT_MS,
      targets: [
        { host: LAB_OPEN, port: 1688 },
        { host: LAB_BLACKHOLED[0], port: 1688 },
        { host: LAB_REFUSED, port: 1688 },
      ],
    });
    for (const check of result) expect(KmsHostCheckSchema.parse(check)).toEqual(check);
    expect(result.map((c) => [c.host, c.tcp])).toEqual([
      [LAB_OPEN, 'open'],
      [LAB_BLACKHOLED[0], 'timed-out'],
      [LAB_REFUSED, 'refused'],
    ]);
    const dropped = result[1];
    expect(dropped?.error).toMatch(/firewall/);
    expect(dropped?.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS * 1.5);
  });

  it('a full snapshot in the namespace: SRV → black-holed target, --kms refused, all within about one timeout', async () => {
    const { elapsedMs, result } = await runInClient<Snapshot>({
      mode: 'snapshot',
      options: { kms: `${LAB_REFUSED}:1688`, domain: 'corp.test', dnsServer: `${LAB_OPEN}:5353`, ntpPort: 123, timeoutMs: TIMEOUT_MS },
    });
    expect(SnapshotSchema.parse(result)).toEqual(result);
    const srv = result.network.srv;
    expect(srv.status === 'ok' && srv.value[0]).toMatchObject({ result: 'found', dnsServer: `${LAB_OPEN}:5353`, records: [{ target: 'kms-dropped.corp.test', addresses: [LAB_BLACKHOLED[0]] }] });
    const hosts = result.network.kmsHosts;
    expect(hosts.status === 'ok' && hosts.value.map((h) => [h.host, h.sources, h.tcp])).toEqual([
      [LAB_REFUSED, ['option'], 'refused'],
      ['kms-dropped.corp.test', ['srv'], 'timed-out'],
    ]);
    const time = result.network.time;
    expect(time.status === 'ok' && time.value.map((t) => [t.host, t.result])).toEqual([
      [LAB_REFUSED, 'no-answer'],
      ['kms-dropped.corp.test', 'no-answer'],
    ]);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS * 1.5);
  });
});
