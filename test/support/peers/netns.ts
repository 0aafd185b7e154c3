/**
 * A private two-namespace network for "black-holed" hosts (toolchain-recipes.md): a client
 * namespace and a server namespace joined by one veth pair, 198.18.0.0/29 (RFC 2544 benchmarking
 * space), no default route, nothing in the root namespace. In the server namespace nftables drops
 * every packet to the black-holed addresses, so a connect to them times out instead of being
 * refused.
 *
 * Rules kept here: unique names per run, no address on any root-namespace interface, the root
 * namespace never sends to these addresses (probes run inside the client namespace), every
 * process stopped by PID and both namespaces deleted on teardown - also when the test fails or the
 * process exits early.
 */
import { randomBytes } from 'node:crypto';
import { PeerError, requireBinary, requireRoot, run, startProcess, waitUntil, type Peer } from './process';

export const LAB_CLIENT = '198.18.0.1';
/** Server-namespace address with listeners: connects succeed. */
export const LAB_OPEN = '198.18.0.2';
/** Server-namespace addresses whose packets are all dropped: connects time out. */
export const LAB_BLACKHOLED = ['198.18.0.3', '198.18.0.5', '198.18.0.6'] as const;
/** Server-namespace address with nothing listening and no filter: connects are refused. */
export const LAB_REFUSED = '198.18.0.4';

export interface Lab {
  client: string;
  server: string;
  /** Starts a TCP listener inside the server namespace (a tiny node process). */
  listen(address: string, port: number): Promise<Peer>;
  /** argv for running a program inside the client namespace. */
  inClient(command: string, args: string[]): [string, string[]];
  destroy(): Promise<void>;
}

const liveLabs = new Set<string>();
let exitHook = false;

function deleteNamespace(ip: string, name: string): void {
  try {
    run(ip, ['netns', 'del', name]);
  } catch {
    // Not there (never created, or already deleted).
  }
}

export async function createLab(): Promise<Lab> {
  requireRoot('the black-holed host test');
  const ip = requireBinary('ip', 'apt-get install -y iproute2');
  const nft = requireBinary('nft', 'apt-get install -y nftables');
  const id = randomBytes(3).toString('hex');
  const client = `ad-cli-${id}`;
  const server = `ad-srv-${id}`;
  // Interface names are at most 15 characters.
  const clientIf = `adc${id}`;
  const serverIf = `ads${id}`;
  const processes = new Set<Peer>();

  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const name of liveLabs) deleteNamespace(ip, name);
    });
  }

  const destroy = async () => {
    for (const peer of processes) await peer.stop();
    processes.clear();
    deleteNamespace(ip, client);
    deleteNamespace(ip, server);
    liveLabs.delete(client);
    liveLabs.delete(server);
  };

  try {
    run(ip, ['netns', 'add', client]);
    liveLabs.add(client);
    run(ip, ['netns', 'add', server]);
    liveLabs.add(server);
    run(ip, ['link', 'add', clientIf, 'netns', client, 'type', 'veth', 'peer', 'name', serverIf, 'netns', server]);
    run(ip, ['-n', client, 'addr', 'add', `${LAB_CLIENT}/29`, 'dev', clientIf]);
    for (const address of [LAB_OPEN, LAB_BLACKHOLED[0], LAB_REFUSED, LAB_BLACKHOLED[1], LAB_BLACKHOLED[2]]) {
      run(ip, ['-n', server, 'addr', 'add', `${address}/29`, 'dev', serverIf]);
    }
    for (const [ns, dev] of [
      [client, 'lo'],
      [client, clientIf],
      [server, 'lo'],
      [server, serverIf],
    ] as const) {
      run(ip, ['-n', ns, 'link', 'set', dev, 'up']);
    }
    const rules = `table inet adlab {\n chain input {\n  type filter hook input priority 0;\n  ip daddr { ${LAB_BLACKHOLED.join(', ')} } drop\n }\n}\n`;
    run(ip, ['netns', 'exec', server, nft, '-f', '-'], rules);
    // Give the veth pair a moment to finish duplicate address detection / carrier.
    await waitForLink(ip, client, clientIf);
  } catch (error) {
    await destroy();
    throw error instanceof PeerError ? error : new PeerError(`could not build the test network: ${String(error)}`);
  }

  return {
    client,
    server,
    inClient: (command, args) => [ip, ['netns', 'exec', client, command, ...args]],
    async listen(address, port) {
      const script = `require('net').createServer((s)=>{s.on('error',()=>{});s.end();}).listen(${port},${JSON.stringify(address)},()=>console.log('listening'))`;
      const peer = startProcess(ip, ['netns', 'exec', server, process.execPath, '-e', script]);
      processes.add(peer);
      await waitUntil(peer, async () => peer.output().includes('listening'), 5000, `listener on ${address}:${port} in ${server}`);
      return peer;
    },
    destroy,
  };
}

async function waitForLink(ip: string, ns: string, dev: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const state = run(ip, ['-n', ns, '-o', 'link', 'show', dev]);
    if (/state (UP|UNKNOWN)/.test(state) || /LOWER_UP/.test(state)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new PeerError(`the veth link ${dev} in ${ns} did not come up`);
}
