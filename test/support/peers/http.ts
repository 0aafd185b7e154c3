/** A loopback HTTP server for the IMDS tests: answers with whatever the test says. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpPeer {
  baseUrl: string;
  port: number;
  /** Requests received so far (method, url, headers). */
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function startHttpServer(handler: Handler): Promise<HttpPeer> {
  return new Promise((resolve, reject) => {
    const requests: HttpPeer['requests'] = [];
    const sockets = new Set<Socket>();
    const server = createServer((req, res) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      handler(req, res);
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      resolve({
        baseUrl: `http://127.0.0.1:${address.port}`,
        port: address.port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Serves `body` as JSON at the IMDS instance path, only with the Metadata: true header (as IMDS does). */
export function imdsHandler(body: unknown, status = 200): Handler {
  return (req, res) => {
    if (req.headers.metadata !== 'true') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"Bad request. Required metadata header not specified"}');
      return;
    }
    if (!req.url?.startsWith('/metadata/instance?api-version=')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}
