import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import { isTransportError } from './errors/transport-error.js';
import type { HttpRequest } from './http-types.js';
import { createSocketHttpTransport } from './socket-http.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('socket transport against node:http servers', () => {
  let server: Server;
  let port: number;
  let handler: Handler;
  let connections = 0;
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const sockets = new Set<Socket>();

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        handler(req, body, res);
      });
    });
    server.on('connection', (s: Socket) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const request = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    method: 'POST',
    path: '/?Action=Test&Name=%E9%98%BF',
    headers: { host: `127.0.0.1:${port}`, 'x-acs-action': 'Test', 'content-length': '0' },
    body: undefined,
    connectTimeout: 2000,
    readTimeout: 2000,
    signal: undefined,
    ...extra,
  });

  it('sends method, path, headers and a UTF-8 form body; reads a chunked answer; reuses the connection', async () => {
    handler = (_req, _body, res) => {
      res.setHeader('x-acs-request-id', 'R');
      res.write('{"Code":');
      res.end('"OK","Message":"成功"}');
    };
    const t = createSocketHttpTransport();
    try {
      const start = connections;
      const body = 'SignName=%E9%98%BF&Text=短信';
      for (let i = 0; i < 3; i++) {
        const r = await t.send(
          request({
            body,
            headers: {
              host: 'h',
              'content-length': String(Buffer.byteLength(body)),
              'content-type': 'application/x-www-form-urlencoded',
            },
          }),
        );
        assert.equal(r.status, 200);
        assert.equal(r.headers['x-acs-request-id'], 'R');
        assert.deepEqual(JSON.parse(r.body), { Code: 'OK', Message: '成功' });
      }
      assert.equal(connections - start, 1, 'one keep-alive connection for sequential calls');
      const last = seen.at(-1);
      assert.equal(last?.method, 'POST');
      assert.equal(last?.url, '/?Action=Test&Name=%E9%98%BF');
      assert.equal(last?.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(last?.body, body);
    } finally {
      t.close();
    }
  });

  it('does not reuse a connection the server closes, and the next call opens a new one', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { connection: 'close', 'content-length': '2' });
      res.end('{}');
    };
    const t = createSocketHttpTransport();
    try {
      const start = connections;
      for (let i = 0; i < 3; i++) assert.equal((await t.send(request())).body, '{}');
      assert.equal(connections - start, 3);
    } finally {
      t.close();
    }
  });

  it('refuses a header value that would split the request head, before sending anything', async () => {
    handler = (_req, _body, res) => res.end('{}');
    const t = createSocketHttpTransport();
    try {
      const before = seen.length;
      const err = await t
        .send(request({ headers: { host: 'h', 'x-acs-security-token': 'tok\r\nx-evil: 1' } }))
        .catch((e: unknown) => e);
      assert.ok(isTransportError(err) && err.requestSent === false, String(err));
      assert.equal((await t.send(request())).body, '{}', 'the connection is still usable');
      assert.equal(seen.length - before, 1);
      assert.equal(seen.at(-1)?.headers['x-evil'], undefined);
    } finally {
      t.close();
    }
  });

  it('refuses a path or header name that would forge the request line or another header, before sending anything', async () => {
    handler = (_req, _body, res) => res.end('{}');
    const t = createSocketHttpTransport();
    try {
      const before = seen.length;
      for (const bad of [
        request({ path: '/ HTTP/1.1\r\nx-evil: 1\r\n\r\nGET /' }),
        request({ path: '/a b' }),
        request({ headers: { host: 'h', 'x-a: 1\r\nx-evil': '1' } }),
        request({ headers: { host: 'h', 'x-evil:1 x': '1' } }),
      ]) {
        const err = await t.send(bad).catch((e: unknown) => e);
        assert.ok(isTransportError(err) && err.requestSent === false, String(err));
      }
      assert.equal((await t.send(request())).body, '{}');
      assert.equal(seen.length - before, 1);
      assert.equal(seen.at(-1)?.headers['x-evil'], undefined);
    } finally {
      t.close();
    }
  });

  it('refuses a maxSockets or maxResponseBytes under 1 (0 would queue every call for ever)', () => {
    for (const bad of [
      { maxSockets: 0 },
      { maxSockets: 1.5 },
      { maxResponseBytes: 0 },
      { maxResponseBytes: Number.NaN },
    ])
      assert.throws(() => createSocketHttpTransport(bad), isInvalidArgumentError, JSON.stringify(bad));
  });

  it('adds a Content-Length when a hand-built request has none', async () => {
    handler = (_req, body, res) => res.end(JSON.stringify({ got: body }));
    const t = createSocketHttpTransport();
    try {
      const r = await t.send(request({ headers: { host: 'h' }, body: 'a=短' }));
      assert.deepEqual(JSON.parse(r.body), { got: 'a=短' });
    } finally {
      t.close();
    }
  });

  it('close() fails calls in flight and calls waiting for a connection', async () => {
    handler = () => {};
    const t = createSocketHttpTransport({ maxSockets: 1 });
    const arrived = seen.length;
    const first = t.send(request()).catch((e: unknown) => e);
    const queued = t.send(request()).catch((e: unknown) => e);
    while (seen.length === arrived) await new Promise((r) => setImmediate(r));
    t.close();
    const [a, b] = await Promise.all([first, queued]);
    assert.ok(isTransportError(a) && a.requestSent, String(a));
    assert.ok(isTransportError(b) && !b.requestSent, String(b));
  });

  it('reads a long body that arrives over many chunks', async () => {
    const long = 'x'.repeat(3_000_000);
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-length': String(long.length) });
      res.end(long);
    };
    const t = createSocketHttpTransport();
    try {
      assert.equal((await t.send(request())).body, long);
    } finally {
      t.close();
    }
  });

  it('idle keep-alive connections do not keep the process alive', async () => {
    handler = (_req, _body, res) => res.end('{"Code":"OK"}');
    const transportUrl = new URL('./socket-http.ts', import.meta.url).href;
    const script = `const { createSocketHttpTransport } = await import(${JSON.stringify(transportUrl)});
const t = createSocketHttpTransport();
const r = await t.send({ protocol: 'http:', hostname: '127.0.0.1', port: ${port}, method: 'POST', path: '/', headers: { host: 'h' }, body: undefined, connectTimeout: 2000, readTimeout: 2000, signal: undefined });
process.stdout.write(r.body);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    // The server keeps its side open for 5 s; a child held by its idle socket would outlive the deadline.
    const deadline = setTimeout(() => child.kill(), 4000);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    clearTimeout(deadline);
    assert.equal(out, '{"Code":"OK"}');
    assert.equal(code, 0, 'the child exited on its own');
  });
});
