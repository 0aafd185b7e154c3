/**
 * An in-process SNTP responder on loopback for orchestration tests (the real-server tests use
 * chronyd, see chrony.ts). It can shift its clock, answer late, or stay silent.
 */
import { createSocket } from 'node:dgram';
import { encodeNtpTimestamp } from '../../../main/probes/network/sntp';

export interface FakeNtp {
  port: number;
  queries(): number;
  close(): Promise<void>;
}

export function startFakeNtp(options: { shiftMs?: number; silent?: boolean; delayMs?: number } = {}): Promise<FakeNtp> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    let count = 0;
    const timers = new Set<NodeJS.Timeout>();
    socket.on('message', (request, from) => {
      count++;
      if (options.silent || request.length < 48) return;
      const answer = () => {
        const now = Date.now() + (options.shiftMs ?? 0);
        const packet = Buffer.alloc(48);
        packet[0] = 0x24;
        packet[1] = 2;
        request.copy(packet, 24, 40, 48);
        encodeNtpTimestamp(now, packet, 32);
        encodeNtpTimestamp(now, packet, 40);
        socket.send(packet, from.port, from.address);
      };
      if (options.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          answer();
        }, options.delayMs);
        timers.add(t);
      } else answer();
    });
    socket.bind(0, '127.0.0.1', () =>
      resolve({
        port: socket.address().port,
        queries: () => count,
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearTimeout(t);
            socket.close(() => done());
          }),
      }),
    );
  });
}
