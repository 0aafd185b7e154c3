/**
 * A real DNS server with `_vlmcs._tcp` SRV records: dnsmasq (toolchain-recipes.md), on loopback
 * or inside a test network namespace. It is authoritative for its zones only (`local=`), has no
 * upstream and reads no hosts file, so a lookup can never leave it.
 */
import { promises as dns } from 'node:dns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { PeerError, requireBinary, startProcess, waitUntil, type Peer } from './process';

export interface SrvEntry {
  /** Full SRV name, e.g. `_vlmcs._tcp.corp.test`. */
  name: string;
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export interface DnsmasqConfig {
  zones: string[];
  srv?: SrvEntry[];
  hosts?: { name: string; address: string }[];
  /** Listen address (default 127.0.0.1). */
  listen?: string;
  /** Port (default: a free random port on loopback). */
  port?: number;
  /** Run inside this network namespace (`ip netns exec`). */
  netns?: string;
}

export interface DnsPeer {
  /** "ip:port" for --dns-server and createNameResolver. */
  server: string;
  address: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export function dnsmasqConfig(config: DnsmasqConfig, port: number): string {
  const lines = [
    `port=${port}`,
    `listen-address=${config.listen ?? '127.0.0.1'}`,
    'bind-interfaces',
    'no-resolv',
    'no-hosts',
    'no-poll',
    'no-daemon',
    ...config.zones.map((z) => `local=/${z}/`),
    ...(config.srv ?? []).map((s) => `srv-host=${s.name},${s.target},${s.port},${s.priority ?? 0},${s.weight ?? 100}`),
    ...(config.hosts ?? []).map((h) => `host-record=${h.name},${h.address}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function answers(server: string, zone: string): Promise<boolean> {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  try {
    await resolver.resolve4(`ready-check.${zone}`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Any DNS answer (even "no such name") means the server is up.
    return code === 'ENOTFOUND' || code === 'ENODATA';
  }
}

export async function startDnsmasq(config: DnsmasqConfig): Promise<DnsPeer> {
  const binary = requireBinary('dnsmasq', 'apt-get install -y --no-install-recommends dnsmasq-base');
  const address = config.listen ?? '127.0.0.1';
  const inNamespace = config.netns !== undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = config.port ?? (inNamespace ? 5353 : await freePort(address));
    const dir = mkdtempSync(join(tmpdir(), 'ad-dnsmasq-'));
    const confFile = join(dir, 'dnsmasq.conf');
    writeFileSync(confFile, dnsmasqConfig(config, port));
    const args = [`--conf-file=${confFile}`, `--pid-file=${join(dir, 'dnsmasq.pid')}`];
    const peer: Peer = config.netns !== undefined ? startProcess(requireBinary('ip', 'apt-get install -y iproute2'), ['netns', 'exec', config.netns, binary, ...args]) : startProcess(binary, args);
    const server = `${address}:${port}`;
    const stop = async () => {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      // Inside a namespace the root namespace must not send it anything: wait for its own "started" line.
      const ready = inNamespace ? async () => /started, version/.test(peer.output()) : () => answers(server, config.zones[0] ?? 'test');
      await waitUntil(peer, ready, 3000, `dnsmasq on ${server}`);
      return { server, address, port, pid: peer.pid, stop };
    } catch (error) {
      await stop();
      lastError = error;
      if (config.port !== undefined || !/Address already in use/i.test(String(error))) break;
    }
  }
  throw lastError instanceof Error ? lastError : new PeerError(`dnsmasq could not start: ${String(lastError)}`);
}
