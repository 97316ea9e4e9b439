// A loopback HTTP receiver for receipt pushes: records each POST and answers as the test says.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type Responder = (push: ReceivedPush, index: number, res: ServerResponse) => void;

export const acknowledge: Responder = (_push, _i, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, msg: '接收成功' }));
};

export interface Receiver {
  url: string;
  pushes: ReceivedPush[];
  /** Resolves once `count` pushes have arrived. */
  waitFor(count: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = acknowledge): Promise<Receiver> {
  const pushes: ReceivedPush[] = [];
  const waiters: Array<{ count: number; resolve: (p: ReceivedPush[]) => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const push: ReceivedPush = {
        path: req.url ?? '/',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      pushes.push(push);
      respond(push, pushes.length - 1, res);
      for (const w of waiters.filter((w) => pushes.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(pushes.slice());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/report`,
    pushes,
    waitFor(count) {
      if (pushes.length >= count) return Promise.resolve(pushes.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
