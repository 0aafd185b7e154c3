/** TCP peers on loopback: a listener that accepts (open) and a port nothing listens on (refused). */
import { createServer, type Server, type Socket } from 'node:net';

export interface TcpPeer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

export function startTcpListener(host = '127.0.0.1'): Promise<TcpPeer> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      count++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.end();
    });
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('listener has no port'));
      resolve({
        host,
        port: address.port,
        accepted: () => count,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port that was just free and is closed again: a connect to it is refused (RST). */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const peer = await startTcpListener(host);
  await peer.close();
  return peer.port;
}
