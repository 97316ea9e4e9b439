// Proxies through a real proxy server (tinyproxy): an http target (the emulator) as an absolute-form
// request, an https target (a local TLS server with the test CA) through a CONNECT tunnel, proxy
// credentials that never reach an error, and NO_PROXY bypassing the proxy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { createNodeHttpTransport, isTransportError, type NodeHttpTransportOptions, SmsClient } from '../src/index.js';
import { type RunningProxy, startTinyproxy, tinyproxyAvailable } from './tinyproxy.js';

const SIGN = '阿里云短信测试';
const TEMPLATE = 'SMS_154950909';
const USER = 'alice';
const PASSWORD = 'pr0xy-s3cret';
const tls = (name: string) => readFileSync(new URL(`fixtures/tls/${name}`, import.meta.url), 'utf8');
const available = tinyproxyAvailable();

describe('proxies through tinyproxy', { skip: available ? false : 'tinyproxy is not installed' }, () => {
  let proxy: RunningProxy;
  let emulator: RunningEmulator;
  let httpsServer: Server;
  let httpsUrl: string;
  let httpsRequests = 0;
  const transports: Array<{ close(): void }> = [];
  const sms = (endpoint: string, options: NodeHttpTransportOptions) => {
    const transport = createNodeHttpTransport({ tls: { ca: tls('ca.pem') }, ...options });
    transports.push(transport);
    return new SmsClient({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      endpoint,
      transport: transport.send,
      retries: 0,
    });
  };
  const authed = () => `http://${USER}:${PASSWORD}@127.0.0.1:${proxy.port}`;

  before(async () => {
    proxy = await startTinyproxy({ user: USER, password: PASSWORD });
    emulator = await startEmulator({ delivery: false });
    httpsServer = createServer({ cert: tls('server.pem'), key: tls('server-key.pem') }, (req, res) => {
      httpsRequests++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', RequestId: 'R-TLS', BizId: 'B-1' }));
      });
    });
    await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
    httpsUrl = `https://localhost:${(httpsServer.address() as { port: number }).port}`;
  });
  after(async () => {
    for (const t of transports) t.close();
    await new Promise<void>((r) => httpsServer.close(() => r()));
    httpsServer.closeAllConnections();
    await emulator?.close();
    await proxy?.close();
  });

  it('http target (the emulator): SendSms and QuerySendDetails through the proxy, credentials from the URL', async () => {
    const client = sms(emulator.url, { proxy: authed(), env: {} });
    const sent = await client.sendSms({
      phoneNumbers: '13800138000',
      signName: SIGN,
      templateCode: TEMPLATE,
      templateParam: { code: '1234' },
    });
    assert.ok(sent.bizId);
    const details = await client.querySendDetails({ phoneNumber: '13800138000', sendDate: new Date() });
    assert.ok(details.totalCount >= 1);
  });

  it('the proxy is really on the path: without credentials it refuses (407), and the message holds no password', async () => {
    const err = await sms(emulator.url, { proxy: proxy.url, env: {} })
      .querySendDetails({ phoneNumber: '13800138000', sendDate: new Date() })
      .catch((e: unknown) => e);
    assert.equal((err as { httpStatus?: number }).httpStatus, 407, String(err));
    // HTTP_PROXY from the environment applies to http endpoints the same way.
    const fromEnv = await sms(emulator.url, { env: { HTTP_PROXY: proxy.url } })
      .querySendDetails({ phoneNumber: '13800138000', sendDate: new Date() })
      .catch((e: unknown) => e);
    assert.equal((fromEnv as { httpStatus?: number }).httpStatus, 407, String(fromEnv));
    const wrong = await sms(httpsUrl, { proxy: `http://${USER}:wrong-${PASSWORD}@127.0.0.1:${proxy.port}`, env: {} })
      .querySendDetails({ phoneNumber: '13800138000', sendDate: new Date() })
      .catch((e: unknown) => e);
    assert.ok(isTransportError(wrong), String(wrong));
    assert.equal(wrong.code, 'ALISMS_PROXY_REFUSED');
    assert.equal(wrong.requestSent, false, 'a refused tunnel proves nothing was sent');
    // tinyproxy answers a CONNECT with wrong credentials 401, other proxies 407.
    assert.match(wrong.message, /HTTP 40[17]/);
    for (const text of [String(wrong), wrong.stack ?? '', JSON.stringify(wrong)])
      assert.ok(!text.includes(PASSWORD), 'the proxy password leaked');
    // Refused credentials are not retried: a retry cannot mend them.
    const waits: number[] = [];
    const transport = createNodeHttpTransport({ proxy: proxy.url, env: {}, tls: { ca: tls('ca.pem') } });
    transports.push(transport);
    const retrying = new SmsClient({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      endpoint: httpsUrl,
      transport: transport.send,
      retries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const refused = await retrying
      .sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' })
      .catch((e: unknown) => e);
    assert.ok(isTransportError(refused) && refused.code === 'ALISMS_PROXY_REFUSED', String(refused));
    assert.deepEqual(waits, [], 'a refused proxy login is not retried');
  });

  it('https target: a CONNECT tunnel with TLS end to end (the test CA), credentials from HTTPS_PROXY', async () => {
    const before = httpsRequests;
    const client = sms(httpsUrl, { env: { HTTPS_PROXY: authed() } });
    const sent = await client.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' });
    assert.equal(sent.requestId, 'R-TLS');
    await client.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' });
    assert.equal(httpsRequests - before, 2);
  });

  it('https_proxy in lower case is honoured too, and NO_PROXY bypasses the proxy', async () => {
    // Without credentials the proxy refuses: a success proves the request went around it.
    const bypass = sms(httpsUrl, { env: { https_proxy: proxy.url, NO_PROXY: 'example.com, localhost' } });
    assert.equal(
      (await bypass.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' })).requestId,
      'R-TLS',
    );
    const through = sms(httpsUrl, { env: { https_proxy: proxy.url, no_proxy: 'example.com' } });
    const err = await through
      .sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' })
      .catch((e: unknown) => e);
    assert.ok(isTransportError(err) && err.code === 'ALISMS_PROXY_REFUSED', String(err));
  });

  it('proxy: false ignores the environment', async () => {
    const client = sms(httpsUrl, { proxy: false, env: { HTTPS_PROXY: 'http://127.0.0.1:1' } });
    assert.equal(
      (await client.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' })).requestId,
      'R-TLS',
    );
  });
});
