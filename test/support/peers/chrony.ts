/**
 * A real NTP server whose clock is shifted: chronyd under libfaketime (toolchain-recipes.md). Only
 * chronyd sees the fake time (LD_PRELOAD on its process); `-x` keeps it from touching the system
 * clock, and it binds to loopback only.
 */
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { PeerError, requireBinary, startProcess, waitUntil } from './process';

const LIBFAKETIME_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
];

export interface NtpPeer {
  address: string;
  port: number;
  pid: number;
  /** The FAKETIME shift, e.g. "+5h". */
  shift: string;
  stop(): Promise<void>;
}

function libfaketime(): string {
  const found = LIBFAKETIME_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new PeerError(`libfaketime is not installed, so the clock-offset tests cannot run. Install it: apt-get install -y faketime (looked in ${LIBFAKETIME_CANDIDATES.join(', ')})`);
  return found;
}

/** Any well-formed server answer on the port means chronyd is serving. */
function answers(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.on('error', () => done(false));
    socket.on('message', (m) => done(m.length >= 48 && (m[0]! & 7) === 4));
    const request = Buffer.alloc(48);
    request[0] = 0x23;
    request.writeUInt32BE(0xe0000000, 40);
    socket.send(request, port, address);
  });
}

/** chronyd on 127.0.0.1 with its clock moved by `shift` (libfaketime syntax: "+5h", "-3h", "+0"). */
export async function startChronyd(shift: string): Promise<NtpPeer> {
  const binary = requireBinary('chronyd', 'apt-get install -y chrony');
  const preload = libfaketime();
  const address = '127.0.0.1';
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort(address);
    const dir = mkdtempSync(join(tmpdir(), 'ad-chrony-'));
    const conf = join(dir, 'chrony.conf');
    writeFileSync(
      conf,
      [
        'local stratum 1',
        `allow ${address}`,
        `port ${port}`,
        `bindaddress ${address}`,
        'cmdport 0',
        `pidfile ${join(dir, 'chronyd.pid')}`,
        `driftfile ${join(dir, 'chrony.drift')}`,
        '',
      ].join('\n'),
    );
    const peer = startProcess(binary, ['-x', '-d', '-u', 'root', '-f', conf], { LD_PRELOAD: preload, FAKETIME: shift });
    const stop = async () => {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitUntil(peer, () => answers(address, port), 3000, `chronyd (FAKETIME=${shift}) on ${address}:${port}`);
      // Another server already on the port would answer for it: make sure the socket is ours.
      if (/Could not open/i.test(peer.output())) throw new PeerError(`chronyd could not open its NTP socket on ${port}: ${peer.output().trim().slice(-300)}`);
      return { address, port, pid: peer.pid, shift, stop };
    } catch (error) {
      await stop();
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new PeerError(`chronyd could not start: ${String(lastError)}`);
}
