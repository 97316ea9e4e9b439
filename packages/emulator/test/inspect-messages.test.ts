// The inspection API's message operations (issue 14): delete, filters, paging, raw exchange,
// .eml and attachments, the mail HTML document, and hand-picked delivery outcomes with their receipt.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { codeSmsParams } from '../../../test/helpers/emulator.js';
import { type RunningEmulator, type StoredMessage, startEmulator } from '../src/index.js';
import { ManualScheduler } from '../src/receipts/index.js';
import { callAliyun, type SignedCall } from '../src/testing/signed-request.js';

const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);
const SECRET = 'inspect-canary-secret-7Qx9';
const TOKEN = 'CAIS-inspect-canary-sts-token-Zk42';
const KEY_ID = 'TESTinspectKey9876';

async function api(base: string, path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${base}/_emulator/api/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: the caller reads text
  }
  return { status: res.status, headers: res.headers, text, json };
}

describe('inspection API: messages', () => {
  const clock = new ManualClock(NOW);
  const scheduler = new ManualScheduler(clock);
  const pushed: Array<{ url: string; body: unknown }> = [];
  let running: RunningEmulator;
  let base: string;

  before(async () => {
    running = await startEmulator({
      clock,
      config: {
        flowControl: { enabled: false },
        accessKeys: [
          { id: 'testid', secret: 'testsecret' },
          { id: KEY_ID, secret: SECRET, securityToken: TOKEN },
        ],
        receipts: { delay: '1 h', pushUrl: 'http://127.0.0.1:9/receipts' },
      },
      delivery: {
        scheduler,
        post: async (url, body) => {
          pushed.push({ url, body });
          return { ok: true, status: 200 };
        },
      },
    });
    base = running.url;
  });
  after(() => running?.close());
  beforeEach(async () => {
    // Receipts an earlier test queued go out now, not in the middle of the next test.
    await scheduler.advance(0);
    await running.emulator.store.clear();
    pushed.length = 0;
  });

  const send = (to: string, code: string, extra: Partial<SignedCall> = {}) =>
    callAliyun(base, { now: clock.now(), action: 'SendSms', params: codeSmsParams(to, code), ...extra });

  it('raw view: action, params and headers as received, the answer as sent, secrets redacted (RPC v1 + STS)', async () => {
    const sent = await send('13800138000', '4321', {
      scheme: 'rpc',
      accessKeyId: KEY_ID,
      accessKeySecret: SECRET,
      securityToken: TOKEN,
    });
    assert.equal(sent.status, 200, sent.text);
    const [message] = running.emulator.store.list() as [StoredMessage];
    const raw = await api(base, `messages/${message.id}/raw`);
    assert.equal(raw.status, 200);
    const { request, response } = raw.json as {
      request: {
        action: string;
        method: string;
        scheme: string;
        params: Record<string, string>;
        headers: Record<string, string>;
      };
      response: { status: number; body: Record<string, unknown> };
    };
    assert.equal(request.action, 'SendSms');
    assert.equal(request.scheme, 'rpc');
    assert.equal(request.params.PhoneNumbers, '13800138000');
    assert.equal(request.params.SignatureMethod, 'HMAC-SHA1');
    assert.equal(request.params.Signature, '[REDACTED]');
    assert.equal(request.params.SecurityToken, '[REDACTED]');
    assert.equal(request.params.AccessKeyId, 'TEST****9876');
    assert.match(request.headers.host ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, sent.json, 'the response is exactly what the caller got');
    assert.equal(response.body.BizId, message.bizId);
    // Canary: nothing that would let an inbox viewer replay the call or lift the credentials.
    const signature = new URL(`http://x/?${sent.text}`).searchParams.get('Signature');
    for (const secret of [SECRET, TOKEN, KEY_ID, encodeURIComponent(TOKEN), signature].filter(Boolean))
      assert.doesNotMatch(raw.text, new RegExp(String(secret).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('raw view of a V3 call: the Authorization signature and STS header are redacted; a batch shares one exchange', async () => {
    const sent = await callAliyun(base, {
      now: clock.now(),
      action: 'SendBatchSms',
      accessKeyId: KEY_ID,
      accessKeySecret: SECRET,
      securityToken: TOKEN,
      params: {
        PhoneNumberJson: JSON.stringify(['13800138000', '13900139000']),
        SignNameJson: JSON.stringify(['阿里云短信测试', '阿里云短信测试']),
        TemplateCode: 'SMS_154950909',
        TemplateParamJson: JSON.stringify([{ code: '1111' }, { code: '2222' }]),
      },
    });
    assert.equal(sent.status, 200, sent.text);
    const messages = running.emulator.store.list();
    assert.equal(messages.length, 2);
    const raws = await Promise.all(messages.map((m) => api(base, `messages/${m.id}/raw`)));
    assert.equal(raws[0]?.text, raws[1]?.text);
    const headers = (raws[0]?.json.request as { headers: Record<string, string> } | undefined)?.headers ?? {};
    assert.match(
      headers.authorization ?? '',
      /^ACS3-HMAC-SHA256 Credential=TEST\*\*\*\*9876,SignedHeaders=[^,]+,Signature=\[REDACTED\]$/,
    );
    assert.equal(headers['x-acs-security-token'], '[REDACTED]');
    assert.equal(headers['x-acs-action'], 'SendBatchSms');
    for (const secret of [SECRET, TOKEN, KEY_ID]) assert.ok(!raws[0]?.text.includes(secret), `${secret} leaked`);
  });

  it('raw view of an unknown message is 404', async () => {
    assert.equal((await api(base, 'messages/0000009999/raw')).status, 404);
  });

  it('DELETE messages/{id}: 204, then gone (404), and the SSE stream says so', async () => {
    await send('13800138000', '1111');
    await send('13900139000', '2222');
    const [newest, oldest] = running.emulator.store.list() as [StoredMessage, StoredMessage];
    const events = await fetch(`${base}/_emulator/api/events`);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // ": connected"
    const del = await api(base, `messages/${oldest.id}`, 'DELETE');
    assert.equal(del.status, 204);
    assert.equal(del.text, '');
    assert.equal((await api(base, `messages/${oldest.id}`)).status, 404);
    assert.equal((await api(base, `messages/${oldest.id}`, 'DELETE')).status, 404);
    assert.deepEqual(
      running.emulator.store.list().map((m) => m.id),
      [newest.id],
    );
    const event = new TextDecoder().decode((await reader.read()).value);
    assert.equal(event, `event: delete\ndata: {"ids":["${oldest.id}"]}\n\n`);
    await reader.cancel();
  });

  it('DELETE messages?to= deletes one conversation, whatever format the number is given in', async () => {
    await send('13800138000', '1111');
    await send('+8613800138000', '2222');
    await send('13900139000', '3333');
    const del = await api(base, `messages?to=${encodeURIComponent('0086 138 0013 8000'.replace(/ /g, ''))}`, 'DELETE');
    assert.equal(del.status, 200);
    assert.equal(del.json.deleted, 2);
    assert.deepEqual(
      running.emulator.store.list().map((m) => m.code),
      ['3333'],
    );
    assert.equal((await api(base, 'messages?to=', 'DELETE')).status, 400, 'an empty to is a mistake, not "delete all"');
    assert.equal(running.emulator.store.list().length, 1);
    assert.deepEqual((await api(base, 'messages', 'DELETE')).json, { cleared: true });
    assert.equal(running.emulator.store.list().length, 0);
  });

  it("filters by channel and status; pending is the store's waiting; unknown values are a 400", async () => {
    await send('13800138000', '1111');
    await send('13900139000', '2222');
    await callAliyun(base, {
      now: clock.now(),
      action: 'SingleSendMail',
      version: '2015-11-23',
      params: {
        AccountName: 'noreply@mail.example.com',
        AddressType: '1',
        ReplyToAddress: 'false',
        ToAddress: 'alice@example.com',
        Subject: '验证码',
        HtmlBody: '<p>您的验证码是 654321</p>',
      },
    });
    const [, second] = running.emulator.store.list({ product: 'sms' }) as [StoredMessage, StoredMessage];
    await api(base, `messages/${second.id}/delivery`, 'POST', {
      status: 'failed',
      errorCode: 'MOBILE_ACCOUNT_ABNORMAL',
    });
    const codes = async (query: string) =>
      ((await api(base, `messages?${query}`)).json.messages as StoredMessage[]).map((m) => m.code);
    assert.deepEqual(await codes('channel=mail'), ['654321']);
    assert.deepEqual(await codes('channel=sms'), ['2222', '1111']);
    assert.deepEqual(await codes('product=sms'), ['2222', '1111'], 'the older product= spelling still works');
    assert.deepEqual(await codes('channel=intl'), []);
    assert.deepEqual(await codes('channel=dypns'), []);
    assert.deepEqual(await codes('status=failed'), ['1111']);
    assert.deepEqual(await codes('status=pending'), ['654321', '2222']);
    assert.deepEqual(await codes('channel=sms&status=pending'), ['2222']);
    assert.deepEqual(await codes('status=delivered'), []);
    for (const bad of ['channel=fax', 'status=lost', 'limit=0', 'limit=abc', 'limit=10001']) {
      const res = await api(base, `messages?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.match(String(res.json.error), /must be/, bad);
    }
  });

  it('pages with before + limit through everything the store keeps, newest first, no gaps or repeats', async () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 100_000);
    const total = 37 + (seed % 20);
    for (let i = 0; i < total; i++) await running.emulator.store.add(message(i));
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await api(base, `messages?limit=10${before ? `&before=${before}` : ''}`);
      const list = res.json.messages as StoredMessage[];
      seen.push(...list.map((m) => m.id));
      if (!res.json.more) {
        assert.equal(res.json.next, undefined);
        break;
      }
      assert.equal(res.json.next, list[list.length - 1]?.id, `seed ${seed}`);
      before = String(res.json.next);
    }
    const expected = running.emulator.store.list({ limit: 100_000 }).map((m) => m.id);
    assert.equal(expected.length, total, `seed ${seed}`);
    assert.deepEqual(seen, expected, `seed ${seed}: paging must visit every message once, newest first`);
  });

  it('POST messages/{id}/delivery settles the message and pushes its receipt at once', async () => {
    await send('13800138000', '1111');
    const [m] = running.emulator.store.list() as [StoredMessage];
    const failed = await api(base, `messages/${m.id}/delivery`, 'POST', {
      status: 'failed',
      errorCode: 'MOBILE_NOT_ON_SERVICE',
    });
    assert.equal(failed.status, 200);
    assert.equal(failed.json.status, 'failed');
    assert.equal(failed.json.errCode, 'MOBILE_NOT_ON_SERVICE');
    assert.equal(failed.json.receivedAt, new Date(clock.now()).toISOString());
    await scheduler.advance(0);
    await waitFor(() => pushed.length === 1);
    const [item] = (pushed[0]?.body ?? []) as Array<Record<string, unknown>>;
    assert.equal(item?.biz_id, m.bizId);
    assert.equal(item?.success, false);
    assert.equal(item?.err_code, 'MOBILE_NOT_ON_SERVICE');
    // The carrier's own verdict (due in 1 h) no longer fires: one receipt per verdict.
    await scheduler.advance(3_600_000);
    assert.equal(running.emulator.store.get(m.id)?.errCode, 'MOBILE_NOT_ON_SERVICE');
    const delivered = await api(base, `messages/${m.id}/delivery`, 'POST', { status: 'delivered' });
    assert.equal(delivered.json.errCode, 'DELIVERED');
    assert.equal(pushed.length, 1, 'the carrier timer was cancelled: no second receipt for the first verdict');
    await scheduler.advance(0);
    await waitFor(() => pushed.length === 2);
    assert.equal(((pushed[1]?.body ?? []) as Array<Record<string, unknown>>)[0]?.err_code, 'DELIVERED');
  });

  it('POST messages/{id}/delivery: clear 400s for bad bodies, 404 for unknown ids', async () => {
    await send('13800138000', '1111');
    const [m] = running.emulator.store.list() as [StoredMessage];
    for (const body of [{}, { status: 'pending' }, { status: 'failed', errorCode: 'bad code\nX' }, []]) {
      const res = await api(base, `messages/${m.id}/delivery`, 'POST', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(String(res.json.error), /status|errorCode|object/);
    }
    const notJson = await fetch(`${base}/_emulator/api/messages/${m.id}/delivery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'status=failed',
    });
    assert.equal(notJson.status, 400);
    assert.equal((await api(base, 'messages/0000009999/delivery', 'POST', { status: 'delivered' })).status, 404);
    assert.equal((await api(base, `messages/${m.id}/delivery`)).status, 405);
  });

  it('.eml of a mail: headers (Chinese subject encoded), both bodies, attachments; attachments download alone', async () => {
    const mail: StoredMessage = {
      ...message(0),
      id: '0000000500',
      product: 'mail',
      action: 'SingleSendMail',
      to: 'alice@example.com',
      toKey: 'alice@example.com',
      content: '您的验证码',
      envId: '600000123',
      mail: {
        from: 'noreply@mail.example.com',
        fromAlias: '示例',
        subject: '您的验证码',
        htmlBody: '<p>验证码 <b>654321</b></p>',
        textBody: '验证码 654321',
        attachments: [
          { filename: '说明.txt', contentType: 'text/plain', content: Buffer.from('附件内容').toString('base64') },
        ],
      } as NonNullable<StoredMessage['mail']>,
    };
    await running.emulator.store.add(mail);
    const eml = await fetch(`${base}/_emulator/api/messages/${mail.id}/eml`);
    assert.equal(eml.status, 200);
    assert.equal(eml.headers.get('content-type'), 'message/rfc822');
    assert.match(eml.headers.get('content-disposition') ?? '', /^attachment; filename="600000123\.eml"/);
    const text = await eml.text();
    assert.match(text, /^From: =\?UTF-8\?B\?56S65L6L\?= <noreply@mail\.example\.com>\r\n/);
    assert.ok(text.includes(`\r\nSubject: =?UTF-8?B?${Buffer.from('您的验证码').toString('base64')}?=\r\n`));
    assert.match(text, /Content-Type: multipart\/mixed; boundary="[^"]+"/);
    assert.match(text, /Content-Type: multipart\/alternative; boundary="[^"]+"/);
    assert.ok(text.includes(Buffer.from('<p>验证码 <b>654321</b></p>').toString('base64')));
    assert.ok(text.includes(Buffer.from('验证码 654321').toString('base64')));
    assert.match(text, /Content-Disposition: attachment; filename="说明\.txt"/);
    assert.ok(text.includes(Buffer.from('附件内容').toString('base64')));
    const list = await api(base, `messages/${mail.id}/attachments`);
    assert.deepEqual(list.json.attachments, [{ index: 0, filename: '说明.txt', contentType: 'text/plain', size: 12 }]);
    const file = await fetch(`${base}/_emulator/api/messages/${mail.id}/attachments/0`);
    assert.equal(await file.text(), '附件内容');
    assert.equal(file.headers.get('content-security-policy'), 'sandbox');
    assert.match(file.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E8%AF%B4%E6%98%8E\.txt/);
    assert.equal((await fetch(`${base}/_emulator/api/messages/${mail.id}/attachments/1`)).status, 404);
    await send('13800138000', '1111');
    const sms = running.emulator.store.list({ product: 'sms' })[0] as StoredMessage;
    assert.equal((await api(base, `messages/${sms.id}/eml`)).status, 404);
  });

  it('mail HTML document: remote images only when asked for, never scripts', async () => {
    const mail: StoredMessage = {
      ...message(0),
      id: '0000000600',
      product: 'mail',
      to: 'bob@example.com',
      toKey: 'bob@example.com',
      mail: { from: 'a@b.c', subject: 's', htmlBody: '<img src="https://img.example.com/logo.png">' },
    };
    await running.emulator.store.add(mail);
    const blocked = await fetch(`${base}/_emulator/api/messages/${mail.id}/html`);
    assert.match(blocked.headers.get('content-security-policy') ?? '', /img-src data:;/);
    const allowed = await fetch(`${base}/_emulator/api/messages/${mail.id}/html?images=remote`);
    const csp = allowed.headers.get('content-security-policy') ?? '';
    assert.match(csp, /img-src data: http: https:;/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /sandbox$/);
    assert.equal(await allowed.text(), mail.mail?.htmlBody);
  });
});

function message(i: number): StoredMessage {
  return {
    id: String(100 + i).padStart(10, '0'),
    product: 'sms',
    action: 'SendSms',
    to: `1380013${String(8000 + (i % 7)).padStart(4, '0')}`,
    toKey: `861380013${String(8000 + (i % 7)).padStart(4, '0')}`,
    content: `【阿里云短信测试】验证码 ${1000 + i}`,
    code: String(1000 + i),
    segments: 1,
    status: 'waiting',
    sentAt: new Date(NOW + i * 1000).toISOString(),
  };
}

/** Waits for a receipt push started by the API call (the push runs after the call answers). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(done(), 'the receipt push never happened');
}
