/**
 * A fleet of PowerShell remoting hosts over SSH, for `fleet collect` tests and the bench: a client
 * namespace and a server namespace joined by one veth pair (198.18.2.0/24, RFC 2544 benchmarking
 * space, no default route, nothing in the root namespace). In the server namespace, one sshd per
 * host, each on its own address with `Subsystem powershell <pwsh> -sshs -NoLogo`, a host key and
 * an authorised client key generated for this run (root may log in with that key only). Two more
 * addresses: one whose packets nftables drops (connects time out) and one with no listener
 * (connects are refused).
 *
 * Everything is torn down by PID and by namespace name, also when a test fails or the process
 * exits early. pwsh and sshd missing is an error (PeerError), never a skip.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PeerError, requireBinary, requireRoot, run, startProcess, waitUntil, type Peer } from './process';

export interface SshFleetLab {
  /** Addresses with a PowerShell remoting sshd. */
  hosts: string[];
  /** An address whose packets are dropped: connects time out. */
  blackholed: string;
  /** An address with nothing listening: connects are refused. */
  refused: string;
  keyFilePath: string;
  knownHostsFile: string;
  /** A program that runs pwsh inside the client namespace (give it as the fan-out's shell). */
  shell: string;
  /** Temporary folder of this lab (keys, configs); removed on destroy. */
  dir: string;
  destroy(): Promise<void>;
}

/** pwsh 7 of this checkout (.tools/pwsh, see toolchain-recipes.md), or ACTIVATION_DOCTOR_PWSH. */
export function requirePwsh(): string {
  const candidates = [process.env.ACTIVATION_DOCTOR_PWSH, fileURLToPath(new URL('../../../.tools/pwsh/pwsh', import.meta.url))].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Try the next one.
    }
  }
  try {
    return requireBinary('pwsh', 'dotnet tool install PowerShell --tool-path .tools/pwsh');
  } catch {
    throw new PeerError('PowerShell 7 (pwsh) is not installed, so the remoting test cannot run. Install it into .tools/pwsh (dotnet tool install PowerShell --tool-path .tools/pwsh) or set ACTIVATION_DOCTOR_PWSH');
  }
}

const live = new Set<() => void>();
let exitHook = false;

export async function createSshFleetLab(count: number): Promise<SshFleetLab> {
  requireRoot('the SSH remoting test');
  if (count < 1 || count > 100) throw new PeerError('between 1 and 100 hosts');
  const ip = requireBinary('ip', 'apt-get install -y iproute2');
  const nft = requireBinary('nft', 'apt-get install -y nftables');
  const sshd = requireBinary('sshd', 'apt-get install -y openssh-server');
  const keygen = requireBinary('ssh-keygen', 'apt-get install -y openssh-client');
  requireBinary('ssh', 'apt-get install -y openssh-client');
  const pwsh = requirePwsh();

  const id = randomBytes(3).toString('hex');
  const client = `adf-cli-${id}`;
  const server = `adf-srv-${id}`;
  const clientIf = `afc${id}`;
  const serverIf = `afs${id}`;
  const dir = mkdtempSync(join(tmpdir(), 'ad-ssh-fleet-'));
  const peers: Peer[] = [];
  const hosts = Array.from({ length: count }, (_, i) => `198.18.2.${10 + i}`);
  const blackholed = '198.18.2.200';
  const refused = '198.18.2.201';

  const removeNamespaces = () => {
    for (const ns of [client, server]) {
      try {
        run(ip, ['netns', 'del', ns]);
      } catch {
        // Never created, or already gone.
      }
    }
  };
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const cleanup of live) cleanup();
    });
  }
  live.add(removeNamespaces);
  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    for (const peer of peers) await peer.stop();
    removeNamespaces();
    live.delete(removeNamespaces);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run(keygen, ['-q', '-t', 'ed25519', '-N', '', '-C', 'ad-fleet-host', '-f', join(dir, 'host_key')]);
    run(keygen, ['-q', '-t', 'ed25519', '-N', '', '-C', 'ad-fleet-client', '-f', join(dir, 'client_key')]);
    const hostPublic = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub'), 'utf8'), { mode: 0o600 });
    writeFileSync(join(dir, 'known_hosts'), [...hosts, blackholed, refused].map((h) => `${h} ${hostPublic}\n`).join(''));
    writeFileSync(join(dir, 'pwsh-in-client.sh'), `#!/bin/sh\nexec ${ip} netns exec ${client} ${pwsh} "$@"\n`, { mode: 0o755 });
    // sshd's privilege-separation directory (Debian creates it at service start, not install).
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

    run(ip, ['netns', 'add', client]);
    run(ip, ['netns', 'add', server]);
    run(ip, ['link', 'add', clientIf, 'netns', client, 'type', 'veth', 'peer', 'name', serverIf, 'netns', server]);
    run(ip, ['-n', client, 'addr', 'add', '198.18.2.1/24', 'dev', clientIf]);
    for (const address of [...hosts, blackholed, refused]) run(ip, ['-n', server, 'addr', 'add', `${address}/24`, 'dev', serverIf]);
    for (const [ns, dev] of [
      [client, 'lo'],
      [client, clientIf],
      [server, 'lo'],
      [server, serverIf],
    ] as const) {
      run(ip, ['-n', ns, 'link', 'set', dev, 'up']);
    }
    run(ip, ['netns', 'exec', server, nft, '-f', '-'], `table inet adfleet {\n chain input {\n  type filter hook input priority 0;\n  ip daddr ${blackholed} drop\n }\n}\n`);

    for (const [i, address] of hosts.entries()) {
      const config = join(dir, `sshd-${i}.conf`);
      writeFileSync(
        config,
        [
          `ListenAddress ${address}:22`,
          `HostKey ${join(dir, 'host_key')}`,
          'PidFile none',
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PermitRootLogin prohibit-password',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          // The key files live in a temporary folder, not in root's home.
          'StrictModes no',
          'MaxStartups 100',
          `Subsystem powershell ${pwsh} -sshs -NoLogo`,
          '',
        ].join('\n'),
      );
      const peer = startProcess(ip, ['netns', 'exec', server, sshd, '-D', '-e', '-f', config]);
      peers.push(peer);
      await waitUntil(peer, async () => peer.output().includes('Server listening'), 5000, `sshd on ${address} in ${server}`);
    }
  } catch (error) {
    await destroy();
    throw error instanceof PeerError ? error : new PeerError(`could not build the SSH fleet: ${String(error)}`);
  }

  return { hosts, blackholed, refused, keyFilePath: join(dir, 'client_key'), knownHostsFile: join(dir, 'known_hosts'), shell: join(dir, 'pwsh-in-client.sh'), dir, destroy };
}
