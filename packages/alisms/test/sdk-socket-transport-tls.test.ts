// The socket transport over TLS against a node:https server on loopback, with the test-only CA and
// certificates in test/fixtures/tls (see its README).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { SmsClient } from '../src/sms/sms-client.js';
import { isTransportError } from '../src/transport/errors/transport-error.js';
import type { HttpRequest } from '../src/transport/http-types.js';
import { createSocketHttpTransport } from '../src/transport/socket-http.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url), 'utf8');
const CA = fixture('ca.pem');

interface TlsServer {
  port: number;
  /** TLS handshakes completed, and requests answered. */
  handshakes: number;
  requests: number;
  /** Per request: whether its connection resumed an earlier TLS session. */
  resumed: boolean[];
  close(): Promise<void>;
}

async function startHttps(cert: string, key: string): Promise<TlsServer> {
  const sockets = new Set<Socket>();
  const state = { handshakes: 0, requests: 0, resumed: [] as boolean[] };
  const server: Server = createServer({ cert, key }, (req, res) => {
    state.requests++;
    state.resumed.push((req.socket as TLSSocket).isSessionReused());
    // `x-close: 1` asks for a fresh connection on the next call.
    if (req.headers['x-close'] === '1') res.shouldKeepAlive = false;
    req.resume();
    req.on('end', () => {
      const body = JSON.stringify({ Code: 'OK', Message: 'OK', BizId: 'B-1', RequestId: `R-${state.requests}` });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.on('secureConnection', () => state.handshakes++);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A client that refuses our certificate aborts the handshake: expected here, not a failure.
  server.on('tlsClientError', () => {});
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

const request = (port: number, extra: Record<string, string> = {}): HttpRequest => ({
  protocol: 'https:',
  hostname: '127.0.0.1',
  port,
  method: 'POST',
  path: '/',
  headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded', ...extra },
  body: 'a=1',
  connectTimeout: 2000,
  readTimeout: 2000,
  signal: undefined,
});

describe('socket transport over TLS', () => {
  let good: TlsServer;
  let wrongHost: TlsServer;
  before(async () => {
    good = await startHttps(fixture('server.pem'), fixture('server-key.pem'));
    wrongHost = await startHttps(fixture('wrong-host.pem'), fixture('wrong-host-key.pem'));
  });
  after(async () => {
    await good.close();
    await wrongHost.close();
  });

  it('succeeds when the CA is given, and carries every call over one TLS connection', async () => {
    const t = createSocketHttpTransport({ tls: { ca: CA } });
    try {
      const handshakes = good.handshakes;
      const ids: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await t.send(request(good.port));
        assert.equal(r.status, 200);
        ids.push(JSON.parse(r.body).RequestId);
      }
      assert.equal(new Set(ids).size, 3, 'three answers');
      assert.equal(good.handshakes - handshakes, 1, 'one handshake for three calls');
    } finally {
      t.close();
    }
  });

  it('a new connection to the same host resumes the TLS session instead of a full handshake', async () => {
    const t = createSocketHttpTransport({ tls: { ca: CA } });
    try {
      const handshakes = good.handshakes;
      await t.send(request(good.port, { 'x-close': '1' }));
      await t.send(request(good.port));
      assert.equal(good.handshakes - handshakes, 2, 'the server closed the first connection');
      assert.deepEqual(good.resumed.slice(-2), [false, true]);
    } finally {
      t.close();
    }
  });

  it('an SDK client sends over it when given the transport', async () => {
    const t = createSocketHttpTransport({ tls: { ca: [CA] } });
    const sms = new SmsClient({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      endpoint: `https://127.0.0.1:${good.port}`,
      transport: t.send,
    });
    try {
      const result = await sms.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' });
      assert.equal(result.bizId, 'B-1');
    } finally {
      sms.close();
      t.close();
    }
  });

  it('an untrusted certificate fails with a TransportError that names the cause; nothing was sent', async () => {
    const t = createSocketHttpTransport();
    try {
      const requests = good.requests;
      const err = await t.send(request(good.port)).catch((e: unknown) => e);
      assert.ok(isTransportError(err), String(err));
      assert.equal(err.requestSent, false);
      assert.match(err.message, /TLS certificate not trusted \([A-Z_]+: .+\).*tls\.ca/);
      assert.equal(good.requests, requests, 'no request reached the server');
    } finally {
      t.close();
    }
  });

  it('a certificate for another host name fails with a TransportError even from a trusted CA', async () => {
    const t = createSocketHttpTransport({ tls: { ca: CA } });
    try {
      const err = await t.send(request(wrongHost.port)).catch((e: unknown) => e);
      assert.ok(isTransportError(err), String(err));
      assert.equal(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
      assert.equal(err.requestSent, false);
      assert.match(err.message, /does not match the host name/);
      assert.equal(wrongHost.requests, 0);
    } finally {
      t.close();
    }
  });
});
