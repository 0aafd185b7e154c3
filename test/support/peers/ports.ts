/**
 * Ports for peers that cannot be told "port 0" (dnsmasq treats port=0 as "no DNS", chronyd needs a
 * number). The port is checked free for both UDP and TCP; test files run in parallel, so callers
 * still retry when the peer then fails to bind.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

/** A random high port (20000-59999) free for UDP and TCP on `host`. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    if ((await udpFree(port, host)) && (await tcpFree(port, host))) return port;
  }
  throw new Error(`no free port found on ${host}`);
}
