import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMemoryOtpStore, createOtp } from '@alisms/otp';
import { ManualClock } from 'alisms';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp, createLogger, createMemoryReceiptStore, fromOtp, toNodeHandler } from '../src/index.js';

const API_KEY = 'mount-test-key-0123456789';
const TO = '13800138000';

/** The service as docs/server.md builds it: the real OTP library on the memory store, a sender that keeps the codes. */
function buildApi() {
  const codes: string[] = [];
  const clientIps: Array<string | undefined> = [];
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const otp = createOtp({
    secret: 'mount-test-secret-0123456789abcdef',
    clock,
    store: createMemoryOtpStore(),
    sender: {
      async sendSms(_to, code) {
        codes.push(code);
      },
      async sendEmail(_to, code) {
        codes.push(code);
      },
    },
  });
  const verifications = fromOtp(otp, { clock });
  const api = createApp({
    verifications: {
      send(input) {
        clientIps.push(input.ip);
        return verifications.send(input);
      },
      check: (input) => verifications.check(input),
    },
    receipts: createMemoryReceiptStore(),
    apiKeys: [API_KEY],
    logger: createLogger({ level: 'silent' }),
    clock,
  });
  return { api, codes, clientIps };
}

function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Send, read the code the sender got, check it: the whole flow through the host framework. */
async function sendAndCheck(base: string, codes: string[], clientIps?: Array<string | undefined>): Promise<void> {
  const sent = await post(base, '/otp/v1/verifications', { to: TO });
  // The Node request reaches the service as env.incoming: the client address is the socket's.
  if (clientIps) assert.equal(clientIps.at(-1), '127.0.0.1');
  assert.equal(sent.status, 201, await sent.clone().text());
  assert.match(sent.headers.get('content-type') ?? '', /^application\/json/);
  const sentBody = (await sent.json()) as { status: string; to: string };
  assert.equal(sentBody.status, 'pending');
  assert.notEqual(sentBody.to, TO, 'the number is masked in the answer');
  const code = codes.at(-1);
  assert.ok(code);
  const wrong = await post(base, '/otp/v1/verifications/check', {
    to: TO,
    code: code === '000000' ? '111111' : '000000',
  });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), { status: 'rejected' });
  const checked = await post(base, '/otp/v1/verifications/check', { to: TO, code });
  assert.equal(checked.status, 200);
  assert.deepEqual(await checked.json(), { status: 'approved' });
  const again = await post(base, '/otp/v1/verifications/check', { to: TO, code });
  assert.deepEqual(await again.json(), { status: 'rejected' }, 'a code is consumed once');
}

/** Status and headers the service sets reach the client through the host. */
async function statusAndHeaders(base: string): Promise<void> {
  const anonymous = await fetch(`${base}/otp/v1/verifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: TO }),
  });
  assert.equal(anonymous.status, 401);
  const resend = await post(base, '/otp/v1/verifications', { to: TO });
  assert.equal(resend.status, 429, 'a second send inside the resend interval');
  assert.match(resend.headers.get('retry-after') ?? '', /^\d+$/);
  const bad = await post(base, '/otp/v1/verifications', '{"to":');
  assert.equal(bad.status, 400);
  const health = await fetch(`${base}/otp/healthz`);
  assert.equal(health.status, 200);
}

function listenExpress(app: express.Express): Promise<{ server: Server; base: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) return reject(error);
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('mounted in Express 5', () => {
  const { api, codes, clientIps } = buildApi();
  let server: Server;
  let base: string;

  before(async () => {
    // The example of docs/server.md, then the host's own routes with their own body parser.
    const app = express();
    app.use('/otp', toNodeHandler(api.fetch));
    app.use(express.json());
    app.post('/echo', (req, res) => {
      res.json({ got: req.body });
    });
    ({ server, base } = await listenExpress(app));
  });
  after(() => closeServer(server));

  it('sends a code and checks it, with the client address of the socket', () => sendAndCheck(base, codes, clientIps));

  it('passes status and headers through', () => statusAndHeaders(base));

  it("leaves the host's routes and body parser alone", async () => {
    const res = await post(base, '/echo', { a: 1 });
    assert.deepEqual(await res.json(), { got: { a: 1 } });
  });
});

describe('toNodeHandler behind a body parser', () => {
  it('names the mistake when a JSON parser read the body first', async () => {
    const { api } = buildApi();
    const app = express();
    app.use(express.json());
    app.use('/otp', toNodeHandler(api.fetch));
    const { server, base } = await listenExpress(app);
    try {
      const res = await post(base, '/otp/v1/verifications', { to: TO });
      assert.equal(res.status, 500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'body_already_read');
      assert.match(body.error.message, /before any body parser/);
    } finally {
      await closeServer(server);
    }
  });

  it('passes a raw Buffer body (express.raw) through unparsed', async () => {
    const { api, codes } = buildApi();
    const app = express();
    app.use(express.raw({ type: '*/*' }));
    app.use('/otp', toNodeHandler(api.fetch));
    const { server, base } = await listenExpress(app);
    try {
      await sendAndCheck(base, codes);
    } finally {
      await closeServer(server);
    }
  });
});

describe('mounted in Fastify 5', () => {
  const { api, codes, clientIps } = buildApi();
  let fastify: FastifyInstance;
  let base: string;

  before(async () => {
    fastify = Fastify();
    // The example of docs/server.md.
    const otp = toNodeHandler(api.fetch, { basePath: '/otp' });
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null)); // alisms reads the body itself
      scope.all('/otp/*', async (request, reply) => {
        reply.hijack();
        await otp(request.raw, reply.raw);
      });
    });
    fastify.post('/echo', async (request) => ({ got: request.body }));
    base = await fastify.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => fastify.close());

  it('sends a code and checks it, with the client address of the socket', () => sendAndCheck(base, codes, clientIps));

  it('passes status and headers through', () => statusAndHeaders(base));

  it("leaves the host's routes and JSON parser alone", async () => {
    const res = await post(base, '/echo', { a: 1 });
    assert.deepEqual(await res.json(), { got: { a: 1 } });
  });
});
