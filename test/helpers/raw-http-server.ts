// A raw TCP server for the socket transport's tests: it reads whole requests (head + Content-Length
// body) and lets each test write the exact answer bytes, or close, on the request's socket.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

export interface RawRequest {
  head: string;
  socket: Socket;
  /** 1-based number of the connection that carried it. */
  connection: number;
}

/** Reads whole requests (head + Content-Length body) and hands each to `server.answer`. */
export async function rawServer() {
  const sockets = new Set<Socket>();
  const state = {
    connections: 0,
    requests: [] as RawRequest[],
    closed: [] as number[],
    answer: (_req: RawRequest): void => {},
  };
  const server: Server = createServer((socket) => {
    const id = ++state.connections;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      state.closed.push(id);
    });
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        buf = buf.subarray(end + 4 + length);
        const req = { head, socket, connection: id };
        state.requests.push(req);
        state.answer(req);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
}
