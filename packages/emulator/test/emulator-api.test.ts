import assert from 'node:assert/strict';
import { createServer, get, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { codeSmsParams, useEmulator } from '../../../test/helpers/emulator.js';
import { type StoredMessage, startEmulator } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';

const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

async function api(base: string, path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${base}/_emulator/api/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function sendSms(base: string, clock: ManualClock, to: string, code: string) {
  return callAliyun(base, { now: clock.now(), action: 'SendSms', params: codeSmsParams(to, code) });
}

describe('inspection API', () => {
  const clock = new ManualClock(NOW);
  const running = useEmulator({ clock, delivery: false, config: { flowControl: { enabled: false } } });
  before(async () => {
    await sendSms(running.url, clock, '13800138000', '1111');
    clock.advance(60_000);
    await sendSms(running.url, clock, '+8613800138000', '2222');
    clock.advance(60_000);
    await sendSms(running.url, clock, '13900139000', '3333');
  });

  it('GET messages: newest first, filtered by number in any Aliyun format', async () => {
    const all = (await api(running.url, 'messages')).json.messages as StoredMessage[];
    assert.deepEqual(
      all.map((m) => m.code),
      ['3333', '2222', '1111'],
    );
    for (const form of ['13800138000', '+8613800138000', '008613800138000', '8613800138000']) {
      const some = (await api(running.url, `messages?to=${encodeURIComponent(form)}`)).json.messages as StoredMessage[];
      assert.deepEqual(
        some.map((m) => m.code),
        ['2222', '1111'],
        form,
      );
    }
  });

  it('since and limit', async () => {
    const since = new Date(NOW + 60_000).toISOString();
    const recent = (await api(running.url, `messages?since=${since}`)).json.messages as StoredMessage[];
    assert.deepEqual(
      recent.map((m) => m.code),
      ['3333', '2222'],
    );
    const epoch = (await api(running.url, `messages?since=${NOW + 120_000}`)).json.messages as StoredMessage[];
    assert.equal(epoch.length, 1);
    const one = (await api(running.url, 'messages?limit=1')).json.messages as StoredMessage[];
    assert.equal(one.length, 1);
    assert.equal(one[0]?.code, '3333');
  });

  it('messages/latest and messages/:id', async () => {
    const latest = await api(running.url, 'messages/latest?to=008613800138000');
    assert.equal(latest.status, 200);
    assert.equal(latest.json.code, '2222');
    assert.equal(latest.json.toKey, '8613800138000');
    const byId = await api(running.url, `messages/${latest.json.id}`);
    assert.equal(byId.json.content, latest.json.content);
    assert.equal((await api(running.url, 'messages/latest?to=13700000000')).status, 404);
    assert.equal((await api(running.url, 'messages/nope')).status, 404);
    assert.equal((await api(running.url, 'messages/latest')).status, 400);
  });

  it('server-sent events: message, status, clear, keep-alive comments', async () => {
    const local = await startEmulator({ clock, delivery: false, sseKeepAliveMs: 20 });
    try {
      const events: string[] = [];
      let buffer = '';
      let onData: () => void = () => {};
      const req = get(`${local.url}/_emulator/api/events`, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const parts = buffer.split('\n\n');
          buffer = parts.pop() ?? '';
          events.push(...parts);
          onData();
        });
      });
      const waitFor = (predicate: (e: string) => boolean) =>
        new Promise<string>((resolve) => {
          const check = () => {
            const found = events.find(predicate);
            if (found) resolve(found);
          };
          onData = check;
          check();
        });
      await waitFor((e) => e === ': connected');
      await sendSms(local.url, clock, '13600000000', '4444');
      const message = await waitFor((e) => e.startsWith('event: message'));
      const sent = JSON.parse(message.split('data: ')[1] ?? '{}') as StoredMessage;
      assert.equal(sent.code, '4444');
      await local.emulator.store.update(sent.id, { status: 'delivered', errCode: 'DELIVERED' });
      const status = await waitFor((e) => e.startsWith('event: status'));
      assert.equal(JSON.parse(status.split('data: ')[1] ?? '{}').status, 'delivered');
      await api(local.url, 'messages', 'DELETE');
      await waitFor((e) => e.startsWith('event: clear'));
      await waitFor((e) => e === ': keep-alive');
      req.destroy();
    } finally {
      await local.close();
    }
  });

  it('DELETE messages clears the store', async () => {
    const local = await startEmulator({ clock, delivery: false });
    try {
      await sendSms(local.url, clock, '13600000001', '5555');
      assert.equal(((await api(local.url, 'messages')).json.messages as unknown[]).length, 1);
      assert.equal((await api(local.url, 'messages', 'DELETE')).status, 200);
      assert.equal(((await api(local.url, 'messages')).json.messages as unknown[]).length, 0);
    } finally {
      await local.close();
    }
  });

  it('POST sms-up pushes a simulated reply to receipts.upPushUrl', async () => {
    const received: unknown[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += String(c);
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":"接收成功"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const upPushUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms-up`;
    const local = await startEmulator({ clock, config: { receipts: { upPushUrl } } });
    try {
      const res = await api(local.url, 'sms-up', 'POST', { phoneNumber: '13800138000', content: 'TD' });
      assert.equal(res.status, 200);
      assert.equal(res.json.ok, true);
      const [push] = received as Array<Array<Record<string, string>>>;
      assert.equal(push?.[0]?.phone_number, '13800138000');
      assert.equal(push?.[0]?.content, 'TD');
      assert.equal((await api(running.url, 'sms-up', 'POST', { phoneNumber: '1', content: 'x' })).status, 409);
    } finally {
      await local.close();
      receiver.close();
    }
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await api(running.url, 'nothing-here');
    assert.equal(res.status, 404);
    assert.match(String(res.json.error), /not found/);
  });
});

