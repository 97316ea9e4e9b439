// The socket transport's answer parsing against a raw TCP server that writes exact bytes: framings,
// 1xx, folded and repeated headers, the size limit, malformed answers and an early close, through
// the transport alone and through SmsClient's retry policy.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type RawRequest, rawServer } from '../../../test/helpers/raw-http-server.js';
import { SmsClient } from '../src/sms/sms-client.js';
import { isInvalidResponseError } from '../src/transport/errors/invalid-response-error.js';
import { isSendOutcomeUnknownError } from '../src/transport/errors/send-outcome-unknown-error.js';
import { isTransportError } from '../src/transport/errors/transport-error.js';
import type { HttpRequest } from '../src/transport/http-types.js';
import { createSocketHttpTransport } from '../src/transport/socket-http.js';

/** Writes `bytes` one byte per write, each on its own turn of the event loop. */
async function writeByteByByte(socket: Socket, bytes: Buffer): Promise<void> {
  socket.setNoDelay(true);
  for (const byte of bytes) {
    if (socket.destroyed) return;
    await new Promise<void>((r) => socket.write(Buffer.from([byte]), () => r()));
  }
}

const JSON_OK = '{"Code":"OK","Message":"OK","BizId":"B-1","RequestId":"R-1"}';
const lengthAnswer = (body = JSON_OK, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('socket transport parsing exact bytes from a raw server', () => {
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
    headers: { host: `127.0.0.1:${server.port}`, 'content-length': '3' },
    body: 'a=1',
    connectTimeout: 2000,
    readTimeout: 5000,
    signal: undefined,
  });
  const transport = () => createSocketHttpTransport();

  it('chunked with extensions and trailers, sent one byte per write, then the connection is reused', async () => {
    const answer = Buffer.from(
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n4;name="v;1"\r\n{"Co\r\n${(JSON_OK.length - 4).toString(16)} ; x=y\r\n${JSON_OK.slice(4)}\r\n0;last\r\nX-Checksum: abc\r\n\r\n`,
    );
    server.answer = (req) => void writeByteByByte(req.socket, answer);
    const t = transport();
    try {
      const first = server.connections;
      assert.equal((await t.send(request())).body, JSON_OK);
      server.answer = (req) => req.socket.write(lengthAnswer());
      assert.equal((await t.send(request())).body, JSON_OK);
      assert.equal(server.connections - first, 1, 'both calls on one connection');
    } finally {
      t.close();
    }
  });

  it('Content-Length with 100 Continue first, folded and repeated headers', async () => {
    server.answer = (req) =>
      req.socket.write(
        `HTTP/1.1 100 Continue\r\n\r\n${lengthAnswer(JSON_OK, 'X-Folded: a\r\n b\r\nVia: 1.1 p\r\nVia: 1.1 q\r\nContent-Length: ' + Buffer.byteLength(JSON_OK) + '\r\n')}`,
      );
    const t = transport();
    try {
      const r = await t.send(request());
      assert.equal(r.status, 200);
      assert.equal(r.body, JSON_OK);
      assert.equal(r.headers['x-folded'], 'a b');
      assert.equal(r.headers.via, '1.1 p, 1.1 q');
    } finally {
      t.close();
    }
  });

  it('Connection: close is honoured even if the server leaves the socket open: the next call opens a new one', async () => {
    server.answer = (req) => req.socket.write(lengthAnswer(JSON_OK, 'Connection: close\r\n'));
    const t = transport();
    try {
      const first = server.connections;
      for (let i = 0; i < 3; i++) assert.equal((await t.send(request())).body, JSON_OK);
      const used = server.requests.slice(-3).map((r) => r.connection);
      assert.equal(new Set(used).size, 3, 'each call on its own connection');
      assert.equal(server.connections - first, 3);
      // The client closed the first two itself (the server never did).
      while (!server.closed.includes(used[1] as number)) await new Promise((r) => setImmediate(r));
      assert.ok(server.closed.includes(used[0] as number));
    } finally {
      t.close();
    }
  });

  it('a body over 8 MiB is refused with InvalidResponseError and the connection is dropped', async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x61);
    server.answer = (req) => {
      req.socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < 9; i++)
        req.socket.write(Buffer.concat([Buffer.from('100000\r\n'), mib, Buffer.from('\r\n')]));
      req.socket.write('0\r\n\r\n');
    };
    const t = transport();
    try {
      const err = await t.send(request()).catch((e: unknown) => e);
      assert.ok(isInvalidResponseError(err), String(err));
      assert.match(err.message, /8388608-byte limit \(maxResponseBytes\)/);
      const conn = server.requests.at(-1)?.connection as number;
      while (!server.closed.includes(conn)) await new Promise((r) => setImmediate(r));
      server.answer = (req) => req.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${9 * 1024 * 1024}\r\n\r\n`);
      const announced = await t.send(request()).catch((e: unknown) => e);
      assert.ok(isInvalidResponseError(announced), String(announced));
    } finally {
      t.close();
    }
  });

  it('maxResponseBytes sets the limit', async () => {
    server.answer = (req) => req.socket.write(lengthAnswer('x'.repeat(101)));
    const t = createSocketHttpTransport({ maxResponseBytes: 100 });
    try {
      const err = await t.send(request()).catch((e: unknown) => e);
      assert.ok(isInvalidResponseError(err) && /100-byte limit/.test(err.message), String(err));
    } finally {
      t.close();
    }
  });

  it('a malformed status line is InvalidResponseError, not retried even for a query', async () => {
    server.answer = (req) => req.socket.write('HTTP/1.1 OK 200\r\nContent-Length: 2\r\n\r\n{}');
    const t = transport();
    const sms = new SmsClient({
      accessKeyId: 'id',
      accessKeySecret: 'k',
      endpoint: `http://127.0.0.1:${server.port}`,
      transport: t.send,
      sleep: async () => {},
    });
    try {
      const err = await t.send(request()).catch((e: unknown) => e);
      assert.ok(isInvalidResponseError(err), String(err));
      assert.match(err.message, /Malformed status line/);
      const before = server.requests.length;
      const q = await sms
        .querySendDetails({ phoneNumber: '13800138000', sendDate: '20260101' })
        .catch((e: unknown) => e);
      assert.ok(isInvalidResponseError(q), String(q));
      assert.equal(server.requests.length - before, 1);
    } finally {
      t.close();
    }
  });

  describe('early close in the middle of the body', () => {
    const cut = (req: RawRequest) => {
      const full = lengthAnswer();
      req.socket.end(full.slice(0, full.length - 10));
    };
    const client = (retries: number) =>
      new SmsClient({
        accessKeyId: 'id',
        accessKeySecret: 'k',
        endpoint: `http://127.0.0.1:${server.port}`,
        retries,
        sleep: async () => {},
      });

    it('the transport rejects with a TransportError saying the request was sent', async () => {
      server.answer = cut;
      const t = transport();
      try {
        const err = await t.send(request()).catch((e: unknown) => e);
        assert.ok(isTransportError(err) && err.requestSent, String(err));
        assert.match(err.message, /closed before the answer was complete/);
      } finally {
        t.close();
      }
    });

    it('a send is SendOutcomeUnknownError and not retried', async () => {
      server.answer = cut;
      const sms = client(2);
      try {
        const before = server.requests.length;
        const err = await sms
          .sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1', outId: 'o-1' })
          .catch((e: unknown) => e);
        assert.ok(isSendOutcomeUnknownError(err), String(err));
        assert.equal(err.outId, 'o-1');
        assert.equal(server.requests.length - before, 1);
      } finally {
        sms.close();
      }
    });

    it('a query is retried and succeeds; with no retries it is a TransportError', async () => {
      let n = 0;
      server.answer = (req) =>
        n++ === 0 ? cut(req) : req.socket.write(lengthAnswer('{"Code":"OK","RequestId":"R-2","TotalCount":0}'));
      const sms = client(1);
      const once = client(0);
      const query = { phoneNumber: '13800138000', sendDate: '20260101' };
      try {
        const before = server.requests.length;
        const result = await sms.querySendDetails(query);
        assert.equal(result.requestId, 'R-2');
        assert.equal(server.requests.length - before, 2);
        server.answer = cut;
        const err = await once.querySendDetails(query).catch((e: unknown) => e);
        assert.ok(isTransportError(err) && err.requestSent, String(err));
      } finally {
        sms.close();
        once.close();
      }
    });
  });
});
