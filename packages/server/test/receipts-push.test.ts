import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { MemoryStore, smsMessage } from '../../../test/helpers/memory-store.js';
import { acknowledge, type Receiver, type Responder, startReceiver } from '../../../test/helpers/receiver.js';
import {
  type Delivery,
  ManualScheduler,
  type PushAttempt,
  type StartDeliveryOptions,
  startDelivery,
} from '../../emulator/src/receipts/index.js';

const SCALE = 0.001;
const T0 = Date.UTC(2026, 0, 15, 2, 3, 4);

/** Collects push attempts and lets a test wait for the n-th one (no timing involved). */
function attemptLog() {
  const attempts: PushAttempt[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    attempts,
    onAttempt(a: PushAttempt) {
      attempts.push(a);
      for (const w of waiters.filter((w) => attempts.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    async waitFor(n: number): Promise<PushAttempt> {
      if (attempts.length < n) await new Promise<void>((resolve) => waiters.push({ n, resolve }));
      return attempts[n - 1]!;
    },
  };
}

describe('SmsReport push', () => {
  let receiver: Receiver | undefined;
  let delivery: Delivery | undefined;
  let store: MemoryStore;
  let clock: ManualClock;
  let scheduler: ManualScheduler;
  let log: ReturnType<typeof attemptLog>;

  beforeEach(() => {
    store = new MemoryStore();
    clock = new ManualClock(T0);
    scheduler = new ManualScheduler(clock);
    log = attemptLog();
  });
  afterEach(async () => {
    await delivery?.stop();
    await receiver?.close();
    delivery = undefined;
    receiver = undefined;
  });

  async function start(respond: Responder = acknowledge, config: StartDeliveryOptions['config'] = {}) {
    receiver = await startReceiver(respond);
    delivery = startDelivery({
      store,
      clock,
      scheduler,
      config: { delay: 1000, retryScale: SCALE, pushUrl: receiver.url, ...config },
      onAttempt: log.onAttempt,
    });
    return receiver;
  }

  const at = (ms: number) => new Date(T0 + ms).toISOString();

  it('POSTs a JSON array in the SmsReport shape with the right types and UTC+8 times', async () => {
    const r = await start();
    await store.add(
      smsMessage({
        to: '+86 138 0013 8000',
        toKey: '8613800138000',
        bizId: '123^0',
        outId: 'order-7',
        segments: 2,
        sentAt: at(0),
      }),
    );
    await scheduler.advance(1000);
    const [push] = await r.waitFor(1);
    assert.match(String(push!.headers['content-type']), /^application\/json/);
    assert.deepEqual(push!.body, [
      {
        phone_number: '13800138000',
        send_time: '2026-01-15 10:03:04',
        report_time: '2026-01-15 10:03:05',
        success: true,
        err_code: 'DELIVERED',
        err_msg: '用户接收成功',
        sms_size: '2',
        biz_id: '123^0',
        out_id: 'order-7',
      },
    ]);
    assert.equal((await log.waitFor(1)).outcome.ok, true);
  });

  it('batches receipts that fall due together and splits at maxBatch', async () => {
    const r = await start(acknowledge, { maxBatch: 2 });
    for (const to of ['13800000001', '13800000002', '13800000003']) {
      await store.add(smsMessage({ to, toKey: `86${to}`, sentAt: at(0) }));
    }
    clock.advance(400);
    await store.add(smsMessage({ to: '13800000004', toKey: '8613800000004', sentAt: at(400) }));
    await scheduler.advance(1000);
    const pushes = await r.waitFor(2);
    const phones = (i: number) => (pushes[i]!.body as Array<{ phone_number: string }>).map((x) => x.phone_number);
    assert.deepEqual(phones(0), ['13800000001', '13800000002']);
    assert.deepEqual(phones(1), ['13800000003']);
    await scheduler.advance(400);
    const later = await r.waitFor(3);
    assert.deepEqual(
      (later[2]!.body as Array<{ phone_number: string }>).map((x) => x.phone_number),
      ['13800000004'],
    );
  });

  it('retries after 1 and 5 minutes (scaled) when the receiver answers 500 twice, then stops', async () => {
    const r = await start((_p, i, res) => (i < 2 ? res.writeHead(500).end('busy') : acknowledge(_p, i, res)));
    await store.add(smsMessage({ sentAt: at(0) }));
    await scheduler.advance(1000);
    const first = await log.waitFor(1);
    assert.equal(first.outcome.ok, false);
    assert.equal(first.outcome.status, 500);
    assert.equal(first.retryInMs, 60_000 * SCALE);
    await scheduler.advance(60_000 * SCALE - 1);
    assert.equal(scheduler.pending, 1, 'the retry is still waiting one ms before its time');
    assert.equal(r.pushes.length, 1);
    await scheduler.advance(1);
    const second = await log.waitFor(2);
    assert.equal(second.retryInMs, 300_000 * SCALE);
    await scheduler.advance(300_000 * SCALE);
    const third = await log.waitFor(3);
    assert.equal(third.outcome.ok, true);
    assert.equal(third.attempt, 3);
    const pushes = await r.waitFor(3);
    assert.deepEqual(pushes[2]!.body, pushes[0]!.body, 'a retry resends the same batch');
    await scheduler.advance(3_600_000);
    assert.equal(r.pushes.length, 3);
    assert.equal(scheduler.pending, 0);
  });

  it('gives up after the 1, 5, 10 minute schedule', async () => {
    const r = await start((_p, _i, res) => res.writeHead(503).end());
    await store.add(smsMessage({ sentAt: at(0) }));
    await scheduler.advance(1000);
    for (const [n, delay] of [
      [1, 60_000],
      [2, 300_000],
      [3, 600_000],
    ] as const) {
      const a = await log.waitFor(n);
      assert.equal(a.retryInMs, delay * SCALE);
      assert.equal(a.gaveUp, false);
      await scheduler.advance(delay * SCALE);
    }
    const last = await log.waitFor(4);
    assert.equal(last.gaveUp, true);
    assert.equal(last.retryInMs, undefined);
    await scheduler.advance(3_600_000);
    assert.equal(r.pushes.length, 4);
    assert.equal(scheduler.pending, 0);
  });

  it('treats HTTP 200 with a code other than 0, or a non-JSON body, as not received', async () => {
    const answers = [JSON.stringify({ code: 1, msg: 'no' }), 'OK', JSON.stringify({ code: 0 })];
    await start((_p, i, res) => res.writeHead(200).end(answers[i]));
    await store.add(smsMessage({ sentAt: at(0) }));
    await scheduler.advance(1000);
    assert.match((await log.waitFor(1)).outcome.reason ?? '', /code 1/);
    await scheduler.advance(60_000 * SCALE);
    assert.match((await log.waitFor(2)).outcome.reason ?? '', /not JSON/);
    await scheduler.advance(300_000 * SCALE);
    assert.equal((await log.waitFor(3)).outcome.ok, true);
  });

  it('counts a receiver that does not answer in time as failed', async () => {
    const held: Array<{ end(): void }> = [];
    await start((_p, _i, res) => held.push(res), { pushTimeout: 50 });
    await store.add(smsMessage({ sentAt: at(0) }));
    await scheduler.advance(1000);
    const first = await log.waitFor(1);
    assert.match(first.outcome.reason ?? '', /no answer within 50 ms/);
    assert.equal(first.retryInMs, 60_000 * SCALE);
    for (const res of held) res.end();
  });

  it('pushes international receipts in the international shape on their own schedule', async () => {
    const r = await start(acknowledge, { deliveredRatio: 0, failCode: 'UNKNOWN' });
    await store.add(
      smsMessage({
        product: 'intl',
        action: 'SendMessageToGlobe',
        to: '85212345678',
        toKey: '85212345678',
        messageId: '1008030300****',
        taskId: 'task-1',
        segments: 1,
        sentAt: at(0),
      }),
    );
    await scheduler.advance(1000);
    const [push] = await r.waitFor(1);
    assert.deepEqual(push!.body, [
      {
        To: '85212345678',
        Status: '2',
        MessageId: '1008030300****',
        SmsSize: '1',
        TaskId: 'task-1',
        SendDate: 'Thu, 15 Jan 2026 10:03:04 +0800',
        ReceiveDate: 'Thu, 15 Jan 2026 10:03:05 +0800',
        ErrorCode: 'UNKNOWN',
        ErrorDescription: '未知异常',
      },
    ]);
  });

  it('does not push Direct Mail, but still settles its status', async () => {
    const r = await start();
    const mail = smsMessage({
      product: 'mail',
      action: 'SingleSendMail',
      to: 'a@example.com',
      toKey: 'a@example.com',
      sentAt: at(0),
    });
    await store.add(mail);
    await scheduler.advance(1000);
    assert.equal(store.get(mail.id)?.status, 'delivered');
    await scheduler.advance(1000);
    assert.equal(r.pushes.length, 0);
  });
});