describe('fault injection', () => {
  const clock = new ManualClock(NOW);
  const delays: number[] = [];
  let randomValue = 0;
  const running = useEmulator({
    clock,
    delivery: false,
    random: () => randomValue,
    delay: async (ms) => {
      delays.push(ms);
    },
    config: {
      flowControl: { enabled: false },
      faults: [{ action: 'QuerySmsSignList', kind: 'http5xx', status: 500 }],
    },
  });
  const send = () => sendSms(running.url, clock, '13800138000', '1234');

  it('config faults apply to their action only', async () => {
    const list = await callAliyun(running.url, { now: clock.now(), action: 'QuerySmsSignList' });
    assert.equal(list.status, 500);
    assert.equal(list.json.Code, 'InternalError');
    assert.equal((await send()).status, 200);
  });

  it('http5xx with a count: applies that many times, then disappears', async () => {
    const added = await api(running.url, 'faults', 'POST', { action: 'SendSms', kind: 'http5xx', count: 2 });
    assert.equal(added.status, 201);
    const first = await send();
    assert.equal(first.status, 503);
    assert.equal(first.json.Code, 'ServiceUnavailable');
    assert.equal((await send()).status, 503);
    assert.equal((await send()).status, 200);
    const faults = (await api(running.url, 'faults')).json.faults as Array<{ action: string }>;
    assert.deepEqual(
      faults.map((f) => f.action),
      ['QuerySmsSignList'],
    );
  });

  it('Throttling.User with a probability', async () => {
    const added = await api(running.url, 'faults', 'POST', { kind: 'throttling', probability: 0.5 });
    randomValue = 0.7;
    assert.equal((await send()).status, 200);
    randomValue = 0.2;
    const throttled = await send();
    assert.equal(throttled.status, 400);
    assert.equal(throttled.json.Code, 'Throttling.User');
    assert.equal((await api(running.url, `faults/${added.json.id}`, 'DELETE')).status, 200);
    assert.equal((await send()).status, 200);
    randomValue = 0;
  });

  it('latency waits, then answers normally', async () => {
    await api(running.url, 'faults', 'POST', { action: 'SendSms', kind: 'latency', ms: 2500, count: 1 });
    const res = await send();
    assert.equal(res.json.Code, 'OK');
    assert.deepEqual(delays, [2500]);
  });

  it('drop destroys the connection', async () => {
    await api(running.url, 'faults', 'POST', { action: 'SendSms', kind: 'drop', count: 1 });
    await assert.rejects(
      send(),
      (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET' || /socket hang up/.test(error.message),
    );
    assert.equal((await send()).status, 200);
  });

  it('timeout accepts and never answers until the client gives up', async () => {
    await api(running.url, 'faults', 'POST', { action: 'SendSms', kind: 'timeout', count: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${running.url}/?Action=SendSms`, { method: 'POST' }, () => resolve('answered'));
      req.setTimeout(300, () => {
        resolve('timed out');
        req.destroy();
      });
      req.on('error', () => {});
      req.end();
    });
    assert.equal(outcome, 'timed out');
  });

  it('bad faults are refused with the offending key named', async () => {
    const unknownKey = await api(running.url, 'faults', 'POST', { kind: 'drop', when: 'always' });
    assert.equal(unknownKey.status, 400);
    assert.match(String(unknownKey.json.error), /when/);
    const badKind = await api(running.url, 'faults', 'POST', { kind: 'explode' });
    assert.equal(badKind.status, 400);
    assert.match(String(badKind.json.error), /kind/);
  });

  it('DELETE faults clears them all', async () => {
    await api(running.url, 'faults', 'DELETE');
    assert.deepEqual((await api(running.url, 'faults')).json.faults, []);
    const list = await callAliyun(running.url, { now: clock.now(), action: 'QuerySmsSignList' });
    assert.equal(list.status, 200);
  });
});
