// The socket transport's connection pool against a raw TCP server: idle keep-alive sockets closed by
// the server, more concurrent calls than maxSockets, and close() with calls in flight.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RawRequest, rawServer } from '../../../test/helpers/raw-http-server.js';
import { ManualClock } from '../src/core/clock.js';
import { SmsClient } from '../src/sms/sms-client.js';
import { isSendOutcomeUnknownError } from '../src/transport/errors/send-outcome-unknown-error.js';
import { isTransportError } from '../src/transport/errors/transport-error.js';
import type { HttpRequest } from '../src/transport/http-types.js';
import { createSocketHttpTransport } from '../src/transport/socket-http.js';

const turn = () => new Promise((r) => setImmediate(r));
const OK = (id: string, extra = '') => {
  const body = `{"Code":"OK","Message":"OK","BizId":"B","RequestId":"${id}"}`;
  return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${extra}Content-Length: ${body.length}\r\n\r\n${body}`;
};

describe('socket transport pool', () => {
  let server: Awaited<ReturnType<typeof rawServer>>;
  before(async () => {
    server = await rawServer();
  });
  after(() => server.close());

  const request = (): HttpRequest => ({
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path: '/',
    headers: { host: `127.0.0.1:${server.port}`, 'content-length': '0' },
    body: undefined,
    connectTimeout: 2000,
    readTimeout: 5000,
    signal: undefined,
  });

  it('a keep-alive socket the server closed while idle is dropped: the next call succeeds on a new one', async () => {
    // Answer with keep-alive, then close the idle socket from the server side.
    server.answer = (req) => req.socket.end(OK(`R-${req.connection}`));
    const t = createSocketHttpTransport();
    try {
      const first = server.connections;
      for (let i = 0; i < 3; i++) {
        const r = await t.send(request());
        assert.equal(r.status, 200);
        // The server's socket closes only once the client has seen the end and closed its side too.
        const conn = server.requests.at(-1)?.connection as number;
        while (!server.closed.includes(conn)) await turn();
      }
      assert.equal(server.connections - first, 3, 'a new connection for each call, none failed');
    } finally {
      t.close();
    }
  });

  it('the same for a send through SmsClient with no retries: the close is not an unknown outcome', async () => {
    server.answer = (req) => req.socket.end(OK('R-send'));
    const t = createSocketHttpTransport();
    const sms = new SmsClient({
      accessKeyId: 'id',
      accessKeySecret: 'k',
      endpoint: `http://127.0.0.1:${server.port}`,
      transport: t.send,
      retries: 0,
    });
    try {
      for (let i = 0; i < 2; i++) {
        const result = await sms.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' });
        assert.equal(result.requestId, 'R-send');
        const conn = server.requests.at(-1)?.connection as number;
        while (!server.closed.includes(conn)) await turn();
      }
    } finally {
      t.close();
    }
  });

  it("a connection idle for longer than the server's Keep-Alive timeout less 1 s is closed, not reused", async () => {
    server.answer = (req) => req.socket.write(OK(`R-${req.connection}`, 'Keep-Alive: timeout=5\r\n'));
    const clock = new ManualClock();
    const t = createSocketHttpTransport({ clock });
    try {
      const send = async () => {
        await t.send(request());
        return server.requests.at(-1)?.connection as number;
      };
      const first = await send();
      clock.advance(3_999);
      assert.equal(await send(), first, 'reused within the window');
      clock.advance(4_000);
      const third = await send();
      assert.notEqual(third, first, 'a new connection after 4 s idle');
      while (!server.closed.includes(first)) await turn();
      // Without a hint, an idle connection is kept however long it waited.
      server.answer = (req) => req.socket.write(OK('R'));
      const plain = createSocketHttpTransport({ clock });
      try {
        await plain.send(request());
        const conn = server.requests.at(-1)?.connection;
        clock.advance(3_600_000);
        await plain.send(request());
        assert.equal(server.requests.at(-1)?.connection, conn);
      } finally {
        plain.close();
      }
    } finally {
      t.close();
    }
  });

  it('bytes arriving on an idle connection (a 408 before the server closes it) drop it from the pool', async () => {
    server.answer = (req) => {
      req.socket.write(OK('R'));
      // Unsolicited, as some servers do before closing an idle connection; the socket stays open.
      setImmediate(() => req.socket.write('HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n'));
    };
    const t = createSocketHttpTransport();
    try {
      await t.send(request());
      const first = server.requests.at(-1)?.connection as number;
      // The client closes it on seeing the stray answer.
      while (!server.closed.includes(first)) await turn();
      server.answer = (req) => req.socket.write(OK('R-2'));
      const r = await t.send(request());
      assert.equal(JSON.parse(r.body).RequestId, 'R-2', 'not the stray 408');
      assert.notEqual(server.requests.at(-1)?.connection, first);
    } finally {
      t.close();
    }
  });

  it('more concurrent calls than maxSockets queue and all complete over maxSockets connections', async () => {
    // Hold answers until both connections carry a request (or the last call came), so calls really queue.
    let held: RawRequest[] = [];
    let answered = 0;
    const total = 7;
    const startRequests = server.requests.length;
    server.answer = (req) => {
      held.push(req);
      if (held.length < 2 && server.requests.length - startRequests < total) return;
      for (const h of held) h.socket.write(OK(`R-${++answered}`));
      held = [];
    };
    const t = createSocketHttpTransport({ maxSockets: 2 });
    try {
      const firstConn = server.connections;
      const results = await Promise.all(Array.from({ length: total }, () => t.send(request())));
      assert.equal(results.length, total);
      assert.deepEqual(
        results.map((r) => JSON.parse(r.body).RequestId).sort(),
        Array.from({ length: total }, (_, i) => `R-${i + 1}`).sort(),
      );
      assert.equal(server.connections - firstConn, 2, 'never more than maxSockets connections');
    } finally {
      t.close();
    }
  });

  it('close() ends calls in flight (request sent) and queued ones (not sent); a send in flight is an unknown outcome', async () => {
    server.answer = () => {};
    const t = createSocketHttpTransport({ maxSockets: 2 });
    const arrived = server.requests.length;
    const calls = Array.from({ length: 3 }, () => t.send(request()).catch((e: unknown) => e));
    while (server.requests.length - arrived < 2) await turn();
    t.close();
    const [a, b, queued] = await Promise.all(calls);
    for (const e of [a, b])
      assert.ok(isTransportError(e) && e.requestSent && e.code === 'ERR_CLIENT_CLOSED', String(e));
    assert.ok(isTransportError(queued) && !queued.requestSent && queued.code === 'ERR_CLIENT_CLOSED', String(queued));

    // Still connecting (a TLS handshake this server never answers): nothing was sent.
    const tls = createSocketHttpTransport();
    const connections = server.connections;
    const connecting = tls.send({ ...request(), protocol: 'https:' }).catch((e: unknown) => e);
    while (server.connections === connections) await turn();
    tls.close();
    const c = await connecting;
    assert.ok(isTransportError(c) && !c.requestSent && c.code === 'ERR_CLIENT_CLOSED', String(c));

    const sms = new SmsClient({ accessKeyId: 'id', accessKeySecret: 'k', endpoint: `http://127.0.0.1:${server.port}` });
    const before = server.requests.length;
    const send = sms
      .sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' })
      .catch((e: unknown) => e);
    while (server.requests.length === before) await turn();
    sms.close();
    const err = await send;
    assert.ok(isSendOutcomeUnknownError(err), String(err));
    assert.equal(server.requests.length - before, 1, 'not retried');
  });
});
